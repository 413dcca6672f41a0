import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { courseChanges, people, teacherAbsences } from '../../../db/schema';
import type { BoardItemDto, CourseChangeDto, GroupCourseChangeDto } from '../../contracts/absences';
import type { BoardNameFormat } from '../../contracts/absence-rules';
import { boardName, fullName } from '../directory/person-name';
import { loadCourses, type CourseRow } from '../timetable/course-rows';

type ChangeRow = typeof courseChanges.$inferSelect;
type Person = { firstName: string; lastName: string; civility: 'm' | 'mme' | null };

/** A stored change with its course and the replacing teacher. */
export interface LoadedChange {
  change: ChangeRow;
  course: CourseRow;
  replacement: Person | null;
}

/** Changes of active (not cancelled) teacher absences matching a condition, with their courses. */
export async function loadChanges(db: Queryable, schoolId: string, where: SQL | undefined, includeCancelled = false): Promise<LoadedChange[]> {
  const rows = await db
    .select({ change: courseChanges })
    .from(courseChanges)
    .innerJoin(teacherAbsences, eq(teacherAbsences.id, courseChanges.teacherAbsenceId))
    .where(and(eq(courseChanges.schoolId, schoolId), includeCancelled ? undefined : isNull(teacherAbsences.cancelledAt), where))
    .orderBy(courseChanges.startsAt);
  if (rows.length === 0) return [];
  const courseRows = await loadCourses(db, schoolId, { courseIds: [...new Set(rows.map((r) => r.change.courseId))], includeInactive: true });
  const courseById = new Map(courseRows.map((c) => [c.id, c]));
  const replacementIds = [...new Set(rows.map((r) => r.change.replacementTeacherId).filter((x): x is string => !!x))];
  const replacements = replacementIds.length
    ? await db.select({ id: people.id, firstName: people.firstName, lastName: people.lastName, civility: people.civility }).from(people).where(inArray(people.id, replacementIds))
    : [];
  const replacementById = new Map(replacements.map((p) => [p.id, p]));
  return rows
    .filter((r) => courseById.has(r.change.courseId))
    .map((r) => ({
      change: r.change,
      course: courseById.get(r.change.courseId)!,
      replacement: r.change.replacementTeacherId ? (replacementById.get(r.change.replacementTeacherId) ?? null) : null,
    }));
}

/** For direction and vie scolaire: full names. */
export function toCourseChangeDto(c: LoadedChange): CourseChangeDto {
  return {
    id: c.change.id,
    courseId: c.course.id,
    date: c.change.date,
    slotCode: c.course.slotCode,
    startsAt: c.change.startsAt.toISOString(),
    endsAt: c.change.endsAt.toISOString(),
    groupId: c.course.groupId,
    groupName: c.course.groupName,
    subject: c.course.subject,
    originalRoom: c.course.room,
    disposition: c.change.disposition,
    replacementTeacherId: c.change.replacementTeacherId,
    replacementName: c.replacement ? fullName(c.replacement) : null,
    room: c.change.room,
  };
}

/** For students and guardians of the group: the board's name format, never a reason. */
export function toGroupChangeDto(c: LoadedChange, format: BoardNameFormat): GroupCourseChangeDto {
  return {
    courseId: c.course.id,
    date: c.change.date,
    slotCode: c.course.slotCode,
    startsAt: c.change.startsAt.toISOString(),
    endsAt: c.change.endsAt.toISOString(),
    groupId: c.course.groupId,
    groupName: c.course.groupName,
    subject: c.course.subject,
    teacherName: boardName(c.course.teacher, format),
    disposition: c.change.disposition,
    replacementName: c.replacement ? boardName(c.replacement, format) : null,
    room: c.change.disposition === 'moved' ? c.change.room : null,
  };
}

/** A line of the hall board. */
export function toBoardItem(c: LoadedChange, format: BoardNameFormat): BoardItemDto {
  const g = toGroupChangeDto(c, format);
  return {
    id: c.change.id,
    date: g.date,
    slotCode: g.slotCode,
    startsAt: g.startsAt,
    endsAt: g.endsAt,
    groupName: g.groupName,
    subject: g.subject,
    teacherName: g.teacherName,
    status: g.disposition,
    replacementName: g.replacementName,
    room: g.room,
  };
}
