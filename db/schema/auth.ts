import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { profileEnum, people, schools } from './directory';
import { tstz } from './_columns';

/** Server-side sessions; the cookie carries a random token, only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    profile: profileEnum().notNull(),
    ip: text(),
    userAgent: text(),
    createdAt: tstz().notNull().defaultNow(),
    lastSeenAt: tstz().notNull().defaultNow(),
    expiresAt: tstz().notNull(),
    revokedAt: tstz(),
  },
  (t) => [
    // revoke all sessions of a person; purge of expired sessions
    index('sessions_person_idx').on(t.personId),
    index('sessions_expires_idx').on(t.expiresAt),
  ],
);

/** Counters of rate-limiter-flexible's Drizzle store (login attempts), shared by every node. */
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  points: integer().notNull().default(0),
  expire: tstz(),
});
