import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, conversationParticipants, conversations, memberships, messages, people, schools } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed, authorize } from '../../authz/registry';
import type { Addressees, DraftInput, PersonRefDto, SendInput, SendResultDto } from '../../contracts/messaging';
import { parseListKey } from '../../contracts/messaging';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../platform/clock';
import { inTransaction, type OutboxDeps, type UnitOfWork } from '../../platform/outbox';
import { plainText, sanitizeRichText } from '../../platform/rich-text';
import { cleanLine } from '../../platform/uploads';
import { fullName } from '../directory/person-name';
import { checkAttachmentIds, linkAttachments } from './attachments';
import { closedUntil, deferredNotice, loadAvailability } from './availability';
import { loadContactTable } from './contact-rules';
import { contactablePeople } from './contactable';
import { deliver, queueTime, type Copy, type MessageRow } from './delivery';
import { checkListKeys, resolveRecipients, type ResolvedRecipient } from './lists';
import { limitsFor, messagingSettings, sendLimiter } from './send-limits';

export type School = typeof schools.$inferSelect;
export interface MessagingDeps extends OutboxDeps {
  clock: Clock;
}
/** Where a send came from, for the audit log. */
export interface RequestOrigin {
  ip: string | null;
  sessionId: string;
}

export const SEND_JOB = 'messaging.send';
const FROZEN_NOTICE = 'La direction a suspendu l’envoi de messages dans l’établissement : votre message est conservé et partira dès la réouverture.';

/** What a send needs once its recipients are known, whether new, a reply or a draft. */
interface Plan {
  subject: string;
  bodyHtml: string;
  bodyText: string;
  addressees: Addressees;
  addresseeLabel: string;
  recipients: ResolvedRecipient[];
  lists: string[];
  conversation: { id: string } | { kind: 'direct' | 'broadcast'; answersMessageId: string | null; participants: string[] };
  replyToId: string | null;
  attachmentIds: string[];
  sendAt: Date | null;
  confirm: boolean;
  draftId: string | null;
}

/** Body sanitised on the way in; an empty message (no text, no file) is refused. */
export function cleanBody(bodyHtml: string, attachmentIds: string[]): { html: string; text: string } {
  const html = sanitizeRichText(bodyHtml);
  const text = plainText(html);
  if (!text && attachmentIds.length === 0) throw new AppError('validation_failed', 'Le message est vide.', [{ path: 'bodyHtml', message: 'message vide' }]);
  return { html, text };
}

/** A subject is text: markup in it is dropped (it ends up in push and email titles too). */
export function cleanSubject(subject: string): string {
  const text = cleanLine(plainText(subject));
  if (!text) throw new AppError('validation_failed', 'L’objet est vide.', [{ path: 'subject', message: 'objet vide' }]);
  return text;
}

export const personRef = (p: { id: string; firstName: string; lastName: string }, profile: PersonRefDto['profile']): PersonRefDto => ({
  id: p.id,
  name: fullName(p),
  profile,
});

/** « Claire Moreau, Marc Durand et 3 autres » / « Responsables de 4B ». */
function addresseeLabel(lists: string[], names: string[]): string {
  const shown = names.slice(0, 3);
  const more = names.length - shown.length;
  return [...lists, ...shown].join(', ') + (more > 0 ? ` et ${more} autre${more > 1 ? 's' : ''}` : '');
}

/** A new message to people (checked against the contact rules) and lists (checked by policy). */
export async function sendMessage(deps: MessagingDeps, actor: Actor, school: School, input: SendInput, origin: RequestOrigin): Promise<SendResultDto> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const body = cleanBody(input.bodyHtml, input.attachmentIds);
  const lists = await checkListKeys(deps.db, actor, input.to.lists);
  const named = [...new Set(input.to.people)];
  if (named.length === 0 && lists.length === 0) {
    throw new AppError('validation_failed', 'Ajoutez au moins un destinataire.', [{ path: 'to', message: 'aucun destinataire' }]);
  }
  const allowed = named.length ? await contactablePeople(deps.db, actor, await loadContactTable(deps.db, school.id), { ids: named }) : [];
  const refused = named.filter((id) => !allowed.some((p) => p.id === id));
  if (refused.length) {
    throw new AppError('recipient_not_allowed', 'Vous ne pouvez pas écrire à certains de ces destinataires.', { refused });
  }
  const recipients = await resolveRecipients(deps.db, actor, lists.map((l) => l.key), named);
  const listSend = lists.length > 0;
  return dispatch(deps, actor, school, origin, {
    subject: cleanSubject(input.subject),
    bodyHtml: body.html,
    bodyText: body.text,
    addressees: { people: named, lists: [...new Set(input.to.lists)] },
    addresseeLabel: addresseeLabel(lists.map((l) => l.label), allowed.map(fullName)),
    recipients,
    lists: lists.map((l) => l.label),
    conversation: { kind: listSend ? 'broadcast' : 'direct', answersMessageId: null, participants: [actor.personId, ...named] },
    replyToId: null,
    attachmentIds: input.attachmentIds,
    sendAt: input.sendAt ? new Date(input.sendAt) : null,
    confirm: input.confirm,
    draftId: input.draftId,
  });
}

