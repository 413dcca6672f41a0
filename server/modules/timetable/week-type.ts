import { addDays, daysBetween, isoWeekday } from '../../contracts/zoned-time';

/**
 * Week A or B of a date, counted from the Monday of a week A the school chose; null when the
 * school has no alternation. Weeks alternate strictly: a school that skips holidays in its
 * count sets a new reference Monday after them.
 */
export function weekTypeOf(date: string, weekAStart: string | null): 'A' | 'B' | null {
  if (!weekAStart) return null;
  const monday = addDays(date, 1 - isoWeekday(date));
  const weeks = Math.round(daysBetween(weekAStart, monday) / 7);
  return ((weeks % 2) + 2) % 2 === 0 ? 'A' : 'B';
}

/** Does a course of this week kind run in a week of that type? */
export function runsInWeek(courseWeek: 'all' | 'A' | 'B', weekType: 'A' | 'B' | null): boolean {
  return courseWeek === 'all' || weekType === null || courseWeek === weekType;
}
