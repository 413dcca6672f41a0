// Decisions of the service worker, kept free of its globals so unit tests reach them.

/** What the hub pushes (server/modules/notifications/push-sender.ts). */
export interface PushPayload {
  title: string;
  body: string;
  /** The item in the web client, e.g. /#/messagerie/fil/<id>. */
  url: string;
  tag: string;
}

export const APP_SCOPE = '/notify/';

/** Reads a push's JSON; a push that is not ours still shows something rather than nothing. */
export function parsePushPayload(text: string | null | undefined): PushPayload {
  let data: Partial<Record<keyof PushPayload, unknown>> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') data = parsed as typeof data;
  } catch {
    data = { body: text ?? '' };
  }
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return {
    title: str(data.title) || 'Préau',
    body: str(data.body),
    url: str(data.url) || APP_SCOPE,
    tag: str(data.tag),
  };
}

/** The options of the notification shown for a push. */
export function notificationOptions(payload: PushPayload): NotificationOptions & { renotify?: boolean } {
  return {
    body: payload.body,
    icon: `${APP_SCOPE}icon-192.png`,
    badge: `${APP_SCOPE}badge-96.png`,
    lang: 'fr',
    // one notification per subject: an update replaces it, and still rings
    ...(payload.tag ? { tag: payload.tag, renotify: true } : {}),
    data: { url: payload.url },
  };
}

/** The absolute URL to open for an item; anything off our origin opens the app instead. */
export function itemUrl(url: unknown, origin: string): string {
  try {
    const resolved = new URL(typeof url === 'string' && url ? url : APP_SCOPE, origin);
    if (resolved.origin === origin && /^https?:$/.test(resolved.protocol)) return resolved.href;
  } catch {
    // falls through to the app
  }
  return new URL(APP_SCOPE, origin).href;
}

export type ClickPlan = { kind: 'focus'; index: number } | { kind: 'navigate'; index: number } | { kind: 'open' };

/**
 * Where a tapped notification shows its item: a window already on it is brought forward;
 * otherwise the app's own window goes there (an installed app is one window on a phone, and
 * only windows the worker controls may be navigated); otherwise a new window opens.
 */
export function clickPlan(windows: ReadonlyArray<{ url: string }>, target: string, origin: string): ClickPlan {
  const exact = windows.findIndex((w) => w.url === target);
  if (exact >= 0) return { kind: 'focus', index: exact };
  const scope = new URL(APP_SCOPE, origin).href;
  const app = windows.findIndex((w) => w.url.startsWith(scope));
  if (app >= 0) return { kind: 'navigate', index: app };
  return { kind: 'open' };
}

export type FetchStrategy = 'page' | 'cache-first' | 'network';

/**
 * How the worker answers a request: the app's pages from the network, falling back to the
 * cached shell offline; hashed assets and icons from the cache; everything else (the API,
 * the live link, the web client) goes to the network untouched.
 */
export function fetchStrategy(request: { url: string; method: string; mode: string }, origin: string): FetchStrategy {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network';
  if (request.mode === 'navigate') return url.pathname.startsWith(APP_SCOPE) ? 'page' : 'network';
  if (url.pathname.startsWith('/assets/')) return 'cache-first';
  if (url.pathname.startsWith(APP_SCOPE) && /\.(png|webmanifest)$/.test(url.pathname)) return 'cache-first';
  return 'network';
}

/** Caches this app made that a newer version no longer needs. */
export function staleCaches(names: readonly string[], current: string): string[] {
  return names.filter((n) => n.startsWith('preau-notify-') && n !== current);
}

/** What the worker tells open pages when a push arrives, so the inbox reloads. */
export const PUSH_RECEIVED = 'preau.notify.push';
