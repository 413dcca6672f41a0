/**
 * The start of a slot in a collège of 1,000 students: 30 teachers submit their roll calls at
 * once, and each absent student's two guardians (2,000 connected) get an `absence.recorded`
 * alert. Measured per receipt: from the HTTP request of that roll call (the teacher's submit) to
 * the guardian's receipt. Target: p99 ≤ 150 ms.
 *
 * Baseline in the same run: a plain socket.io server, reached by 30 concurrent plain HTTP
 * requests with the same bodies, that emits the same number of alerts of the same size to the
 * same guardians' rooms (`io.to('user:<id>').emit`) and answers with a body of the hub's size.
 * The ratio is what the hub's work (authorisation, the transaction and its outbox, the relay)
 * costs over delivering the frames.
 *
 * Each round takes its roll calls on a school day of its own (the hub's clock is set to two
 * minutes into slot M1 that day, day after day up to today), so every round records new
 * absences: alerts, never corrections. The clients, the guardians' sockets and the teachers' 30
 * requests, live in the load-generator process (lib/load-client), pinned to a CPU of their own:
 * this process, which holds the hub and the baseline, measures its own work only.
 *
 * Environment: BENCH_ROUNDS (20), BENCH_WARMUP (2), BENCH_STUDENTS (1000), BENCH_CLASSES (30),
 * BENCH_ABSENCES (100 per round), BENCH_ROUND_TIMEOUT_MS (10000), BENCH_DATABASE_URL (PostgreSQL
 * instead of an in-memory PGlite; the run adds its own school and removes it), BENCH_ANALYZE=1|0
 * (ANALYZE the seeded tables first: by default on PostgreSQL, whose autovacuum would have, not on
 * PGlite, which has none), BENCH_PIN=0 (no CPU pinning), BENCH_RAW=1 (per-receipt latencies in
 * the JSON).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { courses, timetableSlots } from '../db/schema';
import type { RollCallMark } from '../server/contracts/absences';
import { channels } from '../server/contracts/channels';
import type { EventEnvelope } from '../server/contracts/events';
import { addDays, fromZonedInput, isoWeekday, toZonedDate } from '../server/contracts/zoned-time';
import { createSession } from '../server/modules/auth/session.store';
import { toEnvelope } from '../server/platform/outbox';
import { TestClock } from '../tests/helpers/test-clock';
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
import { analyzeSeededTables, insertMany, removeSchool, seedCollege, type SeededCollege } from './lib/seed';
import { bootstrapRatio, mapLimit, now, perRoundP99, prng, sleep, summarize, type Summary } from './lib/stats';

export const name = 'roll-call-fanout';

/** The tables the seed fills (BENCH_ANALYZE). */
const SEEDED_TABLES = ['schools', 'people', 'memberships', 'groups', 'group_members', 'guardianships', 'timetable_slots', 'courses', 'sessions'];

/** The slot whose start the rounds reproduce (teachers may submit from 10 min before). */
const SLOT = { code: 'M1', startTime: '08:00', endTime: '08:55' };
const OTHER_SLOTS = [
  { code: 'M2', startTime: '09:00', endTime: '09:55' },
  { code: 'M3', startTime: '10:10', endTime: '11:05' },
  { code: 'M4', startTime: '11:10', endTime: '12:05' },
  { code: 'S1', startTime: '13:30', endTime: '14:25' },
];
const SUBJECTS = ['Mathématiques', 'Français', 'Histoire-géographie', 'Anglais', 'SVT', 'Physique-chimie', 'Technologie', 'EPS'];

interface BenchSchool extends SeededCollege {
  /** Course of class c on ISO weekday w (1–5): courseIds[c][w - 1], all in slot M1. */
  courseIds: string[][];
}

