import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants as perfConstants, createHistogram, PerformanceObserver, type PerformanceEntry, type RecordableHistogram } from 'node:perf_hooks';
import { Server, type Socket } from 'socket.io';
import { channels } from '../../server/contracts/channels';
import { LISTEN_BACKLOG } from '../../server/hub';
import type { Clock } from '../../server/platform/clock';
import type { Relay } from '../../server/realtime/relay';
import { startBenchHub, type BenchHub } from './bench-hub';
import type { ClockSync, LoadGenerator } from './load-generator';
import { pinBenchProcess } from './pinning';
import { cpuMark, cpuShares, fmt, machineInfo, type CpuMark } from './report';
import { now, sleep } from './stats';

/** What a benchmark compares: the hub, and a plain socket.io server doing the same deliveries. */
export type Side = 'hub' | 'baseline';

/** A positive whole number from the environment, else `fallback`. */
export const envInt = (key: string, fallback: number) => {
  const v = Number.parseInt(process.env[key] ?? '', 10);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** A benchmark's progress lines: `[name 12.3s] msg`, the time counted from this call. */
export function benchLog(name: string): (msg: string) => void {
  const started = now();
  return (msg: string) => console.log(`[${name} ${((now() - started) / 1000).toFixed(1)}s] ${msg}`);
}

/**
 * The start of a run: its progress lines, the machine, this process pinned to a CPU of its own
 * (lib/pinning) and the hub under test.
 */
export async function openRun(name: string, hubOpts: { clock?: Clock } = {}) {
  const log = benchLog(name);
  const machine = machineInfo();
  const { placement, release: releaseCpus } = pinBenchProcess();
  const bench = await startBenchHub(hubOpts);
  log(`hub on ${bench.url}, database ${bench.database.driver}`);
  return { log, machine, placement, releaseCpus, bench };
}

/**
 * The baseline server: socket.io with the hub's options (server/realtime/socket-server.ts) and
 * listen backlog (server/hub.ts), minus authentication, on a free port of 127.0.0.1;
 * `onConnection` puts each client in its room.
 */
export async function startBaselineServer(
  onConnection: (socket: Socket) => void,
  opts: { keepAliveTimeoutMs?: number } = {},
): Promise<{ http: HttpServer; io: Server; url: string; close(): Promise<void> }> {
  const http = createServer();
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  io.on('connection', onConnection);
  if (opts.keepAliveTimeoutMs !== undefined) http.keepAliveTimeout = opts.keepAliveTimeoutMs;
  await new Promise<void>((resolve) => http.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG }, resolve));
  return {
    http,
    io,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

/** The baseline's stand-in for a session: the Cookie header that puts its client in `user:<personId>` (see joinUserRoom). */
export const baselineUserCookie = (personId: string) => `bench_user=${personId}`;

/**
 * A startBaselineServer connection handler: the client joins the user room its cookie names
 * (baselineUserCookie), as the hub puts a signed-in person in their own, and hears which.
 */
export function joinUserRoom(socket: Socket): void {
  const id = /bench_user=([0-9a-f-]{36})/.exec(socket.handshake.headers.cookie ?? '')?.[1];
  if (!id) return void socket.disconnect(true);
  void socket.join(channels.user(id));
  socket.emit('channels', [channels.user(id)]);
}

/** The baseline of deliveries to people: each client in its user room (joinUserRoom). */
export function startUserRoomBaseline() {
  return startBaselineServer(
    joinUserRoom,
    // the clients' connections stay idle through the hub's rounds (seconds on PGlite): not closed under them
    { keepAliveTimeoutMs: 60_000 },
  );
}

/**
 * Both fleets of clients, once the load generator's clock is known (`clock`: its instants are
 * converted with it): the hub's with their session cookies, from the hub's origin, the
 * baseline's with theirs.
 */
export async function connectFleets(
  load: Pick<LoadGenerator, 'syncClocks' | 'connect'>,
  log: (msg: string) => void,
  hub: { url: string; cookies: string[] },
  baseline: { url: string; cookies: Array<string | null> },
): Promise<{ clock: ClockSync; connectMs: Record<Side, number> }> {
  const clock = await load.syncClocks();
  log(`clock offset child−parent ${fmt(clock.offsetMs)} ms ± ${fmt(clock.rttMs / 2)} ms`);
  const hubReady = await load.connect('hub', hub.url, hub.cookies, { origin: hub.url });
  log(`${hubReady.connected} hub clients ready in ${fmt(hubReady.ms)} ms`);
  const baseReady = await load.connect('baseline', baseline.url, baseline.cookies);
  log(`${baseReady.connected} baseline clients ready in ${fmt(baseReady.ms)} ms`);
  return { clock, connectMs: { hub: hubReady.ms, baseline: baseReady.ms } };
}

/** Fails the run unless each guardian's client is alone in their user room on both sides: the rounds would measure something else. */
export function assertAloneInUserRooms(guardianIds: string[], hubIo: Server<any, any, any, any> | undefined, baselineIo: Server<any, any, any, any>): void {
  const notInRoom = (io: Server<any, any, any, any>) => guardianIds.filter((id) => io.sockets.adapter.rooms.get(channels.user(id))?.size !== 1).length;
  const hubMissingRooms = hubIo ? notInRoom(hubIo) : guardianIds.length;
  const baseMissingRooms = notInRoom(baselineIo);
  if (hubMissingRooms + baseMissingRooms > 0) throw new Error(`guardians not alone in their user room: hub ${hubMissingRooms}, baseline ${baseMissingRooms}`);
}

/**
 * The hub's commits: the outbox hands each transaction's events to the relay's publish() right
 * after commit. `after` gets them once sent, with the instant they were handed over and the
 * synchronous time of the send: bookkeeping after the send never counts as the hub's latency.
 */
export function afterRelayPublish(relay: Relay, after: (rows: Parameters<Relay['publish']>[0], at: number, sendMs: number) => void): void {
  const publish = relay.publish.bind(relay);
  relay.publish = (rows) => {
    const at = now();
    publish(rows);
    after(rows, at, now() - at);
  };
}

export interface GcTally {
  ms: number;
  minor: number;
  major: number;
}

const isMinor = (e: PerformanceEntry) => (e as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MINOR;

/**
 * This process's garbage-collection pauses from its creation to `disconnect()`: a pause inside a
 * send loop delays every socket after it, worth telling apart from the code's own cost.
 */
export class GcRecorder {
  readonly entries: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => this.entries.push(...list.getEntries()));

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  disconnect(): void {
    this.observer.disconnect();
  }

  /** The pauses' time between two instants (as `now()` gives them), and how many of each kind overlapped. */
  within(from: number, to: number): GcTally {
    const tally: GcTally = { ms: 0, minor: 0, major: 0 };
    for (const e of this.entries) {
      const start = performance.timeOrigin + e.startTime;
      const overlap = Math.min(to, start + e.duration) - Math.max(from, start);
      if (overlap <= 0) continue;
      tally.ms += overlap;
      if (isMinor(e)) tally.minor++;
      else tally.major++;
    }
    return tally;
  }

  /** Each pause from `from` to `to`, its start relative to `from` (ms, to 0.01). */
  timeline(from: number, to: number): Array<{ at: number; ms: number; minor: boolean }> {
    return this.entries
      .filter((e) => performance.timeOrigin + e.startTime + e.duration > from && performance.timeOrigin + e.startTime < to)
      .map((e) => ({
        at: Math.round((performance.timeOrigin + e.startTime - from) * 100) / 100,
        ms: Math.round(e.duration * 100) / 100,
        minor: isMinor(e),
      }));
  }
}

/**
 * Event-loop lag of this process, sampled only while started: how late a 10 ms timer fires
 * (the period itself excluded). monitorEventLoopDelay would do, but re-enabled after a pause its
 * first sample spans the whole pause; a round at a time needs start and stop.
 */
export class LagSampler {
  readonly histogram: RecordableHistogram = createHistogram();
  private timer: NodeJS.Timeout | null = null;
  /** Each late firing while started: when it should have fired and when it did (as `now()` gives them). */
  private readonly late: Array<{ due: number; fired: number }> = [];

  constructor(private readonly periodMs = 10) {}

  start(): void {
    let expected = now() + this.periodMs;
    this.timer = setInterval(() => {
      const t = now();
      this.histogram.record(Math.max(1, Math.round((t - expected) * 1000)));
      if (t - expected >= 1) this.late.push({ due: expected, fired: t });
      expected = t + this.periodMs;
    }, this.periodMs);
    // a round that fails must not keep the process alive
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The longest stall (ms) that overlapped the instants from `from` to `to`: the lag a fan-out in that window caused or met. */
  maxWithin(from: number, to: number): number {
    return this.longestWithin(from, to)?.ms ?? 0;
  }

  /** That longest stall, with when it began relative to `from` (ms; negative: it began before). */
  longestWithin(from: number, to: number): { ms: number; startedAtMs: number } | null {
    let longest: { ms: number; startedAtMs: number } | null = null;
    for (const { due, fired } of this.late) {
      if (fired > from && due < to && fired - due > (longest?.ms ?? 0)) longest = { ms: fired - due, startedAtMs: due - from };
    }
    return longest;
  }

  /** p50, p99 and max in ms. */
  figures() {
    const h = this.histogram;
    return h.count === 0 ? { p50: NaN, p99: NaN, max: NaN } : { p50: h.percentile(50) / 1000, p99: h.percentile(99) / 1000, max: h.max / 1000 };
  }
}

/**
 * Plays `warmupRounds + rounds` rounds of both sides, the hub first in even rounds and the
 * baseline first in odd ones so that both share the machine's noise, with a pause after each
 * play. As the first measured round starts, `measuring` runs and the CPU counters are taken
 * (for cpuShares): the plays come back in order with them, and `measured` picks a side's rounds
 * past the warm-up.
 */
export async function alternateRounds<R extends { side: Side; warmup: boolean }>(
  params: { warmupRounds: number; rounds: number; pauseMs: number },
  run: { load: Pick<LoadGenerator, 'status'>; log: (msg: string) => void; measuring?: () => void; play: (side: Side, index: number) => Promise<R> },
): Promise<{ rounds: R[]; cpuAtStart: CpuMark | undefined; measured: (side: Side) => R[] }> {
  const rounds: R[] = [];
  let cpuAtStart: CpuMark | undefined;
  const total = params.warmupRounds + params.rounds;
  for (let i = 0; i < total; i++) {
    if (i === params.warmupRounds) {
      run.measuring?.();
      cpuAtStart = await cpuMark(run.load);
    }
    const order: Side[] = i % 2 === 0 ? ['hub', 'baseline'] : ['baseline', 'hub'];
    for (const side of order) {
      rounds.push(await run.play(side, i));
      await sleep(params.pauseMs);
    }
    if ((i + 1) % 5 === 0 || i + 1 === total) run.log(`round ${i + 1}/${total}`);
  }
  return { rounds, cpuAtStart, measured: (side) => rounds.filter((r) => r.side === side && !r.warmup) };
}

/**
 * After the last round: the load generator's clock again (did it drift?), its clients' statuses,
 * and the CPU shares of the measured rounds.
 */
export async function afterRounds(load: Pick<LoadGenerator, 'syncClocks' | 'status'>, cpuAtStart: CpuMark | undefined, cores: number) {
  const clockAfter = await load.syncClocks();
  const status = await load.status();
  return { clockAfter, status, cpu: cpuShares(cpuAtStart, status.cpuMs, cores) };
}

/**
 * A benchmark's cleanup, step by step: every step runs even if one fails (a half-closed run
 * would keep the process alive), a failure is reported and fails the run.
 */
export function cleanupSteps(name: string): (what: string, work: () => Promise<unknown>) => Promise<void> {
  return async (what, work) => {
    try {
      await work();
    } catch (err) {
      console.error(`[${name}] cleanup: ${what} failed`, err);
      process.exitCode = 1;
    }
  };
}

/**
 * The end of a run, step by step (cleanupSteps): the lag samplers, the clients, the baseline, the
 * run's data when it went to a shared database, the hub, and the CPU pinning.
 */
export async function closeRun(
  name: string,
  run: {
    lag?: Record<Side, LagSampler>;
    load: Pick<LoadGenerator, 'close'>;
    baseline: { close(): Promise<void> };
    removeData?: () => Promise<unknown>;
    bench: Pick<BenchHub, 'close'>;
    releaseCpus: () => void;
  },
): Promise<void> {
  const step = cleanupSteps(name);
  run.lag?.hub.stop();
  run.lag?.baseline.stop();
  await step('load generator', () => run.load.close());
  await step('baseline server', () => run.baseline.close());
  if (run.removeData) await step('database cleanup', run.removeData);
  await step('hub', () => run.bench.close());
  run.releaseCpus();
}
