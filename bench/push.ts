/**
 * Web push, two measurements against the tests' push service (tests/helpers/push-service.ts: a
 * real HTTPS peer that verifies each VAPID JWT and decrypts each aes128gcm body), run in a child
 * process on a CPU of its own (lib/push-service-process): checking and decrypting is the push
 * service's work, not ours.
 *
 * Throughput (push-throughput.json): 10,000 distinct subscriptions, one personalised child-absence
 * message each, sent through PushSender.send (RFC 8291 encryption, RFC 8292 VAPID signature, its
 * keep-alive agent bounding the requests in flight) at concurrency 16 (the default), 32 and 64.
 * Measured from the first send to the last 201 read: pushes per second; this process's CPU per
 * push; the service's; the TLS connections opened. The caller keeps 4 × concurrency sends
 * started so that the agent's queue never runs dry, without encrypting all 10,000 up front.
 * Target: ≥ 1,000 pushes a second at the default concurrency.
 * Baseline in the same run: the same 10,000 requests as plain HTTPS POSTs of the same body size
 * (the encrypted size) over an https.Agent configured as PushSender's, without encryption or
 * VAPID; the service answers them 201 without checking or decrypting (its respondNext). The
 * ratio is what RFC 8291/8292 costs, on both ends: the sender's encryption and signature, the
 * service's verification and decryption (when the service's CPU saturates, the figure is the
 * service's limit, and the report says how busy it was).
 *
 * Latency (push-latency.json): a hub (startBenchHub) sending due deliveries every
 * BENCH_DELIVERY_EVERY_MS (100) ms, a collège of 100 students and their 200 guardians, each
 * with one subscription at the service. Per round, vie scolaire records a period absence of 50
 * students through the API (POST /api/schools/:uai/absences/periods); a child's absence is
 * critical, so quiet hours never hold it. Measured from the request's start to the service's
 * acceptance of each guardian's push (its decrypted title checked): 100 latencies a round. The
 * delivery runner polls: a push waits for the next pass, 0 to one interval, so the interval is
 * part of the latency by construction (and a random wait of 0 to one interval before each
 * request keeps the rounds from locking onto its phase). Target: p95 ≤ 1 s.
 * Baseline in the same run: the same request body to a plain HTTP server in this process whose
 * handler answers 201 and sends the same 100 pushes at once through a PushSender configured as
 * the hub's (same VAPID keys, same concurrency, same encryption): the latency of a push sent
 * straight from the request, with no transaction, no notification rows, no queue, no polling.
 * The ratio is what the engine (outbox, projector, routing, claim, polling) adds to the push.
 * The request is made from this process (one per round; its own cost is negligible).
 *
 * Environment: BENCH_PUSH (throughput,latency), BENCH_PUSHES (10000), BENCH_PUSH_CONCURRENCY
 * (16,32,64), BENCH_PUSH_ROUNDS (1 per side and concurrency, after a warm-up of
 * BENCH_PUSH_WARMUP (500) each), BENCH_ROUNDS (10), BENCH_WARMUP (2), BENCH_STUDENTS (100, two
 * guardians each), BENCH_ROUND_STUDENTS (50), BENCH_DELIVERY_EVERY_MS (100),
 * BENCH_ROUND_TIMEOUT_MS (15000), BENCH_DATABASE_URL (PostgreSQL instead of an in-memory PGlite;
 * the run adds its own school and removes it), BENCH_ANALYZE=1|0, BENCH_PIN=0, BENCH_RAW=1.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { rawRows } from '../db/raw-rows';
import { pushSubscriptions } from '../db/schema';
import type { AbsenceDto } from '../server/contracts/absences';
import { PUSH_DELIVERY } from '../server/contracts/notification-rules';
import { createSession } from '../server/modules/auth/session.store';
import { fitPayload, PushSender, topicFor, vapidKeys, type PushMessage, type PushOptions, type PushOutcome } from '../server/modules/notifications/push-sender';
import { createPerson } from '../tests/helpers/factories';
import { sessionCookie, startBenchHub } from './lib/bench-hub';
import { alternateRounds, benchLog, cleanupSteps, envInt, GcRecorder, type Side } from './lib/harness';
import { pinBenchProcess, type Placement } from './lib/pinning';
import { PushServicePeer, type Arrival, type Subscription } from './lib/push-service-peer';
import { cpuShares, fmt, formatTable, machineCpu, machineInfo, processCpuMs, rawLatencies, resultHead, writeResult } from './lib/report';
import { analyzeSeededTables, insertMany, removeSchool, seedCollege } from './lib/seed';
import { bootstrapRatio, mapLimit, median, now, percentile, prng, sleep } from './lib/stats';

// web-push is CommonJS whose exports Node's ESM loader cannot name one by one
const webpush = createRequire(import.meta.url)('web-push') as typeof import('web-push');

export const name = 'push';

const FIRST = ['Léa', 'Hugo', 'Chloé', 'Lucas', 'Inès', 'Nathan', 'Jade', 'Louis', 'Emma', 'Gabriel', 'Manon', 'Arthur'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Lefèvre'];
const ABSENCE = PUSH_DELIVERY.child_absence;
/** The projector's wording of a period absence recorded by vie scolaire (server/modules/notifications/projector.ts). */
const absenceMessage = (studentName: string, absenceId: string): PushMessage =>
  fitPayload({
    title: `${studentName} : absent(e)`,
    body: 'Absent(e) — absence enregistrée par la vie scolaire. Merci d’en prendre connaissance.',
    url: '/#/absences',
    tag: `absence:${absenceId}`,
  });
