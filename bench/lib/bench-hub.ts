import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keygrip from 'keygrip';
import { openDatabase, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { loadConfig } from '../../server/config';
import { startHub, type Hub } from '../../server/hub';
import type { Relay } from '../../server/realtime/relay';
import type { Clock } from '../../server/platform/clock';
import { SESSION_COOKIE } from '../../server/modules/auth/session.store';

export interface BenchHub {
  hub: Hub;
  database: Database;
  /** The hub's relay: the benchmarks see each commit's events as it sends them (see afterRelayPublish). */
  relay: Relay;
  /** Base URL on 127.0.0.1 (hub.url says localhost, which may resolve to ::1). */
  url: string;
  close(): Promise<void>;
}

/**
 * A hub on a fresh in-memory PGlite, or on BENCH_DATABASE_URL when set; all three services.
 * `clock`: the hub's "now" (a benchmark of time-bound actions sets it), the system clock otherwise.
 * `push`: a local push service the hub may send to (its host:port on the allow-list, its CA
 * trusted), and how often the hub sends due deliveries (the hub's default otherwise).
 */
export async function startBenchHub(opts: { clock?: Clock; push?: { origin: string; ca: string }; deliveryEveryMs?: number } = {}): Promise<BenchHub> {
  const database = await openDatabase({ url: process.env.BENCH_DATABASE_URL || undefined, maxConnections: 10 });
  await migrateDatabase(database);
  const config = loadConfig({
    PORT: '0',
    PREAU_DEMO: '0',
    LOG_LEVEL: 'warn',
    TRUST_PROXY: '0',
    DATA_DIR: join(tmpdir(), 'preau-bench-unused'),
    ...(opts.push ? { PUSH_ALLOWED_HOSTS: new URL(opts.push.origin).host } : {}),
  });
  const hub = await startHub(config, {
    database,
    clock: opts.clock,
    // on a shared PostgreSQL, another process's fresh events are not ours to relay
    relaySweepGraceMs: 120_000,
    pushCa: opts.push?.ca,
    deliveryEveryMs: opts.deliveryEveryMs,
  });
  const relay = hub.relay;
  if (!relay) throw new Error('the hub runs without its realtime service');
  const url = `http://127.0.0.1:${hub.port}`;
  // PUBLIC_URL follows the real port so Origin checks accept the bench's own requests
  hub.deps.config.publicUrl = url;
  return {
    hub,
    database,
    relay,
    url,
    close: async () => {
      await hub.close();
      await database.close();
    },
  };
}

/** The Cookie header of a session, signed as Koa's `cookies` does it (keygrip over "name=value"). */
export function sessionCookie(cookieKeys: string[], token: string): string {
  const sig = new Keygrip(cookieKeys).sign(`${SESSION_COOKIE}=${token}`);
  return `${SESSION_COOKIE}=${token}; ${SESSION_COOKIE}.sig=${sig}`;
}
