import Router from '@koa/router';
import { loginSchema, switchSchoolSchema } from '../../contracts/auth';
import { clearSessionCookie, requireActor, setSessionCookie } from '../../http/auth';
import type { HubDeps } from '../../http/deps';
import { AppError } from '../../http/errors';
import { parseInput } from '../../http/validate';
import { describeMe, login, switchMembership } from './auth.service';
import { loadActor, revokeSession, SESSION_COOKIE } from './session.store';

/** Sign-in, sign-out, "who am I" and school switching. */
export function authRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/auth' });

  router.post('/login', async (ctx) => {
    const input = parseInput(loginSchema, ctx.request.body);
    const { token } = await login(deps, input, { ip: ctx.ip, userAgent: ctx.get('user-agent') });
    setSessionCookie(ctx, token, deps.config.secureCookies);
    const actor = await loadActor(deps.db, token, deps.clock.now());
    if (!actor) throw new AppError('internal_error', 'Session introuvable après connexion.');
    ctx.body = await describeMe(deps.db, actor);
  });

  router.post('/logout', async (ctx) => {
    const actor = ctx.state.actor;
    if (actor) {
      await revokeSession(deps.db, actor.sessionId, deps.clock.now());
      deps.realtime?.disconnectSession(actor.sessionId);
    }
    clearSessionCookie(ctx, deps.config.secureCookies);
    ctx.status = 204;
  });

  router.get('/me', async (ctx) => {
    ctx.body = await describeMe(deps.db, requireActor(ctx));
  });

  router.post('/switch', async (ctx) => {
    const actor = requireActor(ctx);
    const target = parseInput(switchSchoolSchema, ctx.request.body);
    await switchMembership(deps.db, actor, target);
    // live connections are re-made so their channels follow the new school and profile
    deps.realtime?.disconnectSession(actor.sessionId);
    const token = ctx.cookies.get(SESSION_COOKIE, { signed: true })!;
    const updated = await loadActor(deps.db, token, deps.clock.now());
    ctx.body = await describeMe(deps.db, updated!);
  });

  return router;
}
