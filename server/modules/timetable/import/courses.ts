import { eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/client';
import { courses } from '../../../../db/schema';
import type { CourseWeek } from '../../../contracts/absence-rules';
import type { ImportLineError } from '../../../contracts/directory';
import type { TimetableImportReport } from '../../../contracts/timetable';
import { foldKey } from '../../directory/import/csv-table';
import { resolveCourses, type ResolvedCourse } from './course-lookups';
import { parseCoursesCsv, weekdayNames, type CourseRow } from './courses-format';
import { runTimetableImport, type ImportCounts, type TimetableImportDeps, type TimetableImportInput } from './run-import';

type KnownCourse = Pick<typeof courses.$inferSelect, 'id' | 'groupId' | 'teacherId' | 'subject' | 'weekday' | 'slotId' | 'room' | 'week' | 'active' | 'updatedAt'>;

interface CoursesPlan {
  rows: ResolvedCourse[];
  /** Known courses by courseKey(), active ones first, then the most recently changed. */
  known: Map<string, KnownCourse[]>;
}

const CHUNK = 500;

/**
 * Imports the school's complete weekly timetable: a known course (same group, teacher, day,
 * slot, weeks and subject) is kept, its room updated; courses missing from the file are
 * deactivated, never deleted (roll calls point to them); a deactivated course that comes back
 * is reactivated.
 */
export async function importCourses(deps: TimetableImportDeps, input: TimetableImportInput): Promise<TimetableImportReport> {
  return runTimetableImport('courses', deps, input, parseCoursesCsv(input.csv), { check, write });
}

/** What makes two courses the same one; the room is what a re-import may change. */
function courseKey(c: { groupId: string; teacherId: string; weekday: number; slotId: string; week: CourseWeek; subject: string }): string {
  return [c.groupId, c.teacherId, c.weekday, c.slotId, c.week, foldKey(c.subject)].join('|');
}

// every week overlaps both A and B; A and B never meet
function weeksOverlap(a: CourseWeek, b: CourseWeek): boolean {
  return a === 'all' || b === 'all' || a === b;
}

async function check(tx: Tx, schoolId: string, parsedRows: CourseRow[], errors: ImportLineError[]): Promise<CoursesPlan> {
  const rows = await resolveCourses(tx, schoolId, parsedRows, errors);
  errors.push(...bookingErrors(rows));

  const existing = await tx
    .select({
      id: courses.id,
      groupId: courses.groupId,
      teacherId: courses.teacherId,
      subject: courses.subject,
      weekday: courses.weekday,
      slotId: courses.slotId,
      room: courses.room,
      week: courses.week,
      active: courses.active,
      updatedAt: courses.updatedAt,
    })
    .from(courses)
    .where(eq(courses.schoolId, schoolId));
  const known = new Map<string, KnownCourse[]>();
  for (const c of existing) known.set(courseKey(c), [...(known.get(courseKey(c)) ?? []), c]);
  for (const list of known.values()) list.sort((a, b) => Number(b.active) - Number(a.active) || b.updatedAt.getTime() - a.updatedAt.getTime());
  return { rows, known };
}

/** Lines repeating another, and teachers or groups in two places at once; reported on the later line. */
function bookingErrors(rows: ResolvedCourse[]): ImportLineError[] {
  const errors: ImportLineError[] = [];
  const lineOfKey = new Map<string, number>();
  const byTeacher = new Map<string, ResolvedCourse[]>();
  const byGroup = new Map<string, ResolvedCourse[]>();
  for (const row of rows) {
    const seenAt = lineOfKey.get(courseKey(row));
    if (seenAt) {
      errors.push({ line: row.line, reason: `même cours que la ligne ${seenAt} (ligne en double)` });
      continue;
    }
    lineOfKey.set(courseKey(row), row.line);
    const when = `le ${weekdayNames[row.weekday]} en ${row.slotCode}`;
    const teacherKey = `${row.teacherId}|${row.weekday}|${row.slotId}`;
    const teacherClash = byTeacher.get(teacherKey)?.find((other) => weeksOverlap(other.week, row.week));
    if (teacherClash) {
      errors.push({ line: row.line, reason: `enseignant « ${row.teacher} » déjà en cours ${when}${weekWords(teacherClash.week)} (ligne ${teacherClash.line}, ${teacherClash.groupName})` });
    }
    byTeacher.set(teacherKey, [...(byTeacher.get(teacherKey) ?? []), row]);
    const groupKey = `${row.groupId}|${row.weekday}|${row.slotId}`;
    const groupClash = byGroup.get(groupKey)?.find((other) => weeksOverlap(other.week, row.week));
    if (groupClash) {
      errors.push({ line: row.line, reason: `« ${row.groupName} » a déjà cours ${when}${weekWords(groupClash.week)} (ligne ${groupClash.line}, ${groupClash.subject})` });
    }
    byGroup.set(groupKey, [...(byGroup.get(groupKey) ?? []), row]);
  }
  return errors;
}

function weekWords(week: CourseWeek): string {
  return week === 'all' ? '' : ` (semaine ${week})`;
}

async function write(tx: Tx, schoolId: string, plan: CoursesPlan, now: Date): Promise<ImportCounts> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  const fresh: Array<typeof courses.$inferInsert> = [];
  for (const row of plan.rows) {
    const match = plan.known.get(courseKey(row))?.shift();
    if (!match) {
      fresh.push({ schoolId, groupId: row.groupId, teacherId: row.teacherId, subject: row.subject, weekday: row.weekday, slotId: row.slotId, room: row.room, week: row.week });
      counts.created++;
      continue;
    }
    if (match.active && match.room === row.room && match.subject === row.subject) {
      counts.unchanged++;
      continue;
    }
    // a course back in the timetable is new to it: counted as created, with its history kept
    if (match.active) counts.updated++;
    else counts.created++;
    await tx
      .update(courses)
      .set({ room: row.room, subject: row.subject, active: true, revision: sql`${courses.revision} + 1`, updatedAt: now })
      .where(eq(courses.id, match.id));
  }
  for (let i = 0; i < fresh.length; i += CHUNK) await tx.insert(courses).values(fresh.slice(i, i + CHUNK));

  // what no line claimed: gone from the timetable, kept for the roll calls that point to it
  const gone = [...plan.known.values()].flat().filter((c) => c.active).map((c) => c.id);
  for (let i = 0; i < gone.length; i += CHUNK) {
    await tx
      .update(courses)
      .set({ active: false, revision: sql`${courses.revision} + 1`, updatedAt: now })
      .where(inArray(courses.id, gone.slice(i, i + CHUNK)));
  }
  counts.removed = gone.length;
  return counts;
}
