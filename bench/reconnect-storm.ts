/**
 * 10,000 guardians' sockets drop at once (a school's network cut), 50 events for them are
 * committed meanwhile, then every socket reconnects at the same instant with its cursors: how
 * long until each has been replayed its 50 missed events, and how loaded the database was (a
 * probe in its own process: the latency of a trivial query, and the backends active at once).
 *
 * The same storm on a plain socket.io server in its own process, which keeps its events in
 * memory and sends a reconnecting client those after its cursor, in the same run: the cost of
 * the hub's authentication and database replay is the difference.
 *
 * Environment: BENCH_CLIENTS (10000), BENCH_MISSED (50), BENCH_DATABASE_URL (PostgreSQL instead
 * of an in-memory PGlite; the probe needs it), BENCH_ANALYZE, BENCH_PIN=0.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { channels } from '../server/contracts/channels';
import type { EventEnvelope } from '../server/contracts/events';
import { inTransaction, toEnvelope } from '../server/platform/outbox';
import { createPerson } from '../tests/helpers/factories';
import { signIn } from '../tests/helpers/http-client';
import { BaselinePeer } from './lib/baseline-peer';
import { DatabaseProbe, type DatabaseLoad } from './lib/db-probe';
import { afterRelayPublish, cleanupSteps, envInt, LagSampler, openRun, type Side } from './lib/harness';
import { LoadGenerator } from './lib/load-generator';
import { cpuLine, cpuMark, cpuShares, fmt, formatTable, resultHead, writeResult } from './lib/report';
import { analyzeSeededTables, COLLEGE_TABLES, removeSchool, seedCollege, seedSessions } from './lib/seed';
import { now, sleep, summarize } from './lib/stats';

export const name = 'reconnect-storm';

const BODY_HTML = '<p>Madame, Monsieur,</p><p>La sortie au musée de jeudi est reportée à une date ultérieure.</p><p>La vie scolaire</p>';

interface Storm {
  clients: number;
  reconnected: number;
  caughtUp: number;
  /** From the instant every client reconnected to the last client's last replayed event. */
  allCaughtUpMs: number;
  caughtUpMs: ReturnType<typeof summarize>;
  connectedMs: ReturnType<typeof summarize>;
  serverLagMaxMs: number;
  errors: string[];
}

function stormFigures(r: Awaited<ReturnType<LoadGenerator['reconnect']>>, lagMaxMs: number): Storm {
  // instants on the load generator's clock, from its own start of the storm: no clock sync needed
  const since = (list: Float64Array) => [...list].filter((t) => !Number.isNaN(t)).map((t) => t - r.startedAt);
  const caught = since(r.caughtUpAt);
  return {
    clients: r.caughtUpAt.length,
    reconnected: since(r.connectedAt).length,
    caughtUp: caught.length,
    allCaughtUpMs: caught.length === r.caughtUpAt.length ? Math.max(...caught) : NaN,
    caughtUpMs: summarize(caught),
    connectedMs: summarize(since(r.connectedAt)),
    serverLagMaxMs: lagMaxMs,
    errors: r.errors,
  };
}

