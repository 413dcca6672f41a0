import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../clients/shared/api';
import { createI18n } from '../../clients/shared/i18n';
import {
  absenceWhen,
  boardName,
  dispositionLabel,
  kindLabel,
  markLabel,
  noticeLabel,
  reasonText,
  statusLabel,
  statusOf,
} from '../../clients/web/src/lib/absence-labels';
import { asSentence, describeAbsenceError, fieldErrors, fieldSentences } from '../../clients/web/src/lib/absences-errors';
import { AbsencesStore, isAbsenceEvent } from '../../clients/web/src/lib/absences-store';
import { applyCourseChangeEvent, applyFamilyEvent, changesByGroup, groupByChild, justifiable } from '../../clients/web/src/lib/family-absences';
import { formatEvent, type EventContext } from '../../clients/web/src/lib/format-event';
import { absencePages, allowedRoute, navPages, parseRoute, routeHref, type Route } from '../../clients/web/src/lib/routes';
import { changeInput, changesPayload, decisionOf, decisionProblems, initialDecisions, occurrenceKey, spanProblem } from '../../clients/web/src/lib/teacher-absence-form';
import { en } from '../../clients/web/src/i18n/en';
import { fr, type WebKey } from '../../clients/web/src/i18n/fr';
import type { MeDto } from '../../server/contracts/auth';
import type { CourseChangeDto, FollowedStudentDto, GroupCourseChangeDto, JustificationDto } from '../../server/contracts/absences';
import type { EventEnvelope } from '../../server/contracts/events';
import { absence, COURSE, HUGO, LEA } from './absences-fixtures';

const { t } = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['fr-FR'] });
const tEn = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['en'] }).t;
const ctx = { t, locale: 'fr' as const, timeZone: 'Europe/Paris' };
const UAI = '0750654D';
const NINA = '00000000-0000-4000-8000-000000000003';
const COURSE2 = '10000000-0000-4000-8000-000000000002';

function justification(over: Partial<JustificationDto> = {}): JustificationDto {
  return {
    id: '50000000-0000-4000-8000-000000000001',
    reason: { id: 'r', label: 'Maladie' },
    confidential: false,
    comment: '',
    document: null,
    decision: 'pending',
    reviewComment: null,
    submittedByName: 'Marc Durand',
    createdAt: '2026-11-23T10:00:00Z',
    reviewedAt: null,
    ...over,
  };
}

const change = (over: Partial<GroupCourseChangeDto> = {}): GroupCourseChangeDto => ({
  courseId: COURSE,
  date: '2026-11-23',
  slotCode: 'S1',
  startsAt: '2026-11-23T12:30:00Z',
  endsAt: '2026-11-23T13:25:00Z',
  groupId: '20000000-0000-4000-8000-000000000001',
  groupName: '4B',
  subject: 'Histoire-géographie',
  teacherName: 'M. Bernard',
  disposition: 'cancelled',
  replacementName: null,
  room: null,
  ...over,
});

let seq = 0;
const event = (type: string, data: unknown, channel = `user:${LEA}`, at = '2026-11-23T09:16:00Z') => ({ channel, seq: ++seq, type, data, at }) as EventEnvelope;

