import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { notifyPwa } from './clients/mobile-notify/build/pwa-plugin';
import { signageWorker } from './clients/signage/build/signage-sw-plugin';

const clientsRoot = fileURLToPath(new URL('./clients', import.meta.url));
const hub = process.env.PREAU_HUB_URL ?? 'http://localhost:3000';

/** The URLs the hub serves each app under, mapped to their HTML in clients/. */
const appPages: Array<[prefix: string, html: string]> = [
  ['/signage', '/signage/index.html'],
  ['/notify', '/mobile-notify/index.html'],
];

/**
 * In dev, answers the same URLs as the hub does in production (/, /signage/, /notify/ and
 * SPA paths of the web client), so links and absolute paths behave the same in both.
 */
function hubUrlsInDev(): Plugin {
  const ownPaths = /^\/(@|api\/|socket\.io|node_modules|web\/|signage\/.+|mobile-notify\/|shared\/|__)/;
  return {
    name: 'preau-hub-urls',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const [path, query = ''] = (req.url ?? '/').split('?');
        const page = appPages.find(([prefix]) => path === prefix || path === `${prefix}/`);
        if (page) req.url = page[1] + (query ? `?${query}` : '');
        else if (!ownPaths.test(path) && !/\.[a-z0-9]+$/i.test(path)) req.url = '/web/index.html';
        next();
      });
    },
  };
}

export default defineConfig({
  root: clientsRoot,
  // absolute asset URLs: the web client answers any deep path (SPA fallback); the HTML files use
  // root-absolute paths too, so they resolve the same under /, /signage/ and /notify/
  base: '/',
  publicDir: false,
  plugins: [hubUrlsInDev(), notifyPwa(), signageWorker()],
  build: {
    outDir: fileURLToPath(new URL('./dist/clients', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: true,
    // data: URLs would need a looser CSP (img-src data:); small files are cheap over HTTP/2 anyway
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        web: `${clientsRoot}/web/index.html`,
        signage: `${clientsRoot}/signage/index.html`,
        notify: `${clientsRoot}/mobile-notify/index.html`,
      },
      output: {
        // lit is shared by the three apps and changes less often than they do: its own cacheable file
        manualChunks: (id) => (/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(id) ? 'lit' : undefined),
      },
    },
  },
  server: {
    port: 5173,
    // the hub refuses writes whose Origin is not its own: the dev server stands in for it
    proxy: {
      '/api': { target: hub, configure: (proxy) => proxy.on('proxyReq', (req) => req.setHeader('origin', hub)) },
      '/socket.io': {
        target: hub,
        ws: true,
        configure: (proxy) => proxy.on('proxyReqWs', (req) => req.setHeader('origin', hub)),
      },
    },
  },
});
