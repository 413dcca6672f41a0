import type { EventEnvelope } from '../../server/contracts/events';
import { ChildPeer } from './child-peer';

export type ToBaseline =
  | { type: 'ping'; id: number }
  /** Emit to every client (the envelope gets channel 'room' and the next seq), answered with the instant on the child's clock. */
  | { type: 'emit'; id: number; envelope: EventEnvelope }
  | { type: 'lag'; id: number; action: 'start' | 'stop' | 'within'; from?: number; to?: number }
  | { type: 'memory'; id: number }
  | { type: 'close' };

export type FromBaseline =
  | { type: 'ready'; url: string }
  | { type: 'pong'; id: number; childAt: number }
  | { type: 'emitted'; id: number; at: number; sendMs: number }
  | { type: 'lag'; id: number; p50: number; p99: number; max: number }
  | { type: 'memory'; id: number; rss: number; heapUsed: number; sockets: number };

/** Memory of a process after two full garbage collections, in bytes, and how many sockets it held. */
export interface MemoryMark {
  rss: number;
  heapUsed: number;
  sockets: number;
}

/** The parent's handle on lib/baseline-process.ts: a plain socket.io server in a process of its own. */
export class BaselinePeer {
  /** child clock − parent clock (ms), from syncClock(). */
  offsetMs = 0;

  private constructor(private readonly peer: ChildPeer<ToBaseline, FromBaseline>) {}

  static async start(opts: { cpu?: number | string | null } = {}): Promise<BaselinePeer> {
    return new BaselinePeer(await ChildPeer.start<ToBaseline, FromBaseline>('./baseline-process.ts', 'baseline server', opts));
  }

  get url(): string {
    return this.peer.ready.url;
  }

  async syncClock(): Promise<{ offsetMs: number; rttMs: number }> {
    const sync = await this.peer.syncClock();
    this.offsetMs = sync.offsetMs;
    return sync;
  }

  /** Emits to every client; the instant and the synchronous time of the send, the instant on this process's clock. */
  async emit(envelope: EventEnvelope): Promise<{ at: number; sendMs: number }> {
    const r = await this.peer.ask<'emitted'>({ type: 'emit', envelope });
    return { at: r.at - this.offsetMs, sendMs: r.sendMs };
  }

  /** Starts or stops the child's lag sampler (lib/harness LagSampler); its figures so far. */
  async lag(action: 'start' | 'stop'): Promise<{ p50: number; p99: number; max: number }> {
    const { type: _t, id: _i, ...figures } = await this.peer.ask<'lag'>({ type: 'lag', action });
    return figures;
  }

  /** The longest stall of the child's event loop between two instants of this process. */
  async lagWithin(from: number, to: number): Promise<number> {
    return (await this.peer.ask<'lag'>({ type: 'lag', action: 'within', from: from + this.offsetMs, to: to + this.offsetMs })).max;
  }

  async memory(): Promise<MemoryMark> {
    const { type: _t, id: _i, ...mark } = await this.peer.ask<'memory'>({ type: 'memory' });
    return mark;
  }

  close(): Promise<void> {
    return this.peer.close();
  }
}