describe('absence labels', () => {
  it('names marks, kinds and statuses in French', () => {
    expect([null, { kind: 'absent', lateMinutes: null }, { kind: 'late', lateMinutes: null }, { kind: 'late', lateMinutes: 10 }, { kind: 'excluded', lateMinutes: null }].map((m) => markLabel(m as never, t))).toEqual([
      'Présent',
      'Absent',
      'Retard — minutes\u00a0?',
      'Retard · 10\u00a0min',
      'Exclu',
    ]);
    expect(kindLabel('late', 12, t)).toBe('Retard de 12\u00a0min');
    expect(kindLabel('excluded', null, t)).toBe('Exclusion de cours');
    expect(kindLabel('absent', null, tEn)).toBe('Absence');
    const refused = absence({ justification: justification({ decision: 'refused', reviewComment: 'Illisible' }) });
    expect([absence(), absence({ justificationStatus: 'pending' }), absence({ justificationStatus: 'justified' }), refused].map((a) => statusLabel(statusOf(a), t))).toEqual([
      'Non justifiée',
      'En attente',
      'Justifiée',
      'Justification refusée',
    ]);
  });

  it('says when, in the school’s time zone: the course of a roll call, else the period', () => {
    expect(absenceWhen(absence(), ctx)).toBe('lundi 23 novembre · M3 (10:10–11:05) · Mathématiques');
    const morning = absence({ course: null, source: 'vie_scolaire', startsAt: '2026-11-23T07:00:00Z', endsAt: '2026-11-23T11:00:00Z' });
    expect(absenceWhen(morning, ctx)).toBe('lundi 23 novembre, de 08:00 à 12:00');
    const trip = absence({ course: null, startsAt: '2026-11-23T07:00:00Z', endsAt: '2026-11-25T23:00:00Z' });
    expect(absenceWhen(trip, ctx)).toBe('du lundi 23 novembre 08:00 au mercredi 25 novembre 00:00');
    // a reader abroad still reads the school's hours
    expect(absenceWhen(absence(), { ...ctx, timeZone: 'Europe/Paris' })).toContain('10:10');
  });

  it('never names a confidential reason to a family, and marks it for staff', () => {
    expect(reasonText(justification(), t)).toBe('Maladie');
    expect(reasonText(justification({ reason: null, confidential: true }), t)).toBe('Motif confidentiel');
    expect(reasonText(justification({ reason: { id: 'r', label: 'Situation familiale' }, confidential: true }), t)).toBe('Situation familiale (confidentiel)');
    expect(reasonText(justification({ reason: null }), t)).toBe('Motif non précisé');
  });

  it('tells who was told and who saw it', () => {
    expect(noticeLabel({ guardianName: 'Marc Durand', acknowledgedAt: '2026-11-23T09:02:00Z' }, ctx)).toBe('Vu par Marc Durand à 10:02');
    expect(noticeLabel({ guardianName: 'Julie Lefèvre', acknowledgedAt: null }, ctx)).toBe('Julie Lefèvre prévenu(e), pas encore vu');
  });

  it('says what happens to a course and how screens name teachers', () => {
    expect(dispositionLabel({ disposition: 'cancelled', replacementName: null, room: null }, t)).toBe('Cours annulé');
    expect(dispositionLabel({ disposition: 'replaced', replacementName: 'M. Martin', room: null }, t)).toBe('Remplacé par M. Martin');
    expect(dispositionLabel({ disposition: 'moved', replacementName: null, room: 'B14' }, t)).toBe('Salle changée\u00a0: B14');
    const p = { firstName: 'jeanne', lastName: 'Dupont', civility: 'mme' as const };
    expect(['civility_last', 'civility_initial', 'initial_last', 'initials'].map((f) => boardName(p, f as never))).toEqual(['Mme Dupont', 'Mme D.', 'J. Dupont', 'J. D.']);
    expect(boardName({ firstName: 'Émile', lastName: 'Roux', civility: null }, 'civility_last')).toBe('É. Roux');
    expect(boardName({ firstName: 'Paul', lastName: 'Roux', civility: 'm' }, 'civility_initial')).toBe('M. R.');
  });
});

