import { fileURLToPath } from 'node:url';
import type { OutputBundle } from 'rollup';
import type { Plugin } from 'vite';
import { buildServiceWorker, bundledFilesOf } from '../../shared/build/service-worker';
import { pwaIcons } from './icons';

/** Where the hub serves this app; the service worker's scope and the manifest's start_url. */
export const NOTIFY_BASE = '/notify/';
const SW_ENTRY = fileURLToPath(new URL('../src/sw.ts', import.meta.url));
const BRAND = '#1d4ed8';

/** The web app manifest: installable from /notify/, French first. */
export function webManifest(): Record<string, unknown> {
  const icon = (src: string, size: number, purpose: 'any' | 'maskable') => ({
    src: `${NOTIFY_BASE}${src}`,
    sizes: `${size}x${size}`,
    type: 'image/png',
    purpose,
  });
  return {
    id: NOTIFY_BASE,
    name: 'Préau — Notifications',
    short_name: 'Préau',
    description: 'Les absences, messages et alertes de l’établissement de vos enfants, sur votre téléphone.',
    lang: 'fr',
    dir: 'ltr',
    start_url: NOTIFY_BASE,
    scope: NOTIFY_BASE,
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#f2f4f8',
    theme_color: BRAND,
    categories: ['education', 'productivity'],
    icons: [
      icon('icon-192.png', 192, 'any'),
      icon('icon-512.png', 512, 'any'),
      icon('icon-maskable-192.png', 192, 'maskable'),
      icon('icon-maskable-512.png', 512, 'maskable'),
    ],
  };
}

/** The files an offline start of the app needs: its page, manifest, icons, and the bundled files of its HTML. */
export function shellUrls(bundle: OutputBundle, htmlFile: string): string[] {
  return [NOTIFY_BASE, `${NOTIFY_BASE}manifest.webmanifest`, `${NOTIFY_BASE}icon-192.png`, `${NOTIFY_BASE}badge-96.png`, ...bundledFilesOf(bundle, htmlFile)];
}

/**
 * Makes /notify/ an installable app: emits its manifest, PNG icons (drawn here, so no binary
 * lives in the repository) and service worker, which precaches the shell of this very build.
 */
export function notifyPwa(): Plugin {
  const icons = pwaIcons();
  return {
    name: 'preau-notify-pwa',
    enforce: 'post',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        if (!path.startsWith(NOTIFY_BASE)) return next();
        const name = path.slice(NOTIFY_BASE.length);
        try {
          if (name === 'manifest.webmanifest') {
            res.setHeader('content-type', 'application/manifest+json');
            res.end(JSON.stringify(webManifest(), null, 2));
          } else if (icons.has(name)) {
            res.setHeader('content-type', 'image/png');
            res.end(icons.get(name));
          } else if (name === 'sw.js') {
            // in dev only the page is kept for offline use: module URLs change with every edit
            res.setHeader('content-type', 'text/javascript');
            res.setHeader('cache-control', 'no-cache');
            res.end(await buildServiceWorker(SW_ENTRY, 'preauNotifyWorker', [NOTIFY_BASE], false));
          } else next();
        } catch (err) {
          next(err);
        }
      });
    },
    async generateBundle(_options, bundle) {
      const dir = 'mobile-notify/';
      if (!bundle[`${dir}index.html`]) return;
      this.emitFile({ type: 'asset', fileName: `${dir}manifest.webmanifest`, source: JSON.stringify(webManifest(), null, 2) });
      for (const [name, png] of icons) this.emitFile({ type: 'asset', fileName: dir + name, source: png });
      const precache = shellUrls(bundle, `${dir}index.html`);
      this.emitFile({ type: 'asset', fileName: `${dir}sw.js`, source: await buildServiceWorker(SW_ENTRY, 'preauNotifyWorker', precache, true) });
    },
  };
}
