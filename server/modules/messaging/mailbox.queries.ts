import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client';
import { rawRows } from '../../../db/raw-rows';
import { conversations, messageAttachments, messageRecipients, messages, people } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed, authorize } from '../../authz/registry';
import {
  MESSAGE_LIMITS,
  parseListKey,
  RECALL_PROFILES,
  type CountsDto,
  type DraftDto,
  type Folder,
  type FolderPageDto,
  type MessageReadStatsDto,
  type MessageSummaryDto,
  type PersonRefDto,
  type ThreadDto,
} from '../../contracts/messaging';
import { notFound } from '../../http/errors';
import { fullName } from '../directory/person-name';
import { attachmentsOf } from './attachments';
import { closedUntil, deferredNotice, loadAvailability } from './availability';
import { excerptOf } from './delivery';
import { availableLists, keyString } from './lists';
import { messagingSettings } from './send-limits';
import { personRef, type School } from './send.service';
import { replyTargets } from './reply.service';

const author = alias(people, 'author');
const hasFiles = sql<boolean>`exists (select 1 from ${messageAttachments} where ${messageAttachments.messageId} = ${messages.id})`;
const readCount = sql<number>`(select count(*)::int from ${messageRecipients} r2 where r2.message_id = ${messages.id} and r2.read_at is not null)`;

export async function counts(db: Db, actor: Actor, school: School): Promise<CountsDto> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const [row] = await rawRows<{ unread: number; drafts: number }>(
    db,
    sql`select
      (select count(*)::int from message_recipients r where r.person_id = ${actor.personId} and r.school_id = ${school.id}
        and r.read_at is null and r.delivered_at is not null and r.trashed_at is null) as unread,
      (select count(*)::int from messages m where m.author_id = ${actor.personId} and m.school_id = ${school.id}
        and m.status = 'draft' and m.author_trashed_at is null) as drafts`,
  );
  return { unread: Number(row.unread), drafts: Number(row.drafts), frozen: !!messagingSettings(school).frozen };
}

type SummaryRow = {
  message: typeof messages.$inferSelect;
  author: { id: string; firstName: string; lastName: string };
  at: Date;
  readAt: Date | null;
  copyRecalled: Date | null;
  hasFiles: boolean;
  read: number;
};

function toSummary(folder: Folder, r: SummaryRow, mine: boolean): MessageSummaryDto {
  const m = r.message;
  const recalled = !!(r.copyRecalled || (mine && m.recalledAt));
  return {
    id: m.id,
    conversationId: m.conversationId,
    folder,
    subject: m.subject,
    excerpt: recalled && !mine ? '' : excerptOf(m.bodyText),
    from: personRef(r.author, m.authorProfile),
    to: m.addresseeLabel,
    at: r.at.toISOString(),
    status: m.status,
    unread: !mine && !r.readAt,
    recalled,
    viaList: m.viaList,
    hasAttachments: r.hasFiles,
    recipients: mine ? m.recipientCount : 0,
    read: mine ? Number(r.read) : 0,
    sendAt: m.sendAt?.toISOString() ?? null,
  };
}

const received = (actor: Actor, school: School) => [
  eq(messageRecipients.personId, actor.personId),
  eq(messageRecipients.schoolId, school.id),
  isNotNull(messageRecipients.deliveredAt),
];

/** One page of a folder, newest first; `before` continues after the last item's date. */
export async function folderPage(db: Db, actor: Actor, school: School, folder: Folder, before: Date | null, limit: number): Promise<FolderPageDto> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const take = limit + 1;
  let items: MessageSummaryDto[] = [];
  const inbox = async (trashed: boolean) =>
    (
      await db
        .select({
          message: messages,
          author: { id: author.id, firstName: author.firstName, lastName: author.lastName },
          at: sql<Date>`${messageRecipients.deliveredAt}`.mapWith(messageRecipients.deliveredAt),
          readAt: messageRecipients.readAt,
          copyRecalled: messageRecipients.recalledAt,
          hasFiles,
          read: sql<number>`0`,
        })
        .from(messageRecipients)
        .innerJoin(messages, eq(messages.id, messageRecipients.messageId))
        .innerJoin(author, eq(author.id, messages.authorId))
        .where(
          and(
            ...received(actor, school),
            trashed ? isNotNull(messageRecipients.trashedAt) : isNull(messageRecipients.trashedAt),
            before ? lt(messageRecipients.deliveredAt, before) : undefined,
          ),
        )
        .orderBy(desc(messageRecipients.deliveredAt))
        .limit(take)
    ).map((r) => toSummary(trashed ? 'trash' : 'inbox', r, false));
  const own = async (where: SQL | undefined, f: Folder) => {
    const at = sql<Date>`coalesce(${messages.sentAt}, ${messages.sendAt}, ${messages.updatedAt})`.mapWith(messages.updatedAt);
    return (
      await db
        .select({
          message: messages,
          author: { id: author.id, firstName: author.firstName, lastName: author.lastName },
          at,
          readAt: sql<Date | null>`null`,
          copyRecalled: sql<Date | null>`null`,
          hasFiles,
          read: readCount,
        })
        .from(messages)
        .innerJoin(author, eq(author.id, messages.authorId))
        .where(and(eq(messages.authorId, actor.personId), eq(messages.schoolId, school.id), where, before ? sql`${at} < ${before.toISOString()}::timestamptz` : undefined))
        .orderBy(desc(at))
        .limit(take)
    ).map((r) => toSummary(f, r, true));
  };
  if (folder === 'inbox') items = await inbox(false);
  else if (folder === 'sent') items = await own(and(inArray(messages.status, ['sent', 'scheduled', 'held']), isNull(messages.authorTrashedAt)), 'sent');
  else if (folder === 'drafts') items = await own(and(eq(messages.status, 'draft'), isNull(messages.authorTrashedAt)), 'drafts');
  else {
    const both = [...(await inbox(true)), ...(await own(isNotNull(messages.authorTrashedAt), 'trash'))];
    items = both.sort((a, b) => b.at.localeCompare(a.at)).slice(0, take);
  }
  return { folder, items: items.slice(0, limit), hasMore: items.length > limit };
}

