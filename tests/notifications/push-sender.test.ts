import https from 'node:https';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_PUSH_HOSTS,
  MAX_PAYLOAD_BYTES,
  PushSender,
  backoffMs,
  checkPushEndpoint,
  fitPayload,
  parseRetryAfter,
  topicFor,
  vapidKeys,
  type PushMessage,
} from '../../server/modules/notifications/push-sender';
import { openTestDatabase } from '../helpers/db';
import { startPushService, type PushService } from '../helpers/push-service';

const webpush = createRequire(import.meta.url)('web-push') as typeof import('web-push');

const subject = 'mailto:exploitation@preau.test';
const message: PushMessage = { title: 'Absence signalée', body: 'Lina est absente ce matin.', url: '/absences/42', tag: 'absence-42' };
const options = { ttlSeconds: 3600, urgency: 'normal' as const };

let service: PushService;
let keys: { publicKey: string; privateKey: string };
let sender: PushSender;
let host: string;

beforeAll(async () => {
  service = await startPushService();
  host = new URL(service.origin).host;
  keys = webpush.generateVAPIDKeys();
  sender = new PushSender({ vapid: { ...keys, subject }, allowedHosts: [host], ca: service.ca });
});
afterAll(async () => {
  sender?.close();
  await service?.close();
});

