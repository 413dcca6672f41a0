/**
 * Publishing a news item to 1,000 connected guardians: latency from the commit of the
 * publication to its receipt by each live client, against a plain socket.io room broadcast
 * of the same payload to 1,000 clients measured in the same run (the ratio is the result).
 *
 * The clients live in a separate process (lib/load-client) so that this process, which holds
 * both the hub and the baseline server, measures its own work only. Rounds alternate between
 * the two sides so that they share the machine's noise.
 *
 * The p99 of a pooled run rests on its few slowest rounds (one GC pause in a 15 ms send loop
 * moves a whole round), so the verdict comes with a 95% interval over rounds: 20 rounds often
 * leave it open, 100 rounds (about 80 s) usually settle it.
 *
 * Environment: BENCH_ROUNDS (100: fewer rarely settle the p99 verdict), BENCH_WARMUP (3), BENCH_CLIENTS (1000), BENCH_ROUND_TIMEOUT_MS
 * (10000), BENCH_DATABASE_URL (PostgreSQL instead of an in-memory PGlite), BENCH_PIN=0 (no CPU
 * pinning), BENCH_RAW=1 (per-client latencies and GC timelines in the JSON).
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { inArray, like } from 'drizzle-orm';
import type { Server } from 'socket.io';
import { channelSeqs, people, schools } from '../db/schema';
import type { EventEnvelope } from '../server/contracts/events';
import { createSession } from '../server/modules/auth/session.store';
import { toEnvelope } from '../server/platform/outbox';
import { createPerson, createSchool } from '../tests/helpers/factories';
import { signIn } from '../tests/helpers/http-client';
import { sessionCookie } from './lib/bench-hub';
import { afterRelayPublish, afterRounds, alternateRounds, closeRun, connectFleets, envInt, GcRecorder, openRun, startBaselineServer, type GcTally, type Side } from './lib/harness';
import { LoadGenerator, type ClockSync } from './lib/load-generator';
import { receiptKey } from './lib/load-protocol';
import { clockText, cpuLine, fleetsText, formatTable, fmt, rawLatencies, resultHead, runFacts, writeResult } from './lib/report';
import { bootstrapRatio, mapLimit, now, perRoundP99, sleep, summarize, type Summary } from './lib/stats';

export const name = 'news-fanout';

interface Round {
  side: Side;
  index: number;
  warmup: boolean;
  latencies: number[];
  missing: number;
  duplicates: number;
  /** Synchronous time spent in the emit call (encoding + writing to every socket). */
  sendMs: number;
  /** Hub only: the POST that publishes, from request to response body. */
  httpMs?: number;
  /** Garbage-collection pauses of this process that overlapped the synchronous send. */
  gcDuringSend: GcTally;
  /** Garbage-collection pauses of the load generator while this round's frames arrived. */
  clientGcMs: number;
  /**
   * Sockets whose packet was still queued in engine.io when the emit returned (the transport was
   * waiting for a previous write's callback): they get it only once this process's event loop is free.
   */
  deferred: number;
  /** BENCH_RAW=1: this process's GC pauses from the send to the last receipt, relative to the send (ms). */
  gcTimeline?: Array<{ at: number; ms: number; minor: boolean }>;
  /** The send instant in ms since this process started, to line rounds up with `node --trace-gc` output. */
  sentAtProcessMs: number;
  /** Hub only: when the publish response reached the bench, relative to the commit (ms). */
  responseAfterCommitMs?: number;
}

const BODY_HTML =
  '<p>Madame, Monsieur,</p><p>En raison d’une <strong>réunion pédagogique</strong>, les cours de l’après-midi du ' +
  'jeudi 14 mars sont suspendus. Les élèves demi-pensionnaires pourront déjeuner au restaurant scolaire ; une ' +
  'permanence est assurée au CDI jusqu’à 17 h pour les élèves qui ne peuvent pas rentrer.</p><p>La vie scolaire</p>';

/** Sockets of a room whose packet is still in engine.io's write buffer (see Round.deferred). */
function deferredWrites(io: Server<any, any, any, any>, room: string): number {
  let count = 0;
  for (const id of io.sockets.adapter.rooms.get(room) ?? []) {
    const conn = io.sockets.sockets.get(id)?.conn as unknown as { writeBuffer?: unknown[] } | undefined;
    if (conn?.writeBuffer?.length) count++;
  }
  return count;
}

