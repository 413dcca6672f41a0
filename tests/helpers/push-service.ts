import { execFile } from 'node:child_process';
import { createECDH, createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// http_ece is CommonJS without type declarations: only decrypt is used, typed here
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ReturnType<typeof createECDH>; authSecret: Buffer }): Buffer;
};

/** A browser's side of a push subscription: what it hands the server, and the private half to read messages. */
export interface SubscriptionKeys {
  /** Public ECDH P-256 key, uncompressed point, base64url. */
  p256dh: string;
  /** 16-byte authentication secret, base64url. */
  auth: string;
  /** Decrypts an aes128gcm body (RFC 8188/8291) sent to this subscription. */
  decrypt(body: Buffer): Buffer;
}

/** Generates a subscription key pair as a user agent does (RFC 8291 §2). */
export function subscriptionKeys(): SubscriptionKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    p256dh: ecdh.getPublicKey('base64url'),
    auth: authSecret.toString('base64url'),
    decrypt: (body) => ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret }),
  };
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
  [claim: string]: unknown;
}

/** One message the service accepted, decrypted. */
export interface ReceivedPush {
  id: string;
  headers: { ttl: number; urgency: string | undefined; topic: string | undefined };
  claims: VapidClaims;
  /** The application server key of the VAPID header (`k=`). */
  vapidKey: string;
  payload: unknown;
  at: Date;
}

export interface PushService {
  /** https://localhost:PORT, also the `aud` a VAPID JWT must carry. */
  origin: string;
  /** PEM of the self-signed certificate, for the sender to trust. */
  ca: string;
  /** Every accepted message, in arrival order. */
  received: ReceivedPush[];
  /** Requests that reached the service, whatever the answer. */
  readonly requests: number;
  /** TLS connections opened to the service. */
  readonly connections: number;
  /** Most requests being handled at the same moment. */
  readonly maxInFlight: number;
  /** Time each request is held before the answer, so concurrency becomes visible. */
  latencyMs: number;
  /** Push URL of a subscription (a fresh id when none is given). */
  endpoint(id?: string): string;
  /** Binds keys to a subscription id; with `vapidKey`, other application server keys get 403 (RFC 8292 §4.2). */
  register(id: string, keys: SubscriptionKeys, options?: { vapidKey?: string }): void;
  /** A fresh registered subscription: its endpoint and keys, as a browser would hand them over. */
  subscribe(options?: { vapidKey?: string }): { id: string; endpoint: string; p256dh: string; auth: string; keys: SubscriptionKeys };
  /** The next `times` requests (default 1) get this answer and are not recorded. */
  respondNext(status: number, headers?: Record<string, string>, times?: number): void;
  /** Zeroes the request, connection and in-flight counters. */
  resetCounters(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 8192;
const MAX_JWT_LIFETIME_S = 24 * 60 * 60;

/**
 * Starts a real push service peer over HTTPS on localhost: it checks the VAPID JWT (RFC 8292),
 * the headers RFC 8030 requires, decrypts the aes128gcm body (RFC 8291) with the registered keys.
 */
export async function startPushService(): Promise<PushService> {
  const { key, cert } = await selfSignedCertificate();
  const registrations = new Map<string, { keys: SubscriptionKeys; vapidKey?: string }>();
  const queued: { status: number; headers: Record<string, string>; left: number }[] = [];
  const received: ReceivedPush[] = [];
  let requests = 0;
  let connections = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let origin = '';

  // read by the handler, set by tests through the returned object
  let latencyMs = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requests += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      inFlight -= 1;
    };
    res.on('finish', finished);
    res.on('close', finished);
    const answer = (status: number, headers: Record<string, string> = {}, text = '') => {
      const reply = () => res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(text);
      if (latencyMs > 0) setTimeout(reply, latencyMs);
      else reply();
    };

    const body = await readBody(req);
    if (!body) return answer(413, {}, 'payload too large');
    const match = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return answer(404, {}, 'no such subscription');
    const next = queued[0];
    if (next) {
      next.left -= 1;
      if (next.left <= 0) queued.shift();
      return answer(next.status, next.headers);
    }
    const id = match[1];

    const auth = checkVapid(req.headers.authorization, origin);
    if (!auth.ok) return answer(401, {}, auth.reason);
    const registration = registrations.get(id);
    if (!registration) return answer(404, {}, 'no such subscription');
    if (registration.vapidKey && registration.vapidKey !== auth.key) return answer(403, {}, 'subscription bound to another key');

    if (req.headers['content-encoding'] !== 'aes128gcm') return answer(415, {}, 'content-encoding must be aes128gcm');
    const ttl = req.headers.ttl;
    if (typeof ttl !== 'string' || !/^\d+$/.test(ttl)) return answer(400, {}, 'TTL header missing');
    const urgency = header(req, 'urgency');
    if (urgency !== undefined && !['very-low', 'low', 'normal', 'high'].includes(urgency)) return answer(400, {}, 'bad urgency');
    const topic = header(req, 'topic');
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) return answer(400, {}, 'bad topic');

