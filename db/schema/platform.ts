import { index, jsonb, pgTable, text, uuid, bigserial } from 'drizzle-orm/pg-core';
import { people, schools } from './directory';
import { tstz } from './_columns';

/** Secrets generated at first start (cookie keys…): kept with the data, shared by every node. */
export const appSecrets = pgTable('app_secrets', {
  name: text().primaryKey(),
  value: text().notNull(),
  createdAt: tstz().notNull().defaultNow(),
});

/** Who did what, for accountability (imports, sign-ins, settings changes); never message content. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    schoolId: uuid().references(() => schools.id, { onDelete: 'cascade' }),
    actorId: uuid().references(() => people.id, { onDelete: 'set null' }),
    action: text().notNull(),
    subject: text(),
    meta: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    at: tstz().notNull().defaultNow(),
  },
  // a school's audit trail, newest first
  (t) => [index('audit_log_school_at_idx').on(t.schoolId, t.at)],
);
