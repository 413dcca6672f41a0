import type { Middleware } from 'koa';
import { AppError } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses cross-site writes: a browser request that changes state must come from our own
 * origin. Requests without Origin and Sec-Fetch-Site (scripts, the CLI) are not cross-site.
 */
export function originCheck(allowedOrigins: string[]): Middleware {
  const allowed = new Set(allowedOrigins);
  return async (ctx, next) => {
    if (!SAFE.has(ctx.method)) {
      const origin = ctx.get('origin');
      const site = ctx.get('sec-fetch-site');
      const sameHost = origin !== '' && origin === `${ctx.protocol}://${ctx.host}`;
      if ((origin && !allowed.has(origin) && !sameHost) || site === 'cross-site') {
        throw new AppError('cross_site_request', 'Requête refusée : elle ne provient pas de Préau.');
      }
    }
    await next();
  };
}

/** Same rule for the socket.io handshake, which is a GET the browser sends with cookies. */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowedOrigins: string[]): boolean {
  if (!origin) return true;
  if (allowedOrigins.includes(origin)) return true;
  return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}
