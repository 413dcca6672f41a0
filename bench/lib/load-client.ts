/**
 * Load-generator process: holds the benchmark's socket.io clients so that the measured
 * server process spends its CPU on its own work only. Driven over IPC (see load-protocol).
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { receiptKey, type FromLoadClient, type ToLoadClient } from './load-protocol';
import { mapLimit, now } from './stats';

interface Fleet {
  sockets: Socket[];
  pending: Map<string, { times: Float64Array; count: number; duplicates: number }>;
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
  if (++round.count === round.times.length) report(name, fleet, key, true);
}

function report(name: string, fleet: Fleet, key: string, complete: boolean): void {
  const round = fleet.pending.get(key);
  fleet.pending.delete(key);
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
  socket.on('event', (frame: unknown) => {
    // timestamp first: everything after it is the client's own cost, not the delivery's
    const at = now();
    const key = receiptKey(frame);
    if (key) record(name, fleet, index, key, at);
  });
  socket.on('disconnect', () => fleet.disconnects++);
  return new Promise((resolve, reject) => {
    socket.once('channels', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

async function connectFleet(m: Extract<ToLoadClient, { type: 'connect' }>): Promise<void> {
  const started = now();
  const fleet: Fleet = { sockets: new Array(m.cookies.length), pending: new Map(), done: new Set(), late: 0, disconnects: 0 };
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

function close(): void {
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
  for (const fleet of fleets.values()) for (const socket of fleet.sockets) socket?.close();
});
