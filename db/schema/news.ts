import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import type { AudienceTarget } from '../../server/contracts/news';
import { bytea, id, timestamps, tstz } from './_columns';
import { people, profileEnum, schools } from './directory';

export const newsCategoryEnum = pgEnum('news_category', ['vie_scolaire', 'pedagogie', 'orientation', 'evenement', 'restauration', 'urgent']);
export const newsStatusEnum = pgEnum('news_status', ['draft', 'submitted', 'scheduled', 'published', 'archived']);
export const newsVisibilityEnum = pgEnum('news_visibility', ['ent', 'public']);
export const ackModeEnum = pgEnum('ack_mode', ['none', 'per_guardian', 'per_student']);

export const newsItems = pgTable(
  'news_items',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    authorId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    /** Sanitised on the way in: only the allowed tags and attributes are ever stored. */
    bodyHtml: text().notNull(),
    category: newsCategoryEnum().notNull(),
    status: newsStatusEnum().notNull().default('draft'),
    visibility: newsVisibilityEnum().notNull().default('ent'),
    audience: jsonb().$type<AudienceTarget[]>().notNull(),
    audienceLabel: text().notNull(),
    publishAt: tstz(),
    publishedAt: tstz(),
    expireAt: tstz(),
    pinnedUntil: tstz(),
    ackMode: ackModeEnum().notNull().default('none'),
    onScreensFrom: tstz(),
    onScreensUntil: tstz(),
    imageId: uuid(),
    version: integer().notNull().default(1),
    reviewComment: text(),
    reviewedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    reviewedAt: tstz(),
    withdrawnAt: tstz(),
    ...timestamps,
  },
  (t) => [
    // the validation queue and the public page: a school's items by status, newest first
    index('news_items_school_status_idx').on(t.schoolId, t.status, t.publishedAt),
    // "Mes publications": an author's items, last changed first
    index('news_items_author_idx').on(t.authorId, t.updatedAt),
  ],
);

/** Text of each earlier version of a published item (editing records one). */
export const newsRevisions = pgTable(
  'news_revisions',
  {
    newsId: uuid().notNull().references(() => newsItems.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    title: text().notNull(),
    bodyHtml: text().notNull(),
    editedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    editedAt: tstz().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.newsId, t.version] })],
);

/** Everyone an item was published to, resolved from its audience at publication; their first read and acknowledgement. */
export const newsRecipients = pgTable(
  'news_recipients',
  {
    newsId: uuid().notNull().references(() => newsItems.id, { onDelete: 'cascade' }),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    profile: profileEnum().notNull(),
    readAt: tstz(),
    acknowledgedAt: tstz(),
  },
  (t) => [
    primaryKey({ columns: [t.newsId, t.personId] }),
    // a person's feed: the items addressed to them
    index('news_recipients_person_idx').on(t.personId, t.newsId),
    // read statistics of an item: who has not read yet
    index('news_recipients_unread_idx').on(t.newsId).where(sql`${t.readAt} is null`),
  ],
);

/** Files attached to news (and its image), checked by content at upload; kept in the database so every node serves them. */
export const newsAttachments = pgTable(
  'news_attachments',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    uploadedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    newsId: uuid().references(() => newsItems.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    mimeType: text().notNull(),
    size: integer().notNull(),
    content: bytea().notNull(),
    createdAt: tstz().notNull().defaultNow(),
  },
  // an item's attachments
  (t) => [index('news_attachments_news_idx').on(t.newsId)],
);
