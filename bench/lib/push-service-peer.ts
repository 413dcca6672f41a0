import { ChildPeer } from './child-peer';

/** One message the push service accepted: when (its clock), for which subscription, and what it said. */
export interface Arrival {
  at: number;
  subscription: string;
  title: string;
  tag: string;
}

export interface Subscription {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export type ToPushService =
  | { type: 'ping'; id: number }
  | { type: 'subscribe'; id: number; count: number }
  | { type: 'respondNext'; id: number; status: number; times: number }
  | { type: 'reset'; id: number }
  | { type: 'stats'; id: number }
  | { type: 'arrivals'; id: number }
  | { type: 'close' };

export type PushServiceStats = { requests: number; connections: number; maxInFlight: number; accepted: number; cpuMs: number };

export type FromPushService =
  | { type: 'ready'; origin: string; ca: string }
  | { type: 'pong'; id: number; childAt: number }
  | { type: 'subscribed'; id: number; subs: Subscription[] }
  | { type: 'done'; id: number }
  | ({ type: 'stats'; id: number } & PushServiceStats)
  | { type: 'arrivals'; id: number; list: Arrival[] };

/** The parent's handle on lib/push-service-process.ts, on the given CPU alone when `cpu` is set (Linux taskset). */
export class PushServicePeer {
  private constructor(private readonly peer: ChildPeer<ToPushService, FromPushService>) {}

  get origin(): string {
    return this.peer.ready.origin;
  }

  get ca(): string {
    return this.peer.ready.ca;
  }

  static async start(opts: { cpu?: number | null } = {}): Promise<PushServicePeer> {
    return new PushServicePeer(await ChildPeer.start<ToPushService, FromPushService>('./push-service-process.ts', 'push service', opts));
  }

  /** `count` fresh subscriptions, keys generated in the service's process as a browser would. */
  async subscribe(count: number): Promise<Subscription[]> {
    return (await this.peer.ask<'subscribed'>({ type: 'subscribe', count })).subs;
  }

  /** The next `times` requests get `status` without any check (no VAPID, no decryption) and are not recorded. */
  async respondNext(status: number, times: number): Promise<void> {
    await this.peer.ask<'done'>({ type: 'respondNext', status, times });
  }

  /** Zeroes the counters and forgets the arrivals not yet taken. */
  async reset(): Promise<void> {
    await this.peer.ask<'done'>({ type: 'reset' });
  }

  async stats(): Promise<PushServiceStats> {
    const { type: _t, id: _i, ...s } = await this.peer.ask<'stats'>({ type: 'stats' });
    return s;
  }

  /** The arrivals since the last call, their instants on this process's clock (see syncClock). */
  async takeArrivals(offsetMs: number): Promise<Arrival[]> {
    return (await this.peer.ask<'arrivals'>({ type: 'arrivals' })).list.map((a) => ({ ...a, at: a.at - offsetMs }));
  }

  /** child clock − parent clock (ms), as the load generator's syncClocks. */
  syncClock(samples = 100): Promise<{ offsetMs: number; rttMs: number }> {
    return this.peer.syncClock(samples);
  }

  close(): Promise<void> {
    return this.peer.close();
  }
}
