import { z } from 'zod';
import {
  ABSENCE_LIMITS,
  absenceKinds,
  boardNameFormats,
  courseDispositions,
  type AbsenceKind,
  type BoardNameFormat,
  type CourseDisposition,
  type JustificationDecision,
  type JustificationStatus,
} from './absence-rules';
import { calendarDateSchema, timeOfDaySchema, type OccurrenceDto } from './timetable';

const instant = z.string().datetime({ offset: true });
const uuid = z.string().uuid();

export const rollCallMarkSchema = z
  .object({
    studentId: uuid,
    kind: z.enum(absenceKinds),
    lateMinutes: z.number().int().min(1).max(ABSENCE_LIMITS.lateMinutes).nullable().default(null),
  })
  .strict()
  .refine((m) => (m.kind === 'late') === (m.lateMinutes !== null), {
    message: 'un retard se saisit avec ses minutes, et seulement un retard',
    path: ['lateMinutes'],
  });
export type RollCallMark = z.infer<typeof rollCallMarkSchema>;

/** The whole sheet in one go: students not listed are present. */
export const rollCallSubmitSchema = z
  .object({ marks: z.array(rollCallMarkSchema).max(ABSENCE_LIMITS.marks) })
  .strict()
  .refine((s) => new Set(s.marks.map((m) => m.studentId)).size === s.marks.length, { message: 'un élève apparaît deux fois', path: ['marks'] });
export type RollCallSubmit = z.infer<typeof rollCallSubmitSchema>;

/** Vie scolaire records an absence over a period (a morning, a day, several days). */
export const periodAbsenceSchema = z
  .object({
    studentIds: z.array(uuid).min(1).max(ABSENCE_LIMITS.periodStudents),
    kind: z.enum(['absent', 'excluded']).default('absent'),
    startsAt: instant,
    endsAt: instant,
    note: z.string().trim().max(ABSENCE_LIMITS.note).default(''),
  })
  .strict()
  .refine((p) => Date.parse(p.startsAt) < Date.parse(p.endsAt), { message: 'la fin doit suivre le début', path: ['endsAt'] })
  .refine((p) => Date.parse(p.endsAt) - Date.parse(p.startsAt) <= ABSENCE_LIMITS.periodDays * 86_400_000, {
    message: `une saisie couvre au plus ${ABSENCE_LIMITS.periodDays} jours`,
    path: ['endsAt'],
  })
  .refine((p) => new Set(p.studentIds).size === p.studentIds.length, { message: 'un élève apparaît deux fois', path: ['studentIds'] });
export type PeriodAbsenceInput = z.infer<typeof periodAbsenceSchema>;

/** A guardian justifies one or more absences of the same child; vie scolaire may record one directly. */
export const justificationInputSchema = z
  .object({
    absenceIds: z.array(uuid).min(1).max(50),
    reasonId: uuid,
    comment: z.string().trim().max(ABSENCE_LIMITS.comment).default(''),
    documentId: uuid.nullable().default(null),
  })
  .strict()
  .refine((j) => new Set(j.absenceIds).size === j.absenceIds.length, { message: 'une absence apparaît deux fois', path: ['absenceIds'] });
export type JustificationInput = z.infer<typeof justificationInputSchema>;

export const justificationReviewSchema = z
  .object({ decision: z.enum(['accepted', 'refused']), comment: z.string().trim().max(ABSENCE_LIMITS.comment).default('') })
  .strict()
  .refine((r) => r.decision === 'accepted' || r.comment.length > 0, { message: 'expliquez le refus au responsable', path: ['comment'] });

export const reasonInputSchema = z
  .object({
    label: z.string().trim().min(2).max(ABSENCE_LIMITS.reasonLabel),
    visibleToGuardians: z.boolean(),
    active: z.boolean().default(true),
  })
  .strict();

export const absenceListQuerySchema = z.object({
  studentId: uuid.optional(),
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  status: z.enum(['unjustified', 'pending', 'justified']).optional(),
});

export const absenceSettingsSchema = z
  .object({
    boardNameFormat: z.enum(boardNameFormats),
    /** From this time, screens also show tomorrow's changes. */
    boardTomorrowFrom: timeOfDaySchema,
  })
  .partial()
  .strict();