const absenceOptions = (absenceId: string, personId: string): PushOptions => ({
  ttlSeconds: ABSENCE.ttlSeconds,
  urgency: ABSENCE.urgency,
  topic: topicFor(`absence:${absenceId}:${personId}`),
  attempt: 0,
});

/** Quantiles of the latency target, nearest rank. */
const quantiles = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
};

export async function run(): Promise<void> {
  const parts = new Set((process.env.BENCH_PUSH ?? 'throughput,latency').split(',').map((p) => p.trim()));
  const log = benchLog(name);
  const machine = machineInfo();
  const { placement, release: releaseCpus } = pinBenchProcess();
  const step = cleanupSteps(name);
  let service: PushServicePeer | undefined;
  try {
    service = await PushServicePeer.start({ cpu: placement.loadGenerator });
    log(`push service on ${service.origin}` + (placement.bench === null ? ` (${placement.reason})` : `, CPU ${placement.loadGenerator}; bench on CPU ${placement.bench}`));
    if (parts.has('throughput')) await throughput(service, { log, machine, placement });
    if (parts.has('latency')) await latency(service, { log, machine, placement });
  } finally {
    if (service) await step('push service', () => service!.close());
    releaseCpus();
  }
}

interface RunContext {
  log: (msg: string) => void;
  machine: ReturnType<typeof machineInfo>;
  placement: Placement;
}

// ---------------------------------------------------------------------------------------------
// (b) throughput

interface ThroughputRound {
  side: 'push' | 'baseline';
  concurrency: number;
  warmup: boolean;
  pushes: number;
  ms: number;
  perSecond: number;
  /** This process's CPU (user + system) per push, ms. */
  cpuMsPerPush: number;
  /** The push service's CPU per push, ms, and its share of one core during the round. */
  serviceCpuMsPerPush: number;
  serviceCpuPct: number;
  connectionsOpened: number;
  maxInFlightAtService: number;
  gcMs: number;
  /** CPU the rest of the machine used during the round, % of one core: other work slows both sides, unevenly. */
  otherPct: number | null;
}

/** A plain HTTPS POST over `agent`, resent once when a kept-alive socket was closed under it (as PushSender does). */
function plainPost(url: URL, headers: Record<string, string | number>, body: Buffer, agent: https.Agent, retry = true): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request({ method: 'POST', hostname: url.hostname, port: url.port, path: url.pathname, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (retry && req.reusedSocket && err.code === 'ECONNRESET') resolve(plainPost(url, headers, body, agent, false));
      else reject(err);
    });
    req.end(body);
  });
}

