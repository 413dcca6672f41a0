import { describe, expect, it } from 'vitest';
import { applyDashboardEvent, coversDay, courseState, dashboardCounts, groupBySlot } from '../../clients/web/src/lib/absences-dashboard';
import { HubClock } from '../../clients/web/src/lib/hub-clock';
import type { AbsenceDto, DashboardDto, GroupCourseChangeDto } from '../../server/contracts/absences';
import type { EventEnvelope } from '../../server/contracts/events';
import type { OccurrenceDto } from '../../server/contracts/timetable';
import { absence as leaAbsence, LEA, newId, occurrence as m3Course } from './absences-fixtures';

const TZ = 'Europe/Paris';
const DAY = '2026-11-23';
const MARC = '00000000-0000-4000-8000-0000000000a1';
const JULIE = '00000000-0000-4000-8000-0000000000a2';

/** A course of the day, each its own. */
const occurrence = (over: Partial<OccurrenceDto> = {}): OccurrenceDto => m3Course({ courseId: newId('10000000'), ...over });

/** An absence of the day as the dashboard lists it: both guardians told, neither has seen it yet. */
const absence = (over: Partial<AbsenceDto> = {}): AbsenceDto =>
  leaAbsence({
    course: null,
    notices: [
      { guardianId: MARC, guardianName: 'Marc Durand', notifiedAt: '2026-11-23T09:16:00Z', acknowledgedAt: null },
      { guardianId: JULIE, guardianName: 'Julie Lefèvre', notifiedAt: '2026-11-23T09:16:00Z', acknowledgedAt: null },
    ],
    note: null,
    ...over,
  });

let seq = 0;
const event = (type: string, data: unknown, at = '2026-11-23T09:16:00Z') => ({ channel: 'school:0750654D:absences', seq: ++seq, type, data, at }) as EventEnvelope;
const done = { submittedAt: '2026-11-23T09:15:00Z', takenByName: 'Claire Moreau', absent: 1, late: 0, excluded: 0 };
const now = new Date('2026-11-23T09:15:00Z'); // 10:15 at school

describe('dashboard courses', () => {
  it('says where each course stands: missing only once it has started', () => {
    expect(courseState(occurrence(), now)).toBe('missing');
    expect(courseState(occurrence({ startsAt: '2026-11-23T12:30:00Z' }), now)).toBe('upcoming');
    expect(courseState(occurrence({ rollCall: done }), now)).toBe('done');
    expect(courseState(occurrence({ change: { disposition: 'cancelled', replacementName: null, room: null } }), now)).toBe('cancelled');
    // a replaced course still needs its roll call
    expect(courseState(occurrence({ change: { disposition: 'replaced', replacementName: 'M. Martin', room: null } }), now)).toBe('missing');
  });

  it('groups the day by slot in time order, classes in name order', () => {
    const s1 = occurrence({ slotCode: 'S1', startsAt: '2026-11-23T12:30:00Z', endsAt: '2026-11-23T13:25:00Z', groupName: '3A' });
    const m3b = occurrence({ groupName: '4B', rollCall: done });
    const m3a = occurrence({ groupName: '3A' });
    const slots = groupBySlot([s1, m3b, m3a], now);
    expect(slots.map((s) => [s.code, s.started, s.courses.map((c) => `${c.occurrence.groupName}:${c.state}`)])).toEqual([
      ['M3', true, ['3A:missing', '4B:done']],
      ['S1', false, ['3A:upcoming']],
    ]);
    expect(groupBySlot([], now)).toEqual([]);
  });

  it('tells started courses by the hub’s time the dashboard carries, the device only measuring the time since', () => {
    // a classroom computer four hours behind
    let device = Date.parse('2026-11-23T05:15:00Z');
    const clock = new HubClock(() => device);
    const d: DashboardDto = { date: DAY, now: '2026-11-23T09:05:00Z', occurrences: [occurrence()], absences: [], pendingJustifications: 0 };
    expect(courseState(d.occurrences[0], clock.now())).toBe('upcoming');
    clock.sync(d.now);
    expect(courseState(d.occurrences[0], clock.now())).toBe('upcoming'); // 10:05 at school, M3 at 10:10
    device += 6 * 60_000;
    expect(courseState(d.occurrences[0], clock.now())).toBe('missing');
    expect(dashboardCounts(d, clock.now()).missing).toBe(1);
  });

  it('counts roll calls and absences, leaving cancelled courses out', () => {
    const d = {
      occurrences: [
        occurrence({ rollCall: done }),
        occurrence(),
        occurrence({ startsAt: '2026-11-23T12:30:00Z' }),
        occurrence({ change: { disposition: 'cancelled', replacementName: null, room: null } }),
      ],
      absences: [absence(), absence({ kind: 'late', lateMinutes: 5 }), absence({ kind: 'late', lateMinutes: 10 })],
    };
    expect(dashboardCounts(d, now)).toEqual({ expected: 3, done: 1, missing: 1, absent: 1, late: 2, excluded: 0 });
  });
});

