import type { AbsenceDto, AbsenceEventData, FollowedStudentDto, GroupCourseChangeDto } from '../../../../server/contracts/absences';
import type { EventEnvelope } from '../../../../server/contracts/events';

/** One child's absences, newest first. */
export interface ChildAbsences {
  studentId: string;
  studentName: string;
  className: string | null;
  absences: AbsenceDto[];
}

const newestFirst = (a: AbsenceDto, b: AbsenceDto) => Date.parse(b.startsAt) - Date.parse(a.startsAt);

/**
 * A guardian's list by child (children in name order), each child's absences newest first.
 * Every followed student has their place, with no absence too; an absence of a student the
 * list does not know (linked since) still shows.
 */
export function groupByChild(absences: readonly AbsenceDto[], students: readonly FollowedStudentDto[] = []): ChildAbsences[] {
  const byChild = new Map<string, ChildAbsences>(students.map((s) => [s.id, { studentId: s.id, studentName: s.name, className: s.className, absences: [] }]));
  for (const a of absences) {
    let child = byChild.get(a.studentId);
    if (!child) {
      child = { studentId: a.studentId, studentName: a.studentName, className: a.className, absences: [] };
      byChild.set(a.studentId, child);
    }
    child.absences.push(a);
  }
  const children = [...byChild.values()].sort((a, b) => a.studentName.localeCompare(b.studentName, 'fr'));
  for (const c of children) c.absences.sort(newestFirst);
  return children;
}

export interface FamilyChange {
  kind: 'added' | 'updated' | 'removed' | 'reviewed';
  absenceIds: string[];
  studentName: string;
  /** The absence as it now is (added, updated). */
  absence?: AbsenceDto;
}

type Data<T extends keyof AbsenceEventData> = AbsenceEventData[T];

/** Applies a live event of a guardian's (or student's) channel to their list; null when nothing changes. */
export function applyFamilyEvent(list: readonly AbsenceDto[], e: EventEnvelope): { list: AbsenceDto[]; change: FamilyChange } | null {
  switch (e.type) {
    case 'absence.recorded':
    case 'absence.corrected': {
      const { absence } = e.data as Data<'absence.recorded'>;
      if (!absence?.id) return null;
      const known = list.some((a) => a.id === absence.id);
      const next = known ? list.map((a) => (a.id === absence.id ? { ...absence, acknowledgedAt: absence.acknowledgedAt ?? a.acknowledgedAt } : a)) : [absence, ...list];
      return {
        list: next.sort(newestFirst),
        change: { kind: known || e.type === 'absence.corrected' ? 'updated' : 'added', absenceIds: [absence.id], studentName: absence.studentName, absence },
      };
    }
    case 'absence.removed': {
      const { absenceId, studentName } = e.data as Data<'absence.removed'>;
      if (!list.some((a) => a.id === absenceId)) return null;
      return { list: list.filter((a) => a.id !== absenceId), change: { kind: 'removed', absenceIds: [absenceId], studentName } };
    }
    case 'absence.justification_reviewed': {
      const { absenceIds, status, justification } = e.data as Data<'absence.justification_reviewed'>;
      const ids = new Set(absenceIds ?? []);
      const touched = list.filter((a) => ids.has(a.id));
      if (touched.length === 0) return null;
      return {
        list: list.map((a) => (ids.has(a.id) ? { ...a, justificationStatus: status, justification } : a)),
        change: { kind: 'reviewed', absenceIds: touched.map((a) => a.id), studentName: touched[0].studentName },
      };
    }
    default:
      return null;
  }
}

/** Replaces absences with their newer versions (after a justification or an acknowledgement). */
export function replaceAbsences(list: readonly AbsenceDto[], updated: readonly AbsenceDto[]): AbsenceDto[] {
  const byId = new Map(updated.map((a) => [a.id, a]));
  return list.map((a) => byId.get(a.id) ?? a);
}

/** The absences of a child that a guardian may still justify (not pending, not justified). */
export function justifiable(absences: readonly AbsenceDto[]): AbsenceDto[] {
  return absences.filter((a) => a.justificationStatus === 'unjustified');
}

/** One course and date: a change is replaced by the latest news about the same occurrence. */
export const changeKey = (c: Pick<GroupCourseChangeDto, 'courseId' | 'date'>) => `${c.courseId}|${c.date}`;

const byStart = (a: GroupCourseChangeDto, b: GroupCourseChangeDto) =>
  Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.groupName.localeCompare(b.groupName, 'fr', { numeric: true });

export interface CourseChangesUpdate {
  list: GroupCourseChangeDto[];
  /** Changed (recorded, updated), or restored: the teacher is back, the course takes place. */
  kind: 'changed' | 'restored';
  /** The changes the event carried. */
  changes: GroupCourseChangeDto[];
}

/**
 * Folds a teacher-absence event into the family's course changes: recorded and updated add or
 * replace by course and date, cancelled removes. The same change reaches a guardian once per
 * child's group channel and a student once: folding it twice changes nothing.
 */
export function applyCourseChangeEvent(list: readonly GroupCourseChangeDto[], e: EventEnvelope): CourseChangesUpdate | null {
  if (!['teacher_absence.recorded', 'teacher_absence.updated', 'teacher_absence.cancelled'].includes(e.type)) return null;
  const { changes } = e.data as Data<'teacher_absence.recorded'>;
  if (!Array.isArray(changes) || changes.length === 0) return null;
  const keys = new Set(changes.map(changeKey));
  const others = list.filter((c) => !keys.has(changeKey(c)));
  if (e.type === 'teacher_absence.cancelled') return { list: others, kind: 'restored', changes };
  return { list: [...others, ...changes].sort(byStart), kind: 'changed', changes };
}

/** The changes of one group, with the followed students in it (by their class). */
export interface GroupChanges {
  groupId: string;
  groupName: string;
  /** The children whose class this group is (none for an option group: the DTO does not say who is in it). */
  students: FollowedStudentDto[];
  changes: GroupCourseChangeDto[];
}

/**
 * The changes still to come by the hub's clock (a course drops off at its end), per group, each
 * group's in time order; the children's classes first in the children's order, then the other
 * groups by name.
 */
export function changesByGroup(list: readonly GroupCourseChangeDto[], students: readonly FollowedStudentDto[], now: Date): GroupChanges[] {
  const byGroup = new Map<string, GroupChanges>();
  for (const c of list) {
    if (Date.parse(c.endsAt) <= now.getTime()) continue;
    let group = byGroup.get(c.groupId);
    if (!group) {
      group = { groupId: c.groupId, groupName: c.groupName, students: students.filter((s) => s.className === c.groupName), changes: [] };
      byGroup.set(c.groupId, group);
    }
    group.changes.push(c);
  }
  const order = [...students].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const rank = (g: GroupChanges) => {
    const i = order.findIndex((s) => g.students.some((x) => x.id === s.id));
    return i === -1 ? order.length : i;
  };
  const groups = [...byGroup.values()].sort((a, b) => rank(a) - rank(b) || a.groupName.localeCompare(b.groupName, 'fr', { numeric: true }));
  for (const g of groups) g.changes.sort(byStart);
  return groups;
}
