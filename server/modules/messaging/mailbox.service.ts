import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows';
import { messageRecipients, messages } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import { channels } from '../../contracts/channels';
import { MESSAGE_LIMITS } from '../../contracts/messaging';
import { AppError, notFound } from '../../http/errors';
import { inTransaction, type OutgoingEvent } from '../../platform/outbox';
import { unreadCounts } from './delivery';
import type { MessagingDeps, School } from './send.service';

/**
 * Marks the actor's delivered copies in a thread as read: each author learns it (read receipt,
 * with the message's read count), the actor's other tabs get their new unread count.
 */
export async function markThreadRead(deps: MessagingDeps, actor: Actor, school: School, conversationId: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    const read = await uow.tx
      .update(messageRecipients)
      .set({ readAt: now })
      .where(
        and(
          eq(messageRecipients.conversationId, conversationId),
          eq(messageRecipients.personId, actor.personId),
          isNull(messageRecipients.readAt),
          isNotNull(messageRecipients.deliveredAt),
        ),
      )
      .returning({ messageId: messageRecipients.messageId });
    if (read.length === 0) return;
    const stats = await rawRows<{ id: string; author_id: string; total: number; read: number }>(
      uow.tx,
      sql`select m.id, m.author_id, count(r.person_id)::int as total, count(r.read_at)::int as read
        from messages m join message_recipients r on r.message_id = m.id
        where m.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(read.map((r) => r.messageId))}::jsonb))
        group by m.id, m.author_id`,
    );
    const unread = (await unreadCounts(uow.tx, school.id, [actor.personId])).get(actor.personId) ?? 0;
    const events: OutgoingEvent[] = stats.map((s) => ({
      channel: channels.user(s.author_id),
      type: 'message.read',
      data: { uai: school.uai, messageId: s.id, conversationId, readerId: actor.personId, readAt: now.toISOString(), read: Number(s.read), recipients: Number(s.total) },
    }));
    events.push({ channel: channels.user(actor.personId), type: 'message.unread', data: { uai: school.uai, unread } });
    await uow.emitMany(events, school.id);
  });
}

/** Moves the actor's copy of a message to the trash, or back; their unread count follows. */
export async function setTrashed(deps: MessagingDeps, actor: Actor, school: School, messageId: string, trashed: boolean): Promise<void> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    const copy = await uow.tx
      .update(messageRecipients)
      .set({ trashedAt: trashed ? now : null })
      .where(and(eq(messageRecipients.messageId, messageId), eq(messageRecipients.personId, actor.personId), eq(messageRecipients.schoolId, school.id), isNotNull(messageRecipients.deliveredAt)))
      .returning({ readAt: messageRecipients.readAt });
    const own = await uow.tx
      .update(messages)
      .set({ authorTrashedAt: trashed ? now : null })
      .where(and(eq(messages.id, messageId), eq(messages.authorId, actor.personId), eq(messages.schoolId, school.id)))
      .returning({ id: messages.id });
    if (copy.length === 0 && own.length === 0) throw notFound('Message introuvable.');
    if (copy.some((c) => !c.readAt)) {
      const unread = (await unreadCounts(uow.tx, school.id, [actor.personId])).get(actor.personId) ?? 0;
      await uow.emit(channels.user(actor.personId), 'message.unread', { uai: school.uai, unread }, school.id);
    }
  });
}

/**
 * Recalls a message within 60 minutes of sending (staff and teachers): unread copies are removed,
 * read ones are marked recalled (their body is no longer shown). Each recipient is told live.
 */
export async function recallMessage(deps: MessagingDeps, actor: Actor, school: School, messageId: string): Promise<{ removed: number; recalled: number }> {
  const now = deps.clock.now();
  const [message] = await deps.db.select().from(messages).where(and(eq(messages.id, messageId), eq(messages.schoolId, school.id)));
  if (!message || message.authorId !== actor.personId || message.status !== 'sent') throw notFound('Message introuvable.');
  assertAllowed(actor, 'messaging.recall', { schoolId: school.id, authorId: message.authorId });
  if (message.recalledAt) throw new AppError('conflict', 'Ce message a déjà été rappelé.');
  if (now.getTime() - message.sentAt!.getTime() > MESSAGE_LIMITS.recallMinutes * 60_000) {
    throw new AppError('recall_expired', `Un message ne peut être rappelé que dans les ${MESSAGE_LIMITS.recallMinutes} minutes qui suivent son envoi.`);
  }
  return inTransaction(deps, async (uow) => {
    const removed = await uow.tx
      .delete(messageRecipients)
      .where(and(eq(messageRecipients.messageId, messageId), isNull(messageRecipients.readAt)))
      .returning({ personId: messageRecipients.personId, deliveredAt: messageRecipients.deliveredAt });
    const marked = await uow.tx
      .update(messageRecipients)
      .set({ recalledAt: now })
      .where(eq(messageRecipients.messageId, messageId))
      .returning({ personId: messageRecipients.personId });
    await uow.tx.update(messages).set({ recalledAt: now, updatedAt: now }).where(eq(messages.id, messageId));
    const told = [...removed.filter((r) => r.deliveredAt).map((r) => ({ id: r.personId, removed: true })), ...marked.map((r) => ({ id: r.personId, removed: false }))];
    const counts = await unreadCounts(uow.tx, school.id, told.map((t) => t.id));
    await uow.emitMany(
      told.map((t) => ({
        channel: channels.user(t.id),
        type: 'message.recalled' as const,
        data: { uai: school.uai, messageId, conversationId: message.conversationId!, removed: t.removed, unread: counts.get(t.id) ?? 0 },
      })),
      school.id,
    );
    return { removed: removed.length, recalled: marked.length };
  });
}

/** A scheduled or held message goes back to the drafts (nothing was delivered yet). */
export async function cancelSend(deps: MessagingDeps, actor: Actor, school: School, messageId: string): Promise<void> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const rows = await deps.db
    .update(messages)
    .set({ status: 'draft', sendAt: null, updatedAt: deps.clock.now() })
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.authorId, actor.personId),
        eq(messages.schoolId, school.id),
        inArray(messages.status, ['scheduled', 'held']),
      ),
    )
    .returning({ id: messages.id });
  if (rows.length === 0) throw new AppError('conflict', 'Ce message est déjà parti ou n’est pas programmé.');
}
