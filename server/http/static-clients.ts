import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import send from 'koa-send';

// URL prefix → the client's folder in the Vite build
const CLIENTS: Array<[prefix: string, dir: string]> = [
  ['/signage', 'signage'],
  ['/notify', 'mobile-notify'],
  ['/', 'web'],
];

/** Serves the built clients: hashed assets cached for a year, each app's index.html for its routes. */
export function staticClients(distDir: string): Middleware {
  return async (ctx, next) => {
    if (!['GET', 'HEAD'].includes(ctx.method) || ctx.path.startsWith('/api/') || ctx.path.startsWith('/socket.io/')) return next();
    if (ctx.path.startsWith('/assets/')) {
      await send(ctx, ctx.path, { root: distDir, immutable: true, maxage: 365 * 24 * 3600_000 });
      return;
    }
    const [prefix, dir] = CLIENTS.find(([p]) => ctx.path === p || ctx.path.startsWith(p === '/' ? '/' : `${p}/`))!;
    const relative = ctx.path.slice(prefix === '/' ? 0 : prefix.length) || '/';
    // real files of the app (icons, manifest, service worker) first, then the app shell
    if (relative !== '/' && existsSync(join(distDir, dir, relative))) {
      await send(ctx, join(dir, relative), { root: distDir, maxage: 3600_000 });
      return;
    }
    if (!existsSync(join(distDir, dir, 'index.html'))) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'Les clients ne sont pas construits : lancez « npm run build » ou « npm start ».';
      return;
    }
    ctx.set('Cache-Control', 'no-cache');
    await send(ctx, join(dir, 'index.html'), { root: distDir });
  };
}
