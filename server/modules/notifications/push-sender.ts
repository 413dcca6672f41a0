import { createHash } from 'node:crypto';
import https from 'node:https';
import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { appSecrets } from '../../../db/schema';

// web-push is CommonJS whose exports Node's ESM loader cannot name one by one
const webpush = createRequire(import.meta.url)('web-push') as typeof import('web-push');

/** Largest payload JSON we hand to a push service: 4096 bytes per record minus aes128gcm overhead, with room to spare. */
export const MAX_PAYLOAD_BYTES = 3072;

/** Push services the stock browsers use (entries with a leading dot admit any subdomain). */
export const DEFAULT_PUSH_HOSTS: readonly string[] = [
  'fcm.googleapis.com',
  '.push.services.mozilla.com',
  'updates.push.services.mozilla.com',
  'web.push.apple.com',
  '.notify.windows.com',
  'push.services.mozilla.com',
];

const BACKOFF_BASE_MS = 5_000;
const BACKOFF_CAP_MS = 60 * 60_000;
// a Retry-After further out than this is a broken service, not advice worth a day of silence
const RETRY_AFTER_CAP_MS = 24 * 60 * 60_000;
const DEFAULT_TIMEOUT_MS = 30_000;
// enough of an error answer to log; the rest is drained unread
const MAX_ANSWER_BYTES = 4096;

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushMessage {
  title: string;
  body: string;
  url: string;
  tag: string;
}

export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high';

export interface PushOptions {
  ttlSeconds: number;
  urgency: PushUrgency;
  /** Replaces a still-undelivered message with the same topic; see `topicFor`. */
  topic?: string;
  /** How many times this message was already tried (0 on the first send), for the default backoff. */
  attempt?: number;
}

export type PushOutcome =
  | { kind: 'sent'; status: number }
  | { kind: 'gone'; status: number }
  /** `status` is 0 when no answer came back (network error, timeout). */
  | { kind: 'retry'; status: number; retryAfterMs: number; detail?: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; status: number | null; detail: string };

export interface PushSenderOptions {
  vapid: VapidKeys & { subject: string };
  allowedHosts: readonly string[];
  /** Most requests in flight at once (and most open connections per push service). */
  concurrency?: number;
  /** Extra trusted certificate authority (the local push service of the tests). */
  ca?: string | Buffer;
  /** Socket inactivity limit of one request. */
  timeoutMs?: number;
}

/** Sends RFC 8291 encrypted, RFC 8292 signed web push messages; one keep-alive agent bounds connections and concurrency. */
export class PushSender {
  private readonly agent: https.Agent;
  private readonly vapidDetails: { subject: string; publicKey: string; privateKey: string };
  private readonly allowedHosts: readonly string[];
  private readonly timeoutMs: number;