describe('absence errors', () => {
  it('maps the hub’s codes to what the person can do, by action', () => {
    expect(describeAbsenceError(new ApiError(0, 'network_error', 'x'), 'rollCall', t)).toBe('L’appel n’a pas pu être transmis\u00a0: la connexion a été interrompue.');
    expect(describeAbsenceError(new ApiError(0, 'network_error', 'x'), 'justify', t)).toBe(fr['error.network']);
    expect(describeAbsenceError(new ApiError(409, 'roll_call_closed', 'x'), 'rollCall', t)).toContain('L’appel de ce cours est clos');
    expect(describeAbsenceError(new ApiError(409, 'conflict', 'x'), 'rollCall', t)).toBe('Ce cours est annulé\u00a0: il n’y a pas d’appel à faire.');
    expect(describeAbsenceError(new ApiError(409, 'conflict', 'x'), 'justify', t)).toContain('déjà justifiée');
    expect(describeAbsenceError(new ApiError(409, 'conflict', 'Au plus 40 motifs.'), 'reason', t)).toBe('Au plus 40 motifs.');
    expect(describeAbsenceError(new ApiError(403, 'forbidden', 'x'), 'rollCall', t)).toContain('il n’est pas le vôtre');
    expect(describeAbsenceError(new ApiError(404, 'not_found', 'x'), 'acknowledge', t)).toContain('retirée');
    expect(describeAbsenceError(new ApiError(413, 'payload_too_large', 'x'), 'upload', t)).toContain('5\u00a0Mo');
    expect(describeAbsenceError(new ApiError(415, 'unsupported_media_type', 'x'), 'upload', t)).toContain('ni un PDF ni une image');
    expect(describeAbsenceError(new Error('boom'), 'load', t)).toBe(fr['error.generic']);
  });

  it('puts validation details next to their fields, and names the first one in the summary', () => {
    const err = new ApiError(400, 'validation_failed', 'Certaines informations sont invalides.', [
      { path: 'endsAt', message: 'la fin doit suivre le début' },
      { path: 'endsAt', message: 'second' },
      { nonsense: true },
    ]);
    expect([...fieldErrors(err)]).toEqual([['endsAt', 'la fin doit suivre le début']]);
    expect(describeAbsenceError(err, 'period', t)).toBe('Vérifiez votre saisie\u00a0: la fin doit suivre le début.');
    expect(fieldErrors(new ApiError(409, 'conflict', 'x')).size).toBe(0);
  });

  it('keeps the hub’s own sentence when it wrote one, and puts each problem under its field', () => {
    const own = new ApiError(400, 'validation_failed', 'Le remplaçant ne peut pas être l’enseignant absent.', [{ path: 'replacementTeacherId', message: 'enseignant absent' }]);
    expect(describeAbsenceError(own, 'courseChange', t)).toBe('Le remplaçant ne peut pas être l’enseignant absent.');
    expect([...fieldSentences(own)]).toEqual([['replacementTeacherId', 'Le remplaçant ne peut pas être l’enseignant absent.']]);
    const zod = new ApiError(400, 'validation_failed', 'Certaines informations sont invalides.', [{ path: 'room', message: 'indiquez la nouvelle salle' }]);
    expect(describeAbsenceError(zod, 'courseChange', t)).toBe('Vérifiez votre saisie\u00a0: indiquez la nouvelle salle.');
    expect([...fieldSentences(zod)]).toEqual([['room', 'Indiquez la nouvelle salle.']]);
    expect(asSentence('déjà fini.')).toBe('Déjà fini.');
    expect(describeAbsenceError(new ApiError(404, 'not_found', 'x'), 'courseChange', t)).toContain('ne fait plus partie de cette absence');
    expect(describeAbsenceError(new ApiError(409, 'conflict', 'x'), 'courseChange', t)).toContain('annulée entre-temps');
  });
});

