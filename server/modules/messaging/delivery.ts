import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { rawRows } from '../../../db/raw-rows';
import { conversations, messageRecipients, messages } from '../../../db/schema';
import { channels } from '../../contracts/channels';
import type { PersonRefDto } from '../../contracts/messaging';
import type { OutgoingEvent, UnitOfWork } from '../../platform/outbox';
import type { ResolvedRecipient } from './lists';

export const DELIVER_JOB = 'messaging.deliver';

export type MessageRow = typeof messages.$inferSelect;
type School = { id: string; uai: string };

/** A recipient's copy to write: now, or when their hours open (droit à la déconnexion). */
export interface Copy extends ResolvedRecipient {
  deliverAt: Date | null;
}

export const excerptOf = (bodyText: string) => (bodyText.length > 160 ? `${bodyText.slice(0, 159)}…` : bodyText);

/**
 * Sends a message in the caller's transaction: one row per recipient, the message marked sent,
 * and a `message.received` event on each recipient's channel whose copy is delivered now, each
 * carrying their new unread count. Copies held for later are delivered by a job at their time.
 */
export async function deliver(uow: UnitOfWork, school: School, author: PersonRefDto, message: MessageRow, copies: Copy[], now: Date): Promise<void> {
  const { tx } = uow;
  const json = JSON.stringify(
    copies.map((c) => ({ person_id: c.personId, profile: c.profile, class_name: c.className, deliver_at: c.deliverAt?.toISOString() ?? null })),
  );
  // the new copies are not in the statement's snapshot: the count of the others, plus this one
  const delivered = await rawRows<{ person_id: string; unread: number }>(
    tx,
    sql`with ins as (
      insert into message_recipients (message_id, person_id, school_id, conversation_id, profile, class_name, deliver_at, delivered_at)
      select ${message.id}::uuid, x.person_id, ${school.id}::uuid, ${message.conversationId}::uuid, x.profile::profile, x.class_name,
        coalesce(x.deliver_at, ${now.toISOString()}::timestamptz), case when x.deliver_at is null then ${now.toISOString()}::timestamptz end
      from jsonb_to_recordset(${json}::jsonb) as x(person_id uuid, profile text, class_name text, deliver_at timestamptz)
      returning person_id, delivered_at
    )
    select ins.person_id, 1 + (select count(*) from message_recipients r where r.person_id = ins.person_id and r.school_id = ${school.id}
      and r.read_at is null and r.delivered_at is not null and r.trashed_at is null)::int as unread
    from ins where ins.delivered_at is not null`,
  );
  await tx
    .update(messages)
    .set({ status: 'sent', sentAt: now, recipientCount: copies.length, updatedAt: now })
    .where(eq(messages.id, message.id));
  await tx.update(conversations).set({ lastMessageAt: now }).where(eq(conversations.id, message.conversationId!));
  const received = receivedEvent(school, author, message);
  await uow.emitMany(
    [
      ...delivered.map((d) => received(d.person_id, Number(d.unread))),
      {
        channel: channels.user(author.id),
        type: 'message.sent',
        data: { uai: school.uai, messageId: message.id, conversationId: message.conversationId!, recipients: copies.length },
      },
    ],
    school.id,
  );
  const later = [...new Set(copies.filter((c) => c.deliverAt).map((c) => c.deliverAt!.getTime()))];
  for (const at of later) await uow.enqueue(DELIVER_JOB, { messageId: message.id, schoolId: school.id }, { startAfter: queueTime(at, now) });
}

function receivedEvent(school: School, author: PersonRefDto, message: MessageRow) {
  const excerpt = excerptOf(message.bodyText);
  return (personId: string, unread: number): OutgoingEvent => ({
    channel: channels.user(personId),
    type: 'message.received',
    data: {
      uai: school.uai,
      messageId: message.id,
      conversationId: message.conversationId!,
      subject: message.subject,
      excerpt,
      from: author,
      viaList: message.viaList,
      unread,
    },
  });
}

/**
 * When a job due at `at` on the hub's clock must start on the queue's (real) clock: the same
 * delay from now. They are one clock in production; tests set the hub's.
 */
export const queueTime = (at: number | Date, now: Date) => new Date(Date.now() + Math.max(0, new Date(at).getTime() - now.getTime()));

/** Delivers the copies whose time has come (a teacher's hours opened); returns how many. */
export async function deliverDue(uow: UnitOfWork, school: School, author: PersonRefDto, message: MessageRow, now: Date): Promise<number> {
  const due = await uow.tx
    .update(messageRecipients)
    .set({ deliveredAt: now })
    .where(and(eq(messageRecipients.messageId, message.id), isNull(messageRecipients.deliveredAt), lte(messageRecipients.deliverAt, now)))
    .returning({ personId: messageRecipients.personId });
  if (due.length === 0) return 0;
  const counts = await unreadCounts(uow.tx, school.id, due.map((d) => d.personId));
  const received = receivedEvent(school, author, message);
  await uow.emitMany(due.map((d) => received(d.personId, counts.get(d.personId) ?? 0)), school.id);
  return due.length;
}

/** Unread delivered copies of each person in a school (their inbox badge). */
export async function unreadCounts(db: Queryable, schoolId: string, personIds: string[]): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await rawRows<{ person_id: string; n: number }>(
    db,
    sql`select r.person_id, count(*)::int as n from message_recipients r
      where r.school_id = ${schoolId} and r.read_at is null and r.delivered_at is not null and r.trashed_at is null
        and r.person_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify([...new Set(personIds)])}::jsonb))
      group by r.person_id`,
  );
  const counts = new Map(personIds.map((id) => [id, 0]));
  for (const r of rows) counts.set(r.person_id, Number(r.n));
  return counts;
}

