import { z } from 'zod';

/**
 * How long a school keeps each kind of personal data (RGPD: no longer than its purpose). The
 * defaults are the hub's; a school may move each within the bounds below, set so that what the
 * service needs stays (a replay needs recent events) and nothing is kept for ever.
 */
export const RETENTION_BOUNDS = {
  /** Months an account deactivated by the directory import is kept before it is deleted. */
  deactivatedAccountMonths: { min: 1, max: 12, default: 3 },
  /** Months a sent message is kept (for every recipient and its author). */
  messageMonths: { min: 3, max: 36, default: 12 },
  /** Months a notification is kept in the inbox. */
  notificationMonths: { min: 1, max: 12, default: 3 },
  /** Months push, email and digest delivery records are kept. */
  deliveryMonths: { min: 1, max: 12, default: 3 },
  /** Days the live events (the replay log) are kept. */
  eventDays: { min: 7, max: 365, default: 30 },
  /** Days the raw usage records (who used the hub in which hour) are kept; the indicators' rollups stay. */
  usageDays: { min: 30, max: 400, default: 90 },
  /** School years absences are kept: 1 is the year they belong to, deleted once it ends (31 August). */
  absenceSchoolYears: { min: 1, max: 3, default: 1 },
} as const;

export type RetentionKind = keyof typeof RETENTION_BOUNDS;
export type RetentionSettings = { [K in RetentionKind]: number };

export const RETENTION_DEFAULTS = Object.fromEntries(Object.entries(RETENTION_BOUNDS).map(([k, b]) => [k, b.default])) as RetentionSettings;

const bounded = (k: RetentionKind) => z.number().int().min(RETENTION_BOUNDS[k].min).max(RETENTION_BOUNDS[k].max);

/** A school's change to its retention periods: any of them, each within its bounds. */
export const retentionPatchSchema = z
  .object(Object.fromEntries(Object.keys(RETENTION_BOUNDS).map((k) => [k, bounded(k as RetentionKind).optional()])) as { [K in RetentionKind]: z.ZodOptional<z.ZodNumber> })
  .strict();

/** What one daily run removed in one school, per kind (counts only, never content). */
export type RetentionCounts = {
  accounts: number;
  messages: number;
  notifications: number;
  deliveries: number;
  digestSends: number;
  events: number;
  absences: number;
  justifications: number;
  usageRecords: number;
  documents: number;
};
