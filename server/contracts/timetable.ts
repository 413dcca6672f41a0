import { z } from 'zod';
import { ABSENCE_LIMITS, courseWeeks, type CourseDisposition, type CourseWeek, type Weekday } from './absence-rules';
import type { ImportLineError } from './directory';

export * from './absence-rules';

export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure au format HH:MM');
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date au format AAAA-MM-JJ')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  }, 'date inexistante');

export const slotInputSchema = z
  .object({ code: z.string().trim().min(1).max(8), startTime: timeOfDaySchema, endTime: timeOfDaySchema })
  .strict()
  .refine((s) => s.startTime < s.endTime, { message: 'le créneau doit finir après son début', path: ['endTime'] });

/** The day's slots, replaced as a whole (codes unique, no overlap). */
export const slotsPutSchema = z
  .object({ slots: z.array(slotInputSchema).min(1).max(ABSENCE_LIMITS.slots) })
  .strict()
  .superRefine(({ slots }, ctx) => {
    const codes = new Set<string>();
    slots.forEach((s, i) => {
      if (codes.has(s.code)) ctx.addIssue({ code: 'custom', path: ['slots', i, 'code'], message: `code ${s.code} en double` });
      codes.add(s.code);
    });
    const sorted = [...slots].sort((a, b) => a.startTime.localeCompare(b.startTime));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].startTime < sorted[i - 1].endTime) {
        ctx.addIssue({ code: 'custom', path: ['slots'], message: `${sorted[i - 1].code} et ${sorted[i].code} se chevauchent` });
      }
    }
  });

export const courseInputSchema = z
  .object({
    groupId: z.string().uuid(),
    teacherId: z.string().uuid(),
    subject: z.string().trim().min(1).max(ABSENCE_LIMITS.subject),
    weekday: z.number().int().min(1).max(6),
    slotId: z.string().uuid(),
    room: z.string().trim().max(ABSENCE_LIMITS.room).nullable().default(null),
    week: z.enum(courseWeeks).default('all'),
  })
  .strict();
export type CourseInput = z.infer<typeof courseInputSchema>;

export const timetableSettingsSchema = z
  .object({
    /** The Monday of any week A; weeks alternate from it. Null: no alternation (every course runs every week). */
    weekAStart: calendarDateSchema
      .refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, 'choisissez un lundi')
      .nullable(),
  })
  .strict();
export type TimetableSettings = z.infer<typeof timetableSettingsSchema>;

export interface SlotDto {
  id: string;
  code: string;
  startTime: string;
  endTime: string;
}

export interface CourseDto {
  id: string;
  groupId: string;
  groupName: string;
  teacherId: string;
  teacherName: string;
  subject: string;
  weekday: Weekday;
  slotId: string;
  slotCode: string;
  room: string | null;
  week: CourseWeek;
}

export interface TimetableDto {
  slots: SlotDto[];
  courses: CourseDto[];
  weekAStart: string | null;
}

/** A change to one occurrence because its teacher is away. */
export interface OccurrenceChangeDto {
  disposition: CourseDisposition;
  replacementName: string | null;
  room: string | null;
}

/** Roll-call state of one occurrence, as counts (the dashboard shows who in the absences list). */
export interface RollCallSummaryDto {
  submittedAt: string;
  takenByName: string | null;
  absent: number;
  late: number;
  excluded: number;
}

/** One course on one date, placed in time in the school's time zone. */
export interface OccurrenceDto {
  courseId: string;
  date: string;
  slotCode: string;
  startsAt: string;
  endsAt: string;
  subject: string;
  groupId: string;
  groupName: string;
  teacherId: string;
  teacherName: string;
  room: string | null;
  /** Set when the teacher is away (cancelled, replaced, moved). */
  change: OccurrenceChangeDto | null;
  rollCall: RollCallSummaryDto | null;
}

export interface TimetableImportReport {
  kind: 'slots' | 'courses';
  dryRun: boolean;
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  errors: ImportLineError[];
}

/** GET /timetable/day: the occurrences of a day, and the hub's time (the client picks the current course by it). */
export interface DayDto {
  date: string;
  now: string;
  occurrences: OccurrenceDto[];
}
