// The service worker of /signage/: keeps the kiosk's shell so that a reload with the hub out of
// reach draws the page (and, from IndexedDB, the last data) instead of a browser error page.
// Built on its own by build/signage-sw-plugin.ts (one classic script), with this build's shell.
import { cachedOrFetched, keepShellCached, type ShellWorkerScope } from '../../shared/sw-shell';
import { isUsablePage, KIOSK_SCOPE, kioskFetchStrategy, MEDIA_CACHE, mediaOverflow, PAGE_TIMEOUT_MS, SHELL_CACHE_PREFIX, staleKioskCaches } from './lib/sw-logic';

declare const __PRECACHE__: string[];
declare const __CACHE_VERSION__: string;

const sw = self as unknown as ShellWorkerScope;
const SHELL = `${SHELL_CACHE_PREFIX}${__CACHE_VERSION__}`;
const origin = sw.location.origin;

keepShellCached(sw, SHELL, __PRECACHE__, staleKioskCaches);

sw.addEventListener('fetch', (event) => {
  const strategy = kioskFetchStrategy(event.request, origin);
  if (strategy === 'page') event.respondWith(pageOrShell(event.request));
  else if (strategy === 'cache-first') event.respondWith(cachedOrFetched(event.request, SHELL));
  else if (strategy === 'media') event.respondWith(freshOrCachedMedia(event.request));
});

/** The page from the hub when it answers well and in time; else the shell kept at install. */
async function pageOrShell(request: Request): Promise<Response> {
  const shell = () => caches.match(KIOSK_SCOPE, { cacheName: SHELL });
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), PAGE_TIMEOUT_MS));
  const network = fetch(request).catch(() => null);
  const answer = await Promise.race([network, timeout]);
  if (answer && isUsablePage(answer.status)) return answer;
  const cached = await shell();
  if (cached) return cached;
  // nothing kept yet (first start): the slow answer is still better than none
  const late = answer ?? (await network);
  if (late) return late;
  return Response.error();
}

/** Pictures: the network first (a replaced logo shows), the copy when offline; at most 60 kept. */
async function freshOrCachedMedia(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      void caches.open(MEDIA_CACHE).then(async (cache) => {
        await cache.put(request, copy);
        const old = mediaOverflow(await cache.keys());
        await Promise.all(old.map((k) => cache.delete(k)));
      });
    }
    return response;
  } catch (err) {
    const hit = await caches.match(request, { cacheName: MEDIA_CACHE });
    if (hit) return hit;
    throw err;
  }
}
