/**
 * One news item to 1,000 and then 10,000 connected guardians, against a plain socket.io server
 * doing `io.to(room).emit` of the same envelope to as many clients, in the same run:
 *
 * - latency from the commit (hub) or the emit (baseline) to each client's receipt, p50/p99;
 * - event-loop stall of the server during each fan-out (from the commit or emit to the last
 *   receipt), and over the hub's whole round (its publish transaction included);
 * - memory per connected idle socket (RSS and JS heap after full GCs, before and after the
 *   fleet connected).
 *
 * A process may hold 20,000 open files here: the baseline server runs in a process of its own
 * (lib/baseline-process), and each fleet of clients in its own load generator. The servers share
 * CPU 0, both load generators CPU 1 (lib/pinning); rounds alternate between the sides.
 *
 * Environment: BENCH_SIZES (1000,10000), BENCH_ROUNDS (20 per side and size), BENCH_WARMUP (2),
 * BENCH_DATABASE_URL (PostgreSQL instead of an in-memory PGlite), BENCH_ANALYZE, BENCH_PIN=0.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { EventEnvelope } from '../server/contracts/events';
import { toEnvelope } from '../server/platform/outbox';
import { createPerson } from '../tests/helpers/factories';
import { signIn } from '../tests/helpers/http-client';
import { BaselinePeer, type MemoryMark } from './lib/baseline-peer';
import { memoryAfterGc } from './lib/gc';
import { afterRelayPublish, cleanupSteps, envInt, LagSampler, openRun, type Side } from './lib/harness';
import { LoadGenerator } from './lib/load-generator';
import { receiptKey } from './lib/load-protocol';
import { fmt, formatTable, resultHead, writeResult } from './lib/report';
import { analyzeSeededTables, COLLEGE_TABLES, removeSchool, seedCollege, seedSessions } from './lib/seed';
import { now, sleep, summarize } from './lib/stats';

export const name = 'fanout-scale';

const BODY_HTML =
  '<p>Madame, Monsieur,</p><p>En raison d’une <strong>réunion pédagogique</strong>, les cours de l’après-midi du ' +
  'jeudi 14 mars sont suspendus. Les élèves demi-pensionnaires pourront déjeuner au restaurant scolaire.</p><p>La vie scolaire</p>';

interface Round {
  side: Side;
  warmup: boolean;
  latencies: number[];
  missing: number;
  sendMs: number;
  /** Longest event-loop stall of the server from the commit/emit to the last receipt. */
  fanoutLagMs: number;
  /** Hub only: when that stall began, relative to the commit (ms). */
  fanoutLagAtMs?: number;
  /** Hub only: longest stall from the publish request to the last receipt (the transaction's work included). */
  roundLagMs?: number;
  httpMs?: number;
}

interface SizeResult {
  clients: number;
  connectMs: Record<Side, number>;
  memory: Record<Side, { before: MemoryMark; after: MemoryMark; rssPerSocket: number; heapPerSocket: number }>;
  sides: Record<Side, ReturnType<typeof sideFigures>>;
  ratios: { p50: number; p99: number; maxFanoutLag: number; rssPerSocket: number; heapPerSocket: number };
  targets: { p99: boolean; lag: boolean; memory: boolean } | null;
}

function sideFigures(list: Round[]) {
  return {
    latencyMs: summarize(list.flatMap((r) => r.latencies)),
    missing: list.reduce((n, r) => n + r.missing, 0),
    rounds: list.length,
    sendMs: summarize(list.map((r) => r.sendMs)),
    fanoutLagMs: summarize(list.map((r) => r.fanoutLagMs)),
    roundLagMs: summarize(list.map((r) => r.roundLagMs ?? NaN).filter((x) => !Number.isNaN(x))),
    httpMs: summarize(list.map((r) => r.httpMs ?? NaN).filter((x) => !Number.isNaN(x))),
  };
}