export async function run(): Promise<void> {
  const params = { clients: envInt('BENCH_CLIENTS', 10_000), missed: envInt('BENCH_MISSED', 50), timeoutMs: 120_000, targetMs: 30_000 };
  const { log, machine, placement, releaseCpus, bench } = await openRun(name);
  const { hub, database, relay, url } = bench;
  const db = database.db;
  const step = cleanupSteps(name);
  const baseline = await BaselinePeer.start({ cpu: placement.bench });
  const probe = database.url ? await DatabaseProbe.start(database.url, { cpu: placement.loadGenerator }) : null;
  const loads: Record<Side, LoadGenerator> = { hub: LoadGenerator.start({ cpu: placement.loadGenerator }), baseline: LoadGenerator.start({ cpu: placement.loadGenerator }) };
  let seeded: Awaited<ReturnType<typeof seedCollege>> | undefined;
  let directionId = '';
  try {
    seeded = await seedCollege(db, { students: Math.ceil(params.clients / 2), classes: Math.max(1, Math.round(params.clients / 50)) });
    const { school } = seeded;
    const direction = await createPerson(db, school.id, 'direction');
    directionId = direction.id;
    const cookies = await seedSessions(db, hub.deps.cookieKeys, school.id, seeded.guardianIds.slice(0, params.clients), 'guardian');
    if (analyzeSeededTables()) await db.execute(sql.raw(`analyze ${COLLEGE_TABLES.join(', ')}`));
    const publisher = await signIn(url, direction.login);
    log(`seeded ${params.clients} guardians in ${school.uai}`);
    const guardianChannel = channels.profile(school.uai, 'guardian');

    let template: EventEnvelope<'news.published'> | undefined;
    afterRelayPublish(relay, (rows) => {
      for (const row of rows) if (row.type === 'news.published') template ??= toEnvelope(row) as EventEnvelope<'news.published'>;
    });
    const fresh = () => {
      if (!template) throw new Error('no news envelope captured');
      return { ...template.data, news: { ...template.data.news, id: randomUUID() } };
    };

    // --- the hub: everyone connected and up to date with one real publication
    const ready = await loads.hub.connect('hub', url, cookies, { origin: url, concurrency: 100 });
    log(`${ready.connected} hub clients in ${fmt(ready.ms / 1000)} s`);
    const res = await publisher.request(`/api/schools/${school.uai}/news`, {
      method: 'POST',
      json: { title: 'Sortie au musée reportée', bodyHtml: BODY_HTML, category: 'vie_scolaire', audience: [{ kind: 'school', profiles: ['guardian'] }], intent: 'publish' },
    });
    if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    const first = await loads.hub.receipts('hub', id, 30_000);
    if (!first.complete) throw new Error('not every hub client got the first publication');

    // --- the cut: the clients go, the events they miss are committed (through the outbox, as the news service writes them)
    await loads.hub.drop('hub');
    for (let t = now(); (hub.io?.sockets.sockets.size ?? 0) > 0 && now() - t < 30_000; ) await sleep(100);
    for (let i = 0; i < params.missed; i++) {
      await inTransaction(hub.deps, (uow) => uow.emit(guardianChannel, 'news.published', fresh(), school.id));
    }
    log(`${params.missed} events committed while the ${params.clients} clients were away`);
    await sleep(1000);

    // --- the storm
    const lag = new LagSampler(5);
    const cpuStart = await cpuMark(loads.hub);
    lag.start();
    await probe?.begin();
    const hubStorm = await loads.hub.reconnect('hub', params.missed, params.timeoutMs);
    const databaseLoad: DatabaseLoad | null = (await probe?.end()) ?? null;
    lag.stop();
    const cpu = cpuShares(cpuStart, (await loads.hub.status()).cpuMs, machine.cpus);
    const hubFig = stormFigures(hubStorm, lag.figures().max);
    log(`hub: ${hubFig.caughtUp}/${hubFig.clients} caught up, the last after ${fmt(hubFig.allCaughtUpMs / 1000)} s`);
    await loads.hub.close();

    // --- the baseline: the same storm on plain socket.io
    const baseReady = await loads.baseline.connect('baseline', baseline.url, cookies.map(() => null), { concurrency: 100 });
    log(`${baseReady.connected} baseline clients in ${fmt(baseReady.ms / 1000)} s`);
    const firstKey = fresh();
    await baseline.emit({ ...template!, data: firstKey });
    await loads.baseline.receipts('baseline', firstKey.news.id, 30_000);
    await loads.baseline.drop('baseline');
    await sleep(2000);
    for (let i = 0; i < params.missed; i++) await baseline.emit({ ...template!, data: fresh() });
    await baseline.lag('start');
    const baseStorm = await loads.baseline.reconnect('baseline', params.missed, params.timeoutMs);
    const baseFig = stormFigures(baseStorm, (await baseline.lag('stop')).max);
    log(`baseline: ${baseFig.caughtUp}/${baseFig.clients} caught up, the last after ${fmt(baseFig.allCaughtUpMs / 1000)} s`);

    // --- report
    const row = (label: string, f: Storm) => [label, `${f.caughtUp}/${f.clients}`, f.connectedMs.p50 / 1000, f.connectedMs.p99 / 1000, f.caughtUpMs.p50 / 1000, f.caughtUpMs.p99 / 1000, f.allCaughtUpMs / 1000, f.serverLagMaxMs];
    const table = formatTable(
      ['side', 'caught up', 'reconnected p50 s', 'reconnected p99 s', 'caught up p50 s', 'caught up p99 s', 'all caught up s', 'server stall max ms'],
      [
        row('hub (database replay)', hubFig),
        row('plain socket.io (in memory)', baseFig),
        ['ratio hub / baseline', '', '', '', `${fmt(hubFig.caughtUpMs.p50 / baseFig.caughtUpMs.p50)}×`, `${fmt(hubFig.caughtUpMs.p99 / baseFig.caughtUpMs.p99)}×`, `${fmt(hubFig.allCaughtUpMs / baseFig.allCaughtUpMs)}×`, ''],
      ],
    );
    const met = hubFig.caughtUp === hubFig.clients && hubFig.allCaughtUpMs <= params.targetMs;
    console.log(
      [
        '',
        `${name}: ${params.clients} sockets reconnecting at once, ${params.missed} missed events each, ${database.driver}, ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ` +
          (placement.bench === null ? placement.reason : `servers on CPU ${placement.bench}, clients and probe on CPU ${placement.loadGenerator}`),
        table,
        `target all caught up ≤ ${params.targetMs / 1000} s: ${met ? 'MET' : 'NOT MET'} (${fmt(hubFig.allCaughtUpMs / 1000)} s)`,
        databaseLoad
          ? `database during the hub's storm: probe query p50 ${fmt(databaseLoad.probeMs.p50)} ms, p99 ${fmt(databaseLoad.probeMs.p99)} ms, max ${fmt(databaseLoad.probeMs.max)} ms; at most ${databaseLoad.maxActiveBackends} backends active at once (the hub's pool holds 10)`
          : 'database during the storm: not probed (embedded PGlite)',
        cpuLine(cpu, database.driver).replace('measured rounds', 'the hub’s storm'),
        ...(hubFig.errors.length ? [`hub connection errors: ${hubFig.errors.join('; ')}`] : []),
        '',
      ].join('\n'),
    );
    const file = writeResult(name, {
      ...resultHead({ name, machine, databaseDriver: database.driver, placement, parameters: params }),
      target: { allCaughtUpMs: params.targetMs, met },
      hub: hubFig,
      baseline: baseFig,
      database: databaseLoad,
      cpuDuringHubStorm: cpu,
    });
    log(`results written to ${file}`);
  } finally {
    await step('hub clients', () => loads.hub.close());
    await step('baseline clients', () => loads.baseline.close());
    await step('baseline server', () => baseline.close());
    if (probe) await step('database probe', () => probe.close());
    if (database.driver === 'postgres' && seeded) {
      const ids = [...seeded.teacherIds, ...seeded.studentIds, ...seeded.guardianIds, directionId].filter(Boolean);
      await step('database cleanup', () => removeSchool(db, seeded!.school, ids));
    }
    await step('hub', () => bench.close());
    releaseCpus();
  }
}
