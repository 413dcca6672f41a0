import type { AbsenceDto, AbsenceEventData, DashboardDto, GroupCourseChangeDto } from '../../../../server/contracts/absences';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { OccurrenceDto } from '../../../../server/contracts/timetable';
import { toZonedDate } from '../../../../server/contracts/zoned-time';

/** Where one course of the day stands for vie scolaire. */
export type CourseState = 'cancelled' | 'done' | 'missing' | 'upcoming';

/** Done, cancelled, or — once the course has started without one — missing; before that, upcoming. */
export function courseState(o: Pick<OccurrenceDto, 'change' | 'rollCall' | 'startsAt'>, now: Date): CourseState {
  if (o.change?.disposition === 'cancelled') return 'cancelled';
  if (o.rollCall) return 'done';
  return now.getTime() >= Date.parse(o.startsAt) ? 'missing' : 'upcoming';
}

export interface SlotGroup {
  code: string;
  startsAt: string;
  endsAt: string;
  /** Started: its missing roll calls are late. */
  started: boolean;
  courses: Array<{ occurrence: OccurrenceDto; state: CourseState }>;
}

/** The day's courses by slot, in the order of the day; classes in name order within a slot. */
export function groupBySlot(occurrences: readonly OccurrenceDto[], now: Date): SlotGroup[] {
  const bySlot = new Map<string, SlotGroup>();
  for (const o of occurrences) {
    // two slots may share a code on different weekdays, never on one day: the code and start identify it
    const key = `${o.startsAt}|${o.slotCode}`;
    let group = bySlot.get(key);
    if (!group) {
      group = { code: o.slotCode, startsAt: o.startsAt, endsAt: o.endsAt, started: now.getTime() >= Date.parse(o.startsAt), courses: [] };
      bySlot.set(key, group);
    }
    group.courses.push({ occurrence: o, state: courseState(o, now) });
  }
  const groups = [...bySlot.values()].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  for (const g of groups) g.courses.sort((a, b) => a.occurrence.groupName.localeCompare(b.occurrence.groupName, 'fr') || a.occurrence.subject.localeCompare(b.occurrence.subject, 'fr'));
  return groups;
}

export interface DashboardCounts {
  /** Courses that need a roll call (not cancelled). */
  expected: number;
  done: number;
  missing: number;
  absent: number;
  late: number;
  excluded: number;
}

export function dashboardCounts(d: Pick<DashboardDto, 'occurrences' | 'absences'>, now: Date): DashboardCounts {
  const counts: DashboardCounts = { expected: 0, done: 0, missing: 0, absent: 0, late: 0, excluded: 0 };
  for (const o of d.occurrences) {
    const state = courseState(o, now);
    if (state === 'cancelled') continue;
    counts.expected++;
    if (state === 'done') counts.done++;
    if (state === 'missing') counts.missing++;
  }
  for (const a of d.absences) counts[a.kind]++;
  return counts;
}

/** Whether an absence touches the school's calendar day. */
export function coversDay(a: Pick<AbsenceDto, 'startsAt' | 'endsAt'>, date: string, timeZone: string): boolean {
  const first = toZonedDate(a.startsAt, timeZone);
  // an absence ending at midnight does not touch the next day
  const last = toZonedDate(new Date(Math.max(Date.parse(a.startsAt), Date.parse(a.endsAt) - 1)), timeZone);
  return first <= date && date <= last;
}

const byStartDesc = (a: AbsenceDto, b: AbsenceDto) => Date.parse(b.startsAt) - Date.parse(a.startsAt) || a.studentName.localeCompare(b.studentName, 'fr');

/** What a live event changed on the dashboard. */
export interface DashboardChange {
  kind: 'rollCall' | 'absenceAdded' | 'absenceUpdated' | 'absenceRemoved' | 'acknowledged' | 'courseChanged';
  /** The absence or course concerned, to highlight it. */
  id: string;
}

type Data<T extends keyof AbsenceEventData> = AbsenceEventData[T];

/**
 * Applies a live event of the absences channel to the dashboard of one day; null when it
 * changes nothing shown (another day, another domain). Pure: the page keeps the result.
 */