describe('family absences', () => {
  it('groups by child in name order, newest first', () => {
    const a1 = absence({ startsAt: '2026-11-20T08:00:00Z' });
    const a2 = absence({ startsAt: '2026-11-23T09:10:00Z' });
    const h = absence({ studentId: HUGO, studentName: 'Hugo Durand', className: '6A' });
    const children = groupByChild([a1, h, a2]);
    expect(children.map((c) => [c.studentName, c.absences.map((a) => a.id)])).toEqual([
      ['Hugo Durand', [h.id]],
      ['Léa Durand', [a2.id, a1.id]],
    ]);
    expect(justifiable([a1, absence({ justificationStatus: 'pending' })]).map((a) => a.id)).toEqual([a1.id]);
  });

  it('gives every followed child their place, one without any absence too', () => {
    const students: FollowedStudentDto[] = [
      { id: LEA, name: 'Léa Durand', className: '4B' },
      { id: NINA, name: 'Nina Durand', className: '6A' },
    ];
    const a = absence();
    // a child linked since the list loaded still shows with their absence
    const h = absence({ studentId: HUGO, studentName: 'Hugo Durand', className: '3A' });
    expect(groupByChild([a, h], students).map((c) => [c.studentName, c.className, c.absences.length])).toEqual([
      ['Hugo Durand', '3A', 1],
      ['Léa Durand', '4B', 1],
      ['Nina Durand', '6A', 0],
    ]);
    expect(groupByChild([], students).map((c) => c.absences.length)).toEqual([0, 0]);
  });

  it('puts a new alert at the top, corrects, removes and follows the review', () => {
    const old = absence({ startsAt: '2026-11-20T08:00:00Z', acknowledgedAt: '2026-11-20T09:00:00Z' });
    const fresh = absence();
    const added = applyFamilyEvent([old], event('absence.recorded', { absence: fresh }))!;
    expect(added.change).toMatchObject({ kind: 'added', absenceIds: [fresh.id], studentName: 'Léa Durand' });
    expect(added.list.map((a) => a.id)).toEqual([fresh.id, old.id]);
    // the same event replayed after a reconnect changes nothing new
    expect(applyFamilyEvent(added.list, event('absence.recorded', { absence: fresh }))!.list).toHaveLength(2);
    const corrected = applyFamilyEvent(added.list, event('absence.corrected', { absence: { ...old, kind: 'late', lateMinutes: 5, acknowledgedAt: null } }))!;
    expect(corrected.change.kind).toBe('updated');
    // a correction does not undo the guardian's acknowledgement
    expect(corrected.list.find((a) => a.id === old.id)).toMatchObject({ kind: 'late', acknowledgedAt: '2026-11-20T09:00:00Z' });
    const reviewed = applyFamilyEvent(corrected.list, event('absence.justification_reviewed', { absenceIds: [old.id], studentId: LEA, status: 'justified', justification: justification({ decision: 'accepted' }) }))!;
    expect(reviewed.change.kind).toBe('reviewed');
    expect(reviewed.list.find((a) => a.id === old.id)?.justificationStatus).toBe('justified');
    const removed = applyFamilyEvent(reviewed.list, event('absence.removed', { absenceId: fresh.id, studentId: LEA, studentName: 'Léa Durand' }))!;
    expect(removed.list.map((a) => a.id)).toEqual([old.id]);
    expect(applyFamilyEvent(removed.list, event('absence.removed', { absenceId: fresh.id, studentId: LEA, studentName: 'Léa Durand' }))).toBeNull();
    expect(applyFamilyEvent(removed.list, event('news.published', {}))).toBeNull();
  });

  it('adds or replaces a course change by course and date, removes it when the absence is cancelled', () => {
    const loaded = [change({ courseId: COURSE2, slotCode: 'M2', startsAt: '2026-11-23T08:00:00Z', endsAt: '2026-11-23T08:55:00Z', disposition: 'moved', room: 'B14' })];
    const recorded = applyCourseChangeEvent(loaded, event('teacher_absence.recorded', { changes: [change()] }))!;
    expect(recorded.kind).toBe('changed');
    // in time order
    expect(recorded.list.map((c) => [c.slotCode, c.disposition])).toEqual([
      ['M2', 'moved'],
      ['S1', 'cancelled'],
    ]);
    // the same change reaches a guardian of two children in the class twice; the latest news wins
    const replaced = applyCourseChangeEvent(recorded.list, event('teacher_absence.updated', { changes: [change({ disposition: 'replaced', replacementName: 'Mme Moreau' })] }))!;
    const again = applyCourseChangeEvent(replaced.list, event('teacher_absence.updated', { changes: [change({ disposition: 'replaced', replacementName: 'Mme Moreau' })] }))!;
    expect(again.list).toHaveLength(2);
    expect(again.list[1]).toMatchObject({ disposition: 'replaced', replacementName: 'Mme Moreau' });
    // another date of the same course is another occurrence
    expect(applyCourseChangeEvent(again.list, event('teacher_absence.recorded', { changes: [change({ date: '2026-11-30', startsAt: '2026-11-30T12:30:00Z', endsAt: '2026-11-30T13:25:00Z' })] }))!.list).toHaveLength(3);
    const restored = applyCourseChangeEvent(again.list, event('teacher_absence.cancelled', { changes: [change()] }))!;
    expect(restored.kind).toBe('restored');
    expect(restored.list.map((c) => c.slotCode)).toEqual(['M2']);
    expect(applyCourseChangeEvent(restored.list, event('absence.recorded', {}))).toBeNull();
    expect(applyCourseChangeEvent(restored.list, event('teacher_absence.recorded', { changes: [] }))).toBeNull();
  });

  it('shows the changes per group with the children in it, in time order, until each course is over', () => {
    const students: FollowedStudentDto[] = [
      { id: NINA, name: 'Nina Durand', className: '6A' },
      { id: LEA, name: 'Léa Durand', className: '4B' },
    ];
    const g6A = '20000000-0000-4000-8000-000000000006';
    const latin = '20000000-0000-4000-8000-000000000007';
    const list = [
      change({ groupId: latin, groupName: 'Latin 4e', slotCode: 'M1', startsAt: '2026-11-23T07:00:00Z', endsAt: '2026-11-23T07:55:00Z' }),
      change({ groupId: g6A, groupName: '6A', slotCode: 'M4', startsAt: '2026-11-23T10:10:00Z', endsAt: '2026-11-23T11:05:00Z' }),
      change(),
      change({ courseId: COURSE2, slotCode: 'M2', startsAt: '2026-11-23T08:00:00Z', endsAt: '2026-11-23T08:55:00Z' }),
    ];
    const at = (now: string) => changesByGroup(list, students, new Date(now)).map((g) => [g.groupName, g.students.map((s) => s.name), g.changes.map((c) => c.slotCode)]);
    expect(at('2026-11-23T06:00:00Z')).toEqual([
      ['4B', ['Léa Durand'], ['M2', 'S1']],
      ['6A', ['Nina Durand'], ['M4']],
      ['Latin 4e', [], ['M1']],
    ]);
    // by the hub's clock: at the end of M2 (09:55 at school) it drops off, the option group's M1 too
    expect(at('2026-11-23T08:55:00Z')).toEqual([
      ['4B', ['Léa Durand'], ['S1']],
      ['6A', ['Nina Durand'], ['M4']],
    ]);
    expect(at('2026-11-23T14:00:00Z')).toEqual([]);
  });
});