describe('dashboard live events', () => {
  const m3 = occurrence();
  const base = (): DashboardDto => ({ date: DAY, now: '2026-11-23T09:16:00Z', occurrences: [m3], absences: [], pendingJustifications: 0 });

  it('marks a roll call done, ignoring another day’s', () => {
    const submitted = { ...m3, rollCall: done };
    const result = applyDashboardEvent(base(), event('rollcall.submitted', { occurrence: submitted }), TZ)!;
    expect(result.change).toEqual({ kind: 'rollCall', id: m3.courseId });
    expect(result.dashboard.occurrences[0].rollCall).toEqual(done);
    expect(applyDashboardEvent(base(), event('rollcall.submitted', { occurrence: { ...submitted, date: '2026-11-24' } }), TZ)).toBeNull();
    // a course the list did not have (a timetable change since it loaded) is added
    const extra = occurrence({ rollCall: done });
    expect(applyDashboardEvent(base(), event('rollcall.submitted', { occurrence: extra }), TZ)!.dashboard.occurrences).toHaveLength(2);
  });

  it('adds an absence of the day at the top, updates a correction, drops a removal', () => {
    const lea = absence();
    const earlier = absence({ startsAt: '2026-11-23T07:00:00Z', endsAt: '2026-11-23T07:55:00Z', studentName: 'Hugo Petit' });
    let d: DashboardDto = { ...base(), absences: [earlier] };
    const added = applyDashboardEvent(d, event('absence.recorded', { absence: lea }), TZ)!;
    expect(added.change).toEqual({ kind: 'absenceAdded', id: lea.id });
    expect(added.dashboard.absences.map((a) => a.studentName)).toEqual(['Léa Durand', 'Hugo Petit']);
    d = added.dashboard;
    const corrected = applyDashboardEvent(d, event('absence.corrected', { absence: { ...lea, kind: 'late', lateMinutes: 10 } }), TZ)!;
    expect(corrected.change.kind).toBe('absenceUpdated');
    expect(corrected.dashboard.absences[0]).toMatchObject({ kind: 'late', lateMinutes: 10 });
    expect(corrected.dashboard.absences).toHaveLength(2);
    const removed = applyDashboardEvent(corrected.dashboard, event('absence.removed', { absenceId: lea.id, studentId: LEA, studentName: 'Léa Durand' }), TZ)!;
    expect(removed.dashboard.absences.map((a) => a.id)).toEqual([earlier.id]);
    expect(applyDashboardEvent(removed.dashboard, event('absence.removed', { absenceId: lea.id, studentId: LEA, studentName: 'Léa Durand' }), TZ)).toBeNull();
  });

  it('keeps only absences touching the day shown, periods over several days included', () => {
    const tomorrow = absence({ startsAt: '2026-11-24T07:00:00Z', endsAt: '2026-11-24T16:00:00Z' });
    expect(applyDashboardEvent(base(), event('absence.recorded', { absence: tomorrow }), TZ)).toBeNull();
    const week = absence({ startsAt: '2026-11-22T23:00:00Z', endsAt: '2026-11-27T23:00:00Z', source: 'vie_scolaire' });
    expect(applyDashboardEvent(base(), event('absence.recorded', { absence: week }), TZ)).not.toBeNull();
    // a period ending at midnight does not touch the next day
    expect(coversDay({ startsAt: '2026-11-22T23:00:00Z', endsAt: '2026-11-23T23:00:00Z' }, '2026-11-24', TZ)).toBe(false);
    expect(coversDay({ startsAt: '2026-11-22T23:00:00Z', endsAt: '2026-11-23T23:00:00Z' }, DAY, TZ)).toBe(true);
    expect(coversDay({ startsAt: '2026-11-23T23:30:00Z', endsAt: '2026-11-24T00:30:00Z' }, DAY, TZ)).toBe(false); // 00:30 in Paris: the 24th
    expect(coversDay({ startsAt: '2026-11-23T22:30:00Z', endsAt: '2026-11-23T23:30:00Z' }, DAY, TZ)).toBe(true); // 23:30 in Paris: still the 23rd
  });

  it('shows a guardian’s acknowledgement on their notice, adding one for a guardian linked since', () => {
    const lea = absence();
    const d = { ...base(), absences: [lea] };
    const ack = applyDashboardEvent(d, event('absence.acknowledged', { absenceId: lea.id, guardianId: MARC, guardianName: 'Marc Durand', at: '2026-11-23T09:17:00Z' }), TZ)!;
    expect(ack.change).toEqual({ kind: 'acknowledged', id: lea.id });
    expect(ack.dashboard.absences[0].notices).toEqual([
      { guardianId: MARC, guardianName: 'Marc Durand', notifiedAt: '2026-11-23T09:16:00Z', acknowledgedAt: '2026-11-23T09:17:00Z' },
      { guardianId: JULIE, guardianName: 'Julie Lefèvre', notifiedAt: '2026-11-23T09:16:00Z', acknowledgedAt: null },
    ]);
    const stranger = '00000000-0000-4000-8000-0000000000a3';
    const late = applyDashboardEvent(d, event('absence.acknowledged', { absenceId: lea.id, guardianId: stranger, guardianName: 'Paul Durand', at: '2026-11-23T09:30:00Z' }), TZ)!;
    expect(late.dashboard.absences[0].notices?.at(-1)).toEqual({ guardianId: stranger, guardianName: 'Paul Durand', notifiedAt: '2026-11-23T09:30:00Z', acknowledgedAt: '2026-11-23T09:30:00Z' });
    expect(applyDashboardEvent(d, event('absence.acknowledged', { absenceId: 'other', guardianId: MARC, guardianName: 'x', at: 'y' }), TZ)).toBeNull();
  });

  it('follows justifications of the absences shown', () => {
    const lea = absence();
    const d = { ...base(), absences: [lea] };
    const pending = applyDashboardEvent(d, event('absence.justification_submitted', { justificationId: 'j', studentName: 'Léa Durand', absenceIds: [lea.id] }), TZ)!;
    expect(pending.dashboard.absences[0].justificationStatus).toBe('pending');
    const justification = { id: 'j', reason: { id: 'r', label: 'Maladie' }, confidential: false, comment: '', document: null, decision: 'accepted' as const, reviewComment: null, submittedByName: 'Marc Durand', createdAt: 'x', reviewedAt: 'y' };
    const reviewed = applyDashboardEvent(pending.dashboard, event('absence.justification_reviewed', { absenceIds: [lea.id], studentId: LEA, status: 'justified', justification }), TZ)!;
    expect(reviewed.dashboard.absences[0]).toMatchObject({ justificationStatus: 'justified', justification: { reason: { label: 'Maladie' } } });
    expect(applyDashboardEvent(d, event('absence.justification_submitted', { justificationId: 'j', studentName: 'x', absenceIds: ['other'] }), TZ)).toBeNull();
  });

  it('shows teacher-absence changes on the courses of the day, and takes them back when the absence is cancelled', () => {
    const change: GroupCourseChangeDto = {
      courseId: m3.courseId,
      date: DAY,
      slotCode: 'M3',
      startsAt: m3.startsAt,
      endsAt: m3.endsAt,
      groupId: m3.groupId,
      groupName: '4B',
      subject: 'Mathématiques',
      teacherName: 'Mme Moreau',
      disposition: 'replaced',
      replacementName: 'M. Martin',
      room: null,
    };
    const recorded = applyDashboardEvent(base(), event('teacher_absence.recorded', { changes: [change, { ...change, date: '2026-11-30' }] }), TZ)!;
    expect(recorded.dashboard.occurrences[0].change).toEqual({ disposition: 'replaced', replacementName: 'M. Martin', room: null });
    const cancelled = applyDashboardEvent(recorded.dashboard, event('teacher_absence.cancelled', { changes: [change] }), TZ)!;
    expect(cancelled.dashboard.occurrences[0].change).toBeNull();
    expect(applyDashboardEvent(base(), event('teacher_absence.updated', { changes: [{ ...change, date: '2026-11-30' }] }), TZ)).toBeNull();
    expect(applyDashboardEvent(base(), event('news.published', {}), TZ)).toBeNull();
  });
});
