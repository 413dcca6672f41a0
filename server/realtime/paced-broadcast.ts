import type { Adapter } from 'socket.io-adapter';

/**
 * Sockets written per turn of the event loop. Writing one socket costs about 25 µs here, so
 * an event for 10,000 guardians held the loop for a quarter of a second in one go; 1,000 at a
 * time keeps each turn near 25 ms, and timers, requests and other sockets get the loop between.
 */
export const BROADCAST_CHUNK = 1000;

type SocketLike = { id: string };
type Write = (socket: SocketLike) => void;
interface Pending {
  sockets: SocketLike[];
  write: Write;
  next: number;
}

/**
 * A socket.io adapter class whose broadcasts write to at most `chunkSize` sockets per turn of
 * the event loop (setImmediate between turns). Works for the in-memory adapter and for the
 * Redis one, whose own broadcasts and those arriving from other nodes both go through
 * `apply()`. Order is kept: while a broadcast is being written, the next ones wait behind it,
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
      let budget = chunkSize;
      while (budget > 0 && this.queue.length > 0) {
        const head = this.queue[0];
        const end = Math.min(head.sockets.length, head.next + budget);
        for (let i = head.next; i < end; i++) head.write(head.sockets[i]);
        budget -= end - head.next;
        head.next = end;
        if (head.next === head.sockets.length) this.queue.shift();
      }
      this.draining = this.queue.length > 0;
      if (this.draining) setImmediate(() => this.drain());
    }
  }
  return Paced as unknown as T;
}
