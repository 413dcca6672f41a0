import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../../db/client';
import { courses, groups, people, schools, timetableSlots } from '../../../db/schema';
import type { CourseDto } from '../../contracts/timetable';
import { fromZonedInput, isoWeekday } from '../../contracts/zoned-time';
import { fullName } from '../directory/person-name';
import { settingsSection } from '../directory/school-settings';
import { runsInWeek, weekTypeOf } from './week-type';

export type School = typeof schools.$inferSelect;

/** A course with what lists and occurrences need: its slot's times, its group's and teacher's names. */
export interface CourseRow {
  id: string;
  groupId: string;
  groupName: string;
  teacherId: string;
  teacher: { firstName: string; lastName: string; civility: 'm' | 'mme' | null };
  subject: string;
  weekday: number;
  slotId: string;
  slotCode: string;
  startTime: string;
  endTime: string;
  room: string | null;
  week: 'all' | 'A' | 'B';
}

/** One course on one date, placed in time. */
export interface Occurrence extends CourseRow {
  date: string;
  startsAt: Date;
  endsAt: Date;
}

export interface TimetableSettingsValue {
  weekAStart: string | null;
}
export const timetableSettings = (school: School) => settingsSection<TimetableSettingsValue>(school, 'timetable', { weekAStart: null });

/** Active courses of a school (removed ones too, when asked), narrowed as asked, in slot then group order. */
export async function loadCourses(
  db: Queryable,
  schoolId: string,
  filter: { teacherId?: string; courseIds?: string[]; weekday?: number; groupIds?: string[]; includeInactive?: boolean } = {},
): Promise<CourseRow[]> {
  if (filter.courseIds?.length === 0 || filter.groupIds?.length === 0) return [];
  const where: (SQL | undefined)[] = [
    eq(courses.schoolId, schoolId),
    filter.includeInactive ? undefined : eq(courses.active, true),
    filter.teacherId ? eq(courses.teacherId, filter.teacherId) : undefined,
    filter.courseIds ? inArray(courses.id, filter.courseIds) : undefined,
    filter.weekday ? eq(courses.weekday, filter.weekday) : undefined,
    filter.groupIds ? inArray(courses.groupId, filter.groupIds) : undefined,
  ];
  const teacher = alias(people, 'teacher');
  const rows = await db
    .select({
      course: courses,
      groupName: groups.name,
      teacher: { firstName: teacher.firstName, lastName: teacher.lastName, civility: teacher.civility },
      slot: timetableSlots,
    })
    .from(courses)
    .innerJoin(timetableSlots, eq(timetableSlots.id, courses.slotId))
    .innerJoin(groups, eq(groups.id, courses.groupId))
    .innerJoin(teacher, eq(teacher.id, courses.teacherId))
    .where(and(...where))
    .orderBy(asc(courses.weekday), asc(timetableSlots.startTime), asc(groups.name), asc(courses.subject));
  return rows.map((r) => ({
    id: r.course.id,
    groupId: r.course.groupId,
    groupName: r.groupName,
    teacherId: r.course.teacherId,
    teacher: r.teacher,
    subject: r.course.subject,
    weekday: r.course.weekday,
    slotId: r.slot.id,
    slotCode: r.slot.code,
    startTime: r.slot.startTime,
    endTime: r.slot.endTime,
    room: r.course.room,
    week: r.course.week,
  }));
}

/** The courses that take place on a date (weekday and A/B week), with their instants in the school's zone. */
export function occurrencesOn(rows: CourseRow[], date: string, school: School): Occurrence[] {
  const weekday = isoWeekday(date);
  const weekType = weekTypeOf(date, timetableSettings(school).weekAStart);
  return rows
    .filter((c) => c.weekday === weekday && runsInWeek(c.week, weekType))
    .map((c) => ({
      ...c,
      date,
      startsAt: new Date(fromZonedInput(`${date}T${c.startTime}`, school.timeZone)!),
      endsAt: new Date(fromZonedInput(`${date}T${c.endTime}`, school.timeZone)!),
    }));
}

export function toCourseDto(c: CourseRow): CourseDto {
  return {
    id: c.id,
    groupId: c.groupId,
    groupName: c.groupName,
    teacherId: c.teacherId,
    teacherName: fullName(c.teacher),
    subject: c.subject,
    weekday: c.weekday as CourseDto['weekday'],
    slotId: c.slotId,
    slotCode: c.slotCode,
    room: c.room,
    week: c.week,
  };
}