/** The collège (lib/seed), then its slots and weekly courses. */
async function seedSchool(db: Db, students: number, classCount: number): Promise<BenchSchool> {
  const college = await seedCollege(db, { students, classes: classCount });
  const { school, teacherIds, classIds } = college;
  const slots = await db
    .insert(timetableSlots)
    .values([SLOT, ...OTHER_SLOTS].map((s) => ({ schoolId: school.id, ...s })))
    .returning();
  const slotId = slots.find((s) => s.code === SLOT.code)!.id;
  const rows = classIds.flatMap((groupId, c) =>
    [1, 2, 3, 4, 5].map((weekday) => ({ schoolId: school.id, groupId, teacherId: teacherIds[c], subject: SUBJECTS[(c + weekday) % SUBJECTS.length], weekday, slotId, room: `B${100 + c}` })),
  );
  const flat = await insertMany(rows, 500, (part) => db.insert(courses).values(part).returning({ id: courses.id }));
  const courseIds = classIds.map((_, c) => flat.slice(c * 5, c * 5 + 5));
  return { ...college, courseIds };
}

/** The last `n` weekdays up to today (school time), oldest first: one school day per round. */
function schoolDays(n: number, timeZone: string): string[] {
  const days: string[] = [];
  for (let d = toZonedDate(new Date(), timeZone); days.length < n; d = addDays(d, -1)) if (isoWeekday(d) <= 5) days.unshift(d);
  return days;
}

/**
 * Each class's sheet for a round: `absences` marks spread over the classes (3 or 4 per class for
 * 100 over 30), different students each round, one in four a late arrival (an alert too).
 */
function roundMarks(s: BenchSchool, round: number, absences: number): Array<Array<{ student: number; mark: RollCallMark }>> {
  const classes = s.classStudents.length;
  return s.classStudents.map((list, c) => {
    const count = Math.floor(absences / classes) + ((c + round) % classes < absences % classes ? 1 : 0);
    const random = prng(round * 7919 + c);
    const pool = [...list];
    const picked: number[] = [];
    while (picked.length < Math.min(count, pool.length)) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
    return picked.map((student, k) => ({
      student,
      mark: (k + c + round) % 4 === 3 ? { studentId: s.studentIds[student], kind: 'late', lateMinutes: 5 + ((k + round) % 15) } : { studentId: s.studentIds[student], kind: 'absent', lateMinutes: null },
    }));
  });
}

interface Round {
  side: Side;
  index: number;
  warmup: boolean;
  date: string;
  /** Submit (request start) → receipt, per receipt. */
  latencies: number[];
  /** Expected receipts that did not arrive, and receipts by clients that expected none. */
  missing: number;
  unexpected: number;
  duplicates: number;
  /** Per roll call: request start → response body read. */
  httpMs: number[];
  /** Hub: per roll call, request start → commit (the relay's publish). */
  submitToCommitMs?: number[];
  /** Hub: per receipt, commit of its roll call → receipt. */
  commitToReceiptMs?: number[];
  /** Hub: per roll call, synchronous time of the relay's emit loop. */
  publishSyncMs?: number[];
  /** Hub: per roll call, commit → response read (the sheet the PUT returns is loaded after the commit). */
  commitToResponseMs?: number[];
  /** First request → last receipt. */
  spanMs: number;
  /** This process's GC pauses between the first request and the last receipt. */
  gcMs: number;
  /** CPU time of this process during the round (user + system). */
  cpuMs: number;
}

