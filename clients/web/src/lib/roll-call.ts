import type { RollCallSheetDto, RollCallStudentDto } from '../../../../server/contracts/absences';
import type { OccurrenceDto } from '../../../../server/contracts/timetable';
import { ABSENCE_LIMITS, type AbsenceKind } from './absences-constants';

/** A student's mark on the sheet; no mark means present. A late mark waits for its minutes (null). */
export interface Mark {
  kind: AbsenceKind;
  lateMinutes: number | null;
}
export type Marks = ReadonlyMap<string, Mark>;

/** The minutes offered in one tap when a student is late; « Autre » takes any other number. */
export const LATE_CHOICES = [5, 10, 15] as const;

/** One tap: présent → absent → retard → exclu → présent. */
export function nextMark(mark: Mark | null | undefined): Mark | null {
  if (!mark) return { kind: 'absent', lateMinutes: null };
  if (mark.kind === 'absent') return { kind: 'late', lateMinutes: null };
  if (mark.kind === 'late') return { kind: 'excluded', lateMinutes: null };
  return null;
}

/** The marks with one student's changed (null: back to present). */
export function withMark(marks: Marks, studentId: string, mark: Mark | null): Map<string, Mark> {
  const next = new Map(marks);
  if (mark) next.set(studentId, mark);
  else next.delete(studentId);
  return next;
}

/** The marks stored on a sheet. */
export function marksOfSheet(sheet: Pick<RollCallSheetDto, 'students'>): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  for (const s of sheet.students) if (s.mark) marks.set(s.id, { kind: s.mark.kind, lateMinutes: s.mark.lateMinutes });
  return marks;
}

export interface RollCallSummary {
  total: number;
  present: number;
  absent: number;
  late: number;
  excluded: number;
  /** Late students whose minutes are still to be given. */
  missingMinutes: string[];
}

/** Counts for the summary bar, over the students of the sheet only. */
export function summarize(students: ReadonlyArray<Pick<RollCallStudentDto, 'id'>>, marks: Marks): RollCallSummary {
  const summary: RollCallSummary = { total: students.length, present: 0, absent: 0, late: 0, excluded: 0, missingMinutes: [] };
  for (const s of students) {
    const m = marks.get(s.id);
    if (!m) summary.present++;
    else {
      summary[m.kind]++;
      if (m.kind === 'late' && m.lateMinutes === null) summary.missingMinutes.push(s.id);
    }
  }
  return summary;
}

export interface SubmissionMark {
  studentId: string;
  kind: AbsenceKind;
  lateMinutes: number | null;
}

/** The body of PUT roll-calls/…: every non-present student of the sheet, in sheet order. */
export function toSubmission(students: ReadonlyArray<Pick<RollCallStudentDto, 'id'>>, marks: Marks): { marks: SubmissionMark[] } {
  const out: SubmissionMark[] = [];
  for (const s of students) {
    const m = marks.get(s.id);
    if (m) out.push({ studentId: s.id, kind: m.kind, lateMinutes: m.kind === 'late' ? m.lateMinutes : null });
  }
  return { marks: out };
}

/** Whether two sets of marks say the same thing (what is on screen vs. what the hub has). */
export function sameMarks(a: Marks, b: Marks): boolean {
  if (a.size !== b.size) return false;
  for (const [id, m] of a) {
    const o = b.get(id);
    if (!o || o.kind !== m.kind || (m.kind === 'late' && o.lateMinutes !== m.lateMinutes)) return false;
  }
  return true;
}

/** Minutes typed in « Autre »: a whole number within the hub's limit, else null. */
export function parseLateMinutes(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && n <= ABSENCE_LIMITS.lateMinutes ? n : null;
}

/** When a teacher may start taking the roll call of an occurrence. */
export function opensAt(o: Pick<OccurrenceDto, 'startsAt'>): Date {
  return new Date(Date.parse(o.startsAt) - ABSENCE_LIMITS.openBeforeMinutes * 60_000);
}