async function throughput(service: PushServicePeer, { log, machine, placement }: RunContext): Promise<void> {
  const params = {
    pushes: envInt('BENCH_PUSHES', 10_000),
    concurrencies: (process.env.BENCH_PUSH_CONCURRENCY ?? '16,32,64').split(',').map((c) => Number.parseInt(c, 10)).filter((c) => c > 0),
    rounds: envInt('BENCH_PUSH_ROUNDS', 1),
    warmup: envInt('BENCH_PUSH_WARMUP', 500),
    inFlightFactor: 4,
    pauseMs: 500,
    targetPerSecond: 1000,
  };
  const setupStart = now();
  const subs = await service.subscribe(params.pushes);
  const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:contact@preau.invalid' };
  const host = new URL(service.origin).host;
  // one guardian per subscription, one absence each: every payload and topic is its own
  const random = prng(7);
  const sends = subs.map((sub, i) => {
    const absenceId = randomUUID();
    const studentName = `${FIRST[Math.floor(random() * FIRST.length)]} ${LAST[Math.floor(random() * LAST.length)]}`;
    return { sub, url: new URL(sub.endpoint), message: absenceMessage(studentName, absenceId), options: absenceOptions(absenceId, `guardian-${i}`) };
  });
  // the baseline's bodies: as many bytes as the encrypted ones (aes128gcm: 86-byte header, the
  // plaintext, a 1-byte delimiter, a 16-byte tag), checked against a real encryption
  const encryptedSize = (m: PushMessage) => 86 + Buffer.byteLength(JSON.stringify({ title: m.title, body: m.body, url: m.url, tag: m.tag })) + 1 + 16;
  const sample = webpush.generateRequestDetails({ endpoint: sends[0].sub.endpoint, keys: { p256dh: sends[0].sub.p256dh, auth: sends[0].sub.auth } }, JSON.stringify(sends[0].message), {
    vapidDetails: vapid,
    contentEncoding: 'aes128gcm',
    TTL: ABSENCE.ttlSeconds,
  });
  if (sample.body?.length !== encryptedSize(sends[0].message)) throw new Error(`encrypted size ${sample.body?.length} ≠ computed ${encryptedSize(sends[0].message)}`);
  const plainBodies = sends.map((s) => Buffer.alloc(encryptedSize(s.message), 0x61));
  const plainHeaders = sends.map((s) => ({
    'content-type': 'application/octet-stream',
    ttl: s.options.ttlSeconds,
    urgency: s.options.urgency,
    topic: s.options.topic!,
  }));
  const bodyBytes = plainBodies.map((b) => b.length);
  log(`${params.pushes} subscriptions and messages ready in ${fmt((now() - setupStart) / 1000)} s (encrypted body ${Math.min(...bodyBytes)}–${Math.max(...bodyBytes)} bytes)`);

  // the sender's own cost, alone: encryption (ECDH, HKDF, AES-GCM) and the VAPID JWT (ES256), per push
  const microCount = Math.min(2000, params.pushes);
  const microCpu0 = processCpuMs();
  const microT0 = now();
  for (let i = 0; i < microCount; i++) {
    const s = sends[i];
    webpush.generateRequestDetails({ endpoint: s.sub.endpoint, keys: { p256dh: s.sub.p256dh, auth: s.sub.auth } }, JSON.stringify(s.message), {
      vapidDetails: vapid,
      contentEncoding: 'aes128gcm',
      TTL: s.options.ttlSeconds,
      urgency: s.options.urgency,
      topic: s.options.topic,
    });
  }
  const encryptCpuMsPerPush = (processCpuMs() - microCpu0) / microCount;
  const encryptWallMsPerPush = (now() - microT0) / microCount;
  log(`encryption + VAPID signature alone: ${fmt(encryptCpuMsPerPush)} ms CPU per push (${microCount} in a loop)`);

  const gc = new GcRecorder();
  const rounds: ThroughputRound[] = [];

  const playSide = async (side: 'push' | 'baseline', concurrency: number, count: number, warmup: boolean, sender: PushSender, agent: https.Agent): Promise<ThroughputRound> => {
    await service.reset();
    if (side === 'baseline') await service.respondNext(201, count);
    const svc0 = (await service.stats()).cpuMs;
    const machine0 = machineCpu();
    const cpu0 = processCpuMs();
    const t0 = now();
    const indices = Array.from({ length: count }, (_, i) => i);
    let failures: string[] = [];
    if (side === 'push') {
      const outcomes = await mapLimit(indices, concurrency * params.inFlightFactor, (i) => sender.send(sends[i].sub, sends[i].message, sends[i].options));
      failures = outcomes.filter((o: PushOutcome) => !(o.kind === 'sent' && o.status === 201)).map((o) => JSON.stringify(o));
    } else {
      const statuses = await mapLimit(indices, concurrency * params.inFlightFactor, (i) => plainPost(sends[i].url, plainHeaders[i], plainBodies[i], agent));
      failures = statuses.filter((s) => s !== 201).map(String);
    }
    const t1 = now();
    const cpuMs = processCpuMs() - cpu0;
    const machine1 = machineCpu();
    const stats = await service.stats();
    if (failures.length > 0) throw new Error(`${side} at ${concurrency}: ${failures.length} of ${count} not accepted, e.g. ${failures.slice(0, 3).join('; ')}`);
    if (stats.requests !== count) throw new Error(`${side} at ${concurrency}: the service saw ${stats.requests} requests, expected ${count}`);
    if (side === 'push') {
      // each accepted message decrypted to the title sent, for the subscription it was meant for
      const arrivals = await service.takeArrivals(0);
      const expected = new Map(indices.map((i) => [sends[i].sub.id, sends[i].message.title]));
      const wrong = arrivals.filter((a) => expected.get(a.subscription) !== a.title).length;
      const distinct = new Set(arrivals.map((a) => a.subscription)).size;
      if (stats.accepted !== count || distinct !== count || wrong > 0) throw new Error(`push at ${concurrency}: ${stats.accepted} accepted, ${distinct} distinct, ${wrong} wrong titles`);
    } else if (stats.accepted !== 0) {
      throw new Error(`baseline at ${concurrency}: ${stats.accepted} messages went through the checks`);
    }
    const ms = t1 - t0;
    return {
      side,
      concurrency,
      warmup,
      pushes: count,
      ms,
      perSecond: (count * 1000) / ms,
      cpuMsPerPush: cpuMs / count,
      serviceCpuMsPerPush: (stats.cpuMs - svc0) / count,
      serviceCpuPct: Math.round((100 * (stats.cpuMs - svc0)) / ms),
      connectionsOpened: stats.connections,
      maxInFlightAtService: stats.maxInFlight,
      gcMs: gc.within(t0, t1).ms,
      otherPct: machine0 && machine1 ? Math.round((100 * (machine1.busyMs - machine0.busyMs - cpuMs - (stats.cpuMs - svc0))) / ms) : null,
    };
  };

  for (const concurrency of params.concurrencies) {
    // one sender and one agent per concurrency, kept across its rounds as a running hub keeps its own
    const sender = new PushSender({ vapid, allowedHosts: [host], concurrency, ca: service.ca });
    const agent = new https.Agent({ keepAlive: true, maxSockets: concurrency, maxTotalSockets: concurrency, ca: service.ca });
    try {
      for (const side of ['push', 'baseline'] as const) rounds.push(await playSide(side, concurrency, Math.min(params.warmup, params.pushes), true, sender, agent));
      for (let r = 0; r < params.rounds; r++) {
        // the push side first in even rounds, the baseline first in odd ones: both share the machine's noise
        for (const side of r % 2 === 0 ? (['push', 'baseline'] as const) : (['baseline', 'push'] as const)) {
          await sleep(params.pauseMs);
          const round = await playSide(side, concurrency, params.pushes, false, sender, agent);
          rounds.push(round);
          log(`concurrency ${concurrency}, ${side}: ${fmt(round.perSecond)} /s, ${round.connectionsOpened} connections opened, service CPU ${round.serviceCpuPct}%`);
        }
      }
    } finally {
      sender.close();
      agent.destroy();
    }
  }
  gc.disconnect();

  // --- figures: per concurrency and side, all the measured pushes over all their time
  const figures = params.concurrencies.map((concurrency) => {
    const of = (side: 'push' | 'baseline') => {
      const list = rounds.filter((r) => r.side === side && r.concurrency === concurrency && !r.warmup);
      const pushes = list.reduce((n, r) => n + r.pushes, 0);
      const ms = list.reduce((n, r) => n + r.ms, 0);
      const mean = (pick: (r: ThroughputRound) => number) => list.reduce((n, r) => n + pick(r) * r.pushes, 0) / pushes;
      return {
        perSecond: (pushes * 1000) / ms,
        perSecondRounds: list.map((r) => r.perSecond),
        cpuMsPerPush: mean((r) => r.cpuMsPerPush),
        serviceCpuMsPerPush: mean((r) => r.serviceCpuMsPerPush),
        serviceCpuPct: Math.round(mean((r) => r.serviceCpuPct)),
        connectionsOpened: list.reduce((n, r) => n + r.connectionsOpened, 0),
        maxInFlightAtService: Math.max(...list.map((r) => r.maxInFlightAtService)),
        gcMsPerRound: list.reduce((n, r) => n + r.gcMs, 0) / list.length,
        otherPct: list.some((r) => r.otherPct === null) ? null : Math.round(mean((r) => r.otherPct!)),
      };
    };
    const push = of('push');
    const baseline = of('baseline');
    const warmupConnections = rounds.filter((r) => r.concurrency === concurrency && r.warmup && r.side === 'push')[0]?.connectionsOpened ?? 0;
    return { concurrency, push, baseline, ratio: baseline.perSecond / push.perSecond, warmupConnections };
  });
  const atDefault = figures.find((f) => f.concurrency === 16) ?? figures[0];
  const met = atDefault.push.perSecond >= params.targetPerSecond;
  const slowestRound = Math.min(...atDefault.push.perSecondRounds);

  const table = formatTable(
    ['concurrency', 'side', 'pushes/s', 'rounds /s', 'sender CPU ms/push', 'service CPU ms/push', 'service CPU %', 'others CPU %', 'connections opened', 'max in flight'],
    figures.flatMap((f) => [
      [f.concurrency, 'PushSender (RFC 8291 + 8292)', f.push.perSecond, f.push.perSecondRounds.map((v) => fmt(v)).join(' / '), f.push.cpuMsPerPush, f.push.serviceCpuMsPerPush, f.push.serviceCpuPct, f.push.otherPct ?? '—', `${f.push.connectionsOpened} (+${f.warmupConnections} warm-up)`, f.push.maxInFlightAtService],
      [f.concurrency, 'baseline: plain POST', f.baseline.perSecond, f.baseline.perSecondRounds.map((v) => fmt(v)).join(' / '), f.baseline.cpuMsPerPush, f.baseline.serviceCpuMsPerPush, f.baseline.serviceCpuPct, f.baseline.otherPct ?? '—', String(f.baseline.connectionsOpened), f.baseline.maxInFlightAtService],
      [f.concurrency, 'ratio baseline / push', `${fmt(f.ratio)}×`, '', `${fmt(f.push.cpuMsPerPush / f.baseline.cpuMsPerPush)}×`, `${fmt(f.push.serviceCpuMsPerPush / f.baseline.serviceCpuMsPerPush)}×`, '', '', '', ''],
    ]),
  );
  console.log(
    [
      '',
      `${name} (throughput): ${params.pushes} distinct subscriptions, one personalised child-absence message each (body ${Math.min(...bodyBytes)}–${Math.max(...bodyBytes)} bytes encrypted), ` +
        `${params.rounds} rounds per side and concurrency (+ a warm-up of ${params.warmup}), ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ` +
        (placement.bench === null ? placement.reason : `sender on CPU ${placement.bench}, push service on CPU ${placement.loadGenerator}`),
      table,
      `target ≥ ${params.targetPerSecond} pushes/s at concurrency ${atDefault.concurrency}: ${met ? 'MET' : 'MISSED'} at ${fmt(atDefault.push.perSecond)} /s (slowest round ${fmt(slowestRound)} /s); ` +
        `the plain baseline is ${fmt(atDefault.ratio)}× as fast`,
      `encryption + VAPID signature alone (generateRequestDetails in a loop): ${fmt(encryptCpuMsPerPush)} ms CPU per push, ` +
        `i.e. at most ${fmt(1000 / encryptCpuMsPerPush)} pushes/s on one core before any I/O`,
      `a service CPU near 100% means the push service (VAPID verification + decryption, on its own core) bounds the figure, not the sender`,
      ...(figures.some((f) => (f.push.otherPct ?? 0) > 25 || (f.baseline.otherPct ?? 0) > 25)
        ? ['WARNING: other processes used more than 25% of a core during the rounds (others CPU %): the rates are the machine\'s, rerun on a quiet machine before trusting them']
        : []),
      '',
    ].join('\n'),
  );
  const file = writeResult(`${name}-throughput`, {
    ...resultHead({ name: `${name}-throughput`, machine, databaseDriver: 'none', placement, parameters: params }),
    target: { perSecond: params.targetPerSecond, concurrency: atDefault.concurrency, met, value: atDefault.push.perSecond, slowestRound },
    encryption: { cpuMsPerPush: encryptCpuMsPerPush, wallMsPerPush: encryptWallMsPerPush, samples: microCount },
    bodyBytes: { min: Math.min(...bodyBytes), max: Math.max(...bodyBytes) },
    figures,
    rounds,
  });
  log(`results written to ${file}`);
}

