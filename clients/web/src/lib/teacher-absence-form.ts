import type { CourseChangeDto } from '../../../../server/contracts/absences';
import { ABSENCE_LIMITS, type CourseDisposition } from './absences-constants';

/** What the person chose for one affected course, as the form holds it. */
export interface Decision {
  disposition: CourseDisposition;
  replacementTeacherId: string;
  room: string;
}

export const occurrenceKey = (c: Pick<CourseChangeDto, 'courseId' | 'date'>) => `${c.courseId}|${c.date}`;

/** Every affected course starts cancelled, as the hub proposes. */
export function initialDecisions(preview: readonly CourseChangeDto[]): Map<string, Decision> {
  return new Map(preview.map((c) => [occurrenceKey(c), decisionOf(c)]));
}

export type DecisionProblem = 'replacement' | 'room';

/** What is missing before confirming: a replacement without its colleague, a move without its room. */
export function decisionProblems(preview: readonly CourseChangeDto[], decisions: ReadonlyMap<string, Decision>): Map<string, DecisionProblem> {
  const problems = new Map<string, DecisionProblem>();
  for (const c of preview) {
    const d = decisions.get(occurrenceKey(c));
    if (!d) continue;
    if (d.disposition === 'replaced' && !d.replacementTeacherId) problems.set(occurrenceKey(c), 'replacement');
    if (d.disposition === 'moved' && !d.room.trim()) problems.set(occurrenceKey(c), 'room');
  }
  return problems;
}

/** What the hub takes for one course (POST teacher-absences' `changes`, PUT …/changes/:changeId). */
export interface ChangeInput {
  disposition: CourseDisposition;
  replacementTeacherId: string | null;
  room: string | null;
}

export interface ChangePayload {
  courseId: string;
  date: string;
  change: ChangeInput;
}

/** One decision with only what its choice needs: the colleague of a replacement, the room of a move. */
export function changeInput(d: Decision): ChangeInput {
  return {
    disposition: d.disposition,
    replacementTeacherId: d.disposition === 'replaced' ? d.replacementTeacherId || null : null,
    room: d.disposition === 'moved' ? d.room.trim().slice(0, ABSENCE_LIMITS.room) || null : null,
  };
}

/** A recorded change as the form holds it, to change it again. */
export function decisionOf(c: Pick<CourseChangeDto, 'disposition' | 'replacementTeacherId' | 'room'>): Decision {
  return { disposition: c.disposition, replacementTeacherId: c.replacementTeacherId ?? '', room: c.room ?? '' };
}

/** The `changes` of POST teacher-absences: each course with only what its choice needs. */
export function changesPayload(preview: readonly CourseChangeDto[], decisions: ReadonlyMap<string, Decision>): ChangePayload[] {
  return preview.map((c) => {
    const d = decisions.get(occurrenceKey(c)) ?? { disposition: 'cancelled' as const, replacementTeacherId: '', room: '' };
    return { courseId: c.courseId, date: c.date, change: changeInput(d) };
  });
}

export type SpanProblem = 'missing' | 'order' | 'tooLong';

/** A span typed in a form (instants from fromZonedInput), checked before asking the hub: both ends, in order, within `maxDays`. */
export function spanProblem(startsAt: string | null, endsAt: string | null, maxDays: number = ABSENCE_LIMITS.teacherAbsenceDays): SpanProblem | null {
  if (!startsAt || !endsAt) return 'missing';
  const from = Date.parse(startsAt);
  const to = Date.parse(endsAt);
  if (!(from < to)) return 'order';
  if (to - from > maxDays * 86_400_000) return 'tooLong';
  return null;
}
