import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, id, timestamps, tstz } from './_columns';
import { people, schools } from './directory';
import { courses } from './timetable';

export const absenceKindEnum = pgEnum('absence_kind', ['absent', 'late', 'excluded']);
export const absenceSourceEnum = pgEnum('absence_source', ['roll_call', 'vie_scolaire']);
export const justificationStatusEnum = pgEnum('justification_status', ['unjustified', 'pending', 'justified']);
export const justificationDecisionEnum = pgEnum('justification_decision', ['pending', 'accepted', 'refused']);
export const courseDispositionEnum = pgEnum('course_disposition', ['cancelled', 'replaced', 'moved']);

/** A teacher's attendance sheet for one occurrence of a course (course + date). */
export const rollCalls = pgTable(
  'roll_calls',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    courseId: uuid().notNull().references(() => courses.id, { onDelete: 'cascade' }),
    date: date({ mode: 'string' }).notNull(),
    takenBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    submittedAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('roll_calls_course_date_idx').on(t.courseId, t.date),
    // the vie scolaire dashboard: a school's roll calls of the day
    index('roll_calls_school_date_idx').on(t.schoolId, t.date),
  ],
);

/** Reasons a school accepts; confidential ones are never shown to guardians. */
export const absenceReasons = pgTable(
  'absence_reasons',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    label: text().notNull(),
    visibleToGuardians: boolean().notNull().default(true),
    active: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('absence_reasons_school_label_idx').on(t.schoolId, t.label)],
);

/** Documents given with a justification: PDF or image, checked by content. */
export const absenceDocuments = pgTable('absence_documents', {
  id: id(),
  schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
  uploadedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
  name: text().notNull(),
  mimeType: text().notNull(),
  size: integer().notNull(),
  content: bytea().notNull(),
  createdAt: tstz().notNull().defaultNow(),
});

/** A justification of one or more absences of a student: given by a guardian (reviewed) or recorded by vie scolaire. */
export const justifications = pgTable(
  'justifications',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    studentId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    submittedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    reasonId: uuid().notNull().references(() => absenceReasons.id),
    comment: text().notNull().default(''),
    documentId: uuid().references(() => absenceDocuments.id, { onDelete: 'set null' }),
    decision: justificationDecisionEnum().notNull().default('pending'),
    reviewedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    reviewedAt: tstz(),
    reviewComment: text(),
    createdAt: tstz().notNull().defaultNow(),
  },
  // the review queue: a school's pending justifications, oldest first
  (t) => [index('justifications_school_decision_idx').on(t.schoolId, t.decision, t.createdAt)],
);

/** A student missing (absent, late, excluded) over a span: one course from a roll call, or a period from vie scolaire. */
export const absences = pgTable(
  'absences',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    studentId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    kind: absenceKindEnum().notNull(),
    lateMinutes: integer(),
    startsAt: tstz().notNull(),
    endsAt: tstz().notNull(),
    source: absenceSourceEnum().notNull(),
    rollCallId: uuid().references(() => rollCalls.id, { onDelete: 'cascade' }),
    courseId: uuid().references(() => courses.id, { onDelete: 'set null' }),
    recordedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    /** Vie scolaire's note; staff only. */
    note: text(),
    justificationStatus: justificationStatusEnum().notNull().default('unjustified'),
    justificationId: uuid().references(() => justifications.id, { onDelete: 'set null' }),
    /** Removed by a correction: kept for the record, shown to nobody. */
    removedAt: tstz(),
    removedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    // one mark per student per roll call
    uniqueIndex('absences_roll_call_student_idx').on(t.rollCallId, t.studentId).where(sql`${t.rollCallId} is not null`),
    // a school's absences of a day (dashboard)
    index('absences_school_starts_idx').on(t.schoolId, t.startsAt),
    // a student's absences (guardian and student views)
    index('absences_student_starts_idx').on(t.studentId, t.startsAt),
  ],
);

/** Each legal guardian told of an absence: when, and whether they acknowledged it. */
export const absenceNotices = pgTable(
  'absence_notices',
  {
    absenceId: uuid().notNull().references(() => absences.id, { onDelete: 'cascade' }),
    guardianId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    notifiedAt: tstz().notNull().defaultNow(),
    acknowledgedAt: tstz(),
  },
  (t) => [primaryKey({ columns: [t.absenceId, t.guardianId] }), index('absence_notices_guardian_idx').on(t.guardianId)],
);

/** A teacher away over a span; the reason stays with direction and vie scolaire. */
export const teacherAbsences = pgTable(
  'teacher_absences',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    teacherId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    startsAt: tstz().notNull(),
    endsAt: tstz().notNull(),
    reason: text().notNull().default(''),
    recordedBy: uuid().references(() => people.id, { onDelete: 'set null' }),
    cancelledAt: tstz(),
    ...timestamps,
  },
  (t) => [index('teacher_absences_school_ends_idx').on(t.schoolId, t.endsAt)],
);

/** One course occurrence affected by a teacher absence, and what happens to it. */
export const courseChanges = pgTable(
  'course_changes',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    teacherAbsenceId: uuid().notNull().references(() => teacherAbsences.id, { onDelete: 'cascade' }),
    courseId: uuid().notNull().references(() => courses.id, { onDelete: 'cascade' }),
    date: date({ mode: 'string' }).notNull(),
    startsAt: tstz().notNull(),
    endsAt: tstz().notNull(),
    disposition: courseDispositionEnum().notNull().default('cancelled'),
    replacementTeacherId: uuid().references(() => people.id, { onDelete: 'set null' }),
    room: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('course_changes_absence_course_date_idx').on(t.teacherAbsenceId, t.courseId, t.date),
    // the board: a school's changes that have not ended yet
    index('course_changes_school_ends_idx').on(t.schoolId, t.endsAt),
    index('course_changes_course_date_idx').on(t.courseId, t.date),
  ],
);
