import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { now } from './stats';

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

/** A message to the service without its id (ask() numbers it), distributed over the union. */
type Request = Extract<ToPushService, { id: number }> extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

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
  private nextId = 0;
  private readonly waiters = new Map<number, { resolve: (m: FromPushService) => void; reject: (e: Error) => void }>();
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
    readonly ca: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (m: FromPushService) => {
      if (!('id' in m)) return;
      const waiter = this.waiters.get(m.id);
      this.waiters.delete(m.id);
      waiter?.resolve(m);
    });
    child.once('exit', (code, signal) => {
      // a crashed service must fail the run, not leave it waiting
      for (const w of this.waiters.values()) w.reject(new Error(`push service exited (${signal ?? code})`));
      this.waiters.clear();
    });
  }

  static async start(opts: { cpu?: number | null } = {}): Promise<PushServicePeer> {
    const file = fileURLToPath(new URL('./push-service-process.ts', import.meta.url));
    const node = [process.execPath, '--import', 'tsx', file];
    const [command, ...args] = opts.cpu == null ? node : ['taskset', '-c', String(opts.cpu), ...node];
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    const ready = await new Promise<Extract<FromPushService, { type: 'ready' }>>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`push service exited (${code})`)));
      child.once('message', (m: FromPushService) => (m.type === 'ready' ? resolve(m) : reject(new Error(`push service: unexpected ${m.type}`))));
    });
    return new PushServicePeer(child, ready.origin, ready.ca);
  }

  private ask<T extends FromPushService['type']>(m: Request): Promise<Extract<FromPushService, { type: T }>> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.waiters.set(id, { resolve: resolve as (m: FromPushService) => void, reject });
      this.child.send({ ...m, id } as ToPushService);
    });
  }

  /** `count` fresh subscriptions, keys generated in the service's process as a browser would. */
  async subscribe(count: number): Promise<Subscription[]> {
    return (await this.ask<'subscribed'>({ type: 'subscribe', count })).subs;
  }

  /** The next `times` requests get `status` without any check (no VAPID, no decryption) and are not recorded. */
  async respondNext(status: number, times: number): Promise<void> {
    await this.ask<'done'>({ type: 'respondNext', status, times });
  }

  /** Zeroes the counters and forgets the arrivals not yet taken. */
  async reset(): Promise<void> {
    await this.ask<'done'>({ type: 'reset' });
  }

  async stats(): Promise<PushServiceStats> {
    const { type: _t, id: _i, ...s } = await this.ask<'stats'>({ type: 'stats' });
    return s;
  }

  /** The arrivals since the last call, their instants on this process's clock (see syncClock). */
  async takeArrivals(offsetMs: number): Promise<Arrival[]> {
    return (await this.ask<'arrivals'>({ type: 'arrivals' })).list.map((a) => ({ ...a, at: a.at - offsetMs }));
  }

  /** child clock − parent clock (ms) from the fastest of `samples` ping-pongs, as the load generator's syncClocks. */
  async syncClock(samples = 100): Promise<{ offsetMs: number; rttMs: number }> {
    let best = { offsetMs: 0, rttMs: Infinity };
    for (let k = 0; k < samples; k++) {
      const sentAt = now();
      const pong = await this.ask<'pong'>({ type: 'ping' });
      const back = now();
      if (back - sentAt < best.rttMs) best = { offsetMs: pong.childAt - (sentAt + back) / 2, rttMs: back - sentAt };
    }
    return best;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.child.connected) this.child.send({ type: 'close' } satisfies ToPushService);
    const timer = setTimeout(() => this.child.kill(), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}
