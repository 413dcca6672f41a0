import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { channelSeqs, events } from '../../db/schema';
import { REPLAY_LIMIT, type EventEnvelope, type ResyncNotice } from '../contracts/events';
import { toEnvelope } from '../platform/outbox';

export type ReplayResult = { kind: 'events'; events: EventEnvelope[] } | { kind: 'resync'; notice: ResyncNotice };

/** What a client that last saw `since` on a channel missed, in order, or a resync when too much was missed. */
export async function missedEvents(db: Db, channel: string, since: number, limit = REPLAY_LIMIT): Promise<ReplayResult> {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.channel, channel), gt(events.seq, since)))
    .orderBy(asc(events.seq))
    .limit(limit + 1);
  // more than a replay carries, or events after the cursor already removed by retention
  if (rows.length > limit || (rows.length > 0 && rows[0].seq > since + 1)) {
    return { kind: 'resync', notice: { channel, seq: await latestSeq(db, channel), reason: 'too_many_missed' } };
  }
  if (rows.length === 0) {
    const latest = await latestSeq(db, channel);
    // a cursor ahead of the hub means the client's state came from elsewhere (a reset database)
    if (since > latest) return { kind: 'resync', notice: { channel, seq: latest, reason: 'unknown_cursor' } };
    // behind it with nothing left to replay: what it missed is gone (retention)
    if (since < latest) return { kind: 'resync', notice: { channel, seq: latest, reason: 'too_many_missed' } };
  }
  return { kind: 'events', events: rows.map(toEnvelope) };
}

async function latestSeq(db: Db, channel: string): Promise<number> {
  const [row] = await db.select({ seq: channelSeqs.lastSeq }).from(channelSeqs).where(eq(channelSeqs.channel, channel));
  return row?.seq ?? 0;
}
