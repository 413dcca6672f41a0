import type { Context, Middleware } from 'koa';
import type { Actor } from '../authz/actor';
import { loadActor, SESSION_COOKIE, SESSION_TTL_MS } from '../modules/auth/session.store';
import type { HubDeps } from './deps';
import { AppError } from './errors';

/** Loads the actor from the signed session cookie; routes decide whether one is required. */
export function sessionAuth(deps: HubDeps): Middleware {
  return async (ctx, next) => {
    // static files of the clients need no session: spare them the two lookups
    if (!ctx.path.startsWith('/api/')) return next();
    const token = ctx.cookies.get(SESSION_COOKIE, { signed: true });
    ctx.state.actor = token ? await loadActor(deps.db, token, deps.clock.now()) : null;
    await next();
  };
}

/** The signed-in actor, or a 401. */
export function requireActor(ctx: Context): Actor {
  const actor = ctx.state.actor as Actor | null;
  if (!actor) throw new AppError('unauthenticated', 'Veuillez vous connecter.');
  return actor;
}

export function setSessionCookie(ctx: Context, token: string, secure: boolean): void {
  ctx.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    signed: true,
    maxAge: SESSION_TTL_MS,
    path: '/',
    overwrite: true,
  });
}

export function clearSessionCookie(ctx: Context, secure: boolean): void {
  ctx.cookies.set(SESSION_COOKIE, null, { httpOnly: true, sameSite: 'lax', secure, signed: true, path: '/', overwrite: true });
}
