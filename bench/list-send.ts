/**
 * A list send of the messagerie: the direction of a collège of 1,000 students writes to « Tous
 * les responsables » (2,000 guardians), 500 of whom are connected. Measured per round, from the
 * start of the HTTP request (POST …/messaging/messages, a real send through the API: list
 * resolution, rate limiter, the message, its 2,000 copies and their events in one transaction):
 * the time to commit, until the 201 response is read; and per connected guardian, the time to
 * the `message.received` frame. Targets: commit ≤ 1 s and p99 receipt ≤ 1.5 s (p99 over the
 * requests of the measured rounds: with 10 rounds, their slowest).
 *
 * Baseline in the same run: a plain socket.io server, reached by a plain HTTP request with the
 * same body, that emits the same 2,000 events of the same size, one to each guardian's user room
 * (`io.to('user:<id>').emit`, the same 500 rooms with a client), and answers 201 with a body of
 * the hub's size. The ratios are what the hub's work (authorisation, the list, the transaction
 * and its outbox, the relay) costs over delivering the frames.
 *
 * The clients, the 500 guardians' sockets and the direction's request, live in the load-generator
 * process (lib/load-client), pinned to a CPU of its own: this process, which holds the hub and
 * the baseline, measures its own work only. The school's send limits for direction are raised
 * for the run (the defaults, 30 sends a minute and 30,000 recipients an hour, would refuse the
 * 16th send of 2,000): the limiter is still consulted on every send, as in production.
 *
 * Environment: BENCH_ROUNDS (10), BENCH_WARMUP (2), BENCH_STUDENTS (1000, two guardians each),
 * BENCH_CLASSES (40), BENCH_CONNECTED (500 guardians, spread over the classes), BENCH_LIST
 * (school: `school:guardian`; levels: one `level:<n>:guardian` list per level, the same people),
 * BENCH_ROUND_TIMEOUT_MS (15000), BENCH_DATABASE_URL (PostgreSQL instead of an in-memory PGlite;
 * the run adds its own school and removes it), BENCH_ANALYZE=1|0 (ANALYZE the seeded tables
 * first: by default on PostgreSQL, whose autovacuum would have, not on PGlite, which has none),
 * BENCH_PIN=0 (no CPU pinning), BENCH_RAW=1 (per-receipt latencies in the JSON).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import { channels } from '../server/contracts/channels';
import type { EventEnvelope } from '../server/contracts/events';
import { classLevel, type SendResultDto } from '../server/contracts/messaging';
import { createSession } from '../server/modules/auth/session.store';
import { toEnvelope } from '../server/platform/outbox';
import { createPerson } from '../tests/helpers/factories';
import { sessionCookie } from './lib/bench-hub';
import {
  afterRelayPublish,
  afterRounds,
  alternateRounds,
  assertAloneInUserRooms,
  baselineUserCookie,
  closeRun,
  connectFleets,
  envInt,
  GcRecorder,
  LagSampler,
  openRun,
  startUserRoomBaseline,
  type Side,
} from './lib/harness';
import { LoadGenerator } from './lib/load-generator';
import { clockText, cpuLines, fleetsText, fmt, formatTable, processCpuMs, rawLatencies, resultHead, runFacts, writeResult } from './lib/report';
import { analyzeSeededTables, COLLEGE_TABLES, removeSchool, seedCollege, type SeededCollege } from './lib/seed';
import { bootstrapRatio, mapLimit, now, perRoundP99, sleep, summarize, type Summary } from './lib/stats';

export const name = 'list-send';

/** The tables the seed fills (BENCH_ANALYZE). */

/** Above any run's needs: the run measures sends, not the limiter's refusals. */
const DIRECTION_LIMITS = { perMinute: 1000, recipientsPerHour: 1_000_000, perSend: 20_000 };

const BODY_HTML =
  '<p>Madame, Monsieur,</p><p>Les <strong>conseils de classe du deuxième trimestre</strong> se tiendront du lundi 10 au ' +
  'vendredi 21 mars. Les bulletins seront publiés dans l’espace des familles à l’issue de chaque conseil ; les ' +
  'rencontres parents-professeurs auront lieu le jeudi 27 mars de 16 h 30 à 20 h, sur rendez-vous pris auprès du ' +
  'professeur principal.</p><p>Nous vous remercions de votre attention.</p><p>La direction</p>';

const subjectOf = (round: number) => `Conseils de classe du 2e trimestre (${String(round + 1).padStart(3, '0')})`;

