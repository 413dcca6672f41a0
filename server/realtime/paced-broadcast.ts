import { performance } from 'node:perf_hooks';
import type { Adapter } from 'socket.io-adapter';

/**
 * At most this many sockets written per turn of the event loop, and for at most TURN_MS.
 * Writing one socket costs about 25 µs here, so an event for 10,000 guardians held the loop for
 * a quarter of a second in one go; in turns of ~10 ms, timers, requests and other sockets get
 * the loop in between (two turns may run back to back when the first comes from the poll phase).
 */
export const BROADCAST_CHUNK = 1000;
const TURN_MS = 8;

type SocketLike = { id: string };
type Write = (socket: SocketLike) => void;
interface Pending {
  sockets: SocketLike[];
  write: Write;
  next: number;
}

/**
 * A socket.io adapter class whose broadcasts write to at most `chunkSize` sockets, for at most
 * TURN_MS, per turn of the event loop (setImmediate between turns). Works for the in-memory
 * adapter and for the Redis one, whose own broadcasts and those arriving from other nodes both
 * go through `apply()`. Order is kept: while a broadcast is being written, the next ones wait behind it,
 * so every socket gets events in the order they were emitted. A socket gone meanwhile is
 * skipped by socket.io itself (a closed connection ignores writes).
 */
export function pacedBroadcasts<T extends abstract new (...args: any[]) => Adapter>(Base: T, chunkSize = BROADCAST_CHUNK): T {
  abstract class Paced extends (Base as unknown as new (...args: any[]) => any) {
    private pacing = false;
    private readonly queue: Pending[] = [];
    private draining = false;

    broadcast(packet: unknown, opts: unknown): void {
      this.paced(() => super.broadcast(packet, opts));
    }

    /** The Redis adapter's entry for events published by other nodes (absent from the in-memory one). */
    onmessage(...args: unknown[]): void {
      this.paced(() => super.onmessage?.(...args));
    }

    private paced(work: () => void): void {
      const outer = this.pacing;
      this.pacing = true;
      try {
        work();
      } finally {
        this.pacing = outer;
      }
    }

    // every other use of apply() (fetchSockets, disconnectSockets, acks) stays synchronous
    apply(opts: unknown, callback: Write): void {
      if (!this.pacing) return super.apply(opts, callback);
      const sockets: SocketLike[] = [];
      super.apply(opts, (socket: SocketLike) => sockets.push(socket));
      if (sockets.length === 0) return;
      this.queue.push({ sockets, write: callback, next: 0 });
      if (!this.draining) this.drain();
    }

    private drain(): void {
      const until = performance.now() + TURN_MS;
      let budget = chunkSize;
      while (budget > 0 && this.queue.length > 0) {
        const head = this.queue[0];
        const end = Math.min(head.sockets.length, head.next + budget);
        let i = head.next;
        // the clock is read every 64 sockets: cheap, and a turn overruns by at most ~2 ms
        for (; i < end; i++) {
          head.write(head.sockets[i]);
          if ((i & 63) === 63 && performance.now() > until) {
            i++;
            budget = 0;
            break;
          }
        }
        budget -= i - head.next;
        head.next = i;
        if (head.next === head.sockets.length) this.queue.shift();
      }
      this.draining = this.queue.length > 0;
      if (this.draining) setImmediate(() => this.drain());
    }
  }
  return Paced as unknown as T;
}
