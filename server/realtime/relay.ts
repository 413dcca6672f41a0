import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { events } from '../../db/schema';
import type { Logger } from '../platform/logger';
import { toEnvelope, type EventPublisher, type StoredEvent } from '../platform/outbox';
import type { EventEnvelope } from '../contracts/events';

/** Where envelopes go: the socket.io rooms named after channels. */
export type EnvelopeSink = (envelope: EventEnvelope) => void;

export interface RelayOptions {
  /** How often to look for committed events nobody relayed. */
  sweepEveryMs?: number;
  /** Events younger than this are left to the node that wrote them. */
  sweepGraceMs?: number;
}

/**
 * Sends committed events to live sockets. The writing node publishes its own events right
 * after commit; a periodic sweep sends those left behind (a crash after commit, a write made
 * by a CLI or worker process without sockets).
 */
export class Relay implements EventPublisher {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;
  private readonly pendingMarks = new Set<number>();
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly sink: EnvelopeSink,
    private readonly log: Logger,
    private readonly opts: RelayOptions = {},
  ) {}

  publish(rows: StoredEvent[]): void {
    for (const row of rows) this.sink(toEnvelope(row));
    for (const row of rows) this.pendingMarks.add(row.id);
    this.scheduleFlush();
  }

  // one UPDATE at a time: ids published while it runs wait for the next one (a burst of
  // roll calls is a handful of UPDATEs, not one per transaction, each holding a connection)
  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = this.flushMarks().finally(() => {
      this.flushing = null;
      if (this.pendingMarks.size > 0) this.scheduleFlush();
    });
  }

  start(): void {
    const every = this.opts.sweepEveryMs ?? 2000;
    this.timer = setInterval(() => {
      // a sweep that fails (the database away) is tried again at the next tick, not fatal
      this.sweeping ??= this.sweep()
        .catch((err) => this.log.warn({ err }, 'relay sweep failed'))
        .finally(() => (this.sweeping = null));
    }, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
    await this.flushing;
    await this.flushMarks();
  }

  /** Relays committed events older than the grace period that no node marked as relayed. */
  async sweep(): Promise<number> {
    const grace = this.opts.sweepGraceMs ?? 3000;
    const rows = await this.db.transaction(async (tx) => {
      const claimed = await tx.execute<{ id: number }>(sql`
        select id from ${events}
        where ${events.relayedAt} is null and ${events.at} < now() - make_interval(secs => ${grace / 1000})
        order by id limit 500 for update skip locked`);
      const ids = (Array.isArray(claimed) ? claimed : (claimed as any).rows).map((r: any) => Number(r.id));
      if (ids.length === 0) return [];
      return tx.update(events).set({ relayedAt: new Date() }).where(inArray(events.id, ids)).returning();
    });
    rows.sort((a, b) => a.id - b.id);
    for (const row of rows) this.sink(toEnvelope(row));
    if (rows.length > 0) this.log.info({ count: rows.length }, 'relayed events left behind');
    return rows.length;
  }

  private async flushMarks(): Promise<void> {
    if (this.pendingMarks.size === 0) return;
    const ids = [...this.pendingMarks];
    this.pendingMarks.clear();
    try {
      await this.db.update(events).set({ relayedAt: new Date() }).where(and(inArray(events.id, ids), isNull(events.relayedAt)));
    } catch (err) {
      // not fatal: the sweep will send them again and clients drop what they already have
      this.log.warn({ err }, 'could not mark events as relayed');
    }
  }
}
