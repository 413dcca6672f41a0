import { boolean, index, integer, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './_columns';
import { groups, people, schools } from './directory';

/** Which weeks a course runs: every week, or only week A / week B of the alternation. */
export const courseWeekEnum = pgEnum('course_week', ['all', 'A', 'B']);

/** The school day's slots (M1…S4), with wall-clock times in the school's time zone. */
export const timetableSlots = pgTable(
  'timetable_slots',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    /** "08:00", school time. */
    startTime: text().notNull(),
    endTime: text().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('timetable_slots_school_code_idx').on(t.schoolId, t.code)],
);

/** A weekly course: a group, a subject, a teacher, a weekday and a slot. */
export const courses = pgTable(
  'courses',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    groupId: uuid().notNull().references(() => groups.id, { onDelete: 'cascade' }),
    teacherId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    subject: text().notNull(),
    /** ISO weekday: 1 Monday … 6 Saturday. */
    weekday: smallint().notNull(),
    slotId: uuid().notNull().references(() => timetableSlots.id, { onDelete: 'cascade' }),
    room: text(),
    week: courseWeekEnum().notNull().default('all'),
    /** Removed courses are kept (roll calls point to them) but no longer occur. */
    active: boolean().notNull().default(true),
    /** Bumped on each edit: lists sort stably and the import reports changes. */
    revision: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    // the day's courses of a school (dashboard, occurrences)
    index('courses_school_weekday_idx').on(t.schoolId, t.weekday),
    // a teacher's courses (their day, affected courses of an absence)
    index('courses_teacher_idx').on(t.teacherId, t.weekday),
    index('courses_group_idx').on(t.groupId),
  ],
);
