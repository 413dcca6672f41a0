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
  /**
   * Writes several events in two statements, whatever their number: one alert fans out to
   * many user channels. Channels are locked in name order, so concurrent batches never deadlock.
   */
  emitMany(items: OutgoingEvent[], schoolId?: string | null): Promise<StoredEvent[]>;
  /** Queues a durable job in this transaction: it exists only if the transaction commits. */
  enqueue(name: string, data: object, options?: Record<string, unknown>): Promise<void>;
}

/** One event to write: its channel, type and payload. */
export type OutgoingEvent = { [T in EventType]: { channel: string; type: T; data: EventData[T] } }[EventType];

export interface OutboxDeps {
  db: Db;
  publisher?: EventPublisher;
  jobs?: Jobs;
  /**
   * Runs in each transaction that emitted events, just before its commit, with those events:
   * what derives from them (notifications) commits with them or not at all.
   */
  beforeCommit?: (uow: UnitOfWork, events: StoredEvent[]) => Promise<void>;
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
      async emitMany(items, schoolId = null) {
        const rows = await appendEvents(tx, items, schoolId);
        emitted.push(...rows);
        return rows;
      },
      async enqueue(name, data, options = {}) {
        if (!deps.jobs) throw new Error(`no job queue to enqueue ${name}`);
        await deps.jobs.send(name, data, { ...options, db: transactionAdapter(tx) } as any);
      },
    };
    const result = await work(uow);
    if (deps.beforeCommit && emitted.length > 0) await deps.beforeCommit(uow, [...emitted]);
    return result;
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

/**
 * Allocates a block of seqs per channel and stores the events, in one statement: the counters
 * of the channels are locked in name order, and held from here to the commit only (one round
 * trip less than two statements, on a path every write of the hub takes). Items travel as one
 * JSON parameter, which both drivers pass the same way.
 */
async function appendEvents(tx: Tx, items: OutgoingEvent[], schoolId: string | null): Promise<StoredEvent[]> {
  if (items.length === 0) return [];
  const json = JSON.stringify(items.map((item, ord) => ({ ord, channel: item.channel, type: item.type, data: item.data })));
  const result: any = await tx.execute(sql`
    with items as (
      select * from jsonb_to_recordset(${json}::jsonb) as x(ord int, channel text, type text, data jsonb)
    ), counts as (
      select channel, count(*)::bigint as n from items group by channel
    ), bumped as (
      insert into ${channelSeqs} (channel, last_seq)
      select channel, n from counts order by channel
      on conflict (channel) do update set last_seq = ${channelSeqs}.last_seq + excluded.last_seq
      returning channel, last_seq
    )
    insert into ${events} (channel, seq, type, data, school_id)
    select i.channel, b.last_seq - c.n + row_number() over (partition by i.channel order by i.ord), i.type, i.data, ${schoolId}::uuid
    from items i join counts c on c.channel = i.channel join bumped b on b.channel = i.channel
    order by i.ord
    returning id, channel, seq, type, data, school_id, at, relayed_at`);
  const rows = (Array.isArray(result) ? result : result.rows) as any[];
  return rows
    .map((r) => ({
      id: Number(r.id),
      channel: r.channel,
      seq: Number(r.seq),
      type: r.type,
      data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
      schoolId: r.school_id,
      at: r.at instanceof Date ? r.at : new Date(r.at),
      relayedAt: r.relayed_at ? new Date(r.relayed_at) : null,
    }))
    .sort((a, b) => a.id - b.id);
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
