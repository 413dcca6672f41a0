import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Database } from './client';

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

// any constants: serialise what nodes starting at once must not do together
const MIGRATION_LOCK = 7_310_001;
export const JOB_QUEUES_LOCK = 7_310_002;

/**
 * Runs `work` while this process holds a PostgreSQL advisory lock, so that nodes starting
 * together take turns; `work` gets the connection holding it. PGlite has one process: no lock.
 */
export async function withStartupLock<T>(database: Database, lock: number, work: (client?: postgres.Sql) => Promise<T>): Promise<T> {
  if (database.driver === 'pglite') return work();
  // one dedicated connection: a session advisory lock must be taken and released on the same
  // connection, which a pool does not promise
  const client = postgres(database.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${lock})`;
    const result = await work(client);
    await client`select pg_advisory_unlock(${lock})`;
    return result;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Applies the committed drizzle-kit migrations; the same files on PGlite and PostgreSQL. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.driver === 'pglite') {
    await migratePglite(database.db as any, { migrationsFolder });
    return;
  }
  await withStartupLock(database, MIGRATION_LOCK, (client) => migratePostgres(drizzle(client!), { migrationsFolder }));
}

/** Number of migrations shipped with this build. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  return journal.entries.length;
}

/** True when every shipped migration is recorded in the database (readiness). */
export async function migrationsApplied(database: Database): Promise<boolean> {
  const rows = await database.db.execute<{ n: number }>(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  const list = Array.isArray(rows) ? rows : (rows as any).rows;
  return Number(list[0]?.n ?? 0) >= expectedMigrationCount();
}
