import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pino from 'pino';
import type { Database } from '../../db/client';
import { loadConfig } from '../../server/config';
import { startHub, type Hub } from '../../server/hub';
import type { Clock } from '../../server/platform/clock';
import { openTestDatabase } from './db';

export interface TestHub extends Hub {
  database: Database;
}

/** A real hub on a free port, on the given database (or a fresh test database it closes itself). */
export async function startTestHub(
  opts: { database?: Database; clock?: Clock; env?: Record<string, string>; sweepGraceMs?: number; pushCa?: string; deliveryEveryMs?: number } = {},
): Promise<TestHub> {
  const database = opts.database ?? (await openTestDatabase());
  // TRUST_PROXY: each test process signs in from its own forwarded address (see http-client), so
  // per-address login limits kept in a shared PostgreSQL do not add up across files and runs
  const config = loadConfig({ PORT: '0', PREAU_DEMO: '0', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/preau-test-unused', TRUST_PROXY: '1', ...opts.env });
  // test files run in parallel on one PostgreSQL: each hub has its own job queues, or a job sent
  // by one file's hub could be run by another's, which has other sockets
  const jobsSchema = database.driver === 'postgres' ? `pgboss_test_${randomBytes(5).toString('hex')}` : undefined;
  const hub = await startHub(config, {
    database,
    jobsSchema,
    clock: opts.clock,
    pushCa: opts.pushCa,
    // test files share one PostgreSQL: a hub sends notifications only when its file asks for it,
    // on a database of its own, or one file's hub would send another's with the wrong peers
    deliveryEveryMs: opts.deliveryEveryMs ?? 0,
    // nor a minute tick sending digests of every school in the shared database
    digestSchedule: false,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    distDir: join(process.cwd(), 'dist', 'clients'),
    relaySweepEveryMs: 500,
    // test files run in parallel on one PostgreSQL: a hub must not sweep up another file's events
    // (each hub's sockets are its own; several nodes share them through Redis, not here)
    relaySweepGraceMs: opts.sweepGraceMs ?? 120_000,
  });
  // PUBLIC_URL follows the real port so Origin checks accept the test's own requests
  hub.deps.config.publicUrl = hub.url;
  const close = async () => {
    await hub.close();
    if (jobsSchema) await database.executeSql(`drop schema if exists ${jobsSchema} cascade`);
    if (!opts.database) await database.close();
  };
  return { ...hub, database, close };
}