export async function run(): Promise<void> {
  const params = {
    clients: envInt('BENCH_CLIENTS', 1000),
    rounds: envInt('BENCH_ROUNDS', 100),
    warmupRounds: envInt('BENCH_WARMUP', 3),
    pauseMs: 200,
    roundTimeoutMs: envInt('BENCH_ROUND_TIMEOUT_MS', 10_000),
    targetP99Ratio: 1.3,
  };
  const { log, machine, placement, releaseCpus, bench } = await openRun(name);
  const { hub, database, relay, url } = bench;
  const db = database.db;

  const baseline = await startBaselineServer((socket) => {
    void socket.join('room');
    socket.emit('channels', ['room']);
  });
  const { io: baselineIo, url: baselineUrl } = baseline;

  const load = LoadGenerator.start({ cpu: placement.loadGenerator });
  let seededIds: string[] = [];
  let uai = '';
  try {
    // --- data: one school, its direction, N guardians each with a session (no argon2 login each)
    const school = await createSchool(db);
    uai = school.uai;
    const direction = await createPerson(db, school.id, 'direction');
    const guardians = await mapLimit(Array.from({ length: params.clients }), 10, () => createPerson(db, school.id, 'guardian'));
    seededIds = [direction.id, ...guardians.map((g) => g.id)];
    const cookies = await mapLimit(guardians, 10, async (g) => {
      const { token } = await createSession(db, { personId: g.id, schoolId: school.id, profile: 'guardian' });
      return sessionCookie(hub.deps.cookieKeys, token);
    });
    const publisher = await signIn(url, direction.login);
    log(`seeded ${params.clients} guardians in ${uai}`);

    // --- commit instants: the outbox calls publish() right after the transaction committed
    const commits = new Map<string, { at: number; sendMs: number; deferred: number }>();
    const guardianChannel = `school:${uai}:profile:guardian`;
    let template: EventEnvelope | undefined;
    afterRelayPublish(relay, (rows, at, sendMs) => {
      const deferred = hub.io ? deferredWrites(hub.io, guardianChannel) : 0;
      for (const row of rows) {
        if (row.type !== 'news.published') continue;
        const envelope = toEnvelope(row);
        const key = receiptKey(envelope);
        if (key) commits.set(key, { at, sendMs, deferred });
        template ??= JSON.parse(JSON.stringify(envelope)) as EventEnvelope;
      }
    });

    // --- clients
    const { clock, connectMs } = await connectFleets(load, log, { url, cookies }, { url: baselineUrl, cookies: cookies.map(() => null) });
    const guardianRoom = hub.io?.sockets.adapter.rooms.get(guardianChannel)?.size ?? 0;
    if (guardianRoom !== params.clients) throw new Error(`guardian room holds ${guardianRoom} sockets, expected ${params.clients}`);
    await sleep(500);

    const gc = new GcRecorder();

    const toRound = (
      side: Side,
      index: number,
      send: { t0: number; sendMs: number; deferred: number },
      r: Awaited<ReturnType<LoadGenerator['receipts']>>,
      sync: ClockSync,
    ): Round => {
      const { t0, sendMs, deferred } = send;
      const latencies: number[] = [];
      let missing = 0;
      for (const t of r.times) {
        if (Number.isNaN(t)) missing++;
        else latencies.push(t - sync.offsetMs - t0);
      }
      const last = t0 + Math.max(0, ...latencies);
      const gcTimeline = process.env.BENCH_RAW === '1' ? gc.timeline(t0, last) : undefined;
      return { side, index, warmup: index < params.warmupRounds, latencies, missing, duplicates: r.duplicates, sendMs, gcDuringSend: gc.within(t0, t0 + sendMs), clientGcMs: r.gcMs, deferred, gcTimeline, sentAtProcessMs: Math.round((t0 - performance.timeOrigin) * 10) / 10 };
    };

    const hubRound = async (index: number): Promise<Round> => {
      const t0 = now();
      const res = await publisher.request(`/api/schools/${uai}/news`, {
        method: 'POST',
        json: { title: `Cours suspendus jeudi après-midi (${index})`, bodyHtml: BODY_HTML, category: 'vie_scolaire', audience: [{ kind: 'school', profiles: ['guardian'] }], intent: 'publish' },
      });
      const text = await res.text();
      const responded = now();
      const httpMs = responded - t0;
      if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${text}`);
      const id = (JSON.parse(text) as { id: string }).id;
      const commit = commits.get(id);
      if (!commit) throw new Error(`no news.published event relayed for ${id}`);
      const r = await load.receipts('hub', id, params.roundTimeoutMs);
      return { ...toRound('hub', index, { t0: commit.at, sendMs: commit.sendMs, deferred: commit.deferred }, r, clock), httpMs, responseAfterCommitMs: responded - commit.at };
    };

    const baselineRound = async (index: number): Promise<Round> => {
      if (!template) throw new Error('no news envelope captured yet for the baseline payload');
      // the real envelope with a fresh id of the same length: same bytes on the wire
      const payload = structuredClone(template) as EventEnvelope<'news.published'>;
      const key = randomUUID();
      payload.data.news.id = key;
      const t0 = now();
      baselineIo.to('room').emit('event', payload);
      const sendMs = now() - t0;
      const deferred = deferredWrites(baselineIo, 'room');
      const r = await load.receipts('baseline', key, params.roundTimeoutMs);
      return toRound('baseline', index, { t0, sendMs, deferred }, r, clock);
    };

    // --- rounds: hub first in even rounds, baseline first in odd ones (the template comes from round 0)
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    const { rounds, cpuAtStart, measured } = await alternateRounds(params, {
      load,
      log,
      measuring: () => loopDelay.enable(),
      play: (side, i) => (side === 'hub' ? hubRound(i) : baselineRound(i)),
    });
    loopDelay.disable();
    gc.disconnect();
    const { clockAfter, status, cpu } = await afterRounds(load, cpuAtStart, machine.cpus);
    const statuses = status.fleets;

    // --- figures
    const sideFigures = (side: Side) => {
      const list = measured(side);
      const all = summarize(list.flatMap((r) => r.latencies));
      return {
        latencyMs: all,
        missing: list.reduce((n, r) => n + r.missing, 0),
        duplicates: list.reduce((n, r) => n + r.duplicates, 0),
        rounds: list.length,
        perRoundP99Ms: perRoundP99(list),
        sendMs: summarize(list.map((r) => r.sendMs)),
        gcDuringSend: list.reduce<GcTally>(
          (t, r) => ({ ms: t.ms + r.gcDuringSend.ms, minor: t.minor + r.gcDuringSend.minor, major: t.major + r.gcDuringSend.major }),
          { ms: 0, minor: 0, major: 0 },
        ),
        roundsWithGcInSend: list.filter((r) => r.gcDuringSend.ms > 0).length,
        deferredWrites: { total: list.reduce((n, r) => n + r.deferred, 0), rounds: list.filter((r) => r.deferred > 0).length },
      };
    };
    const hubFig = sideFigures('hub');
    const baseFig = sideFigures('baseline');
    const ratio = (k: keyof Summary) => hubFig.latencyMs[k] / baseFig.latencyMs[k];
    const ratios = { p50: ratio('p50'), p90: ratio('p90'), p99: ratio('p99'), max: ratio('max'), perRoundP99Median: hubFig.perRoundP99Ms.median / baseFig.perRoundP99Ms.median };
    const p99RatioInterval = bootstrapRatio(
      measured('hub').map((r) => r.latencies),
      measured('baseline').map((r) => r.latencies),
      99,
    );
    // the pooled p99 rests on the few slowest rounds: say when the rounds do not settle the question
    const verdictStrength =
      p99RatioInterval.high <= params.targetP99Ratio || p99RatioInterval.low > params.targetP99Ratio
        ? 'conclusive'
        : `not conclusive with ${params.rounds} rounds (raise BENCH_ROUNDS)`;
    const gcLine = (f: typeof hubFig) =>
      `${f.roundsWithGcInSend}/${f.rounds} rounds, ${fmt(f.gcDuringSend.ms)} ms (${f.gcDuringSend.minor} minor, ${f.gcDuringSend.major} major)`;
    const httpMs = summarize(measured('hub').map((r) => r.httpMs ?? NaN));
    const targetMet = ratios.p99 <= params.targetP99Ratio && hubFig.missing === 0 && baseFig.missing === 0;

    const header = ['side', 'receipts', 'missing', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'round p99 median', 'send (sync) p50 ms'];
    const row = (label: string, f: typeof hubFig) => [label, f.latencyMs.count, f.missing, f.latencyMs.p50, f.latencyMs.p90, f.latencyMs.p99, f.latencyMs.max, f.perRoundP99Ms.median, f.sendMs.p50];
    const table = formatTable(header, [
      row('hub: commit → receipt', hubFig),
      row('baseline: emit → receipt', baseFig),
      ['ratio hub / baseline', '', '', `${fmt(ratios.p50)}×`, `${fmt(ratios.p90)}×`, `${fmt(ratios.p99)}×`, `${fmt(ratios.max)}×`, `${fmt(ratios.perRoundP99Median)}×`, ''],
    ]);
    console.log(
      [
        '',
        `${name}: ${params.clients} guardians, ${params.rounds} rounds per side (+${params.warmupRounds} warm-up), ${database.driver}, ` +
          `event of ${template ? Buffer.byteLength(JSON.stringify(template)) : '?'} bytes, ` +
          `${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ` +
          (placement.bench === null ? placement.reason : `bench on CPU ${placement.bench}, load generator on CPU ${placement.loadGenerator}`),
        table,
        `target p99 ≤ ${params.targetP99Ratio}× baseline: ${targetMet ? 'MET' : 'NOT MET'} at ${fmt(ratios.p99)}×, ${verdictStrength} ` +
          `(95% interval over rounds ${fmt(p99RatioInterval.low)}–${fmt(p99RatioInterval.high)}×)`,
        `publish request (HTTP, informational): p50 ${fmt(httpMs.p50)} ms, p99 ${fmt(httpMs.p99)} ms`,
        cpuLine(cpu, database.driver),
        ...(cpu && cpu.otherPct > 25 ? [`WARNING: other processes used ${cpu.otherPct}% of a core during the rounds: rerun on a quiet machine before trusting the ratio`] : []),
        `bench process event-loop delay during measured rounds (10 ms sampling period included): p50 ${fmt(loopDelay.percentile(50) / 1e6)} ms, p99 ${fmt(loopDelay.percentile(99) / 1e6)} ms, max ${fmt(loopDelay.max / 1e6)} ms`,
        `${clockText(clock, clockAfter)}; duplicates hub ${hubFig.duplicates}, baseline ${baseFig.duplicates}; ${fleetsText(statuses)}; ` +
          `GC pauses inside the send: ${gcLine(hubFig)} (hub), ${gcLine(baseFig)} (baseline)`,
        `sockets left waiting for the event loop after the send: hub ${hubFig.deferredWrites.total} in ${hubFig.deferredWrites.rounds}/${hubFig.rounds} rounds, ` +
          `baseline ${baseFig.deferredWrites.total} in ${baseFig.deferredWrites.rounds}/${baseFig.rounds} rounds`,
        '',
      ].join('\n'),
    );

    const file = writeResult(name, {
      ...resultHead({ name, machine, databaseDriver: database.driver, placement, parameters: params }),
      payloadBytes: template ? Buffer.byteLength(JSON.stringify(template)) : null,
      // the baseline sends this envelope with a fresh id each round
      payloadTemplate: template ?? null,
      target: { p99Ratio: params.targetP99Ratio, met: targetMet, conclusive: verdictStrength === 'conclusive' },
      ratios: { ...ratios, p99Interval95: p99RatioInterval },
      hub: hubFig,
      baseline: baseFig,
      publishHttpMs: httpMs,
      benchEventLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      ...runFacts({ clock: { before: clock, after: clockAfter }, connectMs, loadClients: statuses, cpu }),
      rounds: rounds.map(({ latencies, ...r }) => ({
        ...r,
        ...summarize(latencies),
        // latencies by client index (received ones)
        ...rawLatencies(latencies),
      })),
    });
    log(`results written to ${file}`);
  } finally {
    await closeRun(name, {
      load,
      baseline,
      // the shared database keeps no trace of the run: people, then the school and all it owns
      removeData:
        database.driver === 'postgres' && uai
          ? async () => {
              await db.delete(people).where(inArray(people.id, seededIds));
              await db.delete(schools).where(inArray(schools.uai, [uai]));
              await db.delete(channelSeqs).where(like(channelSeqs.channel, `school:${uai}%`));
            }
          : undefined,
      bench,
      releaseCpus,
    });
  }
}
