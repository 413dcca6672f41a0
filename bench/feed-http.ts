/**
 * The guardians' news feed over HTTP (`GET /api/schools/:uai/news`) under autocannon, on the
 * hub's own stack (session lookup, school scope, policy, the feed query and its read marks):
 * requests per second and latency. Each request carries the next of a few hundred guardians'
 * sessions. autocannon runs in a process of its own on the load generator's CPU.
 *
 * The figure is for real PostgreSQL: set BENCH_DATABASE_URL (on the embedded PGlite
 * the run says so and measures that instead).
 *
 * Environment: BENCH_DATABASE_URL, BENCH_CONNECTIONS (50), BENCH_DURATION_S (15), BENCH_NEWS (40),
 * BENCH_ANALYZE, BENCH_PIN=0.
 */
import { sql } from 'drizzle-orm';
import { createPerson } from '../tests/helpers/factories';
import { signIn } from '../tests/helpers/http-client';
import { CannonPeer } from './lib/autocannon-peer';
import { cleanupSteps, envInt, openRun } from './lib/harness';
import { fmt, formatTable, machineCpu, processCpuMs, resultHead, writeResult } from './lib/report';
import { analyzeSeededTables, COLLEGE_TABLES, removeSchool, seedCollege, seedSessions } from './lib/seed';

export const name = 'feed-http';

export async function run(): Promise<void> {
  const params = {
    connections: envInt('BENCH_CONNECTIONS', 50),
    durationS: envInt('BENCH_DURATION_S', 15),
    warmupS: 3,
    news: envInt('BENCH_NEWS', 40),
    students: 1000,
    readers: 500,
    targetRps: 2000,
  };
  const { log, machine, placement, releaseCpus, bench } = await openRun(name);
  const { hub, database, url } = bench;
  const db = database.db;
  const step = cleanupSteps(name);
  const cannon = await CannonPeer.start({ cpu: placement.loadGenerator });
  let seeded: Awaited<ReturnType<typeof seedCollege>> | undefined;
  let directionId = '';
  try {
    // --- a collège of 2,000 guardians and a term's worth of news for them, a few for classes
    seeded = await seedCollege(db, { students: params.students, classes: 40 });
    const { school } = seeded;
    const direction = await createPerson(db, school.id, 'direction');
    directionId = direction.id;
    const publisher = await signIn(url, direction.login);
    for (let i = 0; i < params.news; i++) {
      const audience = i % 4 === 3 ? [{ kind: 'group', groupId: seeded.classIds[i % seeded.classIds.length], profiles: ['guardian'] }] : [{ kind: 'school', profiles: ['guardian'] }];
      const res = await publisher.request(`/api/schools/${school.uai}/news`, {
        method: 'POST',
        json: {
          title: `Information aux familles n° ${i + 1}`,
          bodyHtml: `<p>Madame, Monsieur,</p><p>Information n° ${i + 1} : la réunion parents-professeurs du trimestre aura lieu en salle polyvalente. Merci de confirmer votre présence auprès du professeur principal.</p>`,
          category: 'vie_scolaire',
          audience,
          intent: 'publish',
        },
      });
      if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
    }
    const cookies = await seedSessions(db, hub.deps.cookieKeys, school.id, seeded.guardianIds.slice(0, params.readers), 'guardian');
    if (analyzeSeededTables()) await db.execute(sql.raw(`analyze ${[...COLLEGE_TABLES, 'news_items', 'news_recipients'].join(', ')}`));
    const feedUrl = `${url}/api/schools/${school.uai}/news`;
    const probe = await fetch(feedUrl, { headers: { cookie: cookies[0] } });
    const body = await probe.text();
    if (probe.status !== 200) throw new Error(`feed answered ${probe.status}: ${body.slice(0, 200)}`);
    const parsed = JSON.parse(body) as unknown;
    const items = Array.isArray(parsed) ? parsed.length : 0;
    log(`${params.news} news for ${seeded.guardianIds.length} guardians; a feed answer holds ${items} items, ${Buffer.byteLength(body)} bytes`);

    // --- warm-up, then the measured run
    await cannon.run(feedUrl, cookies, params.connections, params.warmupS);
    const cpu0 = { machine: machineCpu(), bench: processCpuMs() };
    const result = await cannon.run(feedUrl, cookies, params.connections, params.durationS);
    const cpu1 = { machine: machineCpu(), bench: processCpuMs() };
    const wallMs = cpu0.machine && cpu1.machine ? (cpu1.machine.totalMs - cpu0.machine.totalMs) / machine.cpus : NaN;
    const hubCpuPct = Math.round((100 * (cpu1.bench - cpu0.bench)) / wallMs);
    const machinePct = cpu0.machine && cpu1.machine ? Math.round((100 * (cpu1.machine.busyMs - cpu0.machine.busyMs)) / wallMs) : NaN;

    const met = result.requestsPerS >= params.targetRps && result.non2xx === 0 && result.errors === 0;
    console.log(
      [
        '',
        `${name}: GET the news feed as ${params.readers} guardians in turn, ${params.connections} connections, ${params.durationS} s, ${database.driver}, ` +
          `${items} items (${Buffer.byteLength(body)} bytes) per answer, ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ` +
          (placement.bench === null ? placement.reason : `hub on CPU ${placement.bench}, autocannon on CPU ${placement.loadGenerator}`),
        formatTable(
          ['requests/s', 'requests', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors'],
          [[result.requestsPerS, result.total, result.latencyMs.p50, result.latencyMs.p90, result.latencyMs.p99, result.latencyMs.max, result.non2xx, result.errors]],
        ),
        `target ≥ ${params.targetRps} requests/s: ${met ? 'MET' : 'NOT MET'} (${fmt(result.requestsPerS)})` + (database.driver === 'postgres' ? '' : ' — on the embedded PGlite: the target is for PostgreSQL (set BENCH_DATABASE_URL)'),
        `CPU (% of one core): hub process ${hubCpuPct}, whole machine ${machinePct} of ${machine.cpus * 100}`,
        '',
      ].join('\n'),
    );
    const file = writeResult(name, {
      ...resultHead({ name, machine, databaseDriver: database.driver, placement, parameters: params }),
      feed: { items, bytes: Buffer.byteLength(body) },
      target: { requestsPerS: params.targetRps, met },
      result,
      cpu: { hubProcessPct: hubCpuPct, machinePct },
    });
    log(`results written to ${file}`);
  } finally {
    await step('autocannon', () => cannon.close());
    if (database.driver === 'postgres' && seeded) {
      const ids = [...seeded.teacherIds, ...seeded.studentIds, ...seeded.guardianIds, directionId].filter(Boolean);
      await step('database cleanup', () => removeSchool(db, seeded!.school, ids));
    }
    await step('hub', () => bench.close());
    releaseCpus();
  }
}