/**
 * Checks the send against the school's safety rules (recipient cap, confirmation, rate limits,
 * freeze), then writes it: sent now, scheduled, or held while sending is frozen.
 */
async function dispatch(deps: MessagingDeps, actor: Actor, school: School, origin: RequestOrigin, plan: Plan): Promise<SendResultDto> {
  const now = deps.clock.now();
  const settings = messagingSettings(school);
  const limits = limitsFor(settings, actor.profile);
  const n = plan.recipients.length;
  if (n === 0) throw new AppError('validation_failed', 'Ces listes ne comptent aucun destinataire aujourd’hui.', [{ path: 'to', message: 'aucun destinataire' }]);
  if (n > limits.perSend) {
    throw new AppError('too_many_recipients', `Un envoi est limité à ${limits.perSend} destinataires pour votre profil (${n} demandés).`, {
      recipients: n,
      max: limits.perSend,
    });
  }
  if (n > settings.confirmAbove && !plan.confirm) {
    throw new AppError('confirmation_required', `Ce message partira à ${n} destinataires : confirmez l’envoi.`, { recipients: n });
  }
  await checkAttachmentIds(deps.db, actor, plan.attachmentIds, plan.draftId);
  if (plan.sendAt && (plan.sendAt.getTime() > now.getTime() + 366 * 86_400_000 || plan.sendAt.getTime() < now.getTime() - 60_000)) {
    throw new AppError('validation_failed', 'La date d’envoi doit être dans l’année à venir.', [{ path: 'sendAt', message: 'date invalide' }]);
  }
  // a time within seconds is "now"
  const scheduled = plan.sendAt !== null && plan.sendAt.getTime() > now.getTime() + 2000;
  const held = !scheduled && !!settings.frozen && !authorize(actor, 'messaging.send_while_frozen', { schoolId: school.id });
  await sendLimiter(deps.db).consume(actor, limits, n);
  const copies = scheduled || held ? [] : await copiesFor(deps, actor, school, plan.recipients, now);
  const author: PersonRefDto = { id: actor.personId, name: actor.name, profile: actor.profile };
  const audited = plan.lists.length > 0 || n > settings.confirmAbove;

  const result = await inTransaction(deps, async (uow) => {
    const conversationId = await conversationFor(uow, school, actor, plan, now);
    const values = {
      conversationId,
      authorProfile: actor.profile,
      subject: plan.subject,
      bodyHtml: plan.bodyHtml,
      bodyText: plan.bodyText,
      status: scheduled ? ('scheduled' as const) : held ? ('held' as const) : ('draft' as const),
      addressees: plan.addressees,
      addresseeLabel: plan.addresseeLabel,
      replyToId: plan.replyToId,
      sendAt: scheduled ? plan.sendAt : null,
      viaList: plan.lists.length > 0,
      recipientCount: n,
      updatedAt: now,
    };
    let row: MessageRow;
    if (plan.draftId) {
      const [draft] = await uow.tx
        .update(messages)
        .set(values)
        .where(and(eq(messages.id, plan.draftId), eq(messages.authorId, actor.personId), eq(messages.schoolId, school.id), eq(messages.status, 'draft')))
        .returning();
      if (!draft) throw notFound('Brouillon introuvable.');
      row = draft;
    } else {
      [row] = await uow.tx.insert(messages).values({ schoolId: school.id, authorId: actor.personId, ...values }).returning();
    }
    await linkAttachments(uow.tx, row.id, plan.attachmentIds);
    if (scheduled) await uow.enqueue(SEND_JOB, { messageId: row.id, schoolId: school.id }, { startAfter: queueTime(plan.sendAt!, now) });
    else if (!held) await deliver(uow, school, author, row, copies, now);
    if (audited) {
      await uow.tx.insert(auditLog).values({
        schoolId: school.id,
        actorId: actor.personId,
        action: plan.lists.length ? 'messaging.list_send' : 'messaging.mass_send',
        subject: row.id,
        meta: { recipients: n, lists: plan.lists, subject: plan.subject, ip: origin.ip, session: origin.sessionId.slice(0, 12), status: values.status },
        at: now,
      });
    }
    return { row, conversationId };
  });

  return {
    messageId: result.row.id,
    conversationId: result.conversationId,
    status: scheduled ? 'scheduled' : held ? 'held' : 'sent',
    recipients: n,
    deferred: await deferredNotices(deps, school, copies),
    notice: held ? FROZEN_NOTICE : null,
  };
}

