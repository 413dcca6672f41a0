/**
 * Load-generator process: holds the benchmark's socket.io clients so that the measured
 * server process spends its CPU on its own work only. Driven over IPC (see load-protocol).
 */
import { Agent, request } from 'node:http';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { receiptKey, type FromLoadClient, type HttpRequest, type HttpResult, type ToLoadClient } from './load-protocol';
import { mapLimit, now } from './stats';

interface Fleet {
  sockets: Socket[];
  /** Per client: its Cookie header and origin, to connect it again (see 'reconnect'). */
  identities: Array<{ url: string; cookie: string | null; origin: string }>;
  /** Per client: the last seq it saw on each channel, the cursors it gives when it reconnects. */
  cursors: Array<Record<string, number>>;
  pending: Map<string, { times: Float64Array; count: number; duplicates: number }>;
  /** Keys only some clients get: how many receipts complete them (see the 'expect' message). */
  expected: Map<string, number>;
  /** Keys already reported complete or flushed: a later frame for them is late, not a new round. */
  done: Set<string>;
  late: number;
  disconnects: number;
}

const fleets = new Map<string, Fleet>();

// a pause here delays the receipts of both sides alike: reported so that tails can be told apart
const gcs: PerformanceEntry[] = [];
new PerformanceObserver((list) => {
  gcs.push(...list.getEntries());
  if (gcs.length > 1000) gcs.splice(0, gcs.length - 1000);
}).observe({ entryTypes: ['gc'] });