    let payload: unknown;
    try {
      payload = JSON.parse(registration.keys.decrypt(body).toString('utf8'));
    } catch {
      return answer(400, {}, 'cannot decrypt');
    }
    received.push({ id, headers: { ttl: Number(ttl), urgency, topic }, claims: auth.claims, vapidKey: auth.key, payload, at: new Date() });
    answer(201, { location: `/message/${randomUUID()}` });
  };

  const server = https.createServer({ key, cert, keepAliveTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('secureConnection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    ca: cert,
    received,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get latencyMs() {
      return latencyMs;
    },
    set latencyMs(ms: number) {
      latencyMs = ms;
    },
    endpoint: (id: string = randomUUID()) => `${origin}/push/${id}`,
    register(id: string, keys: SubscriptionKeys, options: { vapidKey?: string } = {}) {
      registrations.set(id, { keys, vapidKey: options.vapidKey });
    },
    subscribe(options: { vapidKey?: string } = {}) {
      const id = randomUUID();
      const keys = subscriptionKeys();
      registrations.set(id, { keys, vapidKey: options.vapidKey });
      return { id, endpoint: `${origin}/push/${id}`, p256dh: keys.p256dh, auth: keys.auth, keys };
    },
    respondNext(status: number, headers: Record<string, string> = {}, times = 1) {
      queued.push({ status, headers, left: times });
    },
    resetCounters() {
      requests = 0;
      connections = 0;
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// null when the body is over the limit: a push service refuses such messages whole
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks);
}

type VapidCheck = { ok: true; claims: VapidClaims; key: string } | { ok: false; reason: string };

// RFC 8292: `Authorization: vapid t=<JWT>, k=<P-256 public key>`, JWT signed ES256 by that key
function checkVapid(authorization: string | undefined, origin: string): VapidCheck {
  const scheme = /^vapid\s+(.+)$/i.exec(authorization ?? '');
  if (!scheme) return { ok: false, reason: 'vapid authorization missing' };
  const params = new Map<string, string>();
  for (const part of scheme[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const jwt = params.get('t');
  const k = params.get('k');
  if (!jwt || !k) return { ok: false, reason: 'vapid t and k required' };

  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return { ok: false, reason: 'k is not an uncompressed P-256 point' };
  const parts = jwt.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed JWT' };
  const [headerPart, claimsPart, signaturePart] = parts;
  let jwtHeader: { alg?: string };
  let claims: Partial<VapidClaims>;
  try {
    jwtHeader = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed JWT' };
  }
  if (jwtHeader.alg !== 'ES256') return { ok: false, reason: 'JWT must be ES256' };
  let valid = false;
  try {
    const publicKey = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
      format: 'jwk',
    });
    valid = verify('sha256', Buffer.from(`${headerPart}.${claimsPart}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signaturePart, 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'JWT signature does not match k' };

  const now = Math.floor(Date.now() / 1000);
  if (claims.aud !== origin) return { ok: false, reason: `JWT aud must be ${origin}` };
  if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, reason: 'JWT expired' };
  if (claims.exp > now + MAX_JWT_LIFETIME_S) return { ok: false, reason: 'JWT exp more than 24 h ahead' };
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) return { ok: false, reason: 'JWT sub must be a mailto: or https: contact' };
  return { ok: true, claims: claims as VapidClaims, key: k };
}

// a throw-away certificate for localhost; the key lives in memory only, its temp dir is removed at once
async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'preau-push-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
    ]);
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