describe('teacher-absence form', () => {
  const preview: CourseChangeDto[] = [
    { ...change(), id: null, originalRoom: 'C03', replacementTeacherId: null },
    { ...change({ courseId: '10000000-0000-4000-8000-000000000002', slotCode: 'S2' }), id: null, originalRoom: null, replacementTeacherId: null },
  ];
  const other = '30000000-0000-4000-8000-000000000009';

  it('starts with every course cancelled and asks what a replacement or a move needs', () => {
    const decisions = initialDecisions(preview);
    expect(decisionProblems(preview, decisions).size).toBe(0);
    decisions.set(occurrenceKey(preview[0]), { disposition: 'replaced', replacementTeacherId: '', room: '' });
    decisions.set(occurrenceKey(preview[1]), { disposition: 'moved', replacementTeacherId: '', room: '  ' });
    expect([...decisionProblems(preview, decisions).values()]).toEqual(['replacement', 'room']);
    decisions.set(occurrenceKey(preview[0]), { disposition: 'replaced', replacementTeacherId: other, room: 'ignored' });
    decisions.set(occurrenceKey(preview[1]), { disposition: 'moved', replacementTeacherId: other, room: ' B14 ' });
    expect(changesPayload(preview, decisions)).toEqual([
      { courseId: COURSE, date: '2026-11-23', change: { disposition: 'replaced', replacementTeacherId: other, room: null } },
      { courseId: '10000000-0000-4000-8000-000000000002', date: '2026-11-23', change: { disposition: 'moved', replacementTeacherId: null, room: 'B14' } },
    ]);
  });

  it('sends a recorded course’s new decision with only what it needs', () => {
    const recorded: CourseChangeDto = { ...change({ disposition: 'replaced', replacementName: 'Claire Moreau' }), id: '60000000-0000-4000-8000-000000000001', originalRoom: 'C03', replacementTeacherId: other };
    const d = decisionOf(recorded);
    expect(d).toEqual({ disposition: 'replaced', replacementTeacherId: other, room: '' });
    expect(changeInput({ ...d, disposition: 'moved', room: ' B14 ' })).toEqual({ disposition: 'moved', replacementTeacherId: null, room: 'B14' });
    // a move without its room goes as such: the hub says what is missing, under the field
    expect(changeInput({ ...d, disposition: 'moved' })).toEqual({ disposition: 'moved', replacementTeacherId: null, room: null });
    expect(changeInput({ ...d, disposition: 'cancelled' })).toEqual({ disposition: 'cancelled', replacementTeacherId: null, room: null });
  });

  it('checks the span before asking the hub', () => {
    expect(spanProblem(null, '2026-11-23T17:00:00Z')).toBe('missing');
    expect(spanProblem('2026-11-23T17:00:00Z', '2026-11-23T08:00:00Z')).toBe('order');
    expect(spanProblem('2026-11-01T08:00:00Z', '2026-12-15T08:00:00Z', 31)).toBe('tooLong');
    expect(spanProblem('2026-11-23T08:00:00Z', '2026-11-23T17:00:00Z')).toBeNull();
  });
});

