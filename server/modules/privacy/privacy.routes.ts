import Router from '@koa/router';
import { assertAllowed } from '../../authz/registry';
import { RETENTION_BOUNDS, retentionPatchSchema } from '../../contracts/retention';
import { requireActor } from '../../http/auth';
import type { HubDeps } from '../../http/deps';
import { schoolScope } from '../../http/school-scope';
import { parseInput } from '../../http/validate';
import { updateSettingsSection } from '../directory/school-settings';
import { personalData } from './personal-data';
import { retentionOf } from './retention.service';

/** The signed-in person's own data, as a JSON file to keep. */
export function privacyRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/me' });
  router.get('/export', async (ctx) => {
    const actor = requireActor(ctx);
    assertAllowed(actor, 'privacy.export', { personId: actor.personId });
    const now = deps.clock.now();
    const data = await personalData(deps.db, actor.personId, now);
    ctx.set('Content-Disposition', `attachment; filename="preau-mes-donnees-${now.toISOString().slice(0, 10)}.json"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(data, null, 2);
  });
  return router;
}

/** A school's retention periods, with the bounds each may move within. */
export function retentionRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai/retention' });
  router.use(schoolScope(deps));
  router.get('/', async (ctx) => {
    assertAllowed(ctx.state.actor, 'privacy.retention', { schoolId: ctx.state.school.id });
    ctx.body = { periods: retentionOf(ctx.state.school), bounds: RETENTION_BOUNDS };
  });
  router.patch('/', async (ctx) => {
    assertAllowed(ctx.state.actor, 'privacy.retention', { schoolId: ctx.state.school.id });
    const row = await updateSettingsSection(deps.db, ctx.state.school.id, 'retention', parseInput(retentionPatchSchema, ctx.request.body), deps.clock.now());
    ctx.body = { periods: retentionOf(row), bounds: RETENTION_BOUNDS };
  });
  return router;
}
