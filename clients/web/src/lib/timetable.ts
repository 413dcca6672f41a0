import type { CourseDto, SlotDto, TimetableImportReport } from '../../../../server/contracts/timetable';
import type { Locale } from '../../../shared/i18n';
import { ApiError } from '../../../shared/api';
// absence-rules holds plain values: no zod in the bundle
import { weekdays, type Weekday } from '../../../../server/contracts/absence-rules';

export type ImportKind = TimetableImportReport['kind'];
export const IMPORT_KINDS: readonly ImportKind[] = ['slots', 'courses'];
export const WEEKDAYS: readonly Weekday[] = weekdays;

/** The classes and groups that have courses, for the filter: by name, « 3A » before « 4B » before « 4-LATIN ». */
export function groupOptions(courses: CourseDto[]): Array<{ id: string; name: string }> {
  const byId = new Map<string, string>();
  for (const c of courses) byId.set(c.groupId, c.groupName);
  return [...byId]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr', { numeric: true, sensitivity: 'base' }));
}

/**
 * The week's courses by weekday (Monday to Friday always, Saturday when it has courses), each
 * day in slot order, then by group. `groupId` keeps one class's courses ('' = all).
 */
export function coursesByDay(courses: CourseDto[], slots: SlotDto[], groupId = ''): Array<{ weekday: Weekday; courses: CourseDto[] }> {
  const start = new Map(slots.map((s) => [s.id, s.startTime]));
  const kept = groupId ? courses.filter((c) => c.groupId === groupId) : courses;
  const order = (c: CourseDto) => start.get(c.slotId) ?? '99:99';
  return WEEKDAYS.filter((d) => d <= 5 || kept.some((c) => c.weekday === d)).map((weekday) => ({
    weekday,
    courses: kept
      .filter((c) => c.weekday === weekday)
      .sort(
        (a, b) =>
          order(a).localeCompare(order(b)) ||
          a.groupName.localeCompare(b.groupName, 'fr', { numeric: true }) ||
          a.week.localeCompare(b.week) ||
          a.subject.localeCompare(b.subject, 'fr'),
      ),
  }));
}

/** « lundi » … « samedi » (ISO weekday 1–6). */
export function weekdayName(weekday: Weekday, locale: Locale): string {
  // 1 January 2024 was a Monday
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** Whether a calendar date "2026-11-16" exists and is a Monday. */
export function isMonday(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const t = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(date) && t.getUTCDay() === 1;
}

/** Whether the week of `today` is an A or a B week, counted from the Monday of a week A (null: no alternation). */
export function weekLetter(weekAStart: string | null, today: string): 'A' | 'B' | null {
  if (!weekAStart || !isMonday(weekAStart)) return null;
  const day = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(day)) return null;
  // the Monday of today's week
  const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * 86_400_000;
  const weeks = Math.round((monday - Date.parse(`${weekAStart}T00:00:00Z`)) / (7 * 86_400_000));
  return ((weeks % 2) + 2) % 2 === 0 ? 'A' : 'B';
}

/** The report a refused file carries (422 import_invalid), or null for any other failure. */
export function refusedReport(err: unknown): TimetableImportReport | null {
  if (!(err instanceof ApiError) || err.code !== 'import_invalid') return null;
  const d = err.details as Partial<TimetableImportReport> | undefined;
  if (!d || !Array.isArray(d.errors)) return null;
  return {
    kind: d.kind ?? 'slots',
    dryRun: !!d.dryRun,
    applied: false,
    rows: d.rows ?? 0,
    created: d.created ?? 0,
    updated: d.updated ?? 0,
    unchanged: d.unchanged ?? 0,
    removed: d.removed ?? 0,
    errors: [...d.errors].sort((a, b) => a.line - b.line),
  };
}
