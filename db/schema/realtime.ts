import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { schools } from './directory';
import { tstz } from './_columns';

/**
 * The outbox and the replay log at once: every live event is a row written in the
 * transaction of the change that caused it, with a per-channel increasing seq.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    channel: text().notNull(),
    seq: bigint({ mode: 'number' }).notNull(),
    type: text().notNull(),
    data: jsonb().$type<unknown>().notNull(),
    schoolId: uuid().references(() => schools.id, { onDelete: 'cascade' }),
    at: tstz().notNull().defaultNow(),
    relayedAt: tstz(),
  },
  (t) => [
    // replay: events of a channel after a seq, in order
    uniqueIndex('events_channel_seq_idx').on(t.channel, t.seq),
    // the sweeper looks for committed events no node relayed (crash between commit and relay)
    index('events_unrelayed_idx').on(t.id).where(sql`${t.relayedAt} is null`),
  ],
);

/** Last seq handed out per channel; the row lock serialises writers of one channel only. */
export const channelSeqs = pgTable('channel_seqs', {
  channel: text().primaryKey(),
  lastSeq: bigint({ mode: 'number' }).notNull(),
});