const isCancelled = (o: OccurrenceDto) => o.change?.disposition === 'cancelled';

/**
 * The course whose roll call is due now, by the hub's time: from a few minutes before it
 * starts until it ends. When two overlap (the end of one, the start of the next), the one whose
 * roll call is not done comes first, then the one already under way; a cancelled course last.
 */
export function pickCurrentOccurrence(occurrences: readonly OccurrenceDto[], now: Date): OccurrenceDto | null {
  const t = now.getTime();
  const current = occurrences.filter((o) => opensAt(o).getTime() <= t && t <= Date.parse(o.endsAt));
  if (current.length === 0) return null;
  const rank = (o: OccurrenceDto) => (isCancelled(o) ? 2 : o.rollCall ? 1 : 0);
  return [...current].sort((a, b) => rank(a) - rank(b) || Date.parse(a.startsAt) - Date.parse(b.startsAt))[0];
}

export type SheetState = 'open' | 'notYetOpen' | 'closed';

/** Why a sheet can or cannot be edited now: the hub says whether it is open; the time says why not. */
export function sheetState(sheet: Pick<RollCallSheetDto, 'open' | 'occurrence'>, now: Date): SheetState {
  if (sheet.open) return 'open';
  return now < opensAt(sheet.occurrence) ? 'notYetOpen' : 'closed';
}

/** The day's occurrences in the order of the day (slot, then class). */
export function sortOccurrences(occurrences: readonly OccurrenceDto[]): OccurrenceDto[] {
  return [...occurrences].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.groupName.localeCompare(b.groupName, 'fr') || a.subject.localeCompare(b.subject, 'fr'),
  );
}

/**
 * Where focus goes in the grid of students on an arrow key: left/right one tile, up/down one
 * row of `columns`, Home/End the ends. Null for other keys or a move off the grid.
 */
export function gridMove(index: number, key: string, count: number, columns: number): number | null {
  const cols = Math.max(1, columns);
  let next: number;
  switch (key) {
    case 'ArrowRight':
      next = index + 1;
      break;
    case 'ArrowLeft':
      next = index - 1;
      break;
    case 'ArrowDown':
      next = index + cols;
      break;
    case 'ArrowUp':
      next = index - cols;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = count - 1;
      break;
    default:
      return null;
  }
  return next >= 0 && next < count && next !== index ? next : null;
}

/** Marks kept on the device while not yet accepted by the hub (a reload, a lost connection). */
export interface RollCallDraft {
  savedAt: string;
  marks: Array<[string, Mark]>;
}

export function serializeDraft(marks: Marks, savedAt: Date): string {
  const draft: RollCallDraft = { savedAt: savedAt.toISOString(), marks: [...marks] };
  return JSON.stringify(draft);
}

/**
 * A draft read back, for the students still on the sheet; null when unreadable, or older than
 * what the hub has (someone submitted since).
 */
export function restoreDraft(raw: string | null, sheet: Pick<RollCallSheetDto, 'students' | 'submittedAt'>): Map<string, Mark> | null {
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as RollCallDraft;
    if (!draft || typeof draft.savedAt !== 'string' || !Array.isArray(draft.marks)) return null;
    if (sheet.submittedAt && Date.parse(sheet.submittedAt) >= Date.parse(draft.savedAt)) return null;
    const ids = new Set(sheet.students.map((s) => s.id));
    const marks = new Map<string, Mark>();
    for (const entry of draft.marks) {
      if (!Array.isArray(entry) || !ids.has(entry[0])) continue;
      const m = entry[1];
      if (m && (m.kind === 'absent' || m.kind === 'late' || m.kind === 'excluded')) {
        marks.set(entry[0], { kind: m.kind, lateMinutes: m.kind === 'late' && typeof m.lateMinutes === 'number' ? m.lateMinutes : null });
      }
    }
    return marks;
  } catch {
    return null;
  }
}

export const draftKey = (courseId: string, date: string) => `preau.rollcall.${courseId}.${date}`;