describe('absences routes and navigation', () => {
  it('reads and writes the absences pages’ hashes', () => {
    const routes: Route[] = [
      { name: 'rollCall' },
      { name: 'rollCall', courseId: COURSE, date: '2026-11-23' },
      { name: 'absences' },
      { name: 'dashboard' },
      { name: 'justifications' },
      { name: 'teacherAbsences' },
    ];
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
    expect(parseRoute('#/appel/pas-un-id/2026-11-23')).toEqual({ name: 'rollCall' });
    expect(parseRoute(`#/appel/${COURSE}/demain`)).toEqual({ name: 'rollCall' });
  });

  it('gives each profile its absences pages, vie scolaire by its function, and keeps the others out', () => {
    expect(absencePages('teacher')).toEqual(['rollCall']);
    expect(absencePages('guardian')).toEqual(['absences']);
    expect(absencePages('student')).toEqual(['absences']);
    expect(absencePages('staff', 'vie_scolaire')).toEqual(['dashboard', 'rollCall', 'justifications', 'teacherAbsences']);
    expect(absencePages('direction')).toEqual(['dashboard', 'rollCall', 'justifications', 'teacherAbsences']);
    expect(absencePages('staff', 'secretariat')).toEqual([]);
    expect(absencePages('admin')).toEqual(['teacherAbsences']);
    // the news pages are unchanged
    expect(navPages('guardian')).toEqual(['feed', 'live']);
    expect(allowedRoute({ name: 'dashboard' }, 'staff', 'secretariat')).toEqual({ name: 'feed' });
    expect(allowedRoute({ name: 'dashboard' }, 'staff', 'vie_scolaire')).toEqual({ name: 'dashboard' });
    expect(allowedRoute({ name: 'rollCall' }, 'guardian')).toEqual({ name: 'feed' });
    expect(allowedRoute({ name: 'absences' }, 'guardian')).toEqual({ name: 'absences' });
  });
});

