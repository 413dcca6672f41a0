import type { Middleware } from 'koa';
import { eq, sql } from 'drizzle-orm';
import { preparedQuery } from '../../db/prepared';
import { schools } from '../../db/schema';
import { assertAllowed } from '../authz/registry';
import { uaiSchema } from '../contracts/directory';
import { requireActor } from './auth';
import type { HubDeps } from './deps';
import { notFound } from './errors';
import { parseInput } from './validate';

/**
 * For routes under /api/schools/:uai: resolves the school and lets only its members through;
 * each route then asks the registry for its own action. Sets ctx.state.school.
 */
export function schoolScope(deps: HubDeps): Middleware {
  return async (ctx, next) => {
    const actor = requireActor(ctx);
    const uai = parseInput(uaiSchema, (ctx as any).params.uai);
    const query = preparedQuery(deps.db, 'school_by_uai', (db) =>
      db.select().from(schools).where(eq(schools.uai, sql.placeholder('uai'))).prepare('school_by_uai'),
    );
    const [school] = await query.execute({ uai });
    if (!school) throw notFound('Établissement introuvable.');
    assertAllowed(actor, 'school.read', { schoolId: school.id });
    ctx.state.school = school;
    deps.usage?.seen(school.id, actor.personId, actor.profile, deps.clock.now());
    await next();
  };
}