export type AbsenceSettingsInput = z.infer<typeof absenceSettingsSchema>;
export interface AbsenceSettings {
  boardNameFormat: BoardNameFormat;
  boardTomorrowFrom: string;
}
export const DEFAULT_ABSENCE_SETTINGS: AbsenceSettings = { boardNameFormat: 'civility_last', boardTomorrowFrom: '12:00' };

export const courseChangeInputSchema = z
  .object({
    disposition: z.enum(courseDispositions),
    replacementTeacherId: uuid.nullable().default(null),
    room: z.string().trim().min(1).max(ABSENCE_LIMITS.room).nullable().default(null),
  })
  .strict()
  .refine((c) => c.disposition !== 'replaced' || c.replacementTeacherId !== null, { message: 'choisissez le remplaçant', path: ['replacementTeacherId'] })
  .refine((c) => c.disposition !== 'moved' || c.room !== null, { message: 'indiquez la nouvelle salle', path: ['room'] });
export type CourseChangeInput = z.infer<typeof courseChangeInputSchema>;

export const teacherAbsencePreviewSchema = z
  .object({ teacherId: uuid, startsAt: instant, endsAt: instant })
  .strict()
  .refine((p) => Date.parse(p.startsAt) < Date.parse(p.endsAt), { message: 'la fin doit suivre le début', path: ['endsAt'] })
  .refine((p) => Date.parse(p.endsAt) - Date.parse(p.startsAt) <= ABSENCE_LIMITS.teacherAbsenceDays * 86_400_000, {
    message: `une absence couvre au plus ${ABSENCE_LIMITS.teacherAbsenceDays} jours ; saisissez la suite plus tard`,
    path: ['endsAt'],
  });

export const teacherAbsenceInputSchema = z
  .object({
    teacherId: uuid,
    startsAt: instant,
    endsAt: instant,
    reason: z.string().trim().max(ABSENCE_LIMITS.note).default(''),
    /** What happens to given occurrences; the others are cancelled. */
    changes: z
      .array(z.object({ courseId: uuid, date: calendarDateSchema, change: courseChangeInputSchema }).strict())
      .max(500)
      .default([]),
  })
  .strict()
  .refine((p) => Date.parse(p.startsAt) < Date.parse(p.endsAt), { message: 'la fin doit suivre le début', path: ['endsAt'] })
  .refine((p) => Date.parse(p.endsAt) - Date.parse(p.startsAt) <= ABSENCE_LIMITS.teacherAbsenceDays * 86_400_000, {
    message: `une absence couvre au plus ${ABSENCE_LIMITS.teacherAbsenceDays} jours ; saisissez la suite plus tard`,
    path: ['endsAt'],
  });
export type TeacherAbsenceInput = z.infer<typeof teacherAbsenceInputSchema>;

// ---- what the API returns ----

export interface ReasonDto {
  id: string;
  label: string;
  visibleToGuardians: boolean;
  active: boolean;
}

export interface DocumentDto {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  url: string;
}

export interface JustificationDto {
  id: string;
  /** Null when the reason is confidential and the viewer is a guardian or the student. */
  reason: { id: string; label: string } | null;
  confidential: boolean;
  comment: string;
  document: DocumentDto | null;
  decision: JustificationDecision;
  reviewComment: string | null;
  submittedByName: string | null;
  createdAt: string;
  reviewedAt: string | null;
}

export interface NoticeDto {
  guardianId: string;
  guardianName: string;
  notifiedAt: string;
  acknowledgedAt: string | null;
}

export interface AbsenceDto {
  id: string;
  studentId: string;
  studentName: string;
  className: string | null;
  kind: AbsenceKind;
  lateMinutes: number | null;
  startsAt: string;
  endsAt: string;
  source: 'roll_call' | 'vie_scolaire';
  /** The course it was taken in (roll call), else null. */
  course: { courseId: string; subject: string; slotCode: string; date: string } | null;
  recordedByName: string | null;
  justificationStatus: JustificationStatus;
  justification: JustificationDto | null;
  /** For a guardian: when they acknowledged it. */
  acknowledgedAt: string | null;
  /** For staff: every guardian told and whether they acknowledged. */
  notices?: NoticeDto[];
  /** Vie scolaire's note, staff only. */
  note?: string | null;
}

