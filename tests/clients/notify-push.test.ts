import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../clients/shared/api';
import { PushDevice, type DevicePushManager, type DeviceSubscription } from '../../clients/mobile-notify/src/lib/push-device';
import { base64UrlToBytes, isIosSafari, pushAvailability, pushProblem, subscriptionBody, type DeviceTraits } from '../../clients/mobile-notify/src/lib/push-support';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const IPAD_DESKTOP = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const CHROME_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

const traits = (over: Partial<DeviceTraits>): DeviceTraits => ({
  userAgent: ANDROID,
  maxTouchPoints: 5,
  standalone: false,
  hasServiceWorker: true,
  hasPushManager: true,
  hasNotification: true,
  permission: 'default',
  ...over,
});

describe('push availability', () => {
  it('guides iPhone and iPad Safari to the home screen, and lets the installed app ask', () => {
    expect(isIosSafari(IPHONE, 5)).toBe(true);
    expect(isIosSafari(IPAD_DESKTOP, 5)).toBe(true);
    expect(isIosSafari(IPAD_DESKTOP, 0)).toBe(false); // a real Mac
    expect(isIosSafari(CHROME_IOS, 5)).toBe(false);
    expect(pushAvailability(traits({ userAgent: IPHONE, hasPushManager: false }))).toBe('ios-home-screen');
    expect(pushAvailability(traits({ userAgent: IPHONE, standalone: true }))).toBe('supported');
  });

  it('says when the browser cannot, or when the person blocked it', () => {
    expect(pushAvailability(traits({ hasPushManager: false }))).toBe('unsupported');
    expect(pushAvailability(traits({ permission: 'denied' }))).toBe('denied');
    expect(pushAvailability(traits({}))).toBe('supported');
  });

  it('decodes the base64url VAPID key and builds the subscription body the hub validates', () => {
    expect([...base64UrlToBytes('AQID_-8')]).toEqual([1, 2, 3, 255, 239]);
    expect(subscriptionBody({ endpoint: 'https://fcm.googleapis.com/fcm/send/x', expirationTime: null, keys: { p256dh: 'p', auth: 'a' } })).toEqual({
      endpoint: 'https://fcm.googleapis.com/fcm/send/x',
      keys: { p256dh: 'p', auth: 'a' },
    });
    expect(subscriptionBody({ endpoint: 'https://x', keys: { p256dh: 'p' } })).toBeNull();
  });

  it('names the failure: push service, hub refusal, network', () => {
    expect(pushProblem(new DOMException('Registration failed - push service error', 'AbortError'))).toBe('service');
    expect(pushProblem(new DOMException('denied', 'NotAllowedError'))).toBe('denied');
    expect(pushProblem(new ApiError(422, 'validation_failed', 'Service de notification non reconnu.'))).toBe('refused');
    expect(pushProblem(new ApiError(0, 'network_error', 'x'))).toBe('network');
    expect(pushProblem(new Error('?'))).toBe('unknown');
  });
});

function fakeSubscription(endpoint = 'https://fcm.googleapis.com/fcm/send/abc'): DeviceSubscription & { unsubscribe: ReturnType<typeof vi.fn> } {
  return {
    endpoint,
    toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: 'B'.repeat(87), auth: 'c'.repeat(22) } }),
    unsubscribe: vi.fn(async () => true),
  };
}

function device(opts: { permission?: NotificationPermission; subscribe?: () => Promise<DeviceSubscription>; existing?: DeviceSubscription | null; post?: () => Promise<unknown> }) {
  const manager: DevicePushManager = {
    getSubscription: vi.fn(async () => opts.existing ?? null),
    subscribe: vi.fn(opts.subscribe ?? (async () => fakeSubscription())),
  };
  const api = {
    get: vi.fn(async () => ({ publicKey: 'AQID' })),
    post: vi.fn(opts.post ?? (async () => ({ id: 'sub' }))),
    request: vi.fn(async () => undefined),
  };
  const requestPermission = vi.fn(async () => opts.permission ?? 'granted');
  const push = new PushDevice({ api: api as never, pushManager: async () => manager, requestPermission, subscribeTimeoutMs: 50 });
  return { push, manager, api, requestPermission };
}

describe('PushDevice', () => {
  it('asks permission first, subscribes with the VAPID key, and registers the subscription with the hub', async () => {
    const d = device({});
    expect(await d.push.enable()).toEqual({ ok: true, endpoint: 'https://fcm.googleapis.com/fcm/send/abc' });
    expect(d.requestPermission.mock.invocationCallOrder[0]).toBeLessThan(d.api.get.mock.invocationCallOrder[0]);
    expect(d.manager.subscribe).toHaveBeenCalledWith({ userVisibleOnly: true, applicationServerKey: new Uint8Array([1, 2, 3]) });
    expect(d.api.post).toHaveBeenCalledWith('/push/subscriptions', { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: { p256dh: 'B'.repeat(87), auth: 'c'.repeat(22) } });
  });

  it('stops at a refused or dismissed permission prompt', async () => {
    const denied = device({ permission: 'denied' });
    expect(await denied.push.enable()).toEqual({ ok: false, problem: 'denied' });
    const dismissed = device({ permission: 'default' });
    expect(await dismissed.push.enable()).toEqual({ ok: false, problem: 'dismissed' });
    expect(dismissed.manager.subscribe).not.toHaveBeenCalled();
  });

  it('reports a browser without a reachable push service, and one that never answers', async () => {
    const refused = device({ subscribe: async () => Promise.reject(new DOMException('Registration failed - push service error', 'AbortError')) });
    expect(await refused.push.enable()).toMatchObject({ ok: false, problem: 'service' });
    expect(refused.api.post).not.toHaveBeenCalled();
    const silent = device({ subscribe: () => new Promise<never>(() => undefined) });
    expect(await silent.push.enable()).toMatchObject({ ok: false, problem: 'service' });
  });

  it('drops the browser subscription when the hub refuses it, so the button does not lie next time', async () => {
    const sub = fakeSubscription('https://push.example.org/x');
    const d = device({ subscribe: async () => sub, post: async () => Promise.reject(new ApiError(422, 'validation_failed', 'Service de notification non reconnu.')) });
    expect(await d.push.enable()).toMatchObject({ ok: false, problem: 'refused' });
    expect(sub.unsubscribe).toHaveBeenCalled();
  });

  it('re-sends an existing subscription for whoever is signed in, and removes it on disable', async () => {
    const sub = fakeSubscription();
    const d = device({ existing: sub });
    expect(await d.push.current()).toBe(sub.endpoint);
    expect(d.api.post).toHaveBeenCalledWith('/push/subscriptions', expect.objectContaining({ endpoint: sub.endpoint }));
    await d.push.disable();
    expect(d.api.request).toHaveBeenCalledWith('DELETE', '/push/subscriptions', { endpoint: sub.endpoint });
    expect(sub.unsubscribe).toHaveBeenCalled();
  });
});
