import type { AbsenceDto } from '../../server/contracts/absences';
import type { OccurrenceDto } from '../../server/contracts/timetable';

// Data of the absences client tests: Léa Durand of 4B and her Monday M3 course (Mathématiques
// with Claire Moreau) on 23 November 2026 in Paris (UTC+1): 10:10–11:05, i.e. 09:10Z–10:05Z.

export const LEA = '00000000-0000-4000-8000-000000000001';
export const HUGO = '00000000-0000-4000-8000-000000000002';
export const COURSE = '10000000-0000-4000-8000-000000000001';

let n = 0;
/** A fresh id, `prefix` telling what of (`10000000` a course, `40000000` an absence). */
export const newId = (prefix: string) => `${prefix}-0000-4000-8000-${String(++n).padStart(12, '0')}`;

/** The M3 course of 4B that day, no roll call yet. */
export function occurrence(over: Partial<OccurrenceDto> = {}): OccurrenceDto {
  return {
    courseId: COURSE,
    date: '2026-11-23',
    slotCode: 'M3',
    startsAt: '2026-11-23T09:10:00Z',
    endsAt: '2026-11-23T10:05:00Z',
    subject: 'Mathématiques',
    groupId: '20000000-0000-4000-8000-000000000001',
    groupName: '4B',
    teacherId: '30000000-0000-4000-8000-000000000001',
    teacherName: 'Claire Moreau',
    room: 'B12',
    change: null,
    rollCall: null,
    ...over,
  };
}

/** Léa absent from that course, as its roll call recorded it: unjustified, not yet seen. */
export function absence(over: Partial<AbsenceDto> = {}): AbsenceDto {
  return {
    id: newId('40000000'),
    studentId: LEA,
    studentName: 'Léa Durand',
    className: '4B',
    kind: 'absent',
    lateMinutes: null,
    startsAt: '2026-11-23T09:10:00Z',
    endsAt: '2026-11-23T10:05:00Z',
    source: 'roll_call',
    course: { courseId: COURSE, subject: 'Mathématiques', slotCode: 'M3', date: '2026-11-23' },
    recordedByName: 'Claire Moreau',
    justificationStatus: 'unjustified',
    justification: null,
    acknowledgedAt: null,
    ...over,
  };
}
