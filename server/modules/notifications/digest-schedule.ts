import { addDays, isoWeekday, toZonedInput } from '../../contracts/zoned-time';

export type DigestPeriod = 'daily' | 'weekly';

/** When digests go out unless the school chose otherwise: end of the school day, after the last lessons. */
export const DEFAULT_DIGEST_TIME = '17:30';
/** The weekly digest goes with Friday's daily one: the week is over for families. */
export const WEEKLY_DIGEST_WEEKDAY = 5;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The school's digest time (settings.notifications.digestTime, "HH:MM" at the school), else 17:30. */
export function digestTimeOf(school: { settings: unknown }): string {
  const section = (school.settings as { notifications?: { digestTime?: unknown } } | null)?.notifications;
  const chosen = section?.digestTime;
  return typeof chosen === 'string' && HHMM.test(chosen) ? chosen : DEFAULT_DIGEST_TIME;
}

/** ISO 8601 week of a calendar date, "2026-W48": the week belongs to the year of its Thursday. */
export function isoWeekKey(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const [y, m, d] = thursday.split('-').map(Number);
  const dayOfYear = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  return `${year}-W${String(Math.ceil(dayOfYear / 7)).padStart(2, '0')}`;
}

/** The key of the run covering an instant at the school: its calendar day, or its ISO week. */
export function periodKeyAt(now: Date, timeZone: string, period: DigestPeriod): string {
  const day = toZonedInput(now, timeZone).slice(0, 10);
  return period === 'daily' ? day : isoWeekKey(day);
}

/**
 * The digests a school owes at this instant, by its own wall clock: today's once the digest
 * time has passed, and this week's from Friday at that time to Sunday night. A hub down at the
 * digest time catches up when it comes back the same day (or weekend); a day missed entirely is
 * not lost, since the next run starts where the last finished one stopped.
 */
export function dueDigests(school: { timeZone: string; settings: unknown }, now: Date): Array<{ period: DigestPeriod; periodKey: string }> {
  const wall = toZonedInput(now, school.timeZone);
  const day = wall.slice(0, 10);
  const time = wall.slice(11, 16);
  const at = digestTimeOf(school);
  const due: Array<{ period: DigestPeriod; periodKey: string }> = [];
  if (time >= at) due.push({ period: 'daily', periodKey: day });
  const weekday = isoWeekday(day);
  if (weekday > WEEKLY_DIGEST_WEEKDAY || (weekday === WEEKLY_DIGEST_WEEKDAY && time >= at)) due.push({ period: 'weekly', periodKey: isoWeekKey(day) });
  return due;
}
