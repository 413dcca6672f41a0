import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';

/** URL of the real PostgreSQL used by the suite, when set; otherwise each file gets an in-memory PGlite. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

/** Opens a migrated database for one test file (fresh PGlite, or the shared PostgreSQL). */
export async function openTestDatabase(): Promise<Database> {
  const database = await openDatabase({ url: testDatabaseUrl, maxConnections: 5 });
  await migrateDatabase(database);
  return database;
}

/**
 * Opens a migrated database of the test file's own, without any school yet (the demo school is
 * only created in such a one): a fresh PGlite, or on PostgreSQL a throw-away database named
 * `<prefix>_<random>` next to the shared test one. `drop` closes it and drops the throw-away one.
 */
export async function openEmptyDatabase(prefix: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!testDatabaseUrl) {
    const database = await openTestDatabase();
    return { database, drop: () => database.close() };
  }
  const admin = await openDatabase({ url: testDatabaseUrl, maxConnections: 1 });
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin.executeSql(`create database ${name}`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), maxConnections: 5 });
  await migrateDatabase(database);
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.executeSql(`drop database if exists ${name}`);
      await admin.close();
    },
  };
}
