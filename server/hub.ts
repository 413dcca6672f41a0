import { readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client';
import { JOB_QUEUES_LOCK, migrateDatabase, withStartupLock } from '../db/migrate';
import { schools } from '../db/schema';
import { buildApp } from './app';
import { ConfigError, type Config } from './config';
import type { HubDeps } from './http/deps';
import { LoginLimiter } from './modules/auth/login-limiter';
import { registerAuthJobs } from './modules/auth/auth.jobs';
import { createNewsQueues, registerNewsJobs } from './modules/news/news.jobs';
import { createMessagingQueues, registerMessagingJobs } from './modules/messaging/messaging.jobs';
import { createDigestQueues, registerDigestJobs } from './modules/notifications/digest.jobs';
import { systemClock, type Clock } from './platform/clock';
import { startJobs, type Jobs } from './platform/jobs';
import { createLogger, type Logger } from './platform/logger';
import { getOrCreateSecret } from './platform/secrets';
import { Relay } from './realtime/relay';
import { DeliveryRunner } from './modules/notifications/delivery-runner';
import { createMailer, type Mailer } from './modules/notifications/email/mailer';
import { prepareTemplates } from './modules/notifications/email/templates';
import { notificationProjector } from './modules/notifications/projector';
import { DEFAULT_PUSH_HOSTS, PushSender, vapidKeys } from './modules/notifications/push-sender';
import { useRedisAdapter } from './realtime/redis-adapter';
import { createRealtime, type HubIo } from './realtime/socket-server';
import { createSignageQueues, registerSignageJobs } from './modules/signage/signage.jobs';
import { createPrivacyQueues, registerPrivacyJobs } from './modules/privacy/retention.jobs';
import { createIndicatorQueues, registerIndicatorJobs } from './modules/indicators/indicators.jobs';
import { UsageRecorder } from './modules/indicators/usage-recorder';

/**
 * Connections the kernel may queue before the hub accepts them (capped by net.core.somaxconn).
 * Node's 511 overflowed when a school's 10,000 sockets reconnected at once: the dropped ones
 * retried their SYN after 1, 3, 7… s, and the last came back after a minute instead of seconds.
 */
export const LISTEN_BACKLOG = 4096;

export interface HubOptions {
  /** An already open database (tests share one); otherwise opened from the config. */
  database?: Database;
  log?: Logger;
  clock?: Clock;
  distDir?: string;
  relaySweepEveryMs?: number;
  relaySweepGraceMs?: number;
  /** pg-boss schema (default `pgboss`): test hubs sharing one PostgreSQL each keep their own queues. */
  jobsSchema?: string;
  /** Extra certificate authority trusted for push services (the tests' local one). */
  pushCa?: string;
  /** False: digests run only when a tick is sent by hand (test hubs sharing a database). */
  digestSchedule?: boolean;
  /** How often a worker sends due notification deliveries (0: never). */
  deliveryEveryMs?: number;
}

export interface Hub {
  url: string;
  port: number;
  deps: HubDeps;
  server: HttpServer;
  io?: HubIo;
  relay?: Relay;
  jobs?: Jobs;
  /** Outgoing mail (SMTP, or .eml files under DATA_DIR/mail), on nodes running the worker. */
  mailer?: Mailer;
  demo?: { uai: string; created: boolean };
  /** Graceful stop: no new connections, sockets closed, running jobs finished, database closed. */
  close(): Promise<void>;
}

/** Starts the services named in the config (web, realtime, worker) on one HTTP port. */
export async function startHub(config: Config, opts: HubOptions = {}): Promise<Hub> {
  const log = opts.log ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  const ownsDatabase = !opts.database;
  const database =
    opts.database ??
    (await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite') }));
  await migrateDatabase(database);
  const db = database.db;

  const cookieKeys = [await getOrCreateSecret(db, 'session_cookie_key')];
  const runsWorker = config.services.includes('worker');
  const jobs = await startJobs(database, log, { worker: runsWorker, schema: opts.jobsSchema });
  const deps: HubDeps = { config, database, db, log, clock, limiter: new LoginLimiter(db), jobs, cookieKeys };
  // every transaction that emits events also writes the notifications they make
  deps.beforeCommit = notificationProjector(clock);
  deps.usage = new UsageRecorder(db, log);
  // pg-boss creates a queue's tables under locks that deadlock when two nodes create at once
  await withStartupLock(database, JOB_QUEUES_LOCK, async () => {
    await createNewsQueues(deps);
    await createMessagingQueues(deps);
    await createDigestQueues(deps);
    await createSignageQueues(deps);
    await createPrivacyQueues(deps);
    await createIndicatorQueues(deps);
  });
  if (runsWorker) {
    await registerAuthJobs(deps);
    await registerNewsJobs(deps);
    await registerMessagingJobs(deps);
  }
  let deliveries: DeliveryRunner | undefined;
  let mailer: Mailer | undefined;
  if (runsWorker) {
    mailer = createMailer({
      smtpUrl: config.smtpUrl,
      dataDir: config.dataDir,
      from: config.mailFrom,
      dkim: config.dkim && { domainName: config.dkim.domainName, keySelector: config.dkim.keySelector, privateKey: readDkimKey(config.dkim.privateKeyFile) },
    });
    if (!config.smtpUrl) log.info({ dir: join(config.dataDir, 'mail') }, 'no SMTP_URL: emails are written as .eml files');
    // compiled in the background: loading MJML takes most of a second, and senders await it anyway
    prepareTemplates().catch((err) => log.error({ err }, 'email templates failed to compile'));
    await registerDigestJobs(deps, mailer, { schedule: opts.digestSchedule });
    // test hubs share a database: the monitor runs when a test asks, on its own schools
    await registerSignageJobs(deps, mailer, { schedule: opts.digestSchedule });
    // retention deletes: never on a schedule in test hubs, which share their database
    await registerPrivacyJobs(deps, { schedule: opts.digestSchedule });
    await registerIndicatorJobs(deps, { schedule: opts.digestSchedule });
    const push = new PushSender({
      vapid: { ...(await vapidKeys(db)), subject: config.pushContact },
      allowedHosts: [...DEFAULT_PUSH_HOSTS, ...config.pushAllowedHosts],
      ca: opts.pushCa,
    });
    deliveries = new DeliveryRunner({ db, clock, log, push, email: { mailer, publicUrl: () => config.publicUrl } });
    // 0: the runner exists but does not poll (test hubs sharing one database send only their own)
    if (opts.deliveryEveryMs !== 0) deliveries.start(opts.deliveryEveryMs);
  }

  let demo: Hub['demo'];
  if (config.demo && database.driver === 'pglite') {
    const [{ n }] = await db.select({ n: count() }).from(schools);
    if (n === 0) {
      // loaded only when needed: the generator and its name lists are demo-only
      const { ensureDemoSchool } = await import('./modules/directory/demo/demo-school');
      demo = await ensureDemoSchool(deps);
      const { seedDemoNews } = await import('./modules/news/demo-news');
      await seedDemoNews(deps, demo.uai);
      const { seedDemoAbsences } = await import('./modules/absences/demo-absences');
      await seedDemoAbsences(deps, demo.uai);
      const { seedDemoMessaging } = await import('./modules/messaging/demo-messaging');
      await seedDemoMessaging(deps, demo.uai);
      const { seedDemoSignage } = await import('./modules/signage/demo-signage');
      await seedDemoSignage(deps, demo.uai);
      // PGlite has no autovacuum to gather planner statistics: without them, the first queries
      // over a freshly seeded school pick poor plans (nested loops over thousands of rows)
      await database.executeSql('analyze');
    }
  }

  const server = createServer();
  // Koa listens first: socket.io, attached next, answers /socket.io/ and hands every other
  // request to the listeners already there (attached after, both would answer polling requests)
  if (config.services.includes('web') || config.services.includes('realtime')) {
    server.on('request', buildApp(deps, { distDir: opts.distDir }).callback());
  }
  let io: HubIo | undefined;
  let relay: Relay | undefined;
  let closeRedis: (() => Promise<void>) | undefined;
  if (config.services.includes('realtime')) {
    const realtime = createRealtime(server, { db, log, clock, cookieKeys, allowedOrigins: [new URL(config.publicUrl).origin] });
    io = realtime.io;
    if (config.redisUrl) closeRedis = await useRedisAdapter(io, config.redisUrl, log);
    relay = new Relay(db, realtime.sink, log, { sweepEveryMs: opts.relaySweepEveryMs, sweepGraceMs: opts.relaySweepGraceMs });
    relay.start();
    deps.publisher = relay;
    deps.realtime = realtime.controls;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: config.port, backlog: LISTEN_BACKLOG }, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, services: config.services, driver: database.driver }, 'hub started');

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      log.info('hub stopping');
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (io) {
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => io!.close(() => resolve()));
      }
      await closeRedis?.();
      await relay?.stop();
      await deliveries?.stop();
      // running jobs finish (or go back to the queue after the timeout) before the database closes
      await jobs.stop({ graceful: true, wait: true, timeout: 15_000, close: true });
      mailer?.close();
      const forceAfter = setTimeout(() => server.closeAllConnections(), 5000);
      await serverClosed;
      clearTimeout(forceAfter);
      if (ownsDatabase) await database.close();
      log.info('hub stopped');
    })());

  return { url: `http://localhost:${port}`, port, deps, server, io, relay, jobs, mailer, demo, close };
}

function readDkimKey(file: string): string {
  try {
    const key = readFileSync(file, 'utf8');
    if (!key.includes('PRIVATE KEY')) throw new Error('pas de clé PEM dans ce fichier');
    return key;
  } catch (err) {
    throw new ConfigError([`DKIM_PRIVATE_KEY_FILE: illisible (${(err as Error).message})`]);
  }
}