// ---------------------------------------------------------------------------------------------
// (c) latency

interface LatencyRound {
  side: Side;
  index: number;
  warmup: boolean;
  /** Request start → 201 read. */
  responseMs: number;
  /** Request start → each guardian's push accepted by the service. */
  latencies: number[];
  /** 201 read → each push (the hub: the wait for the runner's next pass, its claim and the sends). */
  afterResponse: number[];
  /** The random wait before the request (0 to one polling interval). */
  jitterMs: number;
  missing: number;
  wrongTitles: number;
  /** Arrivals of no expected tag (a late push of an earlier round). */
  strays: number;
}

function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

async function latency(service: PushServicePeer, { log, machine, placement }: RunContext): Promise<void> {
  const params = {
    students: envInt('BENCH_STUDENTS', 100),
    perRound: envInt('BENCH_ROUND_STUDENTS', 50),
    rounds: envInt('BENCH_ROUNDS', 10),
    warmupRounds: envInt('BENCH_WARMUP', 2),
    deliveryEveryMs: envInt('BENCH_DELIVERY_EVERY_MS', 100),
    // after a round the runner writes its 'sent' rows: not inside the next round
    pauseMs: 300,
    roundTimeoutMs: envInt('BENCH_ROUND_TIMEOUT_MS', 15_000),
    targetP95Ms: 1000,
    analyze: analyzeSeededTables(),
  };
  const perRound = Math.min(params.perRound, params.students, 60);
  const bench = await startBenchHub({ push: { origin: service.origin, ca: service.ca }, deliveryEveryMs: params.deliveryEveryMs });
  const { hub, database, url } = bench;
  const db = database.db;
  log(`hub on ${url}, database ${database.driver}, deliveries every ${params.deliveryEveryMs} ms`);
  const step = cleanupSteps(`${name} latency`);
  let seeded: { school: { id: string; uai: string }; personIds: string[] } | undefined;
  let baselineSender: PushSender | undefined;
  const baselineHttp = createServer();
  try {
    // --- data: the collège, vie scolaire, one subscription per guardian
    const seedStart = now();
    const s = await seedCollege(db, { students: params.students, classes: Math.max(1, Math.round(params.students / 25)) });
    const cpe = await createPerson(db, s.school.id, 'staff', { staffFunction: 'vie_scolaire', firstName: 'Claire', lastName: 'Roussel' });
    seeded = { school: s.school, personIds: [cpe.id, ...s.teacherIds, ...s.studentIds, ...s.guardianIds] };
    const cookie = sessionCookie(hub.deps.cookieKeys, (await createSession(db, { personId: cpe.id, schoolId: s.school.id, profile: 'staff' })).token);
    const subs = await service.subscribe(s.guardianIds.length);
    await insertMany(
      subs.map((sub, g) => ({ personId: s.guardianIds[g], endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth })),
      500,
      (part) => db.insert(pushSubscriptions).values(part).returning({ id: pushSubscriptions.id }),
    );
    if (params.analyze) await db.execute(sql.raw('analyze schools, people, memberships, groups, group_members, guardianships, sessions, push_subscriptions'));
    const names = await rawRows<{ id: string; name: string }>(db, sql`select id, first_name || ' ' || last_name as name from people where id in (${sql.join(s.studentIds.map((id) => sql`${id}`), sql`, `)})`);
    const studentName = new Map(names.map((n) => [n.id, n.name]));
    log(`seeded ${s.school.uai}: ${params.students} students, ${s.guardianIds.length} guardians with a subscription each, in ${fmt((now() - seedStart) / 1000)} s`);

    // --- the baseline: the same request, the same pushes sent straight from its handler
    baselineSender = new PushSender({ vapid: { ...(await vapidKeys(db)), subject: hub.deps.config.pushContact }, allowedHosts: [new URL(service.origin).host], ca: service.ca });
    const guardiansOf = new Map(s.studentIds.map((id, st) => [id, [2 * st, 2 * st + 1]]));
    baselineHttp.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { studentIds } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { studentIds: string[] };
        const absences = studentIds.map((studentId) => ({ id: randomUUID(), studentId, studentName: studentName.get(studentId)! }));
        res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(absences));
        for (const a of absences) {
          for (const g of guardiansOf.get(a.studentId)!) {
            const sub: Subscription = subs[g];
            void baselineSender!.send(sub, absenceMessage(a.studentName, a.id), absenceOptions(a.id, s.guardianIds[g]));
          }
        }
      });
    });
    await new Promise<void>((resolve) => baselineHttp.listen(0, '127.0.0.1', resolve));
    const baselineUrl = `http://127.0.0.1:${(baselineHttp.address() as AddressInfo).port}`;

    const clockBefore = await service.syncClock();
    log(`clock offset service−bench ${fmt(clockBefore.offsetMs)} ms ± ${fmt(clockBefore.rttMs / 2)}`);
    await service.takeArrivals(clockBefore.offsetMs);

    // --- rounds
    const random = prng(11);
    const day = Date.now();
    const gc = new GcRecorder();
    const playRound = async (side: Side, index: number): Promise<LatencyRound> => {
      const warmup = index < params.warmupRounds;
      const first = (index * perRound) % params.students;
      const studentIds = Array.from({ length: perRound }, (_, k) => s.studentIds[(first + k) % params.students]);
      // each round its own hour of the past few days: a distinct absence per student
      const startsAt = new Date(day - (index + 1) * 3_600_000 - (side === 'hub' ? 0 : 1_800_000));
      const body = { studentIds, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 25 * 60_000).toISOString() };
      const jitterMs = random() * params.deliveryEveryMs;
      await sleep(jitterMs);
      const t0 = now();
      const res = await postJson(side === 'hub' ? `${url}/api/schools/${s.school.uai}/absences/periods` : `${baselineUrl}/absences/periods`, body, {
        origin: url,
        ...(side === 'hub' ? { cookie } : {}),
      });
      const t1 = now();
      if (res.status !== 201) throw new Error(`${side} round ${index}: ${res.status} ${res.text.slice(0, 300)}`);
      const recorded = JSON.parse(res.text) as Array<Pick<AbsenceDto, 'id' | 'studentId' | 'studentName'>>;
      if (recorded.length !== perRound) throw new Error(`${side} round ${index}: ${recorded.length} absences recorded, expected ${perRound}`);
      const expected = new Map(recorded.map((a) => [`absence:${a.id}`, { title: `${a.studentName} : absent(e)`, guardians: new Set(guardiansOf.get(a.studentId)!.map((g) => subs[g].id)) }]));
      const want = recorded.length * 2;
      const got: Arrival[] = [];
      let strays = 0;
      const deadline = now() + params.roundTimeoutMs;
      while (got.length < want && now() < deadline) {
        await sleep(20);
        for (const a of await service.takeArrivals(clockBefore.offsetMs)) {
          if (expected.get(a.tag)?.guardians.has(a.subscription)) got.push(a);
          else strays++;
        }
      }
      const wrongTitles = got.filter((a) => expected.get(a.tag)!.title !== a.title).length;
      return {
        side,
        index,
        warmup,
        responseMs: t1 - t0,
        latencies: got.map((a) => a.at - t0),
        afterResponse: got.map((a) => a.at - t1),
        jitterMs,
        missing: want - got.length,
        wrongTitles,
        strays,
      };
    };
    const status = async () => ({ fleets: [], cpuMs: (await service.stats()).cpuMs });
    const { rounds, cpuAtStart, measured } = await alternateRounds(params, { load: { status }, log, play: playRound });
    gc.disconnect();
    const cpu = cpuShares(cpuAtStart, (await service.stats()).cpuMs, machine.cpus);
    const clockAfter = await service.syncClock();
    const deliveries = await rawRows<{ channel: string; status: string; n: number }>(
      db,
      sql`select d.channel, d.status, count(*)::int as n from notification_deliveries d join notifications n on n.id = d.notification_id
        where n.school_id = ${s.school.id} group by d.channel, d.status order by 1, 2`,
    );

    // --- figures
    const sideFigures = (side: Side) => {
      const list = measured(side);
      return {
        latencyMs: quantiles(list.flatMap((r) => r.latencies)),
        afterResponseMs: quantiles(list.flatMap((r) => r.afterResponse)),
        responseMs: quantiles(list.map((r) => r.responseMs)),
        perRoundP95Ms: list.map((r) => quantiles(r.latencies).p95),
        missing: list.reduce((n, r) => n + r.missing, 0),
        wrongTitles: list.reduce((n, r) => n + r.wrongTitles, 0),
        strays: list.reduce((n, r) => n + r.strays, 0),
        rounds: list.length,
      };
    };
    const hubFig = sideFigures('hub');
    const baseFig = sideFigures('baseline');
    const hubRounds = measured('hub').map((r) => r.latencies);
    const baseRounds = measured('baseline').map((r) => r.latencies);
    const p95Interval = bootstrapRatio(hubRounds, hubRounds.map(() => [1]), 95);
    const p95RatioInterval = bootstrapRatio(hubRounds, baseRounds, 95);
    const complete = hubFig.missing === 0 && hubFig.wrongTitles === 0;
    const met = hubFig.latencyMs.p95 <= params.targetP95Ms && complete;
    const conclusive = p95Interval.high <= params.targetP95Ms || p95Interval.low > params.targetP95Ms;
    const x = (n: number) => `${fmt(n)}×`;
    const row = (label: string, f: typeof hubFig) => [label, f.latencyMs.count, f.missing, f.responseMs.p50, f.latencyMs.p50, f.latencyMs.p95, f.latencyMs.p99, f.latencyMs.max, median(f.perRoundP95Ms), Math.max(...f.perRoundP95Ms)];
    const table = formatTable(
      ['side', 'pushes', 'missing', 'request → 201 p50 ms', 'push p50 ms', 'push p95 ms', 'push p99 ms', 'push max ms', 'round p95 median', 'round p95 max'],
      [
        row('hub: absence recorded → push received', hubFig),
        row('baseline: request → push sent from the handler', baseFig),
        ['ratio hub / baseline', '', '', x(hubFig.responseMs.p50 / baseFig.responseMs.p50), x(hubFig.latencyMs.p50 / baseFig.latencyMs.p50), x(hubFig.latencyMs.p95 / baseFig.latencyMs.p95), x(hubFig.latencyMs.p99 / baseFig.latencyMs.p99), x(hubFig.latencyMs.max / baseFig.latencyMs.max), '', ''],
      ],
    );
    console.log(
      [
        '',
        `${name} (latency): ${params.students} students, ${s.guardianIds.length} guardians with a subscription each; per round one period absence of ${perRound} students ` +
          `(${perRound * 2} pushes), ${params.rounds} rounds per side (+${params.warmupRounds} warm-up), ${database.driver}${params.analyze ? ' (analyzed)' : ''}, ` +
          `deliveries polled every ${params.deliveryEveryMs} ms, ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ` +
          (placement.bench === null ? placement.reason : `hub on CPU ${placement.bench}, push service on CPU ${placement.loadGenerator}`),
        table,
        `target p95 ≤ ${params.targetP95Ms} ms (request start → push accepted by the service): ${met ? 'MET' : 'MISSED'} at ${fmt(hubFig.latencyMs.p95)} ms, ` +
          `${conclusive ? 'conclusive' : `not conclusive with ${params.rounds} rounds (raise BENCH_ROUNDS)`} (95% interval over rounds ${fmt(p95Interval.low)}–${fmt(p95Interval.high)} ms; ` +
          `${hubFig.missing} missing, ${hubFig.wrongTitles} wrong titles); ratio to baseline ${x(hubFig.latencyMs.p95 / baseFig.latencyMs.p95)} (95% interval ${fmt(p95RatioInterval.low)}–${fmt(p95RatioInterval.high)}×)`,
        `the polling interval (${params.deliveryEveryMs} ms) is part of the hub's latency by construction: a push waits 0–${params.deliveryEveryMs} ms for the runner's next pass; ` +
          `hub 201 → push p50 ${fmt(hubFig.afterResponseMs.p50)} / p95 ${fmt(hubFig.afterResponseMs.p95)} ms, baseline ${fmt(baseFig.afterResponseMs.p50)} / ${fmt(baseFig.afterResponseMs.p95)} ms`,
        `deliveries of the school after the run: ${deliveries.map((d) => `${d.channel} ${d.status} ${d.n}`).join(', ')}; strays hub ${hubFig.strays}, baseline ${baseFig.strays}`,
        cpu
          ? `CPU during measured rounds (% of one core): bench process ${cpu.benchProcessPct}, push service ${cpu.loadClientPct}, everything else ${cpu.otherPct}` +
            `${database.driver === 'postgres' ? ' (PostgreSQL included)' : ''} — of ${cpu.ofCores * 100}`
          : 'CPU during measured rounds: not available on this platform',
        ...(cpu && cpu.otherPct > 25 ? [`WARNING: other processes used ${cpu.otherPct}% of a core during the rounds: rerun on a quiet machine before trusting the figures`] : []),
        `clock offset service−bench ${fmt(clockBefore.offsetMs)} ms ± ${fmt(clockBefore.rttMs / 2)} (after: ${fmt(clockAfter.offsetMs)} ± ${fmt(clockAfter.rttMs / 2)})`,
        '',
      ].join('\n'),
    );
    const file = writeResult(`${name}-latency`, {
      ...resultHead({ name: `${name}-latency`, machine, databaseDriver: database.driver, placement, parameters: { ...params, perRound } }),
      target: { p95Ms: params.targetP95Ms, met, conclusive, value: hubFig.latencyMs.p95, p95Interval95: p95Interval },
      ratios: { p50: hubFig.latencyMs.p50 / baseFig.latencyMs.p50, p95: hubFig.latencyMs.p95 / baseFig.latencyMs.p95, p99: hubFig.latencyMs.p99 / baseFig.latencyMs.p99, p95Interval95: p95RatioInterval },
      hub: hubFig,
      baseline: baseFig,
      deliveries,
      clock: { before: clockBefore, after: clockAfter },
      cpuDuringMeasuredRounds: cpu,
      rounds: rounds.map(({ latencies, afterResponse, ...r }) => ({ ...r, ...quantiles(latencies), afterResponse: quantiles(afterResponse), ...rawLatencies(latencies) })),
    });
    log(`results written to ${file}`);
  } finally {
    baselineSender?.close();
    if (baselineHttp.listening) await step('baseline server', () => new Promise<void>((resolve) => baselineHttp.close(() => resolve())));
    const data = database.driver === 'postgres' ? seeded : undefined;
    // the shared database keeps no trace of the run: notifications and deliveries go with the school
    if (data) await step('database cleanup', () => removeSchool(db, data.school, data.personIds));
    await step('hub', () => bench.close());
  }
}
