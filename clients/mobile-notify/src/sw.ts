// The service worker of /notify/: app shell cache, push display, notification taps.
// Built on its own by build/pwa-plugin.ts (one classic script), with the shell list of the build.
import { cachedOrFetched, keepShellCached, type ExtendableEvent, type ShellWorkerScope } from '../../shared/sw-shell';
import { clickPlan, fetchStrategy, itemUrl, notificationOptions, parsePushPayload, PUSH_RECEIVED, staleCaches, APP_SCOPE } from './lib/sw-logic';

declare const __PRECACHE__: string[];
declare const __CACHE_VERSION__: string;

// the DOM library the project compiles with has no worker types: the few more used here, by hand
interface SwPushEvent extends ExtendableEvent {
  data: { text(): string } | null;
}
interface SwNotificationEvent extends ExtendableEvent {
  notification: Notification & { data?: { url?: string } };
}
interface SwWindowClient {
  url: string;
  focus(): Promise<SwWindowClient>;
  navigate(url: string): Promise<SwWindowClient | null>;
  postMessage(message: unknown): void;
}
interface SwScope extends ShellWorkerScope {
  registration: ServiceWorkerRegistration;
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<SwWindowClient[]>;
    openWindow(url: string): Promise<SwWindowClient | null>;
    claim(): Promise<void>;
  };
  onpush: ((e: SwPushEvent) => void) | null;
  onnotificationclick: ((e: SwNotificationEvent) => void) | null;
}

const sw = self as unknown as SwScope;
const CACHE = `preau-notify-${__CACHE_VERSION__}`;
const origin = sw.location.origin;

keepShellCached(sw, CACHE, __PRECACHE__, staleCaches);

sw.addEventListener('fetch', (event) => {
  const strategy = fetchStrategy(event.request, origin);
  if (strategy === 'page') event.respondWith(pageOrShell(event.request));
  else if (strategy === 'cache-first') event.respondWith(cachedOrFetched(event.request, CACHE));
});

async function pageOrShell(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (err) {
    // offline: every path of the app is the same page
    const shell = await caches.match(APP_SCOPE);
    if (shell) return shell;
    throw err;
  }
}

// on* properties rather than listeners: the same handlers, reachable from DevTools when debugging
sw.onpush = (event) => {
  const payload = parsePushPayload(event.data?.text());
  event.waitUntil(
    Promise.all([
      sw.registration.showNotification(payload.title, notificationOptions(payload)),
      sw.clients
        .matchAll({ type: 'window', includeUncontrolled: false })
        .then((windows) => windows.forEach((w) => w.postMessage({ type: PUSH_RECEIVED }))),
    ]),
  );
};

sw.onnotificationclick = (event) => {
  event.notification.close();
  event.waitUntil(openItem(itemUrl(event.notification.data?.url, origin)));
};

async function openItem(target: string): Promise<void> {
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const plan = clickPlan(windows, target, origin);
  if (plan.kind === 'open') {
    await sw.clients.openWindow(target);
    return;
  }
  const window = windows[plan.index];
  const shown = plan.kind === 'navigate' ? ((await window.navigate(target)) ?? window) : window;
  // focusing needs the tap's permission; the item is on screen either way
  await shown.focus().catch(() => undefined);
}
