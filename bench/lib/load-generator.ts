import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FleetName, FromLoadClient, HttpRequest, HttpResult, ToLoadClient } from './load-protocol';
import { now } from './stats';

type Receipts = Extract<FromLoadClient, { type: 'receipts' }>;
type Ready = Extract<FromLoadClient, { type: 'ready' }>;
type Statuses = Extract<FromLoadClient, { type: 'statuses' }>;

export interface ClockSync {
  /** child clock − parent clock, ms: subtract from a child instant to get a parent instant. */
  offsetMs: number;
  /** Round trip of the sample the offset comes from; the offset is known to ± half of it. */
  rttMs: number;
  samples: number;
}

/** The parent's handle on bench/lib/load-client.ts, running in its own process. */
export class LoadGenerator {
  private readonly inbox = new Map<string, Receipts>();
  private readonly waiters = new Map<string, { resolve: (r: Receipts) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(m: FromLoadClient) => void>();
  private exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.once('exit', (code, signal) => {
      // a crashed generator must fail the run, not leave it waiting for receipts forever
      const err = new Error(`load generator exited (${signal ?? code})`);
      for (const waiter of this.waiters.values()) waiter.reject(err);
      this.waiters.clear();
    });
    child.on('message', (m: FromLoadClient) => {
      if (m.type === 'receipts') {
        const id = `${m.fleet}/${m.key}`;
        const waiter = this.waiters.get(id);
        if (waiter) {
          this.waiters.delete(id);
          waiter.resolve(m);
        } else {
          this.inbox.set(id, m);
        }
      }
      for (const listener of this.listeners) listener(m);
    });
  }

  /** Starts the child process, on the given CPU alone when `cpu` is set (Linux taskset). */
  static start(opts: { cpu?: number | null } = {}): LoadGenerator {
    const file = fileURLToPath(new URL('./load-client.ts', import.meta.url));
    const node = [process.execPath, '--import', 'tsx', file];
    const [command, ...args] = opts.cpu == null ? node : ['taskset', '-c', String(opts.cpu), ...node];
    const child = spawn(command, args, {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    return new LoadGenerator(child);
  }

  private send(m: ToLoadClient): void {
    // after an exit the waiters were already failed; a send would only add an unhandled error
    if (this.child.connected) this.child.send(m);
  }

  private next<T extends FromLoadClient>(match: (m: FromLoadClient) => m is T, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`load generator: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (m: FromLoadClient) => {
        if (!match(m)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(m);
      };
      this.listeners.add(listener);
    });
  }

  /**
   * NTP-style offset between the two processes' clocks, from the fastest of many ping-pongs:
   * each process stamps with its own timeOrigin, which may disagree by a fraction of a ms.
   */
  async syncClocks(samples = 200): Promise<ClockSync> {
    let best: ClockSync = { offsetMs: 0, rttMs: Infinity, samples };
    for (let id = 0; id < samples; id++) {
      const sentAt = now();
      const reply = this.next((m): m is Extract<FromLoadClient, { type: 'pong' }> => m.type === 'pong' && m.id === id, 5000, 'pong');
      this.send({ type: 'ping', id, sentAt });
      const pong = await reply;
      const back = now();
      const rtt = back - sentAt;
      if (rtt < best.rttMs) best = { offsetMs: pong.childAt - (sentAt + back) / 2, rttMs: rtt, samples };
    }
    return best;
  }

  /** Connects one client per cookie (null: anonymous) and waits until each got its 'channels'. */
  async connect(fleet: FleetName, url: string, cookies: Array<string | null>, opts: { origin?: string; concurrency?: number } = {}): Promise<Ready> {
    const ready = this.next((m): m is Ready => m.type === 'ready' && m.fleet === fleet, 180_000, `ready from ${fleet}`);
    this.send({ type: 'connect', fleet, url, cookies, origin: opts.origin ?? url, concurrency: opts.concurrency ?? 50 });
    const r = await ready;
    if (r.failed > 0) throw new Error(`${fleet}: ${r.failed} of ${cookies.length} clients failed to connect: ${r.errors.join('; ')}`);
    return r;
  }

  /** Declares a key that only `count` clients of the fleet will get (send it before the frames can arrive). */
  expect(fleet: FleetName, key: string, count: number): void {
    this.send({ type: 'expect', fleet, key, count });
  }

  /** The receipts of one key: as soon as every client (or the expected count) has it, or what arrived by the deadline. */
  async receipts(fleet: FleetName, key: string, timeoutMs: number): Promise<Receipts> {
    const id = `${fleet}/${key}`;
    const ready = this.inbox.get(id);
    if (ready) {
      this.inbox.delete(id);
      return ready;
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.send({ type: 'flush', fleet, key }), timeoutMs);
      this.waiters.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
    });
  }

  /** Closes every client of a fleet, keeping their cursors for reconnect(). */
  async drop(fleet: FleetName): Promise<number> {
    const done = this.next((m): m is Extract<FromLoadClient, { type: 'dropped' }> => m.type === 'dropped' && m.fleet === fleet, 30_000, `drop of ${fleet}`);
    this.send({ type: 'drop', fleet });
    return (await done).clients;
  }

  /** Reconnects a dropped fleet at once; each client's instants (child clock) of reconnection and of its `expect` replayed events. */
  async reconnect(fleet: FleetName, expect: number, timeoutMs: number): Promise<Extract<FromLoadClient, { type: 'reconnected' }>> {
    const done = this.next((m): m is Extract<FromLoadClient, { type: 'reconnected' }> => m.type === 'reconnected' && m.fleet === fleet, timeoutMs + 30_000, `reconnection of ${fleet}`);
    this.send({ type: 'reconnect', fleet, expect, timeoutMs });
    return done;
  }

  private httpBatches = 0;

  /** Sends the requests all at once from the child; their instants are on the child's clock (see syncClocks). */
  async http(requests: HttpRequest[], timeoutMs = 60_000): Promise<HttpResult[]> {
    const id = ++this.httpBatches;
    const done = this.next((m): m is Extract<FromLoadClient, { type: 'http' }> => m.type === 'http' && m.id === id, timeoutMs, `HTTP batch ${id}`);
    this.send({ type: 'http', id, requests });
    return (await done).results;
  }

  /** Per fleet: unexpected disconnects, and receipts that came after their round was closed. */
  async status(): Promise<Omit<Statuses, 'type'>> {
    const reply = this.next((m): m is Statuses => m.type === 'statuses', 5000, 'status');
    this.send({ type: 'status' });
    const { type: _type, ...status } = await reply;
    return status;
  }

  /** Closes every client and waits for the process to exit (killed if it hangs). */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.child.connected) this.send({ type: 'close' });
    else this.child.kill();
    const killer = setTimeout(() => this.child.kill(), 10_000);
    await this.exited;
    clearTimeout(killer);
  }
}
