import type { Api } from '../../../shared/api';
import { base64UrlToBytes, pushProblem, subscriptionBody, type PushProblem } from './push-support';

/** The parts of a subscription this module touches (PushSubscription in browsers, fakes in tests). */
export interface DeviceSubscription {
  endpoint: string;
  toJSON(): PushSubscriptionJSON;
  unsubscribe(): Promise<boolean>;
}

export interface DevicePushManager {
  getSubscription(): Promise<DeviceSubscription | null>;
  subscribe(options: { userVisibleOnly: boolean; applicationServerKey: Uint8Array<ArrayBuffer> }): Promise<DeviceSubscription>;
}

export interface PushDeviceDeps {
  api: Pick<Api, 'get' | 'post' | 'request'>;
  /** navigator.serviceWorker.ready's push manager. */
  pushManager(): Promise<DevicePushManager>;
  /** Notification.requestPermission: must be the first thing a click does. */
  requestPermission(): Promise<NotificationPermission>;
  /** How long to wait for the browser's push service before giving up. */
  subscribeTimeoutMs?: number;
}

export type PushOutcome = { ok: true; endpoint: string } | { ok: false; problem: PushProblem; detail?: string };

/** This device's push subscription, as the hub knows it. */
export class PushDevice {
  constructor(private readonly deps: PushDeviceDeps) {}

  /** The current subscription, re-sent to the hub so it belongs to whoever is signed in now. */
  async current(): Promise<string | null> {
    const manager = await this.deps.pushManager();
    const sub = await manager.getSubscription();
    if (!sub) return null;
    const body = subscriptionBody(sub.toJSON());
    if (!body) return null;
    await this.deps.api.post('/push/subscriptions', body);
    return sub.endpoint;
  }

  /** Asks permission, subscribes with the hub's VAPID key, and registers the subscription. */
  async enable(): Promise<PushOutcome> {
    let permission: NotificationPermission;
    try {
      permission = await this.deps.requestPermission();
    } catch (err) {
      return failure(err);
    }
    if (permission === 'denied') return { ok: false, problem: 'denied' };
    if (permission !== 'granted') return { ok: false, problem: 'dismissed' };
    let sub: DeviceSubscription | null = null;
    try {
      const manager = await this.deps.pushManager();
      const { publicKey } = await this.deps.api.get<{ publicKey: string }>('/push/vapid-public-key');
      sub = await manager.getSubscription();
      sub ??= await withTimeout(
        manager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(publicKey) }),
        this.deps.subscribeTimeoutMs ?? 20_000,
      );
      const body = subscriptionBody(sub.toJSON());
      if (!body) throw Object.assign(new Error('subscription without keys'), { name: 'InvalidStateError' });
      await this.deps.api.post('/push/subscriptions', body);
      return { ok: true, endpoint: body.endpoint };
    } catch (err) {
      // a subscription the hub does not know would only make the button lie next time
      if (sub) await sub.unsubscribe().catch(() => false);
      return failure(err);
    }
  }

  /** Stops push on this device: the hub forgets the endpoint, the browser drops it. */
  async disable(): Promise<void> {
    const manager = await this.deps.pushManager();
    const sub = await manager.getSubscription();
    if (!sub) return;
    await this.deps.api.request('DELETE', '/push/subscriptions', { endpoint: sub.endpoint });
    await sub.unsubscribe();
  }
}

function failure(err: unknown): PushOutcome {
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : undefined;
  return { ok: false, problem: pushProblem(err), detail };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('push service did not answer'), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
