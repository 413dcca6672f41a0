// Decisions of the kiosk's service worker, kept free of its globals so unit tests reach them.

export const KIOSK_SCOPE = '/signage/';
export const SHELL_CACHE_PREFIX = 'preau-signage-shell-';
/** Pictures of news and the school's logo, kept across builds for an offline start. */
export const MEDIA_CACHE = 'preau-signage-media';
export const MEDIA_MAX_ENTRIES = 60;
/** A page request that takes longer than this is answered from the cache: a kiosk must not hang. */
export const PAGE_TIMEOUT_MS = 5_000;

export type KioskFetchStrategy = 'page' | 'cache-first' | 'media' | 'network';

/**
 * How the worker answers a request: the kiosk page from the network, else the cached shell
 * (offline, a hub answering 5xx, or too slow); hashed assets from the cache; same-origin
 * pictures from the network, else the cache; the API and the live link untouched (their data
 * is kept in IndexedDB by the page, with the time it was received).
 */
export function kioskFetchStrategy(request: { url: string; method: string; mode: string; destination?: string }, origin: string): KioskFetchStrategy {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network';
  if (request.mode === 'navigate') return url.pathname.startsWith(KIOSK_SCOPE) ? 'page' : 'network';
  if (url.pathname.startsWith('/assets/')) return 'cache-first';
  if (url.pathname.startsWith('/socket.io/')) return 'network';
  // pictures of news and the logo, wherever on the hub they are served
  return request.destination === 'image' ? 'media' : 'network';
}

/** A page answer worth showing; else the cached shell is better (a proxy's error page is not). */
export function isUsablePage(status: number): boolean {
  return status >= 200 && status < 500;
}

/** Caches of older builds of the kiosk; the media cache outlives builds. */
export function staleKioskCaches(names: readonly string[], current: string): string[] {
  return names.filter((n) => n.startsWith(SHELL_CACHE_PREFIX) && n !== current);
}

/** Which cached pictures to delete (oldest first, in the cache's insertion order) to stay bounded. */
export function mediaOverflow<T>(keys: readonly T[], max = MEDIA_MAX_ENTRIES): T[] {
  return keys.length > max ? keys.slice(0, keys.length - max) : [];
}