export async function run(): Promise<void> {
  const params = {
    sizes: (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number).filter((n) => n > 0),
    rounds: envInt('BENCH_ROUNDS', 20),
    warmupRounds: envInt('BENCH_WARMUP', 2),
    pauseMs: 300,
    roundTimeoutMs: 30_000,
    targets: { at: 10_000, p99Ratio: 1.2, maxLagMs: 50, memoryRatio: 1.15 },
  };
  const largest = Math.max(...params.sizes);
  const { log, machine, placement, releaseCpus, bench } = await openRun(name);
  const { hub, database, relay, url } = bench;
  const db = database.db;
  const step = cleanupSteps(name);
  const baseline = await BaselinePeer.start({ cpu: placement.bench });
  let seeded: Awaited<ReturnType<typeof seedCollege>> | undefined;
  let directionId = '';
  const results: SizeResult[] = [];
  let payloadBytes = 0;
  try {
    // --- data: a collège with as many guardians as the largest fleet, each with a session
    seeded = await seedCollege(db, { students: Math.ceil(largest / 2), classes: Math.max(1, Math.round(largest / 50)) });
    const { school } = seeded;
    const direction = await createPerson(db, school.id, 'direction');
    directionId = direction.id;
    const cookies = await seedSessions(db, hub.deps.cookieKeys, school.id, seeded.guardianIds.slice(0, largest), 'guardian');
    const publisher = await signIn(url, direction.login);
    // PostgreSQL's autovacuum would have analyzed a real school's tables long ago (see analyzeSeededTables)
    if (analyzeSeededTables()) await db.execute(sql.raw(`analyze ${COLLEGE_TABLES.join(', ')}`));
    log(`seeded ${seeded.guardianIds.length} guardians in ${school.uai}`);

    const commits = new Map<string, { at: number; sendMs: number }>();
    let template: EventEnvelope | undefined;
    afterRelayPublish(relay, (rows, at, sendMs) => {
      for (const row of rows) {
        if (row.type !== 'news.published') continue;
        const envelope = toEnvelope(row);
        const key = receiptKey(envelope);
        if (key) commits.set(key, { at, sendMs });
        template ??= JSON.parse(JSON.stringify(envelope)) as EventEnvelope;
      }
    });
    const hubLag = new LagSampler(5);
    await baseline.syncClock();

    for (const size of params.sizes) {
      const loads: Record<Side, LoadGenerator> = { hub: LoadGenerator.start({ cpu: placement.loadGenerator }), baseline: LoadGenerator.start({ cpu: placement.loadGenerator }) };
      try {
        const clocks = { hub: await loads.hub.syncClocks(), baseline: await loads.baseline.syncClocks() };
        const before = { hub: memoryAfterGc(hub.io?.sockets.sockets.size ?? 0), baseline: await baseline.memory() };
        const hubReady = await loads.hub.connect('hub', url, cookies.slice(0, size), { origin: url, concurrency: 100 });
        log(`${size}: ${hubReady.connected} hub clients in ${fmt(hubReady.ms / 1000)} s`);
        const baseReady = await loads.baseline.connect('baseline', baseline.url, cookies.slice(0, size).map(() => null), { concurrency: 100 });
        log(`${size}: ${baseReady.connected} baseline clients in ${fmt(baseReady.ms / 1000)} s`);
        await sleep(2000);
        const after = { hub: memoryAfterGc(hub.io?.sockets.sockets.size ?? 0), baseline: await baseline.memory() };
        const perSocket = (s: Side) => ({
          before: before[s],
          after: after[s],
          rssPerSocket: (after[s].rss - before[s].rss) / size,
          heapPerSocket: (after[s].heapUsed - before[s].heapUsed) / size,
        });
        const memory = { hub: perSocket('hub'), baseline: perSocket('baseline') };

        hubLag.start();
        await baseline.lag('start');
        const rounds: Round[] = [];
        const hubRound = async (i: number): Promise<Round> => {
          const t0 = now();
          const res = await publisher.request(`/api/schools/${school.uai}/news`, {
            method: 'POST',
            json: { title: `Cours suspendus jeudi après-midi (${size}/${i})`, bodyHtml: BODY_HTML, category: 'vie_scolaire', audience: [{ kind: 'school', profiles: ['guardian'] }], intent: 'publish' },
          });
          const text = await res.text();
          const httpMs = now() - t0;
          if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${text}`);
          const id = (JSON.parse(text) as { id: string }).id;
          const commit = commits.get(id);
          if (!commit) throw new Error(`no news.published event relayed for ${id}`);
          const r = await loads.hub.receipts('hub', id, params.roundTimeoutMs);
          const latencies = [...r.times].filter((t) => !Number.isNaN(t)).map((t) => t - clocks.hub.offsetMs - commit.at);
          const last = commit.at + Math.max(0, ...latencies);
          const stall = hubLag.longestWithin(commit.at, last);
          if (process.env.BENCH_DEBUG_STALLS === '1' && stall) log(`${size}/${i}: longest stall ${fmt(stall.ms)} ms, began ${fmt(stall.startedAtMs)} ms after the commit; last receipt at ${fmt(last - commit.at)} ms`);
          return { side: 'hub', warmup: i < params.warmupRounds, latencies, missing: size - latencies.length, sendMs: commit.sendMs, fanoutLagMs: stall?.ms ?? 0, fanoutLagAtMs: stall?.startedAtMs, roundLagMs: hubLag.maxWithin(t0, last), httpMs };
        };
        const baselineRound = async (i: number): Promise<Round> => {
          if (!template) throw new Error('no news envelope captured yet for the baseline payload');
          // the hub's envelope with a fresh id of the same length: the same bytes on the wire
          const envelope = structuredClone(template) as EventEnvelope<'news.published'>;
          envelope.data.news.id = randomUUID();
          const sent = await baseline.emit(envelope);
          const r = await loads.baseline.receipts('baseline', envelope.data.news.id, params.roundTimeoutMs);
          const latencies = [...r.times].filter((t) => !Number.isNaN(t)).map((t) => t - clocks.baseline.offsetMs - sent.at);
          const last = sent.at + Math.max(0, ...latencies);
          return { side: 'baseline', warmup: i < params.warmupRounds, latencies, missing: size - latencies.length, sendMs: sent.sendMs, fanoutLagMs: await baseline.lagWithin(sent.at, last) };
        };
        const total = params.warmupRounds + params.rounds;
        for (let i = 0; i < total; i++) {
          // the hub first in even rounds, the baseline first in odd ones (the template comes from round 0)
          for (const side of (i % 2 === 0 ? ['hub', 'baseline'] : ['baseline', 'hub']) as Side[]) {
            rounds.push(side === 'hub' ? await hubRound(i) : await baselineRound(i));
            await sleep(params.pauseMs);
          }
          if ((i + 1) % 5 === 0 || i + 1 === total) log(`${size}: round ${i + 1}/${total}`);
        }
        hubLag.stop();
        await baseline.lag('stop');
        payloadBytes = template ? Buffer.byteLength(JSON.stringify(template)) : 0;

        const measured = (s: Side) => rounds.filter((r) => r.side === s && !r.warmup);
        const sides = { hub: sideFigures(measured('hub')), baseline: sideFigures(measured('baseline')) };
        const ratios = {
          p50: sides.hub.latencyMs.p50 / sides.baseline.latencyMs.p50,
          p99: sides.hub.latencyMs.p99 / sides.baseline.latencyMs.p99,
          maxFanoutLag: sides.hub.fanoutLagMs.max / sides.baseline.fanoutLagMs.max,
          rssPerSocket: memory.hub.rssPerSocket / memory.baseline.rssPerSocket,
          heapPerSocket: memory.hub.heapPerSocket / memory.baseline.heapPerSocket,
        };
        const t = params.targets;
        const targets =
          size === t.at
            ? { p99: ratios.p99 <= t.p99Ratio && sides.hub.missing === 0, lag: sides.hub.fanoutLagMs.max <= t.maxLagMs, memory: ratios.heapPerSocket <= t.memoryRatio && ratios.rssPerSocket <= t.memoryRatio }
            : null;
        results.push({ clients: size, connectMs: { hub: hubReady.ms, baseline: baseReady.ms }, memory, sides, ratios, targets });
      } finally {
        await step(`hub clients (${size})`, () => loads.hub.close());
        await step(`baseline clients (${size})`, () => loads.baseline.close());
        await sleep(1000);
      }
    }

    // --- report
    const header = ['clients', 'side', 'p50 ms', 'p99 ms', 'max ms', 'missing', 'send (sync) p50 ms', 'fan-out stall max ms', 'RSS / socket KB', 'heap / socket KB'];
    const rows = results.flatMap((r) => {
      const row = (label: string, s: Side) => [r.clients, label, r.sides[s].latencyMs.p50, r.sides[s].latencyMs.p99, r.sides[s].latencyMs.max, r.sides[s].missing, r.sides[s].sendMs.p50, r.sides[s].fanoutLagMs.max, r.memory[s].rssPerSocket / 1024, r.memory[s].heapPerSocket / 1024];
      return [
        row('hub (commit → receipt)', 'hub'),
        row('plain socket.io (emit → receipt)', 'baseline'),
        [r.clients, 'ratio hub / baseline', `${fmt(r.ratios.p50)}×`, `${fmt(r.ratios.p99)}×`, '', '', '', `${fmt(r.ratios.maxFanoutLag)}×`, `${fmt(r.ratios.rssPerSocket)}×`, `${fmt(r.ratios.heapPerSocket)}×`],
      ];
    });
    const t = params.targets;
    const verdicts = results
      .filter((r) => r.targets)
      .flatMap((r) => [
        `at ${r.clients}: p99 ≤ ${t.p99Ratio}× baseline: ${r.targets!.p99 ? 'MET' : 'NOT MET'} (${fmt(r.ratios.p99)}×)`,
        `at ${r.clients}: fan-out event-loop stall ≤ ${t.maxLagMs} ms: ${r.targets!.lag ? 'MET' : 'NOT MET'} (max ${fmt(r.sides.hub.fanoutLagMs.max)} ms; ` +
          `whole round with the publish transaction: max ${fmt(r.sides.hub.roundLagMs.max)} ms)`,
        `at ${r.clients}: memory per idle socket ≤ ${t.memoryRatio}× baseline: ${r.targets!.memory ? 'MET' : 'NOT MET'} (heap ${fmt(r.ratios.heapPerSocket)}×, RSS ${fmt(r.ratios.rssPerSocket)}×)`,
      ]);
    console.log(
      [
        '',
        `${name}: ${params.rounds} rounds per side and size (+${params.warmupRounds} warm-up), ${database.driver}, event of ${payloadBytes} bytes, ` +
          `${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ` +
          (placement.bench === null ? placement.reason : `servers on CPU ${placement.bench}, load generators on CPU ${placement.loadGenerator}`),
        formatTable(header, rows),
        ...verdicts,
        ...results.map((r) => `at ${r.clients}: publish request p50 ${fmt(r.sides.hub.httpMs.p50)} ms, p99 ${fmt(r.sides.hub.httpMs.p99)} ms (informational); connect ${fmt(r.connectMs.hub / 1000)} s hub, ${fmt(r.connectMs.baseline / 1000)} s baseline`),
        '',
      ].join('\n'),
    );
    const file = writeResult(name, {
      ...resultHead({ name, machine, databaseDriver: database.driver, placement, parameters: params }),
      payloadBytes,
      sizes: results,
    });
    log(`results written to ${file}`);
  } finally {
    await step('baseline server', () => baseline.close());
    if (database.driver === 'postgres' && seeded) {
      const ids = [...seeded.teacherIds, ...seeded.studentIds, ...seeded.guardianIds, directionId].filter(Boolean);
      await step('database cleanup', () => removeSchool(db, seeded!.school, ids));
    }
    await step('hub', () => bench.close());
    releaseCpus();
  }
}