describe('absences live', () => {
  const me = (profile: string, staffFunction: string | null = null) =>
    ({
      id: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      current: { school: { id: 'x', uai: UAI, name: 'Collège Victor Hugo', timeZone: 'Europe/Paris', branding: { color: '#1d4ed8', logoUrl: null } }, profile, staffFunction },
      memberships: [],
    }) as unknown as MeDto;
  const context = (m: MeDto): EventContext => ({ t, locale: 'fr', timeZone: 'Europe/Paris', now: new Date('2026-11-23T09:20:00Z'), me: m });

  it('puts absence, roll-call and teacher-absence events in words, linking to the right page', () => {
    const guardian = context(me('guardian'));
    const cpe = context(me('staff', 'vie_scolaire'));
    const recorded = formatEvent(event('absence.recorded', { absence: absence() }), guardian);
    expect(recorded).toMatchObject({ icon: 'absence', title: 'Absence signalée\u00a0: Léa Durand (4B)', href: '#/absences' });
    expect(recorded.description).toBe('Absence · lundi 23 novembre · M3 (10:10–11:05) · Mathématiques');
    const ack = formatEvent(event('absence.acknowledged', { absenceId: 'a', guardianId: 'g', guardianName: 'Marc Durand', at: 'x' }, `school:${UAI}:absences`), cpe);
    expect(ack).toMatchObject({ title: 'Marc Durand a pris connaissance d’une absence', href: '#/vie-scolaire', channel: 'Vie scolaire — absences du jour' });
    const occurrence = { groupName: '4B', subject: 'Mathématiques', slotCode: 'M3', rollCall: { submittedAt: 'x', takenByName: 'Claire Moreau', absent: 2, late: 1, excluded: 0 } };
    expect(formatEvent(event('rollcall.submitted', { occurrence }, `school:${UAI}:absences`), cpe)).toMatchObject({
      title: 'Appel fait\u00a0: 4B · Mathématiques (M3)',
      description: 'par Claire Moreau · 2 absents, 1 retard',
    });
    expect(formatEvent(event('absence.justification_submitted', { justificationId: 'j', studentName: 'Léa Durand', absenceIds: ['a', 'b'] }), cpe)).toMatchObject({
      title: 'Justificatif à examiner\u00a0: Léa Durand',
      description: '2 absences',
      href: '#/justificatifs',
    });
    const refused = formatEvent(event('absence.justification_reviewed', { absenceIds: ['a'], studentId: LEA, status: 'unjustified', justification: justification({ decision: 'refused', reviewComment: 'Illisible' }) }), guardian);
    expect(refused).toMatchObject({ title: 'Justification refusée', description: 'Maladie · «\u00a0Illisible\u00a0»' });
    const teacherAway = formatEvent(event('teacher_absence.recorded', { changes: [change({ disposition: 'replaced', replacementName: 'Mme Moreau' }), change()] }), guardian);
    expect(teacherAway.title).toBe('Absence d’enseignant');
    expect(teacherAway.description).toBe('Remplacé par Mme Moreau\u00a0: Histoire-géographie (4B), lundi 23 novembre S1, avec M. Bernard (et 1 autre(s))');
    expect(formatEvent(event('teacher_absence.cancelled', { changes: [change()] }), guardian).description).toContain('Cours maintenu');
    // a payload of another shape still reads as absence activity
    expect(formatEvent(event('absence.recorded', { nope: 1 }), guardian).title).toBe('Nouvelle activité\u00a0: absences');
  });

  it('hands the pages the domain’s events and keeps vie scolaire’s pending count fresh', async () => {
    vi.useFakeTimers();
    try {
      const get = vi.fn(async () => [{}, {}, {}]);
      const store = new AbsencesStore({ get } as never, UAI, { reviews: true });
      const seen: string[] = [];
      const counts: Array<number | null> = [];
      store.onEvent((e) => seen.push(e.type));
      store.onPendingCount((c) => counts.push(c));
      store.handle(event('news.published', {}));
      store.handle(event('rollcall.submitted', {}));
      store.handle(event('absence.justification_submitted', {}));
      store.handle(event('absence.justification_submitted', {}));
      expect(seen).toEqual(['rollcall.submitted', 'absence.justification_submitted', 'absence.justification_submitted']);
      await vi.advanceTimersByTimeAsync(500);
      // one reload for the burst
      expect(get).toHaveBeenCalledTimes(1);
      expect(get).toHaveBeenCalledWith(`/schools/${UAI}/absences/justifications`);
      expect(store.pendingCount).toBe(3);
      store.setPending(2);
      expect(counts).toEqual([3, 2]);
      const resynced = vi.fn();
      store.onResync(resynced);
      store.resync();
      expect(resynced).toHaveBeenCalledOnce();
      store.reset(UAI, { reviews: false });
      expect(store.pendingCount).toBeNull();
      await store.refreshPending();
      expect(get).toHaveBeenCalledTimes(2); // the resync's, not the reset's
    } finally {
      vi.useRealTimers();
    }
    expect(['absence.recorded', 'rollcall.submitted', 'teacher_absence.updated'].every(isAbsenceEvent)).toBe(true);
    expect(isAbsenceEvent('board.updated')).toBe(false);
  });
});
