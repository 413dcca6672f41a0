import { date, integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { messages } from './messaging';
import { newsItems } from './news';
import { screens } from './signage';
import { tstz } from './_columns';
import { people, profileEnum, schools } from './directory';

/**
 * Raw usage records: who used the hub in a school during which hour, nothing of what they did
 * there. Kept only as long as the school's retention says (usageDays), read only by the
 * rollups; the dashboard reads the rollups.
 */
export const usageHours = pgTable(
  'usage_hours',
  {
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    profile: profileEnum().notNull(),
    hour: tstz().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.hour, t.personId] })],
);

/** Rollup: people active per school day (the school's time zone) and profile. */
export const usageDaily = pgTable(
  'usage_daily',
  {
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    profile: profileEnum().notNull(),
    people: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.day, t.profile] })],
);

/** Rollup: people active per school day and hour of the day (the school's time zone), for the heat map. */
export const usageHourly = pgTable(
  'usage_hourly',
  {
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    hour: smallint().notNull(),
    people: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.day, t.hour] })],
);

/** Rollup: push and email deliveries per school day, channel and outcome, with how many people they were for. */
export const deliveryDaily = pgTable(
  'delivery_daily',
  {
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    channel: text().notNull(),
    status: text().notNull(),
    deliveries: integer().notNull(),
    people: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.day, t.channel, t.status] })],
);

/** Rollup: actions done through the hub per school day and service (news read, messages sent…), and by how many people. */
export const serviceDaily = pgTable(
  'service_daily',
  {
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    service: text().notNull(),
    actions: integer().notNull(),
    people: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.day, t.service] })],
);

/** Rollup: how many of a news item's guardians read it, per class of their children ('' for all of them). */
export const newsReach = pgTable(
  'news_reach',
  {
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    newsId: uuid().notNull().references(() => newsItems.id, { onDelete: 'cascade' }),
    publishedDay: date({ mode: 'string' }).notNull(),
    className: text().notNull(),
    guardians: integer().notNull(),
    readers: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.newsId, t.className] })],
);

/**
 * Rollup: child-absence alerts per school day, how many no guardian ever acknowledged, and the
 * delays to the first acknowledgement of the others (seconds, no ids).
 */
export const absenceAckDaily = pgTable(
  'absence_ack_daily',
  {
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    alerts: integer().notNull(),
    unacknowledged: integer().notNull(),
    delaysSeconds: integer().array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.day] })],
);

/** Rollup: how many guardians read a message sent through mailing lists, per class ('' for all of them). */
export const listReach = pgTable(
  'list_reach',
  {
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    messageId: uuid().notNull().references(() => messages.id, { onDelete: 'cascade' }),
    sentDay: date({ mode: 'string' }).notNull(),
    className: text().notNull(),
    guardians: integer().notNull(),
    readers: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.messageId, t.className] })],
);

/** Minutes each screen was heard from per school day (a heartbeat every 30 s marks its minute), counted as heartbeats arrive. */
export const screenUptimeDaily = pgTable(
  'screen_uptime_daily',
  {
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    screenId: uuid().notNull().references(() => screens.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    onlineMinutes: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.screenId, t.day] })],
);