/** Full-text search (French stemming) in the messages the actor wrote or received. */
export async function searchMessages(db: Db, actor: Actor, school: School, q: string): Promise<MessageSummaryDto[]> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const query = sql`websearch_to_tsquery('french', ${q})`;
  const rows = await db
    .select({
      message: messages,
      author: { id: author.id, firstName: author.firstName, lastName: author.lastName },
      at: sql<Date>`coalesce(${messageRecipients.deliveredAt}, ${messages.sentAt}, ${messages.updatedAt})`.mapWith(messages.updatedAt),
      readAt: messageRecipients.readAt,
      copyRecalled: messageRecipients.recalledAt,
      hasFiles,
      read: readCount,
      copyTrashed: messageRecipients.trashedAt,
    })
    .from(messages)
    .innerJoin(author, eq(author.id, messages.authorId))
    .leftJoin(messageRecipients, and(eq(messageRecipients.messageId, messages.id), eq(messageRecipients.personId, actor.personId)))
    .where(
      and(
        eq(messages.schoolId, school.id),
        sql`${messages.search} @@ ${query}`,
        or(
          eq(messages.authorId, actor.personId),
          and(isNotNull(messageRecipients.deliveredAt), isNull(messageRecipients.recalledAt)),
        ),
      ),
    )
    .orderBy(sql`ts_rank(${messages.search}, ${query}) desc`, desc(messages.updatedAt))
    .limit(50);
  return rows.map((r) => {
    const mine = r.message.authorId === actor.personId;
    const folder: Folder = mine
      ? r.message.authorTrashedAt
        ? 'trash'
        : r.message.status === 'draft'
          ? 'drafts'
          : 'sent'
      : r.copyTrashed
        ? 'trash'
        : 'inbox';
    return toSummary(folder, r, mine);
  });
}

/** A thread as the actor sees it: their own messages and the copies that reached them. */
export async function threadView(db: Db, actor: Actor, school: School, conversationId: string, now: Date): Promise<ThreadDto> {
  const [conversation] = await db.select().from(conversations).where(and(eq(conversations.id, conversationId), eq(conversations.schoolId, school.id)));
  if (!conversation) throw notFound('Conversation introuvable.');
  const rows = await db
    .select({
      message: messages,
      author: { id: author.id, firstName: author.firstName, lastName: author.lastName },
      copyRecalled: messageRecipients.recalledAt,
      delivered: messageRecipients.deliveredAt,
      read: readCount,
    })
    .from(messages)
    .innerJoin(author, eq(author.id, messages.authorId))
    .leftJoin(messageRecipients, and(eq(messageRecipients.messageId, messages.id), eq(messageRecipients.personId, actor.personId)))
    .where(
      and(
        eq(messages.conversationId, conversationId),
        or(
          and(eq(messages.authorId, actor.personId), inArray(messages.status, ['sent', 'scheduled', 'held'])),
          isNotNull(messageRecipients.deliveredAt),
        ),
      ),
    )
    .orderBy(asc(sql`coalesce(${messages.sentAt}, ${messages.createdAt})`));
  if (rows.length === 0) throw notFound('Conversation introuvable.');
  const files = await attachmentsOf(db, school.uai, rows.map((r) => r.message.id));
  const replyTo = await replyTargets({ db }, actor, school, conversation);
  const mayRecall = RECALL_PROFILES.includes(actor.profile);
  const teachers = actor.profile === 'guardian' ? replyTo.filter((p) => p.profile === 'teacher') : [];
  const hours = await loadAvailability(db, school.id, teachers.map((t) => t.id));
  const notices = teachers.flatMap((t) => {
    const until = closedUntil(hours.get(t.id), now, school.timeZone);
    return until ? [deferredNotice(t.name, until, school.timeZone)] : [];
  });
  return {
    id: conversation.id,
    kind: conversation.kind,
    subject: conversation.subject,
    replyTo,
    notices,
    messages: rows.map((r) => {
      const m = r.message;
      const mine = m.authorId === actor.personId;
      const recalled = mine ? !!m.recalledAt : !!r.copyRecalled;
      const recallUntil = m.sentAt ? new Date(m.sentAt.getTime() + MESSAGE_LIMITS.recallMinutes * 60_000) : null;
      return {
        id: m.id,
        author: personRef(r.author, m.authorProfile),
        bodyHtml: recalled && !mine ? null : m.bodyHtml,
        at: (m.sentAt ?? m.sendAt ?? m.createdAt).toISOString(),
        status: m.status,
        recalled,
        mine,
        to: m.viaList && !mine ? 'Liste de diffusion' : m.addresseeLabel,
        attachments: recalled && !mine ? [] : (files.get(m.id) ?? []),
        recipients: mine ? m.recipientCount : 0,
        read: mine ? Number(r.read) : 0,
        recallableUntil:
          mine && mayRecall && m.status === 'sent' && !m.recalledAt && recallUntil && recallUntil > now ? recallUntil.toISOString() : null,
      };
    }),
  };
}