describe('PushSender through a real push service', () => {
  it('delivers an encrypted message with TTL, Urgency, Topic and a valid VAPID JWT', async () => {
    const sub = service.subscribe({ vapidKey: keys.publicKey });
    const topic = topicFor('absence:42');
    const before = Math.floor(Date.now() / 1000);

    const outcome = await sender.send(sub, message, { ttlSeconds: 7200, urgency: 'high', topic });

    expect(outcome).toEqual({ kind: 'sent', status: 201 });
    const push = service.received.find((r) => r.id === sub.id)!;
    expect(push.payload).toEqual(message);
    expect(push.headers).toEqual({ ttl: 7200, urgency: 'high', topic });
    expect(push.vapidKey).toBe(keys.publicKey);
    expect(push.claims.aud).toBe(service.origin);
    expect(push.claims.sub).toBe(subject);
    expect(push.claims.exp).toBeGreaterThan(before);
    expect(push.claims.exp).toBeLessThanOrEqual(before + 24 * 3600 + 1);
  });

  it('is refused by the service when the subscription was made for another VAPID key', async () => {
    const other = webpush.generateVAPIDKeys();
    const sub = service.subscribe({ vapidKey: other.publicKey });
    const outcome = await sender.send(sub, message, options);
    expect(outcome).toMatchObject({ kind: 'failed', status: 403 });
    expect(service.received.some((r) => r.id === sub.id)).toBe(false);
  });

  it('has a peer that rejects a JWT not signed by the key it names', async () => {
    const sub = service.subscribe();
    const forger = webpush.generateVAPIDKeys();
    const details = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, JSON.stringify(message), {
      vapidDetails: { ...forger, subject },
      contentEncoding: 'aes128gcm',
    });
    const headers = { ...details.headers, Authorization: String(details.headers.Authorization).replace(/k=.*$/, `k=${keys.publicKey}`) };
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request(sub.endpoint, { method: 'POST', headers, ca: service.ca }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(details.body);
    });
    expect(status).toBe(401);
    expect(service.received.some((r) => r.id === sub.id)).toBe(false);
  });

  it('reports 410 and 404 as gone', async () => {
    const sub = service.subscribe();
    service.respondNext(410);
    expect(await sender.send(sub, message, options)).toEqual({ kind: 'gone', status: 410 });
    service.respondNext(404);
    expect(await sender.send(sub, message, options)).toEqual({ kind: 'gone', status: 404 });
    expect(service.received.some((r) => r.id === sub.id)).toBe(false);
  });

  it('honours Retry-After on 429', async () => {
    const sub = service.subscribe();
    service.respondNext(429, { 'Retry-After': '2' });
    expect(await sender.send(sub, message, options)).toEqual({ kind: 'retry', status: 429, retryAfterMs: 2000 });
  });

  it('retries a 503 after the default backoff of its attempt', async () => {
    const sub = service.subscribe();
    service.respondNext(503);
    const first = await sender.send(sub, message, options);
    expect(first).toMatchObject({ kind: 'retry', status: 503 });
    expect(first.kind === 'retry' && first.retryAfterMs).toBeGreaterThanOrEqual(2500);
    expect(first.kind === 'retry' && first.retryAfterMs).toBeLessThanOrEqual(5000);
    service.respondNext(503);
    const third = await sender.send(sub, message, { ...options, attempt: 3 });
    expect(third.kind === 'retry' && third.retryAfterMs).toBeGreaterThanOrEqual(20_000);
    expect(third.kind === 'retry' && third.retryAfterMs).toBeLessThanOrEqual(40_000);
  });

  it('treats another 4xx as a failure, not a retry', async () => {
    const sub = service.subscribe();
    service.respondNext(400);
    expect(await sender.send(sub, message, options)).toMatchObject({ kind: 'failed', status: 400 });
  });

  it('retries when the push service cannot be reached', async () => {
    const port = await closedPort();
    const offline = new PushSender({ vapid: { ...keys, subject }, allowedHosts: [`localhost:${port}`], ca: service.ca });
    const sub = service.subscribe();
    const outcome = await offline.send({ ...sub, endpoint: `https://localhost:${port}/push/${sub.id}` }, message, options);
    offline.close();
    expect(outcome).toMatchObject({ kind: 'retry', status: 0 });
  });

  it('never contacts an endpoint outside the allow-list', async () => {
    const sub = service.subscribe();
    const requests = service.requests;
    const received = service.received.length;
    const path = `/push/${sub.id}`;
    const refused = [
      `http://${host}${path}`,
      `https://push.example.org${path}`,
      `https://user:secret@${host}${path}`,
      `https://${host}@push.example.org${path}`,
      `https://localhost${path}`,
      'not a url',
    ];
    for (const endpoint of refused) {
      const outcome = await sender.send({ ...sub, endpoint }, message, options);
      expect(outcome.kind, endpoint).toBe('refused');
    }
    expect(service.requests).toBe(requests);
    expect(service.received.length).toBe(received);
  });

  it('fits an oversized body under 3 KB, and refuses a raw oversized message without a request', async () => {
    const long = { ...message, body: 'Réunion parents-professeurs 🎓 : '.repeat(400) };
    const fitted = fitPayload(long);
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeGreaterThan(MAX_PAYLOAD_BYTES - 16);
    expect(fitted.body.endsWith('…')).toBe(true);
    expect(long.body.startsWith(fitted.body.slice(0, -1))).toBe(true);
    expect({ ...fitted, body: undefined }).toEqual({ ...message, body: undefined });
    expect(fitPayload(message)).toEqual(message);

    const sub = service.subscribe();
    const requests = service.requests;
    expect(await sender.send(sub, long, options)).toEqual({ kind: 'refused', reason: 'payload_too_large' });
    expect(service.requests).toBe(requests);

    expect(await sender.send(sub, fitted, options)).toMatchObject({ kind: 'sent' });
    expect(service.received.find((r) => r.id === sub.id)?.payload).toEqual(fitted);
  });

  it('keeps at most `concurrency` requests in flight and reuses its connections', async () => {
    const bounded = new PushSender({ vapid: { ...keys, subject }, allowedHosts: [host], ca: service.ca, concurrency: 4 });
    const subs = Array.from({ length: 20 }, () => service.subscribe({ vapidKey: keys.publicKey }));
    service.resetCounters();
    service.latencyMs = 5;
    try {
      const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => bounded.send(subs[i % subs.length], { ...message, tag: `n${i}` }, options)));
      expect(outcomes.every((o) => o.kind === 'sent')).toBe(true);
      // one at a time, so no queued request can pick up a socket: only keep-alive saves a handshake here
      for (let i = 0; i < 20; i += 1) expect((await bounded.send(subs[i], message, options)).kind).toBe('sent');
    } finally {
      service.latencyMs = 0;
      bounded.close();
    }
    expect(service.requests).toBe(220);
    // exactly 4: the bound holds, and the test would notice if requests were sent one by one
    expect(service.maxInFlight).toBe(4);
    expect(service.connections).toBeLessThanOrEqual(4);
  });
});

