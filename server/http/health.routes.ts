import Router from '@koa/router';
import { sql } from 'drizzle-orm';
import { migrationsApplied } from '../../db/migrate';
import type { HubDeps } from './deps';

/** /healthz: the process answers. /readyz: the database answers and every migration is applied. */
export function healthRoutes(deps: HubDeps): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    try {
      await deps.db.execute(sql`select 1`);
      const migrated = await migrationsApplied(deps.database);
      ctx.status = migrated ? 200 : 503;
      ctx.body = { status: migrated ? 'ready' : 'migrations_pending', database: 'ok' };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'unavailable', database: 'unreachable' };
    }
  });
  return router;
}
