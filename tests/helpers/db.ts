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
