import type { Db } from '../../db/client';
import type { Logger } from '../platform/logger';
import { missedEvents } from './replay';
import type { HubIo, HubSocket } from './socket-server';

interface Batch {
  channel: string;
  since: number;
  sockets: HubSocket[];
}

/**
 * Replays for many sockets at once. When a school's network comes back, thousands of sockets
 * reconnect with the same cursor on the same channel: one query answers all of them, and the
 * answer is encoded once and written to each (a broadcast to their ids, paced like any other).
 *
 * At most one query per channel and cursor runs at a time; sockets that ask meanwhile wait for
 * the next one, which starts after the first ends. So every socket's answer comes from a query
 * that started after it had joined the channel's room: an event committed in between reaches it
 * live or in the replay, never neither. A lone socket is answered at once, as before.
 */
export class ReplayBatches {
  private readonly running = new Map<string, Batch>();
  private readonly waiting = new Map<string, Batch>();

  constructor(
    private readonly io: HubIo,
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  request(socket: HubSocket, channel: string, since: number): void {
    const key = `${channel}\u0000${since}`;
    if (!this.running.has(key)) return this.start(key, { channel, since, sockets: [socket] });
    const next = this.waiting.get(key);
    if (next) next.sockets.push(socket);
    else this.waiting.set(key, { channel, since, sockets: [socket] });
  }

  private start(key: string, batch: Batch): void {
    this.running.set(key, batch);
    void this.answer(batch).finally(() => {
      this.running.delete(key);
      const next = this.waiting.get(key);
      this.waiting.delete(key);
      if (next) this.start(key, next);
    });
  }

  private async answer({ channel, since, sockets }: Batch): Promise<void> {
    try {
      const result = await missedEvents(this.db, channel, since);
      const live = sockets.filter((s) => s.connected);
      if (result.kind === 'resync') for (const s of live) s.emit('resync', result.notice);
      else if (result.events.length > 0 && live.length === 1) live[0].emit('events', result.events);
      else if (result.events.length > 0 && live.length > 1) this.io.local.to(live.map((s) => s.id)).emit('events', result.events);
    } catch (err) {
      this.log.warn({ err, channel }, 'replay failed');
      for (const s of sockets) if (s.connected) s.emit('resync', { channel, seq: since, reason: 'unknown_cursor' });
    }
  }
}