export function applyDashboardEvent(
  d: DashboardDto,
  e: EventEnvelope,
  timeZone: string,
): { dashboard: DashboardDto; change: DashboardChange } | null {
  switch (e.type) {
    case 'rollcall.submitted': {
      const { occurrence } = e.data as Data<'rollcall.submitted'>;
      if (!occurrence || occurrence.date !== d.date) return null;
      const known = d.occurrences.some((o) => o.courseId === occurrence.courseId);
      const occurrences = known ? d.occurrences.map((o) => (o.courseId === occurrence.courseId ? occurrence : o)) : [...d.occurrences, occurrence];
      return { dashboard: { ...d, occurrences }, change: { kind: 'rollCall', id: occurrence.courseId } };
    }
    case 'absence.recorded':
    case 'absence.corrected': {
      const { absence } = e.data as Data<'absence.recorded'>;
      if (!absence) return null;
      const known = d.absences.some((a) => a.id === absence.id);
      if (!coversDay(absence, d.date, timeZone)) {
        return known ? { dashboard: { ...d, absences: d.absences.filter((a) => a.id !== absence.id) }, change: { kind: 'absenceRemoved', id: absence.id } } : null;
      }
      const absences = (known ? d.absences.map((a) => (a.id === absence.id ? absence : a)) : [absence, ...d.absences]).sort(byStartDesc);
      return { dashboard: { ...d, absences }, change: { kind: known ? 'absenceUpdated' : 'absenceAdded', id: absence.id } };
    }
    case 'absence.removed': {
      const { absenceId } = e.data as Data<'absence.removed'>;
      if (!d.absences.some((a) => a.id === absenceId)) return null;
      return { dashboard: { ...d, absences: d.absences.filter((a) => a.id !== absenceId) }, change: { kind: 'absenceRemoved', id: absenceId } };
    }
    case 'absence.acknowledged': {
      const { absenceId, guardianId, guardianName, at } = e.data as Data<'absence.acknowledged'>;
      const target = d.absences.find((a) => a.id === absenceId);
      if (!target) return null;
      const notices = target.notices ?? [];
      const told = notices.some((n) => n.guardianId === guardianId);
      const next = told
        ? notices.map((n) => (n.guardianId === guardianId ? { ...n, acknowledgedAt: n.acknowledgedAt ?? at } : n))
        : [...notices, { guardianId, guardianName, notifiedAt: at, acknowledgedAt: at }];
      return {
        dashboard: { ...d, absences: d.absences.map((a) => (a.id === absenceId ? { ...a, notices: next } : a)) },
        change: { kind: 'acknowledged', id: absenceId },
      };
    }
    case 'absence.justification_submitted': {
      const { absenceIds } = e.data as Data<'absence.justification_submitted'>;
      const ids = new Set(absenceIds ?? []);
      if (!d.absences.some((a) => ids.has(a.id))) return null;
      const absences = d.absences.map((a) => (ids.has(a.id) ? { ...a, justificationStatus: 'pending' as const } : a));
      return { dashboard: { ...d, absences }, change: { kind: 'absenceUpdated', id: [...ids][0] } };
    }
    case 'absence.justification_reviewed': {
      const { absenceIds, status, justification } = e.data as Data<'absence.justification_reviewed'>;
      const ids = new Set(absenceIds ?? []);
      if (!d.absences.some((a) => ids.has(a.id))) return null;
      const absences = d.absences.map((a) => (ids.has(a.id) ? { ...a, justificationStatus: status, justification } : a));
      return { dashboard: { ...d, absences }, change: { kind: 'absenceUpdated', id: [...ids][0] } };
    }
    case 'teacher_absence.recorded':
    case 'teacher_absence.updated':
    case 'teacher_absence.cancelled': {
      const { changes } = e.data as Data<'teacher_absence.recorded'>;
      const today = (changes ?? []).filter((c) => c.date === d.date);
      if (today.length === 0) return null;
      const byCourse = new Map<string, GroupCourseChangeDto>(today.map((c) => [c.courseId, c]));
      const occurrences = d.occurrences.map((o) => {
        const c = byCourse.get(o.courseId);
        if (!c) return o;
        return { ...o, change: e.type === 'teacher_absence.cancelled' ? null : { disposition: c.disposition, replacementName: c.replacementName, room: c.room } };
      });
      return { dashboard: { ...d, occurrences }, change: { kind: 'courseChanged', id: today[0].courseId } };
    }
    default:
      return null;
  }
}
