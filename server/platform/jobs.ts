import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import type { Logger } from './logger';

export type Jobs = PgBoss;

/** Starts pg-boss on the hub's database: its own pool on PostgreSQL, the shared PGlite instance when embedded. */
export async function startJobs(database: Database, databaseUrl: string | undefined, logger: Logger): Promise<Jobs> {
  const boss = databaseUrl
    ? new PgBoss({ connectionString: databaseUrl, max: 4, application_name: 'preau-jobs' })
    : new PgBoss({ db: { executeSql: (text, values) => database.executeSql(text, values ?? []) } });
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
        chunks.push(sql.param(toPgValue(values[Number(m[1]) - 1])));
        last = m.index! + m[0].length;
      }
      chunks.push(sql.raw(text.slice(last)));
      const result: any = await tx.execute(sql.join(chunks, sql.raw('')));
      return { rows: Array.isArray(result) ? result : result.rows };
    },
  };
}

// node-postgres (pg-boss's own driver) sends objects as JSON and undefined as NULL; match it
function toPgValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v;
}