/** Read receipts of an own message: per recipient, and per class for list sends. */
export async function readStats(db: Db, actor: Actor, school: School, messageId: string): Promise<MessageReadStatsDto> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const [message] = await db.select().from(messages).where(and(eq(messages.id, messageId), eq(messages.schoolId, school.id)));
  if (!message || message.authorId !== actor.personId) throw notFound('Message introuvable.');
  const rows = await db
    .select({ copy: messageRecipients, firstName: people.firstName, lastName: people.lastName })
    .from(messageRecipients)
    .innerJoin(people, eq(people.id, messageRecipients.personId))
    .where(eq(messageRecipients.messageId, messageId))
    .orderBy(asc(people.lastName), asc(people.firstName));
  const byClass = new Map<string | null, { recipients: number; read: number }>();
  for (const { copy } of rows) {
    const c = byClass.get(copy.className) ?? { recipients: 0, read: 0 };
    c.recipients++;
    if (copy.readAt) c.read++;
    byClass.set(copy.className, c);
  }
  return {
    messageId,
    recipients: rows.length,
    read: rows.filter((r) => r.copy.readAt).length,
    byClass: [...byClass]
      .map(([className, c]) => ({ className, ...c }))
      .sort((a, b) => (a.className ?? '~').localeCompare(b.className ?? '~', 'fr', { numeric: true })),
    receipts: rows.map(({ copy, firstName, lastName }) => ({
      person: { id: copy.personId, name: fullName({ firstName, lastName }), profile: copy.profile } satisfies PersonRefDto,
      className: copy.className,
      readAt: copy.readAt?.toISOString() ?? null,
      deliverAt: copy.deliveredAt ? null : copy.deliverAt.toISOString(),
    })),
  };
}

export async function draftView(db: Db, actor: Actor, school: School, id: string): Promise<DraftDto> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const [m] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, id), eq(messages.authorId, actor.personId), eq(messages.schoolId, school.id), eq(messages.status, 'draft')));
  if (!m) throw notFound('Brouillon introuvable.');
  const named = m.addressees.people.length
    ? await rawRows<{ id: string; first_name: string; last_name: string; profile: PersonRefDto['profile'] }>(
        db,
        sql`select distinct on (p.id) p.id, p.first_name, p.last_name, ms.profile from people p
          join memberships ms on ms.person_id = p.id and ms.school_id = ${school.id}
          where p.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(m.addressees.people)}::jsonb))
          order by p.id, ms.profile`,
      )
    : [];
  const lists = m.addressees.lists.length ? await availableLists(db, actor) : [];
  const wanted = new Set(m.addressees.lists.map((k) => parseListKey(k)).filter((k) => k !== null).map(keyString));
  return {
    id: m.id,
    to: m.addressees,
    people: named.map((p) => ({ id: p.id, name: fullName({ firstName: p.first_name, lastName: p.last_name }), profile: p.profile })),
    lists: lists.filter((l) => wanted.has(l.key)),
    subject: m.subject,
    bodyHtml: m.bodyHtml,
    attachments: (await attachmentsOf(db, school.uai, [m.id])).get(m.id) ?? [],
    updatedAt: m.updatedAt.toISOString(),
  };
}

export const mayUseMessaging = (actor: Actor, school: School) => authorize(actor, 'messaging.use', { schoolId: school.id });
