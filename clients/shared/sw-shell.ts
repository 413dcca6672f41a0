// What both service workers (the PWA's and the kiosk's) do with their app shell. The DOM library
// the project compiles with has no worker types: the few used here, by hand.

export interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
export interface SwFetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
/** The parts of a service worker's global scope the shell needs. */
export interface ShellWorkerScope {
  location: Location;
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: SwFetchEvent) => void): void;
}

/**
 * Precaches this build's shell at install and takes over at once; at activate, drops the caches
 * `stale` names (older builds) and controls the open pages.
 */
export function keepShellCached(sw: ShellWorkerScope, cacheName: string, precache: string[], stale: (names: string[], keep: string) => string[]): void {
  sw.addEventListener('install', (event) => {
    event.waitUntil(
      caches
        .open(cacheName)
        .then((cache) => cache.addAll(precache))
        .then(() => sw.skipWaiting()),
    );
  });
  sw.addEventListener('activate', (event) => {
    event.waitUntil(
      caches
        .keys()
        .then((names) => Promise.all(stale(names, cacheName).map((n) => caches.delete(n))))
        .then(() => sw.clients.claim()),
    );
  });
}

/** Hashed files: the cached copy when there is one, else the network (a good answer is kept in `cacheName`). */
export async function cachedOrFetched(request: Request, cacheName: string): Promise<Response> {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(cacheName).then((cache) => cache.put(request, copy));
  }
  return response;
}
