import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows';
import { conversationParticipants, conversations, messageRecipients, messages } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import type { PersonRefDto, ReplyInput, SendResultDto } from '../../contracts/messaging';
import { AppError, notFound } from '../../http/errors';
import { fullName } from '../directory/person-name';
import { loadContactTable } from './contact-rules';
import { contactablePeople } from './contactable';
import { resolveRecipients } from './lists';
import { addresseeLabel, cleanBody, dispatchPlan, type MessagingDeps, type RequestOrigin, type School } from './send.service';

type Conversation = typeof conversations.$inferSelect;

/** A thread the actor is in: they wrote in it, or a copy of one of its messages reached them. */
export async function loadThreadFor(deps: Pick<MessagingDeps, 'db'>, actor: Actor, school: School, id: string): Promise<Conversation> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const [row] = await deps.db.select().from(conversations).where(and(eq(conversations.id, id), eq(conversations.schoolId, school.id)));
  if (!row) throw notFound('Conversation introuvable.');
  const [inIt] = await rawRows<{ ok: number }>(
    deps.db,
    sql`select 1 as ok where exists (select 1 from messages m where m.conversation_id = ${id} and m.author_id = ${actor.personId})
      or exists (select 1 from message_recipients r where r.conversation_id = ${id} and r.person_id = ${actor.personId} and r.delivered_at is not null)`,
  );
  if (!inIt) throw notFound('Conversation introuvable.');
  return row;
}

/**
 * Who a reply from the actor reaches. A list send: its sender only, privately. A direct thread:
 * its other participants the actor may write to, and always whoever wrote to them in it.
 */
export async function replyTargets(deps: Pick<MessagingDeps, 'db'>, actor: Actor, school: School, thread: Conversation): Promise<PersonRefDto[]> {
  const wroteToMe = await deps.db
    .selectDistinct({ authorId: messages.authorId, profile: messages.authorProfile })
    .from(messageRecipients)
    .innerJoin(messages, eq(messages.id, messageRecipients.messageId))
    .where(and(eq(messageRecipients.conversationId, thread.id), eq(messageRecipients.personId, actor.personId), isNotNull(messageRecipients.deliveredAt)));
  const senders = new Set(wroteToMe.map((w) => w.authorId));
  let candidates: string[];
  if (thread.kind === 'broadcast') {
    candidates = thread.createdBy === actor.personId ? [] : [thread.createdBy];
  } else {
    const rows = await deps.db.select({ id: conversationParticipants.personId }).from(conversationParticipants).where(eq(conversationParticipants.conversationId, thread.id));
    candidates = rows.map((r) => r.id).filter((id) => id !== actor.personId);
  }
  if (candidates.length === 0) return [];
  const allowed = new Set((await contactablePeople(deps.db, actor, await loadContactTable(deps.db, school.id), { ids: candidates })).map((p) => p.id));
  const targets = candidates.filter((id) => allowed.has(id) || senders.has(id));
  // still active, unsuspended members of the school, with the profile they are reached as
  const resolved = await resolveRecipients(deps.db, actor, [], targets);
  const names = await rawRows<{ id: string; first_name: string; last_name: string }>(
    deps.db,
    sql`select id, first_name, last_name from people where id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(targets)}::jsonb))`,
  );
  return resolved
    .map((r) => {
      const p = names.find((n) => n.id === r.personId)!;
      return { id: r.personId, name: fullName({ firstName: p.first_name, lastName: p.last_name }), profile: r.profile };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** A reply in a thread; to a list send, a new private thread with its sender. */
export async function reply(deps: MessagingDeps, actor: Actor, school: School, threadId: string, input: ReplyInput, origin: RequestOrigin): Promise<SendResultDto> {
  const thread = await loadThreadFor(deps, actor, school, threadId);
  if (thread.kind === 'broadcast' && thread.createdBy === actor.personId) {
    throw new AppError('conflict', 'Les destinataires d’une liste ne voient pas les réponses des autres : pour leur écrire à nouveau, envoyez un nouveau message à la liste.');
  }
  const targets = await replyTargets(deps, actor, school, thread);
  if (targets.length === 0) throw new AppError('recipient_not_allowed', 'Personne ne peut recevoir votre réponse dans cette conversation.', { refused: [] });
  const body = cleanBody(input.bodyHtml, input.attachmentIds);
  const [last] = await deps.db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, thread.id), eq(messages.status, 'sent')))
    .orderBy(desc(messages.sentAt))
    .limit(1);
  // a second private reply to the same list send continues the first one's thread
  const [earlier] =
    thread.kind === 'broadcast' && last
      ? await deps.db
          .select({ id: conversations.id })
          .from(conversations)
          .where(and(eq(conversations.answersMessageId, last.id), eq(conversations.createdBy, actor.personId)))
          .limit(1)
      : [];
  const subject = thread.subject.startsWith('Re : ') ? thread.subject : `Re : ${thread.subject}`;
  const ids = targets.map((t) => t.id);
  return dispatchPlan(deps, actor, school, origin, {
    subject: thread.kind === 'broadcast' ? subject : thread.subject,
    bodyHtml: body.html,
    bodyText: body.text,
    addressees: { people: ids, lists: [] },
    addresseeLabel: addresseeLabel([], targets.map((t) => t.name)),
    recipients: await resolveRecipients(deps.db, actor, [], ids),
    lists: [],
    conversation:
      thread.kind === 'broadcast' && !earlier
        ? { kind: 'direct', answersMessageId: last?.id ?? null, participants: [actor.personId, ...ids] }
        : { id: earlier?.id ?? thread.id },
    replyToId: last?.id ?? null,
    attachmentIds: input.attachmentIds,
    sendAt: null,
    confirm: input.confirm,
    draftId: null,
  });
}
