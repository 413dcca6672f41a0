import Router from '@koa/router';
import { assertAllowed } from '../../authz/registry';
import { indicatorsQuerySchema } from '../../contracts/indicators';
import type { HubDeps } from '../../http/deps';
import { schoolScope } from '../../http/school-scope';
import { parseInput } from '../../http/validate';
import { indicators } from './indicators.queries';

/** A school's indicators over a period (`?from=AAAA-MM-JJ&to=AAAA-MM-JJ`), from the rollups. */
export function indicatorsRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai/indicators' });
  router.use(schoolScope(deps));
  router.get('/', async (ctx) => {
    assertAllowed(ctx.state.actor, 'indicators.read', { schoolId: ctx.state.school.id });
    const q = parseInput(indicatorsQuerySchema, ctx.query);
    ctx.body = await indicators(deps.db, ctx.state.school.id, q.from, q.to);
  });
  return router;
}
