import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { channelSeqs, events } from '../../db/schema';
import type { EventData, EventEnvelope, EventType } from '../contracts/events';
import { transactionAdapter, type Jobs } from './jobs';

/** Receives events once their transaction has committed (the relay to live sockets). */
export interface EventPublisher {
  publish(rows: StoredEvent[]): void;
}

export type StoredEvent = typeof events.$inferSelect;

export interface UnitOfWork {
  tx: Tx;
  /** Writes a live event in this transaction; it is relayed after commit, never before. */
  emit<T extends EventType>(channel: string, type: T, data: EventData[T], schoolId?: string | null): Promise<StoredEvent>;
  /** Queues a durable job in this transaction: it exists only if the transaction commits. */
  enqueue(name: string, data: object, options?: Record<string, unknown>): Promise<void>;
}

export interface OutboxDeps {
  db: Db;
  publisher?: EventPublisher;
  jobs?: Jobs;
}

/**
 * Runs one business transaction: rows, events and jobs commit together (outbox), then the
 * committed events go to the relay. A crash between commit and relay loses nothing: the
 * relay's sweeper sends unrelayed rows, and clients replay by seq.
 */
export async function inTransaction<T>(deps: OutboxDeps, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const emitted: StoredEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    const uow: UnitOfWork = {
      tx,
      async emit(channel, type, data, schoolId = null) {
        const row = await appendEvent(tx, channel, type, data, schoolId);
        emitted.push(row);
        return row;
      },
      async enqueue(name, data, options = {}) {
        if (!deps.jobs) throw new Error(`no job queue to enqueue ${name}`);
        await deps.jobs.send(name, data, { ...options, db: transactionAdapter(tx) } as any);
      },
    };
    return work(uow);
  });
  if (emitted.length > 0) deps.publisher?.publish(emitted);
  return result;
}

/** Allocates the channel's next seq (row lock per channel) and stores the event. */
async function appendEvent(tx: Tx, channel: string, type: string, data: unknown, schoolId: string | null): Promise<StoredEvent> {
  const [{ seq }] = await tx
    .insert(channelSeqs)
    .values({ channel, lastSeq: 1 })
    .onConflictDoUpdate({ target: channelSeqs.channel, set: { lastSeq: sql`${channelSeqs.lastSeq} + 1` } })
    .returning({ seq: channelSeqs.lastSeq });
  const [row] = await tx.insert(events).values({ channel, seq, type, data, schoolId }).returning();
  return row;
}

/** The wire form of a stored event. */
export function toEnvelope(row: StoredEvent): EventEnvelope {
  return {
    channel: row.channel,
    seq: row.seq,
    type: row.type as EventType,
    data: row.data as any,
    at: row.at.toISOString(),
  };
}