  constructor(options: PushSenderOptions) {
    const concurrency = options.concurrency ?? 16;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('push concurrency must be a positive integer');
    this.vapidDetails = { subject: options.vapid.subject, publicKey: options.vapid.publicKey, privateKey: options.vapid.privateKey };
    // web-push validates subject and keys when it signs: do it once now so bad settings stop the start, not each send
    webpush.getVapidHeaders('https://push.invalid', this.vapidDetails.subject, this.vapidDetails.publicKey, this.vapidDetails.privateKey, 'aes128gcm');
    this.allowedHosts = options.allowedHosts;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // maxSockets bounds each push service, maxTotalSockets all of them together; requests beyond wait in the agent
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets: concurrency,
      maxTotalSockets: concurrency,
      ...(options.ca ? { ca: options.ca } : {}),
    });
  }

  /** Sends one message to one subscription; never throws, the outcome says what the caller should do. */
  async send(target: PushTarget, message: PushMessage, options: PushOptions): Promise<PushOutcome> {
    const check = checkPushEndpoint(target.endpoint, this.allowedHosts);
    if (!check.ok) return { kind: 'refused', reason: check.reason };
    const payload = payloadJson(message);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) return { kind: 'refused', reason: 'payload_too_large' };
    if (options.topic !== undefined && !isValidTopic(options.topic)) return { kind: 'refused', reason: 'invalid_topic' };
    if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds < 0) return { kind: 'refused', reason: 'invalid_ttl' };

    let request: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      request = webpush.generateRequestDetails({ endpoint: check.url.href, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
        vapidDetails: this.vapidDetails,
        contentEncoding: 'aes128gcm',
        TTL: options.ttlSeconds,
        urgency: options.urgency,
        ...(options.topic ? { topic: options.topic } : {}),
      });
    } catch (err) {
      // keys that cannot be used for encryption stay unusable: retrying cannot help
      return { kind: 'failed', status: null, detail: `cannot encrypt for this subscription: ${(err as Error).message}`.slice(0, 500) };
    }

    let answer: PushAnswer;
    try {
      answer = await this.post(check.url, request.headers, request.body);
    } catch (err) {
      const error = err as NodeJS.ErrnoException & { staleSocket?: boolean };
      if (!error.staleSocket) return networkRetry(error, options.attempt ?? 0);
      // a kept-alive socket the service closed while it sat idle: the message almost surely never got
      // there, so send it once more on a fresh connection rather than wait a whole backoff
      try {
        answer = await this.post(check.url, request.headers, request.body);
      } catch (again) {
        return networkRetry(again as NodeJS.ErrnoException, options.attempt ?? 0);
      }
    }
    return outcomeOf(answer, options.attempt ?? 0);
  }

  // our own request rather than web-push's sendNotification: it contacts exactly the URL checked
  // above (web-push re-parses it with the legacy url.parse), keeps encryption errors apart from
  // network ones, and reads at most a few KB of the answer
  private post(url: URL, headers: Record<string, unknown>, body: Buffer | null): Promise<PushAnswer> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          method: 'POST',
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || 443,
          path: `${url.pathname}${url.search}`,
          headers: headers as https.RequestOptions['headers'],
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
            size += chunk.length;
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              retryAfter: res.headers['retry-after'],
              text: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(this.timeoutMs, () => req.destroy(Object.assign(new Error('push service did not answer in time'), { code: 'ETIMEDOUT' })));
      req.on('error', (err) => reject(Object.assign(err, { staleSocket: req.reusedSocket && (err as NodeJS.ErrnoException).code === 'ECONNRESET' })));
      req.end(body ?? undefined);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}

interface PushAnswer {
  status: number;
  retryAfter: string | undefined;
  text: string;
}

function outcomeOf(answer: PushAnswer, attempt: number): PushOutcome {
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: 'sent', status };
  if (status === 404 || status === 410) return { kind: 'gone', status };
  if (status === 429 || status >= 500) {
    return { kind: 'retry', status, retryAfterMs: parseRetryAfter(answer.retryAfter) ?? backoffMs(attempt) };
  }
  return { kind: 'failed', status, detail: `${status} ${answer.text}`.trim().slice(0, 500) };
}

function networkRetry(error: NodeJS.ErrnoException, attempt: number): PushOutcome {
  return { kind: 'retry', status: 0, retryAfterMs: backoffMs(attempt), detail: (error.code ?? error.message ?? String(error)).slice(0, 200) };
}

/** Milliseconds to wait from a Retry-After header (delay in seconds, or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, RETRY_AFTER_CAP_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - now, 0), RETRY_AFTER_CAP_MS);
}

/** Delay before retry number `attempt` (0-based): 5 s × 2^attempt capped at 1 h, with jitter so a fleet does not retry in step. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(attempt, 30)));
  // "equal jitter": never less than half the ceiling, so retries keep backing off
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function payloadJson(message: PushMessage): string {
  // only the four known fields, in a fixed order: nothing else a caller holds leaks to the service
  return JSON.stringify({ title: message.title, body: message.body, url: message.url, tag: message.tag });
}

/** The message with `body` (then, if still needed, `title`) shortened with an ellipsis so its JSON fits MAX_PAYLOAD_BYTES. */
export function fitPayload(message: PushMessage): PushMessage {
  const fitted: PushMessage = { title: message.title, body: message.body, url: message.url, tag: message.tag };
  if (fits(fitted)) return fitted;
  fitted.body = shorten(fitted.body, (body) => fits({ ...fitted, body }));
  if (fits(fitted)) return fitted;
  // url and tag cannot be cut without breaking them: if they alone are too long, send() refuses
  fitted.title = shorten(fitted.title, (title) => fits({ ...fitted, title }));
  return fitted;
}