function gcBetween(from: number, to: number): number {
  let ms = 0;
  for (const e of gcs) {
    const start = performance.timeOrigin + e.startTime;
    ms += Math.max(0, Math.min(to, start + e.duration) - Math.max(from, start));
  }
  return ms;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function send(message: FromLoadClient): void {
  process.send?.(message);
}

function record(name: string, fleet: Fleet, index: number, key: string, at: number): void {
  if (fleet.done.has(key)) {
    fleet.late++;
    return;
  }
  let round = fleet.pending.get(key);
  if (!round) {
    round = { times: new Float64Array(fleet.sockets.length).fill(NaN), count: 0, duplicates: 0 };
    fleet.pending.set(key, round);
  }
  if (!Number.isNaN(round.times[index])) {
    round.duplicates++;
    return;
  }
  round.times[index] = at;
  // reported only once complete: IPC traffic during a fan-out would delay the other receipts
  if (++round.count === (fleet.expected.get(key) ?? round.times.length)) report(name, fleet, key, true);
}

function report(name: string, fleet: Fleet, key: string, complete: boolean): void {
  const round = fleet.pending.get(key);
  fleet.pending.delete(key);
  fleet.expected.delete(key);
  fleet.done.add(key);
  const times = round?.times ?? new Float64Array(fleet.sockets.length).fill(NaN);
  let first = Infinity;
  let last = -Infinity;
  for (const t of times) {
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const gcMs = Number.isFinite(first) ? gcBetween(first, last) : 0;
  send({ type: 'receipts', fleet: name, key, times, complete, duplicates: round?.duplicates ?? 0, gcMs });
}

function connectOne(name: string, fleet: Fleet, index: number, url: string, cookie: string | null, origin: string): Promise<void> {
  const socket = io(url, {
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie, origin } : { origin },
    reconnection: false,
    forceNew: true,
    timeout: 30_000,
  });
  fleet.sockets[index] = socket;
  fleet.identities[index] = { url, cookie, origin };
  fleet.cursors[index] ??= {};
  socket.on('event', (frame: unknown) => {
    // timestamp first: everything after it is the client's own cost, not the delivery's
    const at = now();
    const key = receiptKey(frame);
    if (key) record(name, fleet, index, key, at);
    trackCursor(fleet.cursors[index], frame);
  });
  socket.on('disconnect', () => fleet.disconnects++);
  return new Promise((resolve, reject) => {
    socket.once('channels', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

async function connectFleet(m: Extract<ToLoadClient, { type: 'connect' }>): Promise<void> {
  const started = now();
  const fleet: Fleet = { sockets: new Array(m.cookies.length), identities: new Array(m.cookies.length), cursors: new Array(m.cookies.length), pending: new Map(), expected: new Map(), done: new Set(), late: 0, disconnects: 0 };
  fleets.set(m.fleet, fleet);
  const errors = new Set<string>();
  let failed = 0;
  await mapLimit(m.cookies, m.concurrency, (cookie, i) =>
    connectOne(m.fleet, fleet, i, m.url, cookie, m.origin).catch((err: Error) => {
      failed++;
      errors.add(err.message);
    }),
  );
  send({ type: 'ready', fleet: m.fleet, connected: m.cookies.length - failed, failed, errors: [...errors].slice(0, 5), ms: now() - started });
}

function trackCursor(cursors: Record<string, number>, frame: unknown): boolean {
  const { channel, seq } = (frame ?? {}) as { channel?: unknown; seq?: unknown };
  if (typeof channel !== 'string' || typeof seq !== 'number' || seq <= (cursors[channel] ?? 0)) return false;
  cursors[channel] = seq;
  return true;
}

/** Closes every client of a fleet from the client side, as a network cut or a closed laptop would. */
function dropFleet(m: Extract<ToLoadClient, { type: 'drop' }>): void {
  const fleet = fleets.get(m.fleet);
  for (const socket of fleet?.sockets ?? []) {
    socket?.removeAllListeners();
    socket?.close();
  }
  send({ type: 'dropped', fleet: m.fleet, clients: fleet?.sockets.length ?? 0 });
}

/**
 * Reconnects every client of a dropped fleet at once, each with the cursors it kept, and stamps
 * when it was connected again and when it had received `expect` new events (its replay done).
 */
function reconnectFleet(m: Extract<ToLoadClient, { type: 'reconnect' }>): void {
  const fleet = fleets.get(m.fleet);
  if (!fleet) return send({ type: 'reconnected', fleet: m.fleet, startedAt: now(), connectedAt: new Float64Array(), caughtUpAt: new Float64Array(), errors: ['unknown fleet'] });
  const n = fleet.sockets.length;
  const connectedAt = new Float64Array(n).fill(NaN);
  const caughtUpAt = new Float64Array(n).fill(NaN);
  const errors = new Set<string>();
  let settled = 0;
  const startedAt = now();
  let reported = false;
  const finish = () => {
    if (reported) return;
    reported = true;
    clearTimeout(timer);
    send({ type: 'reconnected', fleet: m.fleet, startedAt, connectedAt, caughtUpAt, errors: [...errors].slice(0, 5) });
  };
  const timer = setTimeout(finish, m.timeoutMs);
  const settle = () => {
    if (++settled === n) finish();
  };
  for (let i = 0; i < n; i++) {
    const { url, cookie, origin } = fleet.identities[i];
    const cursors = fleet.cursors[i];
    let fresh = 0;
    const socket = io(url, {
      transports: ['websocket'],
      extraHeaders: cookie ? { cookie, origin } : { origin },
      auth: { cursors: { ...cursors } },
      reconnection: false,
      forceNew: true,
      timeout: m.timeoutMs,
    });
    fleet.sockets[i] = socket;
    socket.once('channels', () => (connectedAt[i] = now()));
    const receive = (frame: unknown, at: number) => {
      if (trackCursor(cursors, frame) && ++fresh === m.expect) {
        caughtUpAt[i] = at;
        settle();
      }
    };
    socket.on('event', (frame: unknown) => receive(frame, now()));
    // a replay comes in one frame per channel
    socket.on('events', (frames: unknown[]) => {
      const at = now();
      for (const frame of frames) receive(frame, at);
    });
    socket.once('connect_error', (err) => {
      errors.add(err.message);
      settle();
    });
    socket.on('disconnect', () => fleet.disconnects++);
  }
}

// keep-alive, no cap: a batch's requests all leave at once over connections kept from earlier batches
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function sendRequest(r: HttpRequest, retry = true): Promise<HttpResult> {
  return new Promise((resolve) => {
    const sentAt = now();
    const fail = (err: Error) => resolve({ status: 0, sentAt, doneAt: now(), bodyBytes: 0, error: err.message });
    const req = request(r.url, { method: r.method, headers: r.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        const doneAt = now();
        const body = Buffer.concat(chunks);
        const status = res.statusCode ?? 0;
        resolve({ status, sentAt, doneAt, bodyBytes: body.length, ...(r.returnBody || status >= 300 ? { body: body.toString('utf8') } : {}) });
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // the server closed the idle connection as it was reused: the request never reached it (Node's documented retry)
      if (retry && req.reusedSocket && err.code === 'ECONNRESET') resolve(sendRequest(r, false).then((x) => ({ ...x, retried: true })));
      else fail(err);
    });
    req.end(r.body);
  });
}

async function sendBatch(m: Extract<ToLoadClient, { type: 'http' }>): Promise<void> {
  const results = await Promise.all(m.requests.map((r) => sendRequest(r)));
  send({ type: 'http', id: m.id, results });
}

function close(): void {
  agent.destroy();
  for (const fleet of fleets.values()) for (const socket of fleet.sockets) socket?.close();
  // once the channel is gone and the sockets are closed nothing holds the process; waiting for
  // the send callback keeps the last messages from being cut off with the channel
  process.send?.({ type: 'closed' } satisfies FromLoadClient, () => process.disconnect?.());
}

process.on('message', (m: ToLoadClient) => {
  switch (m.type) {
    case 'ping':
      send({ type: 'pong', id: m.id, sentAt: m.sentAt, childAt: now() });
      break;
    case 'connect':
      void connectFleet(m);
      break;
    case 'flush': {
      const fleet = fleets.get(m.fleet);
      // a key already reported crossed this request in flight: the parent has it
      if (fleet && !fleet.done.has(m.key)) report(m.fleet, fleet, m.key, false);
      break;
    }
    case 'expect': {
      const fleet = fleets.get(m.fleet);
      if (!fleet || fleet.done.has(m.key)) break;
      fleet.expected.set(m.key, m.count);
      // the frames may have beaten this message here
      if ((fleet.pending.get(m.key)?.count ?? 0) >= m.count) report(m.fleet, fleet, m.key, true);
      break;
    }
    case 'http':
      void sendBatch(m);
      break;
    case 'drop':
      dropFleet(m);
      break;
    case 'reconnect':
      reconnectFleet(m);
      break;
    case 'status':
      send({ type: 'statuses', fleets: [...fleets].map(([name, f]) => ({ fleet: name, disconnects: f.disconnects, late: f.late })), cpuMs: cpuMs() });
      break;
    case 'close':
      close();
      break;
  }
});

// the parent went away (crash, Ctrl-C): do not linger with 2,000 open sockets
process.on('disconnect', () => {
  agent.destroy();
  for (const fleet of fleets.values()) for (const socket of fleet.sockets) socket?.close();
});