export async function run(): Promise<void> {
  const params = {
    students: envInt('BENCH_STUDENTS', 1000),
    classes: envInt('BENCH_CLASSES', 30),
    absencesPerRound: envInt('BENCH_ABSENCES', 100),
    rounds: envInt('BENCH_ROUNDS', 20),
    warmupRounds: envInt('BENCH_WARMUP', 2),
    pauseMs: 300,
    roundTimeoutMs: envInt('BENCH_ROUND_TIMEOUT_MS', 10_000),
    targetP99Ms: 150,
    analyze: analyzeSeededTables(),
  };
  const guardians = params.students * 2;
  const total = params.warmupRounds + params.rounds;
  // one school day per round within the school year the roll call accepts
  if (total > 250) throw new Error(`${total} rounds: at most 250 (one school day each, within the last year)`);
  const clock = new TestClock();
  const { log, machine, placement, releaseCpus, bench } = await openRun(name, { clock });
  const { hub, database, relay, url } = bench;
  const db = database.db;

  // --- baseline: each client in its guardian's user room
  const baseline = await startUserRoomBaseline();
  const { http: baselineHttp, io: baselineIo, url: baselineUrl } = baseline;

  const load = LoadGenerator.start({ cpu: placement.loadGenerator });
  let seeded: BenchSchool | undefined;
  let loop: Record<Side, LagSampler> | undefined;
  try {
    // --- data
    const seedStart = now();
    const s = await seedSchool(db, params.students, params.classes);
    seeded = s;
    const { school } = s;
    const uai = school.uai;
    const guardianCookies = await mapLimit(s.guardianIds, 10, async (personId) =>
      sessionCookie(hub.deps.cookieKeys, (await createSession(db, { personId, schoolId: school.id, profile: 'guardian' })).token),
    );
    const teacherCookies = await mapLimit(s.teacherIds, 10, async (personId) =>
      sessionCookie(hub.deps.cookieKeys, (await createSession(db, { personId, schoolId: school.id, profile: 'teacher' })).token),
    );
    if (params.analyze) await db.execute(sql.raw(`analyze ${SEEDED_TABLES.join(', ')}`));
    log(
      `seeded ${uai}: ${params.students} students in ${params.classes} classes, ${guardians} guardians, ${params.classes} teachers in ${fmt((now() - seedStart) / 1000)} s` +
        (params.analyze ? ', tables analyzed' : ', tables not analyzed'),
    );
    const studentOfGuardian = (g: number) => g >> 1;

    // --- the hub's commits
    const commits = new Map<string, { at: number; syncMs: number }>();
    let template: EventEnvelope<'absence.recorded'> | undefined;
    afterRelayPublish(relay, (rows, at, syncMs) => {
      for (const row of rows) {
        if (row.type === 'rollcall.submitted') {
          const { courseId, date } = (row.data as { occurrence: { courseId: string; date: string } }).occurrence;
          commits.set(`${courseId}|${date}`, { at, syncMs });
        } else if (!template && row.type === 'absence.recorded' && row.channel.startsWith('user:')) {
          template = JSON.parse(JSON.stringify(toEnvelope(row))) as EventEnvelope<'absence.recorded'>;
        }
      }
    });

    // --- the baseline's handler: the same alerts, built from a real one, sent to the same rooms
    const guardiansOfStudentId = new Map(s.studentIds.map((id, i) => [id, [s.guardianIds[2 * i], s.guardianIds[2 * i + 1]]]));
    let hubResponseBody = '{}';
    let baselineSeq = 0;
    baselineHttp.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const [, , courseId, date] = (req.url ?? '').split('/');
        const { marks } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { marks: RollCallMark[] };
        if (!template) return void res.writeHead(500).end('no absence alert captured from the hub yet');
        for (const mark of marks) {
          for (const g of guardiansOfStudentId.get(mark.studentId) ?? []) {
            const payload = structuredClone(template);
            payload.channel = channels.user(g);
            payload.seq = ++baselineSeq;
            payload.at = new Date().toISOString();
            payload.data.absence = { ...payload.data.absence, id: randomUUID(), studentId: mark.studentId, kind: mark.kind, lateMinutes: mark.lateMinutes ?? null };
            if (payload.data.absence.course) payload.data.absence.course = { ...payload.data.absence.course, courseId, date };
            baselineIo.to(payload.channel).emit('event', payload);
          }
        }
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(hubResponseBody);
      });
    });

    // --- clients
    const { clock: clockSync, connectMs } = await connectFleets(load, log, { url, cookies: guardianCookies }, { url: baselineUrl, cookies: s.guardianIds.map(baselineUserCookie) });
    assertAloneInUserRooms(s.guardianIds, hub.io, baselineIo);
    await sleep(500);

    const gc = new GcRecorder();

    const days = schoolDays(total, school.timeZone);
    const lag = { hub: new LagSampler(), baseline: new LagSampler() };
    loop = lag;
    let httpRetries = 0;

    const playRound = async (side: Side, index: number): Promise<Round> => {
      const date = days[index];
      const weekday = isoWeekday(date);
      const sheets = roundMarks(s, index, params.absencesPerRound);
      // who should hear of it: both guardians of each marked student
      const expected = new Set<number>();
      for (const sheet of sheets) for (const { student } of sheet) expected.add(2 * student).add(2 * student + 1);
      const key = `absence.recorded:${date}`;
      load.expect(side, key, expected.size);
      // the hub's "now": two minutes into the slot, that day
      if (side === 'hub') clock.setTo(new Date(Date.parse(fromZonedInput(`${date}T${SLOT.startTime}`, school.timeZone)!) + 120_000));
      const warmup = index < params.warmupRounds;
      if (!warmup) lag[side].start();
      const cpuBefore = processCpuMs();

      const requests = sheets.map((sheet, c) => {
        const courseId = s.courseIds[c][weekday - 1];
        return {
          url: side === 'hub' ? `${url}/api/schools/${uai}/roll-calls/${courseId}/${date}` : `${baselineUrl}/roll-calls/${courseId}/${date}`,
          method: 'PUT',
          headers: { 'content-type': 'application/json', origin: url, ...(side === 'hub' ? { cookie: teacherCookies[c] } : {}) },
          body: JSON.stringify({ marks: sheet.map((m) => m.mark) }),
          returnBody: side === 'hub' && c === 0,
        };
      });
      const results = await load.http(requests);
      httpRetries += results.filter((x) => x.retried).length;
      const submits = results.map((res, c) => {
        if (res.status !== 200) throw new Error(`${side} roll call of class ${c} on ${date}: ${res.status} ${res.error ?? res.body?.slice(0, 300)}`);
        if (res.body) hubResponseBody = res.body;
        // on this process's clock, as are the commits
        return { courseId: s.courseIds[c][weekday - 1], t0: res.sentAt - clockSync.offsetMs, t1: res.doneAt - clockSync.offsetMs };
      });
      const r = await load.receipts(side, key, params.roundTimeoutMs);
      const cpuMs = processCpuMs() - cpuBefore;
      lag[side].stop();

      const latencies: number[] = [];
      const commitToReceiptMs: number[] = [];
      let missing = 0;
      let unexpected = 0;
      let last = 0;
      const commitOf = submits.map(({ courseId }) => (side === 'hub' ? commits.get(`${courseId}|${date}`) : undefined));
      if (side === 'hub' && commitOf.some((c) => !c)) throw new Error(`a roll call of ${date} was not relayed`);
      for (let g = 0; g < r.times.length; g++) {
        const received = Number.isNaN(r.times[g]) ? NaN : r.times[g] - clockSync.offsetMs;
        if (!expected.has(g)) {
          if (!Number.isNaN(received)) unexpected++;
          continue;
        }
        if (Number.isNaN(received)) {
          missing++;
          continue;
        }
        const c = s.classOfStudent[studentOfGuardian(g)];
        latencies.push(received - submits[c].t0);
        const commit = commitOf[c];
        if (commit) commitToReceiptMs.push(received - commit.at);
        last = Math.max(last, received);
      }
      const first = Math.min(...submits.map((x) => x.t0));
      return {
        side,
        index,
        warmup,
        date,
        latencies,
        missing,
        unexpected,
        duplicates: r.duplicates,
        httpMs: submits.map((x) => x.t1 - x.t0),
        ...(side === 'hub'
          ? {
              submitToCommitMs: submits.map((x, c) => commitOf[c]!.at - x.t0),
              commitToReceiptMs,
              publishSyncMs: commitOf.map((c) => c!.syncMs),
              commitToResponseMs: submits.map((x, c) => x.t1 - commitOf[c]!.at),
            }
          : {}),
        spanMs: last - first,
        gcMs: gc.within(first, Math.max(last, ...submits.map((x) => x.t1))).ms,
        cpuMs,
      };
    };

    // --- rounds: hub first in even rounds, baseline first in odd ones (round 0 gives the baseline its alert)
    const { rounds, cpuAtStart, measured } = await alternateRounds(params, { load, log, play: playRound });
    gc.disconnect();
    const { clockAfter, status, cpu } = await afterRounds(load, cpuAtStart, machine.cpus);

    // --- figures
    const pooled = (list: Round[], pick: (r: Round) => number[] | undefined) => summarize(list.flatMap((r) => pick(r) ?? []));
    const sideFigures = (side: Side) => {
      const list = measured(side);
      return {
        latencyMs: pooled(list, (r) => r.latencies),
        expectedPerRound: list.length ? list[0].latencies.length + list[0].missing : 0,
        missing: list.reduce((n, r) => n + r.missing, 0),
        unexpected: list.reduce((n, r) => n + r.unexpected, 0),
        duplicates: list.reduce((n, r) => n + r.duplicates, 0),
        rounds: list.length,
        perRoundP99Ms: perRoundP99(list),
        httpMs: pooled(list, (r) => r.httpMs),
        spanMs: summarize(list.map((r) => r.spanMs)),
        gcMsPerRound: summarize(list.map((r) => r.gcMs)),
        cpuMsPerRound: summarize(list.map((r) => r.cpuMs)),
        eventLoopLagMs: lag[side].figures(),
      };
    };
    const hubFig = sideFigures('hub');
    const baseFig = sideFigures('baseline');
    const hubRounds = measured('hub');
    const breakdown = {
      submitToCommitMs: pooled(hubRounds, (r) => r.submitToCommitMs),
      commitToReceiptMs: pooled(hubRounds, (r) => r.commitToReceiptMs),
      publishSyncMs: pooled(hubRounds, (r) => r.publishSyncMs),
      commitToResponseMs: pooled(hubRounds, (r) => r.commitToResponseMs),
    };
    const ratio = (k: keyof Summary) => hubFig.latencyMs[k] / baseFig.latencyMs[k];
    const ratios = { p50: ratio('p50'), p90: ratio('p90'), p99: ratio('p99'), max: ratio('max') };
    const hubLatencies = hubRounds.map((r) => r.latencies);
    const p99RatioInterval = bootstrapRatio(hubLatencies, measured('baseline').map((r) => r.latencies), 99);
    // the hub's own p99 interval: its ratio to a constant 1, resampling whole rounds the same way
    const p99Interval = bootstrapRatio(hubLatencies, hubLatencies.map(() => [1]), 99);
    const targetMet = hubFig.latencyMs.p99 <= params.targetP99Ms && hubFig.missing === 0 && hubFig.unexpected === 0;
    const verdictStrength =
      p99Interval.high <= params.targetP99Ms || p99Interval.low > params.targetP99Ms ? 'conclusive' : `not conclusive with ${params.rounds} rounds (raise BENCH_ROUNDS)`;
    const payloadBytes = template ? Buffer.byteLength(JSON.stringify(template)) : null;

    const header = ['side', 'receipts', 'missing', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'round p99 median', 'HTTP p50 ms', 'HTTP p99 ms', 'loop lag max ms'];
    const row = (label: string, f: typeof hubFig) => [
      label,
      f.latencyMs.count,
      f.missing,
      f.latencyMs.p50,
      f.latencyMs.p90,
      f.latencyMs.p99,
      f.latencyMs.max,
      f.perRoundP99Ms.median,
      f.httpMs.p50,
      f.httpMs.p99,
      f.eventLoopLagMs.max,
    ];
    const table = formatTable(header, [
      row('hub: submit → receipt', hubFig),
      row('baseline: request → receipt', baseFig),
      ['ratio hub / baseline', '', '', `${fmt(ratios.p50)}×`, `${fmt(ratios.p90)}×`, `${fmt(ratios.p99)}×`, `${fmt(ratios.max)}×`, '', '', '', ''],
    ]);
    const part = (label: string, x: Summary) => `${label} p50 ${fmt(x.p50)} / p99 ${fmt(x.p99)} / max ${fmt(x.max)}`;
    console.log(
      [
        '',
        `${name}: ${params.students} students in ${params.classes} classes, ${guardians} guardians connected, ${params.classes} roll calls at once, ` +
          `${hubFig.expectedPerRound} alerts per round (${params.absencesPerRound} marks), ${params.rounds} rounds per side (+${params.warmupRounds} warm-up), ` +
          `${database.driver}${params.analyze ? ' (analyzed)' : ''}, alert of ${payloadBytes ?? '?'} bytes, ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ` +
          (placement.bench === null ? placement.reason : `bench on CPU ${placement.bench}, load generator on CPU ${placement.loadGenerator}`),
        table,
        `target p99 ≤ ${params.targetP99Ms} ms (submit → every guardian's receipt): ${targetMet ? 'MET' : 'MISSED'} at ${fmt(hubFig.latencyMs.p99)} ms, ${verdictStrength} ` +
          `(95% interval over rounds ${fmt(p99Interval.low)}–${fmt(p99Interval.high)} ms; ${hubFig.missing} missing, ${hubFig.unexpected} to the wrong guardian); ` +
          `p99 ratio to baseline ${fmt(ratios.p99)}× (95% interval ${fmt(p99RatioInterval.low)}–${fmt(p99RatioInterval.high)}×)`,
        `where the hub's time goes (ms): ${part('request → commit, per roll call', breakdown.submitToCommitMs)}; ${part('commit → receipt, per alert', breakdown.commitToReceiptMs)}; ` +
          `${part('relay emit (sync), per roll call', breakdown.publishSyncMs)}; ${part('commit → response', breakdown.commitToResponseMs)}`,
        `first request → last receipt per round (ms): hub p50 ${fmt(hubFig.spanMs.p50)} / max ${fmt(hubFig.spanMs.max)}, baseline p50 ${fmt(baseFig.spanMs.p50)} / max ${fmt(baseFig.spanMs.max)}; ` +
          `this process per round: CPU hub ${fmt(hubFig.cpuMsPerRound.mean)} ms, baseline ${fmt(baseFig.cpuMsPerRound.mean)} ms; GC hub ${fmt(hubFig.gcMsPerRound.mean)} ms, baseline ${fmt(baseFig.gcMsPerRound.mean)} ms`,
        `bench process event-loop lag during measured rounds (a 10 ms timer's delay beyond its period): hub p50 ${fmt(hubFig.eventLoopLagMs.p50)} / p99 ${fmt(hubFig.eventLoopLagMs.p99)} / max ${fmt(hubFig.eventLoopLagMs.max)} ms, ` +
          `baseline p50 ${fmt(baseFig.eventLoopLagMs.p50)} / p99 ${fmt(baseFig.eventLoopLagMs.p99)} / max ${fmt(baseFig.eventLoopLagMs.max)} ms`,
        ...cpuLines(cpu, database.driver),
        `${clockText(clockSync, clockAfter)}; duplicates hub ${hubFig.duplicates}, baseline ${baseFig.duplicates}; ` +
          `wrong recipients baseline ${baseFig.unexpected}, missing baseline ${baseFig.missing}; ${fleetsText(status.fleets)}; requests resent after a keep-alive reset ${httpRetries}`,
        '',
      ].join('\n'),
    );

    const file = writeResult(name, {
      ...resultHead({ name, machine, databaseDriver: database.driver, placement, parameters: params }),
      payloadBytes,
      payloadTemplate: template ?? null,
      target: { p99Ms: params.targetP99Ms, met: targetMet, conclusive: verdictStrength === 'conclusive', p99Interval95: p99Interval },
      ratios: { ...ratios, p99Interval95: p99RatioInterval },
      hub: { ...hubFig, breakdown },
      baseline: baseFig,
      ...runFacts({ clock: { before: clockSync, after: clockAfter }, connectMs, httpRetries, loadClients: status.fleets, cpu }),
      rounds: rounds.map(({ latencies, httpMs, submitToCommitMs, commitToReceiptMs, publishSyncMs, commitToResponseMs, ...r }) => ({
        ...r,
        ...summarize(latencies),
        httpMs: summarize(httpMs),
        ...(submitToCommitMs ? { submitToCommitMs: summarize(submitToCommitMs), commitToReceiptMs: summarize(commitToReceiptMs ?? []) } : {}),
        ...rawLatencies(latencies),
      })),
    });
    log(`results written to ${file}`);
  } finally {
    const s = database.driver === 'postgres' ? seeded : undefined;
    // the shared database keeps no trace of the run
    const removeData = s && (() => removeSchool(db, s.school, [...s.teacherIds, ...s.studentIds, ...s.guardianIds]));
    await closeRun(name, { lag: loop, load, baseline, removeData, bench, releaseCpus });
  }
}