function fits(message: PushMessage): boolean {
  return Buffer.byteLength(payloadJson(message)) <= MAX_PAYLOAD_BYTES;
}

// longest prefix (whole code points, so no half surrogate pair) plus ellipsis that passes `ok`;
// JSON size grows with the prefix, so a binary search finds it
function shorten(text: string, ok: (candidate: string) => boolean): string {
  const chars = Array.from(text);
  const candidate = (n: number) => (n === 0 ? '' : `${chars.slice(0, n).join('').trimEnd()}…`);
  let low = 0;
  let high = chars.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ok(candidate(mid))) low = mid;
    else high = mid - 1;
  }
  return candidate(low);
}

/** A Topic header value (≤ 32 URL-safe base64 characters, RFC 8030) derived from any key, e.g. a thread id. */
export function topicFor(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

function isValidTopic(topic: string): boolean {
  return /^[A-Za-z0-9_-]{1,32}$/.test(topic);
}

/**
 * Whether a subscription endpoint may be contacted: https only, no credentials, a host of the
 * allow-list (an entry with a leading dot admits its subdomains), port 443 unless the entry names one.
 */
export function checkPushEndpoint(endpoint: string, allowedHosts: readonly string[]): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, reason: 'invalid_url' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'not_https' };
  if (url.username || url.password) return { ok: false, reason: 'credentials_in_url' };
  const port = url.port === '' ? 443 : Number(url.port);
  for (const entry of allowedHosts) {
    const allowed = parseHostEntry(entry);
    if (!allowed) continue;
    const hostMatches = allowed.subdomains
      ? url.hostname.endsWith(allowed.host) && url.hostname.length > allowed.host.length
      : url.hostname === allowed.host;
    if (hostMatches && port === allowed.port) return { ok: true, url };
  }
  return { ok: false, reason: 'host_not_allowed' };
}

// "host", ".suffix", "host:port", "[::1]:port" → lower-case host (leading dot kept for suffixes) and port
function parseHostEntry(entry: string): { host: string; subdomains: boolean; port: number } | undefined {
  const m = /^(\.?[^:[\]/@\s]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i.exec(entry.trim());
  if (!m) return undefined;
  const host = m[1].toLowerCase();
  return { host, subdomains: host.startsWith('.'), port: m[2] ? Number(m[2]) : 443 };
}

const VAPID_SECRET_NAME = 'vapid_keys';

/**
 * The VAPID key pair of the deployment, generated on first use and kept in app_secrets so every
 * node signs with the same key (subscriptions are bound to it) and it never sits in the repository.
 */
export async function vapidKeys(db: Queryable): Promise<VapidKeys> {
  // same first-writer-wins pattern as getOrCreateSecret, which only makes random strings, not key pairs
  const generated = webpush.generateVAPIDKeys();
  await db
    .insert(appSecrets)
    .values({ name: VAPID_SECRET_NAME, value: JSON.stringify({ publicKey: generated.publicKey, privateKey: generated.privateKey }) })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, VAPID_SECRET_NAME));
  const stored = JSON.parse(row.value) as Partial<VapidKeys>;
  if (typeof stored.publicKey !== 'string' || typeof stored.privateKey !== 'string') throw new Error('app secret vapid_keys is not a VAPID key pair');
  return { publicKey: stored.publicKey, privateKey: stored.privateKey };
}
