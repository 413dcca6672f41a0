import type { Db } from './client';

const byDatabase = new WeakMap<Db, Map<string, unknown>>();

/**
 * A query built once per database and run with placeholders afterwards. Building a query
 * (drizzle walking its columns and params) costs about as much CPU as running it: the hot
 * per-request queries (session, school) are built once instead of on every request.
 * Prepared queries run on the database, never inside a transaction.
 */
export function preparedQuery<T>(db: Db, name: string, build: (db: Db) => T): T {
  let queries = byDatabase.get(db);
  if (!queries) byDatabase.set(db, (queries = new Map()));
  let query = queries.get(name) as T | undefined;
  if (!query) queries.set(name, (query = build(db)));
  return query;
}
