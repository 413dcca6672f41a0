import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ScreenDto, ScreenHeartbeatDto } from '../../server/contracts/signage';
import type { ScreenContent, ScreenSchedule, ScreenZone } from '../../server/contracts/signage-rules';
import { id, timestamps, tstz } from './_columns';
import { people, schools } from './directory';

export const screenZoneEnum = pgEnum('screen_zone', ['hall', 'vie_scolaire', 'cdi', 'cantine', 'salle_profs']);
export const screenLayoutEnum = pgEnum('screen_layout', ['landscape', 'portrait']);
export const alertStatusEnum = pgEnum('alert_status', ['actual', 'exercise', 'test']);
export const alertResponseEnum = pgEnum('alert_response', ['shelter', 'evacuate', 'allclear']);
export const alertMsgTypeEnum = pgEnum('alert_msg_type', ['alert', 'update', 'cancel']);
export const alertEndKindEnum = pgEnum('alert_end_kind', ['all_clear', 'cancel']);

/** A kiosk screen paired to a school and a zone; it reads with a device token, never a person's session. */
export const screens = pgTable(
  'screens',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    zone: screenZoneEnum().notNull(),
    layout: screenLayoutEnum().notNull(),
    schedule: jsonb().$type<ScreenSchedule>().notNull(),
    content: jsonb().$type<ScreenContent>().notNull(),
    /** SHA-256 of the device token; the token itself is only ever in the kiosk. */
    tokenHash: text().notNull(),
    tokenIssuedAt: tstz().notNull(),
    /** The token before the last rotation, accepted until the kiosk has used the new one. */
    previousTokenHash: text(),
    pairedAt: tstz().notNull().defaultNow(),
    pairedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    revokedAt: tstz(),
    lastSeenAt: tstz(),
    heartbeat: jsonb().$type<ScreenHeartbeatDto>(),
    /** Channels where the last heartbeat showed the screen missing events. */
    behind: jsonb().$type<ScreenDto['behind']>().notNull().default([]),
    /** The state admins were last told about (a change emits an event). */
    lastState: text(),
    /** When the admins were emailed that it went offline; cleared when it comes back. */
    offlineNotifiedAt: tstz(),
    ...timestamps,
  },
  (t) => [
    // every request of a kiosk: its token, current or previous
    uniqueIndex('screens_token_idx').on(t.tokenHash),
    index('screens_previous_token_idx').on(t.previousTokenHash),
    // the admin page and the monitor: a school's live screens
    index('screens_school_idx').on(t.schoolId).where(sql`revoked_at is null`),
  ],
);

/** A code an unpaired kiosk shows until an admin claims it for a school, then the kiosk collects its token. */
export const screenPairings = pgTable(
  'screen_pairings',
  {
    code: text().primaryKey(),
    /** SHA-256 of the secret the kiosk collects its token with. */
    secretHash: text().notNull(),
    expiresAt: tstz().notNull(),
    /** Set when an admin paired the code; the kiosk's next claim takes the token. */
    screenId: uuid().references(() => screens.id, { onDelete: 'cascade' }),
    createdAt: tstz().notNull().defaultNow(),
  },
  // the kiosk's claim: by its secret
  (t) => [uniqueIndex('screen_pairings_secret_idx').on(t.secretHash)],
);

/** A short message in the screens' ticker, for the whole school or some zones. */
export const screenFlashes = pgTable(
  'screen_flashes',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    text: text().notNull(),
    zones: jsonb().$type<ScreenZone[] | null>(),
    until: tstz().notNull(),
    createdBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    createdAt: tstz().notNull().defaultNow(),
    removedAt: tstz(),
  },
  // the snapshot: a school's current flashes
  (t) => [index('screen_flashes_school_idx').on(t.schoolId, t.until)],
);

/** A school's ready-made PPMS alerts (confinement, évacuation…), loaded on the screens in advance. */
export const alertTemplates = pgTable(
  'alert_templates',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    position: text().notNull(),
    name: text().notNull(),
    responseType: alertResponseEnum().notNull(),
    headline: text().notNull(),
    instruction: text().notNull(),
  },
  // a school's templates in order
  (t) => [index('alert_templates_school_idx').on(t.schoolId, t.position)],
);

/** A PPMS alert after CAP 1.2; at most one active per school (a partial unique index says so). */
export const alerts = pgTable(
  'alerts',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    status: alertStatusEnum().notNull(),
    msgType: alertMsgTypeEnum().notNull().default('alert'),
    responseType: alertResponseEnum().notNull(),
    headline: text().notNull(),
    instruction: text().notNull(),
    zones: jsonb().$type<ScreenZone[] | null>(),
    sentBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    sentByName: text().notNull(),
    expiresAt: tstz(),
    endedAt: tstz(),
    endKind: alertEndKindEnum(),
    endedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    // the active alert of a school (snapshot, direction view), and the rule: one at a time
    uniqueIndex('alerts_one_active_idx').on(t.schoolId).where(sql`ended_at is null`),
    // the history of a school's alerts
    index('alerts_school_idx').on(t.schoolId, t.createdAt),
  ],
);

/** Each screen's confirmation that it shows an alert. */
export const alertDisplays = pgTable(
  'alert_displays',
  {
    alertId: uuid().notNull().references(() => alerts.id, { onDelete: 'cascade' }),
    screenId: uuid().notNull().references(() => screens.id, { onDelete: 'cascade' }),
    displayedAt: tstz().notNull(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.screenId] })],
);
