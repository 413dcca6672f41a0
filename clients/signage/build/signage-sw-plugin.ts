import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { RollupOutput } from 'rollup';
import type { Plugin } from 'vite';
import { NOTIFY_BASE, shellUrls } from '../../mobile-notify/build/pwa-plugin';

/** Where the hub serves the kiosk; the service worker's scope. */
export const SIGNAGE_BASE = '/signage/';
const SW_ENTRY = fileURLToPath(new URL('../src/sw.ts', import.meta.url));

/** Bundles src/sw.ts on its own, as one classic script (every browser runs those as service workers). */
async function buildServiceWorker(precache: string[], minify: boolean): Promise<string> {
  const { build } = await import('vite');
  const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    define: { __PRECACHE__: JSON.stringify(precache), __CACHE_VERSION__: JSON.stringify(version) },
    build: {
      write: false,
      minify,
      sourcemap: false,
      target: 'es2022',
      lib: { entry: SW_ENTRY, formats: ['iife'], name: 'preauSignageWorker', fileName: () => 'sw.js' },
    },
  })) as RollupOutput | RollupOutput[];
  const output = Array.isArray(out) ? out[0] : out;
  return output.output[0].code;
}

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
          res.end(await buildServiceWorker([SIGNAGE_BASE], false));
        } catch (err) {
          next(err);
        }
      });
    },
    async generateBundle(_options, bundle) {
      const html = 'signage/index.html';
      if (!bundle[html]) return;
      // the same walk of the bundle as the notify app's; its own /notify/ files left out
      const assets = shellUrls(bundle, html).filter((url) => !url.startsWith(NOTIFY_BASE));
      this.emitFile({ type: 'asset', fileName: 'signage/sw.js', source: await buildServiceWorker([SIGNAGE_BASE, ...assets], true) });
    },
  };
}
