import { ApiError } from '../../../shared/api';

/** What this device can do about push, before anything is asked of the person. */
export type PushAvailability = 'supported' | 'ios-home-screen' | 'unsupported' | 'denied';

export interface DeviceTraits {
  userAgent: string;
  /** navigator.maxTouchPoints: iPads ask for the desktop site and say they are Macs. */
  maxTouchPoints: number;
  /** Started from the home screen icon (display-mode standalone, or Safari's navigator.standalone). */
  standalone: boolean;
  hasServiceWorker: boolean;
  hasPushManager: boolean;
  hasNotification: boolean;
  permission: NotificationPermission | null;
}

/** Safari (or another WebKit shell) on an iPhone or iPad. */
export function isIos(ua: string, maxTouchPoints: number): boolean {
  return /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && maxTouchPoints > 1);
}

/** Safari itself on iOS, not Chrome, Firefox or Edge for iOS (they name themselves). */
export function isIosSafari(ua: string, maxTouchPoints: number): boolean {
  return isIos(ua, maxTouchPoints) && /Safari\//.test(ua) && !/CriOS|FxiOS|EdgiOS|OPiOS/.test(ua);
}

/**
 * iOS only offers web push to apps added to the home screen and opened from there (16.4+):
 * in a Safari tab the answer is a guide, not a button.
 */
export function pushAvailability(d: DeviceTraits): PushAvailability {
  if (isIosSafari(d.userAgent, d.maxTouchPoints) && !d.standalone) return 'ios-home-screen';
  if (!d.hasServiceWorker || !d.hasPushManager || !d.hasNotification) return 'unsupported';
  if (d.permission === 'denied') return 'denied';
  return 'supported';
}

/** The VAPID public key (base64url, as the hub sends it) as the bytes pushManager.subscribe wants. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export interface SubscriptionBody {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** The body of POST /api/push/subscriptions from PushSubscription.toJSON(); null when a part is missing. */
export function subscriptionBody(json: PushSubscriptionJSON): SubscriptionBody | null {
  const { endpoint, keys } = json;
  if (!endpoint || !keys?.p256dh || !keys.auth) return null;
  return { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
}

/** Why turning push on (or `off`, for turning it off) did not work. */
export type PushProblem = 'denied' | 'dismissed' | 'service' | 'refused' | 'network' | 'unknown' | 'off';

/** Which failure an activation attempt met, so the page can say what to do next. */
export function pushProblem(err: unknown): PushProblem {
  if (err instanceof ApiError) return err.status === 0 ? 'network' : err.code === 'validation_failed' ? 'refused' : 'unknown';
  const name = (err as { name?: unknown } | null)?.name;
  // the browser could not reach its push service (no Google services, blocked network…)
  if (name === 'AbortError' || name === 'InvalidStateError' || name === 'TimeoutError') return 'service';
  if (name === 'NotAllowedError') return 'denied';
  return 'unknown';
}
