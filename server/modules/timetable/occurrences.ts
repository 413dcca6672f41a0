import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../../db/client';
import { absences, courseChanges, people, rollCalls, teacherAbsences } from '../../../db/schema';
import type { OccurrenceChangeDto, OccurrenceDto, RollCallSummaryDto } from '../../contracts/timetable';
import { fullName } from '../directory/person-name';
import { loadCourses, occurrencesOn, type Occurrence, type School } from './course-rows';

const key = (courseId: string, date: string) => `${courseId}|${date}`;

/** The live change (teacher away) of each occurrence, if any. */
export async function changesOf(db: Queryable, occurrences: Occurrence[]) {
  const result = new Map<string, OccurrenceChangeDto & { replacementTeacherId: string | null }>();
  if (occurrences.length === 0) return result;
  const replacement = alias(people, 'replacement');
  const rows = await db
    .select({ change: courseChanges, replacement: { firstName: replacement.firstName, lastName: replacement.lastName } })
    .from(courseChanges)
    .innerJoin(teacherAbsences, and(eq(teacherAbsences.id, courseChanges.teacherAbsenceId), isNull(teacherAbsences.cancelledAt)))
    .leftJoin(replacement, eq(replacement.id, courseChanges.replacementTeacherId))
    .where(
      and(
        inArray(courseChanges.courseId, [...new Set(occurrences.map((o) => o.id))]),
        inArray(courseChanges.date, [...new Set(occurrences.map((o) => o.date))]),
      ),
    );
  for (const r of rows) {
    result.set(key(r.change.courseId, r.change.date), {
      disposition: r.change.disposition,
      replacementTeacherId: r.change.replacementTeacherId,
      replacementName: r.replacement?.firstName ? fullName(r.replacement as { firstName: string; lastName: string }) : null,
      room: r.change.room,
    });
  }
  return result;
}

/** Roll-call state of each occurrence: when, by whom, and how many marks of each kind. */
async function rollCallsOf(db: Queryable, occurrences: Occurrence[]) {
  const result = new Map<string, RollCallSummaryDto>();
  if (occurrences.length === 0) return result;
  const taker = alias(people, 'taker');
  const rows = await db
    .select({
      courseId: rollCalls.courseId,
      date: rollCalls.date,
      submittedAt: rollCalls.submittedAt,
      taker: { firstName: taker.firstName, lastName: taker.lastName },
      absent: sql<number>`count(*) filter (where ${absences.kind} = 'absent')::int`,
      late: sql<number>`count(*) filter (where ${absences.kind} = 'late')::int`,
      excluded: sql<number>`count(*) filter (where ${absences.kind} = 'excluded')::int`,
    })
    .from(rollCalls)
    .leftJoin(taker, eq(taker.id, rollCalls.takenBy))
    .leftJoin(absences, and(eq(absences.rollCallId, rollCalls.id), isNull(absences.removedAt)))
    .where(
      and(
        inArray(rollCalls.courseId, [...new Set(occurrences.map((o) => o.id))]),
        inArray(rollCalls.date, [...new Set(occurrences.map((o) => o.date))]),
      ),
    )
    .groupBy(rollCalls.id, taker.firstName, taker.lastName);
  for (const r of rows) {
    result.set(key(r.courseId, r.date), {
      submittedAt: r.submittedAt.toISOString(),
      takenByName: r.taker?.firstName ? fullName(r.taker as { firstName: string; lastName: string }) : null,
      absent: Number(r.absent),
      late: Number(r.late),
      excluded: Number(r.excluded),
    });
  }
  return result;
}

/** Occurrences as the API shows them, with their change and roll-call state. */
export async function toOccurrenceDtos(db: Queryable, occurrences: Occurrence[]): Promise<OccurrenceDto[]> {
  const [changes, calls] = await Promise.all([changesOf(db, occurrences), rollCallsOf(db, occurrences)]);
  return occurrences.map((o) => occurrenceDto(o, changes.get(key(o.id, o.date)) ?? null, calls.get(key(o.id, o.date)) ?? null));
}

/** One occurrence as the API shows it, from its change and roll-call state. */
export function occurrenceDto(o: Occurrence, change: OccurrenceChangeDto | null, rollCall: RollCallSummaryDto | null): OccurrenceDto {
  return {
    courseId: o.id,
    date: o.date,
    slotCode: o.slotCode,
    startsAt: o.startsAt.toISOString(),
    endsAt: o.endsAt.toISOString(),
    subject: o.subject,
    groupId: o.groupId,
    groupName: o.groupName,
    teacherId: o.teacherId,
    teacherName: fullName(o.teacher),
    room: o.room,
    change: change && { disposition: change.disposition, replacementName: change.replacementName, room: change.room },
    rollCall,
  };
}

/** Occurrences a teacher takes on a date: their own courses, and those they replace a colleague in. */
export async function teacherDay(db: Queryable, school: School, teacherId: string, date: string): Promise<Occurrence[]> {
  const own = occurrencesOn(await loadCourses(db, school.id, { teacherId }), date, school);
  const replaced = await db
    .select({ courseId: courseChanges.courseId })
    .from(courseChanges)
    .innerJoin(teacherAbsences, and(eq(teacherAbsences.id, courseChanges.teacherAbsenceId), isNull(teacherAbsences.cancelledAt)))
    .where(and(eq(courseChanges.schoolId, school.id), eq(courseChanges.replacementTeacherId, teacherId), eq(courseChanges.date, date)));
  const others = replaced.length
    ? occurrencesOn(await loadCourses(db, school.id, { courseIds: replaced.map((r) => r.courseId) }), date, school)
    : [];
  return [...own, ...others].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** One occurrence of a course on a date, or null when the course does not take place that day. */
export async function findOccurrence(db: Queryable, school: School, courseId: string, date: string): Promise<Occurrence | null> {
  const rows = await loadCourses(db, school.id, { courseIds: [courseId] });
  return occurrencesOn(rows, date, school)[0] ?? null;
}