interface Round {
  side: Side;
  index: number;
  warmup: boolean;
  /** Request start → 201 response read: the time to commit. */
  commitMs: number;
  /** Request start → receipt, per connected recipient. */
  latencies: number[];
  missing: number;
  duplicates: number;
  /** Hub: request start → the relay's publish (right after the commit). */
  requestToPublishMs?: number;
  /** Hub: synchronous time of the relay's emit loop (every copy's event). */
  publishSyncMs?: number;
  /** Hub: publish → response read. */
  publishToResponseMs?: number;
  /** Hub: per receipt, publish → receipt. */
  publishToReceiptMs?: number[];
  /** Request start → last receipt. */
  spanMs: number;
  /** This process's GC pauses from the request to the last receipt. */
  gcMs: number;
  /** CPU time of this process during the round (user + system). */
  cpuMs: number;
}

/** Connected guardians: `n` of them, evenly spread (every class has some). */
const spread = (total: number, n: number) => Array.from({ length: Math.min(n, total) }, (_, k) => Math.floor((k * total) / Math.min(n, total)));

export async function run(): Promise<void> {
  const params = {
    students: envInt('BENCH_STUDENTS', 1000),
    classes: envInt('BENCH_CLASSES', 40),
    connected: envInt('BENCH_CONNECTED', 500),
    list: process.env.BENCH_LIST === 'levels' ? ('levels' as const) : ('school' as const),
    rounds: envInt('BENCH_ROUNDS', 10),
    warmupRounds: envInt('BENCH_WARMUP', 2),
    // the relay marks the 2,000 events relayed after each hub round: not inside the next round
    pauseMs: 500,
    roundTimeoutMs: envInt('BENCH_ROUND_TIMEOUT_MS', 15_000),
    targetCommitMs: 1000,
    targetReceiptP99Ms: 1500,
    analyze: analyzeSeededTables(),
  };
  const guardians = params.students * 2;
  const { log, machine, placement, releaseCpus, bench } = await openRun(name);
  const { hub, database, relay, url } = bench;
  const db = database.db;

  const baseline = await startUserRoomBaseline();
  const { http: baselineHttp, io: baselineIo, url: baselineUrl } = baseline;

  const load = LoadGenerator.start({ cpu: placement.loadGenerator });
  let seeded: (SeededCollege & { directionId: string }) | undefined;
  let lag: Record<Side, LagSampler> | undefined;
  try {
    // --- data
    const seedStart = now();
    const s = await seedCollege(db, {
      students: params.students,
      classes: params.classes,
      school: { settings: { messaging: { limits: { direction: DIRECTION_LIMITS } } } },
    });
    const { school } = s;
    const uai = school.uai;
    const direction = await createPerson(db, school.id, 'direction', { firstName: 'Anne', lastName: 'Principal' });
    seeded = { ...s, directionId: direction.id };
    const connected = spread(guardians, params.connected).map((g) => s.guardianIds[g]);
    const guardianCookies = await mapLimit(connected, 10, async (personId) =>
      sessionCookie(hub.deps.cookieKeys, (await createSession(db, { personId, schoolId: school.id, profile: 'guardian' })).token),
    );
    const directionCookie = sessionCookie(hub.deps.cookieKeys, (await createSession(db, { personId: direction.id, schoolId: school.id, profile: 'direction' })).token);
    if (params.analyze) await db.execute(sql.raw(`analyze ${COLLEGE_TABLES.join(', ')}`));
    const lists =
      params.list === 'school'
        ? ['school:guardian']
        : [...new Set(s.classNames.map(classLevel).filter((l) => l !== null))].map((level) => `level:${level}:guardian`);
    log(
      `seeded ${uai}: ${params.students} students in ${params.classes} classes, ${guardians} guardians, a direction account in ${fmt((now() - seedStart) / 1000)} s` +
        (params.analyze ? ', tables analyzed' : ', tables not analyzed'),
    );

    // --- the hub's commits: the author's `message.sent` names the message of each transaction
    const commits = new Map<string, { at: number; syncMs: number }>();
    let template: EventEnvelope<'message.received'> | undefined;
    afterRelayPublish(relay, (rows, at, syncMs) => {
      for (const row of rows) {
        if (row.type === 'message.sent') {
          commits.set((row.data as { messageId: string }).messageId, { at, syncMs });
        } else if (!template && row.type === 'message.received') {
          template = JSON.parse(JSON.stringify(toEnvelope(row))) as EventEnvelope<'message.received'>;
        }
      }
    });

    // --- the baseline's handler: the same copies' events, built from a real one, to every guardian's room
    // in the hub's order (by person id), then an answer of the hub's size
    const recipientRooms = [...s.guardianIds].sort().map((id) => channels.user(id));
    let hubResponse: SendResultDto | undefined;
    let baselineSeq = 0;
    // each guardian's unread count, as the hub counts it: one more message per send
    let baselineSends = 0;
    baselineHttp.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { subject } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { subject: string };
        if (!template || !hubResponse) return void res.writeHead(500).end('no message captured from the hub yet');
        const messageId = randomUUID();
        const conversationId = randomUUID();
        const unread = ++baselineSends;
        for (const room of recipientRooms) {
          const payload = structuredClone(template);
          payload.channel = room;
          payload.seq = ++baselineSeq;
          payload.at = new Date().toISOString();
          payload.data = { ...payload.data, messageId, conversationId, subject, unread };
          baselineIo.to(room).emit('event', payload);
        }
        res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ ...hubResponse, messageId, conversationId }));
      });
    });

    // --- clients
    const { clock: clockSync, connectMs } = await connectFleets(load, log, { url, cookies: guardianCookies }, { url: baselineUrl, cookies: connected.map(baselineUserCookie) });
    assertAloneInUserRooms(connected, hub.io, baselineIo);
    await sleep(500);

    const gc = new GcRecorder();
    lag = { hub: new LagSampler(), baseline: new LagSampler() };
    let httpRetries = 0;

    const playRound = async (side: Side, index: number): Promise<Round> => {
      const warmup = index < params.warmupRounds;
      if (!warmup) lag![side].start();
      const cpuBefore = processCpuMs();
      const [res] = await load.http([
        {
          url: side === 'hub' ? `${url}/api/schools/${uai}/messaging/messages` : `${baselineUrl}/messaging/messages`,
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: url, ...(side === 'hub' ? { cookie: directionCookie } : {}) },
          body: JSON.stringify({ to: { people: [], lists }, subject: subjectOf(index), bodyHtml: BODY_HTML, confirm: true }),
          returnBody: true,
        },
      ]);
      if (res.retried) httpRetries++;
      if (res.status !== 201) throw new Error(`${side} list send of round ${index}: ${res.status} ${res.error ?? res.body?.slice(0, 300)}`);
      const result = JSON.parse(res.body ?? '{}') as SendResultDto;
      if (result.recipients !== guardians) throw new Error(`${side} list send of round ${index} reached ${result.recipients} people, expected ${guardians}`);
      if (side === 'hub') hubResponse ??= result;
      // on this process's clock, as are the commits
      const t0 = res.sentAt - clockSync.offsetMs;
      const t1 = res.doneAt - clockSync.offsetMs;
      const r = await load.receipts(side, `message.received:${result.messageId}`, params.roundTimeoutMs);
      const cpuMs = processCpuMs() - cpuBefore;
      lag![side].stop();

      const commit = side === 'hub' ? commits.get(result.messageId) : undefined;
      if (side === 'hub' && !commit) throw new Error(`message ${result.messageId} was not relayed`);
      const latencies: number[] = [];
      const publishToReceiptMs: number[] = [];
      let missing = 0;
      let last = t1;
      for (const t of r.times) {
        if (Number.isNaN(t)) {
          missing++;
          continue;
        }
        const received = t - clockSync.offsetMs;
        latencies.push(received - t0);
        if (commit) publishToReceiptMs.push(received - commit.at);
        last = Math.max(last, received);
      }
      return {
        side,
        index,
        warmup,
        commitMs: t1 - t0,
        latencies,
        missing,
        duplicates: r.duplicates,
        ...(commit ? { requestToPublishMs: commit.at - t0, publishSyncMs: commit.syncMs, publishToResponseMs: t1 - commit.at, publishToReceiptMs } : {}),
        spanMs: last - t0,
        gcMs: gc.within(t0, last).ms,
        cpuMs,
      };
    };

    // --- rounds: hub first in even rounds, baseline first in odd ones (round 0 gives the baseline its template)
    const { rounds, cpuAtStart, measured } = await alternateRounds(params, { load, log, play: playRound });
    gc.disconnect();
    const { clockAfter, status, cpu } = await afterRounds(load, cpuAtStart, machine.cpus);

    // --- figures
    const sideFigures = (side: Side) => {
      const list = measured(side);
      return {
        commitMs: summarize(list.map((r) => r.commitMs)),
        receiptMs: summarize(list.flatMap((r) => r.latencies)),
        missing: list.reduce((n, r) => n + r.missing, 0),
        duplicates: list.reduce((n, r) => n + r.duplicates, 0),
        rounds: list.length,
        perRoundP99Ms: perRoundP99(list),
        spanMs: summarize(list.map((r) => r.spanMs)),
        gcMsPerRound: summarize(list.map((r) => r.gcMs)),
        cpuMsPerRound: summarize(list.map((r) => r.cpuMs)),
        eventLoopLagMs: lag![side].figures(),
      };
    };
    const hubFig = sideFigures('hub');
    const baseFig = sideFigures('baseline');
    const hubRounds = measured('hub');
    const baseRounds = measured('baseline');
    const breakdown = {
      requestToPublishMs: summarize(hubRounds.map((r) => r.requestToPublishMs ?? NaN)),
      publishSyncMs: summarize(hubRounds.map((r) => r.publishSyncMs ?? NaN)),
      publishToResponseMs: summarize(hubRounds.map((r) => r.publishToResponseMs ?? NaN)),
      publishToReceiptMs: summarize(hubRounds.flatMap((r) => r.publishToReceiptMs ?? [])),
    };
    const ratio = (pick: (f: typeof hubFig) => Summary, k: keyof Summary) => pick(hubFig)[k] / pick(baseFig)[k];
    const ratios = {
      commit: { p50: ratio((f) => f.commitMs, 'p50'), p99: ratio((f) => f.commitMs, 'p99'), max: ratio((f) => f.commitMs, 'max') },
      receipt: { p50: ratio((f) => f.receiptMs, 'p50'), p90: ratio((f) => f.receiptMs, 'p90'), p99: ratio((f) => f.receiptMs, 'p99'), max: ratio((f) => f.receiptMs, 'max') },
    };
    // 95% intervals resampling whole rounds: a ratio to the baseline, and the hub's own figure (its ratio to a constant 1)
    const ones = hubRounds.map(() => [1]);
    const receipts = (list: Round[]) => list.map((r) => r.latencies);
    const sends = (list: Round[]) => list.map((r) => [r.commitMs]);
    const receiptP99Interval = bootstrapRatio(receipts(hubRounds), ones, 99);
    const receiptP99RatioInterval = bootstrapRatio(receipts(hubRounds), receipts(baseRounds), 99);
    const commitP99Interval = bootstrapRatio(sends(hubRounds), ones, 99);
    const commitP99RatioInterval = bootstrapRatio(sends(hubRounds), sends(baseRounds), 99);
    const verdict = (value: number, target: number, interval: { low: number; high: number }, complete = true) => ({
      met: value <= target && complete,
      conclusive: interval.high <= target || interval.low > target,
    });
    const commitTarget = verdict(hubFig.commitMs.p99, params.targetCommitMs, commitP99Interval);
    const receiptTarget = verdict(hubFig.receiptMs.p99, params.targetReceiptP99Ms, receiptP99Interval, hubFig.missing === 0);
    const strength = (v: { conclusive: boolean }) => (v.conclusive ? 'conclusive' : `not conclusive with ${params.rounds} rounds (raise BENCH_ROUNDS)`);
    const payloadBytes = template ? Buffer.byteLength(JSON.stringify(template)) : null;

    const header = ['side', 'receipts', 'missing', 'commit p50 ms', 'commit p99 ms', 'receipt p50 ms', 'receipt p90 ms', 'receipt p99 ms', 'receipt max ms', 'round p99 median', 'loop lag max ms'];
    const row = (label: string, f: typeof hubFig) => [
      label,
      f.receiptMs.count,
      f.missing,
      f.commitMs.p50,
      f.commitMs.p99,
      f.receiptMs.p50,
      f.receiptMs.p90,
      f.receiptMs.p99,
      f.receiptMs.max,
      f.perRoundP99Ms.median,
      f.eventLoopLagMs.max,
    ];
    const x = (n: number) => `${fmt(n)}×`;
    const table = formatTable(header, [
      row('hub: request → 201 / receipt', hubFig),
      row('baseline: request → response / receipt', baseFig),
      ['ratio hub / baseline', '', '', x(ratios.commit.p50), x(ratios.commit.p99), x(ratios.receipt.p50), x(ratios.receipt.p90), x(ratios.receipt.p99), x(ratios.receipt.max), '', ''],
    ]);
    const part = (label: string, v: Summary) => `${label} p50 ${fmt(v.p50)} / p99 ${fmt(v.p99)} / max ${fmt(v.max)}`;
    console.log(
      [
        '',
        `${name}: ${params.students} students in ${params.classes} classes, a send to ${lists.length === 1 ? lists[0] : `${lists.length} level lists`} (${guardians} guardians, ` +
          `${connected.length} connected), ${params.rounds} rounds per side (+${params.warmupRounds} warm-up), ${database.driver}${params.analyze ? ' (analyzed)' : ''}, ` +
          `event of ${payloadBytes ?? '?'} bytes, ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ` +
          (placement.bench === null ? placement.reason : `bench on CPU ${placement.bench}, load generator on CPU ${placement.loadGenerator}`),
        table,
        `target commit ≤ ${params.targetCommitMs} ms (request → 201, p99 of ${hubFig.rounds} sends): ${commitTarget.met ? 'MET' : 'MISSED'} at ${fmt(hubFig.commitMs.p99)} ms, ` +
          `${strength(commitTarget)} (95% interval over rounds ${fmt(commitP99Interval.low)}–${fmt(commitP99Interval.high)} ms); ` +
          `ratio to baseline ${x(ratios.commit.p99)} (95% interval ${fmt(commitP99RatioInterval.low)}–${fmt(commitP99RatioInterval.high)}×)`,
        `target p99 receipt ≤ ${params.targetReceiptP99Ms} ms (request → each connected guardian's receipt): ${receiptTarget.met ? 'MET' : 'MISSED'} at ${fmt(hubFig.receiptMs.p99)} ms, ` +
          `${strength(receiptTarget)} (95% interval over rounds ${fmt(receiptP99Interval.low)}–${fmt(receiptP99Interval.high)} ms; ${hubFig.missing} missing); ` +
          `ratio to baseline ${x(ratios.receipt.p99)} (95% interval ${fmt(receiptP99RatioInterval.low)}–${fmt(receiptP99RatioInterval.high)}×)`,
        `where the hub's time goes (ms): ${part('request → commit (relay publish)', breakdown.requestToPublishMs)}; ${part(`relay emit of the ${guardians + 1} events (sync)`, breakdown.publishSyncMs)}; ` +
          `${part('commit → response', breakdown.publishToResponseMs)}; ${part('commit → receipt', breakdown.publishToReceiptMs)}`,
        `this process per round: CPU hub ${fmt(hubFig.cpuMsPerRound.mean)} ms, baseline ${fmt(baseFig.cpuMsPerRound.mean)} ms; GC hub ${fmt(hubFig.gcMsPerRound.mean)} ms, baseline ${fmt(baseFig.gcMsPerRound.mean)} ms; ` +
          `event-loop lag (a 10 ms timer's delay beyond its period) hub p99 ${fmt(hubFig.eventLoopLagMs.p99)} / max ${fmt(hubFig.eventLoopLagMs.max)} ms, ` +
          `baseline p99 ${fmt(baseFig.eventLoopLagMs.p99)} / max ${fmt(baseFig.eventLoopLagMs.max)} ms`,
        ...cpuLines(cpu, database.driver),
        `${clockText(clockSync, clockAfter)}; duplicates hub ${hubFig.duplicates}, baseline ${baseFig.duplicates}; missing baseline ${baseFig.missing}; ` +
          `${fleetsText(status.fleets)}; requests resent after a keep-alive reset ${httpRetries}`,
        '',
      ].join('\n'),
    );

    const file = writeResult(name, {
      ...resultHead({ name, machine, databaseDriver: database.driver, placement, parameters: { ...params, lists: lists.length === 1 ? lists : lists.length } }),
      payloadBytes,
      payloadTemplate: template ?? null,
      targets: {
        commitMs: params.targetCommitMs,
        receiptP99Ms: params.targetReceiptP99Ms,
        commit: { ...commitTarget, p99Interval95: commitP99Interval },
        receipt: { ...receiptTarget, p99Interval95: receiptP99Interval },
      },
      ratios: { ...ratios, commitP99Interval95: commitP99RatioInterval, receiptP99Interval95: receiptP99RatioInterval },
      hub: { ...hubFig, breakdown },
      baseline: baseFig,
      ...runFacts({ clock: { before: clockSync, after: clockAfter }, connectMs, httpRetries, loadClients: status.fleets, cpu }),
      rounds: rounds.map(({ latencies, publishToReceiptMs, ...r }) => ({
        ...r,
        ...summarize(latencies),
        ...(publishToReceiptMs ? { publishToReceiptMs: summarize(publishToReceiptMs) } : {}),
        ...rawLatencies(latencies),
      })),
    });
    log(`results written to ${file}`);
  } finally {
    const s = database.driver === 'postgres' ? seeded : undefined;
    // the shared database keeps no trace of the run: the messages go with the school
    const removeData = s && (() => removeSchool(db, s.school, [s.directionId, ...s.teacherIds, ...s.studentIds, ...s.guardianIds]));
    await closeRun(name, { lag, load, baseline, removeData, bench, releaseCpus });
  }
}
