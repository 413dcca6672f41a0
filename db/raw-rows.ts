import type { SQL } from 'drizzle-orm';
import type { Queryable } from './client';

/** Runs a raw SQL statement and gives its rows: postgres.js answers an array, PGlite `{ rows }`. */
export async function rawRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result: any = await db.execute(query);
  return (Array.isArray(result) ? result : result.rows) as T[];
}
