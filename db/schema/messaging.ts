import { sql, type SQL } from 'drizzle-orm';
import { boolean, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import type { Addressees } from '../../server/contracts/messaging';
import { bytea, id, timestamps, tstz } from './_columns';
import { people, profileEnum, schools } from './directory';

export const contactReachEnum = pgEnum('contact_reach', ['none', 'related', 'any']);
export const conversationKindEnum = pgEnum('conversation_kind', ['direct', 'broadcast']);
export const messageStatusEnum = pgEnum('message_status', ['draft', 'scheduled', 'held', 'sent']);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Who may write to whom in a school, by profile pair: the defaults apply where no row exists. */
export const contactRules = pgTable(
  'contact_rules',
  {
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    fromProfile: profileEnum().notNull(),
    toProfile: profileEnum().notNull(),
    reach: contactReachEnum().notNull(),
    updatedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.fromProfile, t.toProfile] })],
);

/** A thread: a direct conversation between participants, or the one-to-many message of a list send. */
export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    kind: conversationKindEnum().notNull(),
    subject: text().notNull(),
    createdBy: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    /** A private reply to a list send starts its own thread, linked to the message it answers. */
    answersMessageId: uuid(),
    lastMessageAt: tstz().notNull().defaultNow(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [index('conversations_school_idx').on(t.schoolId, t.lastMessageAt)],
);

/** The people a direct thread is between (replies go to them, as the contact rules allow). */
export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    conversationId: uuid().notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.personId] }), index('conversation_participants_person_idx').on(t.personId)],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    conversationId: uuid().references(() => conversations.id, { onDelete: 'cascade' }),
    authorId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    /** The profile the author wrote as: a scheduled or held message is sent later as that profile. */
    authorProfile: profileEnum().notNull(),
    subject: text().notNull(),
    /** Sanitised on the way in, like news bodies. */
    bodyHtml: text().notNull(),
    bodyText: text().notNull(),
    status: messageStatusEnum().notNull().default('draft'),
    /** Who it is for, as written: people and lists (lists are expanded at send time). */
    addressees: jsonb().$type<Addressees>().notNull(),
    addresseeLabel: text().notNull().default(''),
    /** The message this one replies to, if any. */
    replyToId: uuid(),
    sendAt: tstz(),
    sentAt: tstz(),
    recalledAt: tstz(),
    recipientCount: integer().notNull().default(0),
    viaList: boolean().notNull().default(false),
    authorTrashedAt: tstz(),
    search: tsvector().generatedAlwaysAs(
      (): SQL => sql`to_tsvector('french'::regconfig, ${messages.subject} || ' ' || ${messages.bodyText})`,
    ),
    ...timestamps,
  },
  (t) => [
    // Sent, Drafts: an author's messages by status, newest first
    index('messages_author_idx').on(t.authorId, t.schoolId, t.status, t.updatedAt),
    // a thread's messages in order
    index('messages_conversation_idx').on(t.conversationId, t.sentAt),
    // search in one's own messages (French stemming)
    index('messages_search_idx').using('gin', t.search),
  ],
);

/** One row per recipient of a sent message: their copy, its delivery, reading and folder. */
export const messageRecipients = pgTable(
  'message_recipients',
  {
    messageId: uuid().notNull().references(() => messages.id, { onDelete: 'cascade' }),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    conversationId: uuid().notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    profile: profileEnum().notNull(),
    /** The class the recipient was reached through (read statistics per class). */
    className: text(),
    /** Later than the send when the recipient closed their messagerie to families at that hour. */
    deliverAt: tstz().notNull(),
    deliveredAt: tstz(),
    readAt: tstz(),
    trashedAt: tstz(),
    /** Recalled by the sender after it was read: kept, shown as recalled, its body hidden. */
    recalledAt: tstz(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.personId] }),
    // Inbox: a person's delivered copies in a school, newest first
    index('message_recipients_inbox_idx').on(t.personId, t.schoolId, t.deliveredAt),
    // unread counts
    index('message_recipients_unread_idx')
      .on(t.personId, t.schoolId)
      .where(sql`${t.readAt} is null and ${t.deliveredAt} is not null and ${t.trashedAt} is null`),
    // deferred deliveries the job picks up
    index('message_recipients_pending_idx').on(t.deliverAt).where(sql`${t.deliveredAt} is null`),
    index('message_recipients_conversation_idx').on(t.conversationId, t.personId),
  ],
);

export const messageAttachments = pgTable(
  'message_attachments',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    uploadedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    messageId: uuid().references(() => messages.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    mimeType: text().notNull(),
    size: integer().notNull(),
    content: bytea().notNull(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [index('message_attachments_message_idx').on(t.messageId)],
);

/** Lists built by hand (the dynamic ones are computed from the directory, never stored). */
export const mailingLists = pgTable(
  'mailing_lists',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    ownerId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    ...timestamps,
  },
  (t) => [index('mailing_lists_school_idx').on(t.schoolId, t.ownerId)],
);

export const mailingListMembers = pgTable(
  'mailing_list_members',
  {
    listId: uuid().notNull().references(() => mailingLists.id, { onDelete: 'cascade' }),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.listId, t.personId] })],
);

/** A teacher's hours open to families (droit à la déconnexion), in the school's time zone. */
export const messagingAvailability = pgTable(
  'messaging_availability',
  {
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    enabled: boolean().notNull().default(false),
    /** ISO weekdays (1 = Monday) open to families. */
    days: smallint().array().notNull(),
    opensAt: text().notNull(),
    closesAt: text().notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.personId, t.schoolId] })],
);
