import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One subscription Chromium asked its push service for (a GCM registration request, as sent). */
export interface BrowserRegistration {
  /** The application server key (`sender`): the hub's VAPID public key for a web push subscription. */
  sender: string;
  /** `wp:<origin>#<id>` for a web push subscription. */
  subtype: string;
  token: string;
}

/**
 * The browser's own side of web push, on this machine: Chromium subscribes through Google's GCM
 * check-in and registration endpoints, which it reaches here through its `--gcm-checkin-url` and
 * `--gcm-registration-url` switches. The check-in answers with a device id and security token
 * (AndroidCheckinResponse, protobuf); a registration answers `token=…`, from which Chromium builds
 * the subscription's endpoint. Delivery to the browser (the MCS connection) is not served: tests
 * hand pushes to the service worker through DevTools.
 */
export interface BrowserPushService {
  /** Command-line switches that point Chromium at this service. */
  chromiumArgs: string[];
  registrations: BrowserRegistration[];
  /** Registrations the browser deleted (an unsubscribe). */
  deletions: string[];
  close(): Promise<void>;
}

const DEVICE_ID = 4_205_620_170_421n;
const SECURITY_TOKEN = 8_100_431_772_305n;

/** Protobuf of AndroidCheckinResponse: stats_ok (1, bool), android_id (7, fixed64), security_token (8, fixed64). */
function checkinResponse(): Buffer {
  const fixed64 = (tag: number, value: bigint) => {
    const out = Buffer.alloc(9);
    out[0] = tag;
    out.writeBigUInt64LE(value, 1);
    return out;
  };
  return Buffer.concat([Buffer.from([0x08, 0x01]), fixed64((7 << 3) | 1, DEVICE_ID), fixed64((8 << 3) | 1, SECURITY_TOKEN)]);
}

export async function startBrowserPushService(): Promise<BrowserPushService> {
  const registrations: BrowserRegistration[] = [];
  const deletions: string[] = [];
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && req.url === '/checkin') {
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(checkinResponse());
        return;
      }
      if (req.method === 'POST' && req.url === '/register') {
        // registration requests carry the device's credentials, as Google's service requires
        if (req.headers.authorization !== `AidLogin ${DEVICE_ID}:${SECURITY_TOKEN}`) {
          res.writeHead(401).end('Error=AUTHENTICATION_FAILED');
          return;
        }
        const form = new URLSearchParams(body.toString('utf8'));
        if (form.get('delete') === 'true') {
          deletions.push(form.get('X-subtype') ?? form.get('app') ?? '');
          res.writeHead(200, { 'content-type': 'text/plain' }).end(`deleted=${form.get('app')}`);
          return;
        }
        const token = `preau-test-${++next}-${Date.now().toString(36)}`;
        const subtype = form.get('X-subtype') ?? '';
        // Chromium first registers its own GCM instance (no subtype); only web push ones are kept
        if (subtype.startsWith('wp:')) registrations.push({ sender: form.get('sender') ?? '', subtype, token });
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`token=${token}`);
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    // the MCS endpoint (where pushes would stream from) is pointed here too, so nothing leaves the machine
    chromiumArgs: [`--gcm-checkin-url=${base}/checkin`, `--gcm-registration-url=${base}/register`, `--gcm-mcs-endpoint=${base.replace('http:', 'https:')}`],
    registrations,
    deletions,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
