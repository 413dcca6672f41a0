import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { buildServiceWorker, bundledFilesOf } from '../../shared/build/service-worker';

/** Where the hub serves the kiosk; the service worker's scope. */
export const SIGNAGE_BASE = '/signage/';
const SW_ENTRY = fileURLToPath(new URL('../src/sw.ts', import.meta.url));

/**
 * Emits the kiosk's service worker (signage/sw.js), which precaches the kiosk page and the
 * hashed files it pulls in, so a kiosk reloaded without network still starts.
 */
export function signageWorker(): Plugin {
  return {
    name: 'preau-signage-sw',
    enforce: 'post',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if ((req.url ?? '').split('?')[0] !== `${SIGNAGE_BASE}sw.js`) return next();
        try {
          // in dev only the page is kept for offline use: module URLs change with every edit
          res.setHeader('content-type', 'text/javascript');
          res.setHeader('cache-control', 'no-cache');
          res.end(await buildServiceWorker(SW_ENTRY, 'preauSignageWorker', [SIGNAGE_BASE], false));
        } catch (err) {
          next(err);
        }
      });
    },
    async generateBundle(_options, bundle) {
      const html = 'signage/index.html';
      if (!bundle[html]) return;
      const precache = [SIGNAGE_BASE, ...bundledFilesOf(bundle, html)];
      this.emitFile({ type: 'asset', fileName: 'signage/sw.js', source: await buildServiceWorker(SW_ENTRY, 'preauSignageWorker', precache, true) });
    },
  };
}