export interface RollCallStudentDto {
  id: string;
  firstName: string;
  lastName: string;
  mark: { kind: AbsenceKind; lateMinutes: number | null } | null;
}

export interface RollCallSheetDto {
  occurrence: OccurrenceDto;
  students: RollCallStudentDto[];
  submittedAt: string | null;
  takenByName: string | null;
  /** Whether the viewer can still submit or correct it. */
  open: boolean;
  closesAt: string;
}

export interface DashboardDto {
  date: string;
  /** The hub's time: the client tells started courses without roll call by it, not by the device's clock. */
  now: string;
  occurrences: OccurrenceDto[];
  absences: AbsenceDto[];
  pendingJustifications: number;
}

export interface CourseChangeDto {
  id: string | null;
  courseId: string;
  date: string;
  slotCode: string;
  startsAt: string;
  endsAt: string;
  groupId: string;
  groupName: string;
  subject: string;
  originalRoom: string | null;
  disposition: CourseDisposition;
  replacementTeacherId: string | null;
  replacementName: string | null;
  room: string | null;
}

export interface TeacherAbsenceDto {
  id: string;
  teacherId: string;
  teacherName: string;
  startsAt: string;
  endsAt: string;
  /** Internal: direction and vie scolaire only. */
  reason: string;
  recordedByName: string | null;
  cancelledAt: string | null;
  changes: CourseChangeDto[];
}

/** A change as students and guardians of the group learn it: no reason, the board's name format. */
export interface GroupCourseChangeDto {
  courseId: string;
  date: string;
  slotCode: string;
  startsAt: string;
  endsAt: string;
  groupId: string;
  groupName: string;
  subject: string;
  teacherName: string;
  disposition: CourseDisposition;
  replacementName: string | null;
  room: string | null;
}

/** One line of the hall board: never a reason, never a student. */
export interface BoardItemDto {
  id: string;
  date: string;
  slotCode: string;
  startsAt: string;
  /** Gone from the board at this instant (end of its slot), offline too. */
  endsAt: string;
  groupName: string;
  subject: string;
  teacherName: string;
  status: CourseDisposition;
  replacementName: string | null;
  room: string | null;
}

export interface BoardSlotDto {
  code: string;
  startTime: string;
  endTime: string;
  items: BoardItemDto[];
}

export interface BoardDayDto {
  date: string;
  slots: BoardSlotDto[];
}

export interface BoardSnapshotDto {
  uai: string;
  generatedAt: string;
  timeZone: string;
  nameFormat: BoardNameFormat;
  tomorrowFrom: string;
  today: BoardDayDto;
  tomorrow: BoardDayDto;
  /** Last seq of the board channel included: a screen replays from it. */
  seq: number;
}

/** Payloads of the absences' live events. */
export interface AbsenceEventData {
  /** To each guardian (user channel) and vie scolaire (absences channel). */
  'absence.recorded': { absence: AbsenceDto };
  'absence.corrected': { absence: AbsenceDto };
  'absence.removed': { absenceId: string; studentId: string; studentName: string };
  'absence.acknowledged': { absenceId: string; guardianId: string; guardianName: string; at: string };
  'absence.justification_submitted': { justificationId: string; studentName: string; absenceIds: string[] };
  'absence.justification_reviewed': { absenceIds: string[]; studentId: string; status: JustificationStatus; justification: JustificationDto };
  'rollcall.submitted': { occurrence: OccurrenceDto };
  'teacher_absence.recorded': { changes: GroupCourseChangeDto[] };
  'teacher_absence.updated': { changes: GroupCourseChangeDto[] };
  'teacher_absence.cancelled': { changes: GroupCourseChangeDto[] };
  'board.updated': { upserted: BoardItemDto[]; removed: string[] };
}

/** A justification waiting for (or past) review, with the absences it covers. */
export interface JustificationReviewItemDto {
  justification: JustificationDto;
  studentId: string;
  studentName: string;
  className: string | null;
  absences: AbsenceDto[];
}

/** A student whose absences the viewer follows: their children (guardian), themselves (student). */
export interface FollowedStudentDto {
  id: string;
  name: string;
  className: string | null;
}
