import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import type { Logger } from './logger';

export type Jobs = PgBoss;

/**
 * Starts pg-boss: on PostgreSQL with its own small pool (it runs multi-statement transactions
 * that a shared postgres.js pool refuses), on PGlite through the one embedded connection.
 */
export async function startJobs(database: Database, logger: Logger, opts: { worker: boolean; schema?: string }): Promise<Jobs> {
  // only worker nodes run maintenance and cron; every node may send jobs
  const roles = { supervise: opts.worker, schedule: opts.worker, ...(opts.schema ? { schema: opts.schema } : {}) };
  const boss = database.url
    ? new PgBoss({ connectionString: database.url, max: 3, application_name: 'preau-jobs', ...roles })
    : new PgBoss({ db: { executeSql: (text, values) => database.executeSql(text, (values ?? []).map(toPgValue)) }, ...roles });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  await boss.start();
  return boss;
}

/**
 * pg-boss speaks numbered placeholders ($1…); this turns its SQL into a drizzle SQL object so a
 * job is inserted by the same transaction as the business rows (outbox: both commit or neither).
 */
export function transactionAdapter(tx: Tx) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const chunks: SQL[] = [];
      let last = 0;
      for (const m of text.matchAll(/\$(\d+)/g)) {
        chunks.push(sql.raw(text.slice(last, m.index)));
        chunks.push(sql`${sql.param(toPgValue(values[Number(m[1]) - 1]))}`);
        last = m.index! + m[0].length;
      }
      chunks.push(sql.raw(text.slice(last)));
      const result: any = await tx.execute(sql.join(chunks, sql.raw('')));
      return { rows: Array.isArray(result) ? result : result.rows };
    },
  };
}

// node-postgres (pg-boss's own driver) sends plain objects as JSON and undefined as NULL; match
// it (arrays stay arrays: both our drivers serialise them from the parameter's array type)
export function toPgValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v;
}