describe('endpoint allow-list', () => {
  it('admits the stock push services and their subdomains on 443 only', () => {
    const hosts = DEFAULT_PUSH_HOSTS;
    expect(checkPushEndpoint('https://fcm.googleapis.com/fcm/send/abc', hosts).ok).toBe(true);
    expect(checkPushEndpoint('https://updates.push.services.mozilla.com/wpush/v2/x', hosts).ok).toBe(true);
    expect(checkPushEndpoint('https://push.services.mozilla.com/wpush/v2/x', hosts).ok).toBe(true);
    expect(checkPushEndpoint('https://web.push.apple.com/QG-x', hosts).ok).toBe(true);
    expect(checkPushEndpoint('https://wns2-par02p.notify.windows.com/w/?token=x', hosts).ok).toBe(true);
    expect(checkPushEndpoint('https://FCM.googleapis.com:443/fcm/send/abc', hosts).ok).toBe(true);

    expect(checkPushEndpoint('https://notify.windows.com/w', hosts)).toEqual({ ok: false, reason: 'host_not_allowed' });
    expect(checkPushEndpoint('https://evilfcm.googleapis.com/x', hosts)).toEqual({ ok: false, reason: 'host_not_allowed' });
    expect(checkPushEndpoint('https://fcm.googleapis.com.evil.org/x', hosts)).toEqual({ ok: false, reason: 'host_not_allowed' });
    expect(checkPushEndpoint('https://x.evilnotify.windows.com.org/w', hosts)).toEqual({ ok: false, reason: 'host_not_allowed' });
    expect(checkPushEndpoint('https://fcm.googleapis.com:8443/x', hosts)).toEqual({ ok: false, reason: 'host_not_allowed' });
    expect(checkPushEndpoint('http://fcm.googleapis.com/x', hosts)).toEqual({ ok: false, reason: 'not_https' });
    expect(checkPushEndpoint('https://a:b@fcm.googleapis.com/x', hosts)).toEqual({ ok: false, reason: 'credentials_in_url' });
    expect(checkPushEndpoint('https://a@fcm.googleapis.com/x', hosts)).toEqual({ ok: false, reason: 'credentials_in_url' });
    expect(checkPushEndpoint('https:\\\\evil.org\\@fcm.googleapis.com/x', hosts)).toEqual({ ok: false, reason: 'host_not_allowed' });
  });

  it('requires the exact port an entry names', () => {
    expect(checkPushEndpoint('https://localhost:8443/push/a', ['localhost:8443']).ok).toBe(true);
    expect(checkPushEndpoint('https://localhost:8444/push/a', ['localhost:8443']).ok).toBe(false);
    expect(checkPushEndpoint('https://localhost/push/a', ['localhost:8443']).ok).toBe(false);
  });
});

describe('helpers', () => {
  it('derives short URL-safe topics', () => {
    const topic = topicFor('thread:8f14e45f-ceea-467f-a0e6-8b2b3f0c9a11:for:user-1234567890');
    expect(topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(topicFor('thread:8f14e45f-ceea-467f-a0e6-8b2b3f0c9a11:for:user-1234567890')).toBe(topic);
    expect(topicFor('thread:1')).not.toBe(topicFor('thread:2'));
  });

  it('backs off exponentially with jitter up to an hour', () => {
    expect(backoffMs(0, () => 0)).toBe(2500);
    expect(backoffMs(0, () => 1)).toBe(5000);
    expect(backoffMs(2, () => 1)).toBe(20_000);
    expect(backoffMs(50, () => 1)).toBe(3_600_000);
    expect(backoffMs(50, () => 0)).toBe(1_800_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-03-10T08:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 10 Mar 2025 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 10 Mar 2025 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('vapidKeys', () => {
  it('generates the pair once and returns the same one after', async () => {
    const database = await openTestDatabase();
    try {
      const first = await vapidKeys(database.db);
      const second = await vapidKeys(database.db);
      expect(second).toEqual(first);
      expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
      expect(Buffer.from(first.privateKey, 'base64url')).toHaveLength(32);
      // usable as they are: a sender accepts them
      new PushSender({ vapid: { ...first, subject }, allowedHosts: DEFAULT_PUSH_HOSTS }).close();
    } finally {
      await database.close();
    }
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, 'localhost', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
