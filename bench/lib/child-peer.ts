import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { now } from './stats';

/** Requests to a child carry an id (but `close`), and their answers the same id. What a child sends back: the answer to request `id`, or `ready` (with what it says of itself) once. */
export type PeerAnswer = { type: string; id: number } | { type: 'ready' };

/** A request without its id (ask() numbers it), distributed over a union of requests. */
export type Unnumbered<M> = M extends { id: number } ? Omit<M, 'id'> : never;

/**
 * The parent's handle on a benchmark's helper process (a TypeScript file run with tsx, on the
 * given CPU alone when `cpu` is set): numbered requests and their answers over Node IPC, its
 * clock against this one, and its end. The child answers `{ type: 'pong', id, childAt }` to
 * `{ type: 'ping', id }`, sends `{ type: 'ready', … }` first, and exits on `{ type: 'close' }`.
 */
export class ChildPeer<Req extends { type: string }, Ans extends PeerAnswer> {
  private nextId = 0;
  private readonly waiters = new Map<number, { resolve: (m: Ans) => void; reject: (e: Error) => void }>();
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly label: string,
    readonly ready: Extract<Ans, { type: 'ready' }>,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (m: Ans) => {
      if (!('id' in m)) return;
      const waiter = this.waiters.get(m.id);
      this.waiters.delete(m.id);
      waiter?.resolve(m);
    });
    child.once('exit', (code, signal) => {
      // a crashed helper must fail the run, not leave it waiting
      for (const w of this.waiters.values()) w.reject(new Error(`${label} exited (${signal ?? code})`));
      this.waiters.clear();
    });
  }

  /** Starts `file` (relative to this folder) and waits for its `ready`. */
  static async start<Req extends { type: string }, Ans extends PeerAnswer>(file: string, label: string, opts: { cpu?: number | string | null; env?: NodeJS.ProcessEnv } = {}): Promise<ChildPeer<Req, Ans>> {
    const path = fileURLToPath(new URL(file, import.meta.url));
    const node = [process.execPath, '--import', 'tsx', path];
    const [command, ...args] = opts.cpu == null ? node : ['taskset', '-c', String(opts.cpu), ...node];
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced', env: { ...process.env, ...opts.env } });
    const ready = await new Promise<Extract<Ans, { type: 'ready' }>>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${label} exited (${code})`)));
      child.once('message', (m: Ans) => (m.type === 'ready' ? resolve(m as Extract<Ans, { type: 'ready' }>) : reject(new Error(`${label}: unexpected ${m.type}`))));
    });
    return new ChildPeer<Req, Ans>(child, label, ready);
  }

  ask<T extends Ans['type']>(m: Unnumbered<Req>): Promise<Extract<Ans, { type: T }>> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      if (!this.child.connected) return reject(new Error(`${this.label} is gone`));
      this.waiters.set(id, { resolve: resolve as (m: Ans) => void, reject });
      this.child.send({ ...m, id });
    });
  }

  /** child clock − parent clock (ms) from the fastest of `samples` ping-pongs, known to ± rtt/2. */
  async syncClock(samples = 100): Promise<{ offsetMs: number; rttMs: number }> {
    let best = { offsetMs: 0, rttMs: Infinity };
    for (let k = 0; k < samples; k++) {
      const sentAt = now();
      const pong = (await this.ask({ type: 'ping' } as Unnumbered<Req>)) as unknown as { childAt: number };
      const back = now();
      if (back - sentAt < best.rttMs) best = { offsetMs: pong.childAt - (sentAt + back) / 2, rttMs: back - sentAt };
    }
    return best;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.child.connected) this.child.send({ type: 'close' });
    const timer = setTimeout(() => this.child.kill(), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
