import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, tstz } from './_columns';
import { people, schools } from './directory';

export const notificationCategoryEnum = pgEnum('notification_category', ['child_absence', 'emergency', 'message', 'teacher_absence', 'news']);
export const notificationChannelEnum = pgEnum('notification_channel', ['inapp', 'push', 'email']);
export const notificationModeEnum = pgEnum('notification_mode', ['immediate', 'daily', 'weekly', 'off']);
export const deliveryStatusEnum = pgEnum('delivery_status', ['pending', 'sending', 'sent', 'suppressed', 'failed', 'skipped']);

/** One per person and thing to tell them, created in the transaction of the event that caused it. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    category: notificationCategoryEnum().notNull(),
    /** Deterministic (event kind, subject, person): the same event twice makes one notification. */
    dedupeKey: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    url: text().notNull(),
    critical: boolean().notNull().default(false),
    createdAt: tstz().notNull().defaultNow(),
    /** Seen in the app (live or in the inbox): nothing is pushed or emailed for it afterwards. */
    seenAt: tstz(),
    acknowledgedAt: tstz(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_idx').on(t.dedupeKey),
    // a person's inbox, newest first
    index('notifications_person_idx').on(t.personId, t.schoolId, t.createdAt),
  ],
);

/** One per notification and outside channel (push, email): a person never gets the same one twice there. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: id(),
    notificationId: uuid().notNull().references(() => notifications.id, { onDelete: 'cascade' }),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    channel: notificationChannelEnum().notNull(),
    status: deliveryStatusEnum().notNull().default('pending'),
    /** When it may go: now, after the email delay, at the end of quiet hours, or at escalation time. */
    dueAt: tstz().notNull(),
    escalation: boolean().notNull().default(false),
    attempts: integer().notNull().default(0),
    lastAttemptAt: tstz(),
    sentAt: tstz(),
    /** What the push service or SMTP server answered, for the record. */
    response: text(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_once_idx').on(t.notificationId, t.channel),
    index('notification_deliveries_due_idx').on(t.dueAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** A person's choices per school, category and channel, over the school's defaults. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    category: notificationCategoryEnum().notNull(),
    channel: notificationChannelEnum().notNull(),
    mode: notificationModeEnum().notNull(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.schoolId, t.category, t.channel] })],
);

/** A device's web push subscription (RFC 8030): its endpoint and the keys to encrypt for it (RFC 8291). */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: id(),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    endpoint: text().notNull(),
    p256dh: text().notNull(),
    auth: text().notNull(),
    userAgent: text(),
    createdAt: tstz().notNull().defaultNow(),
    lastSuccessAt: tstz(),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_idx').on(t.endpoint), index('push_subscriptions_person_idx').on(t.personId)],
);

export const suppressionReasonEnum = pgEnum('suppression_reason', ['unsubscribed', 'bounced', 'complained']);

/** Addresses never emailed again: one-click unsubscribes from everything and permanent SMTP failures. */
export const emailSuppressions = pgTable('email_suppressions', {
  /** Lower-cased. */
  email: text().primaryKey(),
  reason: suppressionReasonEnum().notNull(),
  detail: text(),
  createdAt: tstz().notNull().defaultNow(),
});

export const digestPeriodEnum = pgEnum('digest_period', ['daily', 'weekly']);

/** One digest run per school, period and day/week: a crashed run is resumed, never started twice. */
export const digestRuns = pgTable(
  'digest_runs',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    period: digestPeriodEnum().notNull(),
    /** '2026-11-24' (daily) or '2026-W48' (weekly), in the school's time zone. */
    periodKey: text().notNull(),
    /** Items created before this instant are in this digest; the next one starts there. */
    cutoff: tstz().notNull(),
    startedAt: tstz().notNull().defaultNow(),
    finishedAt: tstz(),
  },
  (t) => [uniqueIndex('digest_runs_once_idx').on(t.schoolId, t.period, t.periodKey)],
);

/** Who a run has handled: a person is sent at most one digest per run, whatever crashes. */
export const digestSends = pgTable(
  'digest_sends',
  {
    runId: uuid().notNull().references(() => digestRuns.id, { onDelete: 'cascade' }),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    /** 'sending' is claimed before the SMTP call, 'sent' after; nothing-to-say is 'empty'. */
    status: text().notNull(),
    items: integer().notNull().default(0),
    response: text(),
    at: tstz().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.personId] })],
);