async function conversationFor(uow: UnitOfWork, school: School, actor: Actor, plan: Plan, now: Date): Promise<string> {
  if ('id' in plan.conversation) return plan.conversation.id;
  const [row] = await uow.tx
    .insert(conversations)
    .values({ schoolId: school.id, kind: plan.conversation.kind, subject: plan.subject, createdBy: actor.personId, answersMessageId: plan.conversation.answersMessageId, lastMessageAt: now })
    .returning({ id: conversations.id });
  const participants = plan.conversation.kind === 'direct' ? [...new Set(plan.conversation.participants)] : [actor.personId];
  await uow.tx.insert(conversationParticipants).values(participants.map((personId) => ({ conversationId: row.id, personId })));
  return row.id;
}

/**
 * Each recipient's copy: now, or — for a family writing to a teacher who closed their messagerie
 * to families at this hour (droit à la déconnexion) — when their hours open.
 */
export async function copiesFor(deps: Pick<MessagingDeps, 'db'>, sender: { profile: string }, school: School, recipients: ResolvedRecipient[], now: Date): Promise<Copy[]> {
  const teachers = sender.profile === 'guardian' ? recipients.filter((r) => r.profile === 'teacher').map((r) => r.personId) : [];
  const hours = await loadAvailability(deps.db, school.id, teachers);
  return recipients.map((r) => ({ ...r, deliverAt: hours.has(r.personId) ? closedUntil(hours.get(r.personId), now, school.timeZone) : null }));
}

async function deferredNotices(deps: MessagingDeps, school: School, copies: Copy[]): Promise<SendResultDto['deferred']> {
  const later = copies.filter((c) => c.deliverAt);
  if (later.length === 0) return [];
  const rows = await deps.db.select().from(people).where(inArray(people.id, later.map((c) => c.personId)));
  return later.map((c) => {
    const p = rows.find((r) => r.id === c.personId)!;
    return { person: personRef(p, c.profile), deliverAt: c.deliverAt!.toISOString(), notice: deferredNotice(fullName(p), c.deliverAt!, school.timeZone) };
  });
}

/**
 * Sends a scheduled or held message as its author, now: lists are computed from today's
 * directory; people who left or were suspended since are skipped (they were checked when written).
 */
export async function releaseMessage(uow: UnitOfWork, deps: MessagingDeps, school: School, message: MessageRow, now: Date): Promise<number> {
  const [author] = await uow.tx.select().from(people).where(eq(people.id, message.authorId));
  const asAuthor = { personId: message.authorId, schoolId: school.id, uai: school.uai, profile: message.authorProfile } as Actor;
  const keys = message.addressees.lists.map(parseListKey).filter((k) => k !== null);
  const recipients = await resolveRecipients(uow.tx, asAuthor, keys, message.addressees.people);
  const copies = await copiesFor({ db: uow.tx as any }, { profile: message.authorProfile }, school, recipients, now);
  await deliver(uow, school, personRef(author, message.authorProfile), message, copies, now);
  return copies.length;
}

// ---- drafts ----

export async function saveDraft(deps: MessagingDeps, actor: Actor, school: School, input: DraftInput, id: string | null): Promise<string> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  await checkAttachmentIds(deps.db, actor, input.attachmentIds, id);
  const html = sanitizeRichText(input.bodyHtml);
  // the Drafts folder says whom a draft is for; a list no longer allowed is checked again on send
  const lists = await checkListKeys(deps.db, actor, input.to.lists).catch(() => []);
  const named = input.to.people.length
    ? await deps.db
        .select({ firstName: people.firstName, lastName: people.lastName })
        .from(people)
        .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.schoolId, school.id)))
        .where(inArray(people.id, [...new Set(input.to.people)]))
    : [];
  const values = {
    addresseeLabel: addresseeLabel(lists.map((l) => l.label), [...new Set(named.map(fullName))]),
    subject: cleanLine(plainText(input.subject)),
    bodyHtml: html,
    bodyText: plainText(html),
    addressees: input.to,
    authorProfile: actor.profile,
    updatedAt: deps.clock.now(),
  };
  return deps.db.transaction(async (tx) => {
    let draftId = id;
    if (id) {
      const [row] = await tx
        .update(messages)
        .set(values)
        .where(and(eq(messages.id, id), eq(messages.authorId, actor.personId), eq(messages.schoolId, school.id), eq(messages.status, 'draft')))
        .returning({ id: messages.id });
      if (!row) throw notFound('Brouillon introuvable.');
    } else {
      [{ id: draftId }] = await tx.insert(messages).values({ schoolId: school.id, authorId: actor.personId, status: 'draft', ...values }).returning({ id: messages.id });
    }
    await linkAttachments(tx, draftId!, input.attachmentIds);
    return draftId!;
  });
}

export async function deleteDraft(deps: MessagingDeps, actor: Actor, school: School, id: string): Promise<void> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const removed = await deps.db
    .delete(messages)
    .where(and(eq(messages.id, id), eq(messages.authorId, actor.personId), eq(messages.schoolId, school.id), eq(messages.status, 'draft')))
    .returning({ id: messages.id });
  if (removed.length === 0) throw notFound('Brouillon introuvable.');
}

export { dispatch as dispatchPlan, addresseeLabel };
export type { Plan };
