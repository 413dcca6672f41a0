/**
 * Watches PostgreSQL from outside the hub while a benchmark loads it: a trivial query every
 * 50 ms (how long a request waits for the database) and the number of active backends. A
 * saturated database shows as a probe slower by orders of magnitude. Driven over IPC by
 * lib/db-probe.ts; its own connection, in its own process, so the hub's busy event loop does
 * not count as the database's delay.
 */
import postgres from 'postgres';
import type { FromProbe, ToProbe } from './db-probe';
import { now } from './stats';

const url = process.env.PROBE_DATABASE_URL;
if (!url) throw new Error('PROBE_DATABASE_URL is not set');
const sql = postgres(url, { max: 1, onnotice: () => {} });
let probes: number[] = [];
let maxActive = 0;
let timer: NodeJS.Timeout | null = null;

async function probe(): Promise<void> {
  const t0 = now();
  const [row] = await sql<Array<{ active: number }>>`select count(*)::int as active from pg_stat_activity where state = 'active' and backend_type = 'client backend'`;
  probes.push(now() - t0);
  // the probe's own backend is one of them
  maxActive = Math.max(maxActive, row.active - 1);
}

function loop(): void {
  timer = setTimeout(() => void probe().finally(() => timer && loop()), 50);
}

const send = (m: FromProbe) => process.send!(m);
await sql`select 1`;
send({ type: 'ready' });

process.on('message', (m: ToProbe) => {
  switch (m.type) {
    case 'ping':
      send({ type: 'pong', id: m.id, childAt: now() });
      break;
    case 'start':
      probes = [];
      maxActive = 0;
      loop();
      send({ type: 'started', id: m.id });
      break;
    case 'stop':
      if (timer) clearTimeout(timer);
      timer = null;
      send({ type: 'probed', id: m.id, probes, maxActive });
      break;
    case 'close':
      if (timer) clearTimeout(timer);
      void sql.end({ timeout: 2 }).then(() => process.exit(0));
      break;
  }
});
