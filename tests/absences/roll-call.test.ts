import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../server/contracts/channels';
import { connectLive } from '../helpers/socket-client';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { absencesSchool, MONDAY, MONDAY_M3, type AbsencesSchool } from './absences-setup';

let hub: TestHub;
let s: AbsencesSchool;
const clock = new TestClock();
beforeAll(async () => {
  hub = await startTestHub({ clock });
  s = await absencesSchool(hub.database.db, hub.url);
});
afterAll(() => hub?.close());

const sheetPath = () => `/api/schools/${s.school.uai}/roll-calls/${s.courses.maths4B.id}/${MONDAY}`;

describe('roll call and guardian alerts', () => {
  it('alerts each legal guardian live (one of them also a parent in another school); not the teacher, not other guardians', async () => {
    clock.setTo(MONDAY_M3);
    const lives = Object.fromEntries(
      ['marc', 'julie', 'sophie', 'teacher', 'cpe'].map((k) => [k, connectLive(hub.url, s.sessions[k].cookie)]),
    );
    await Promise.all(Object.values(lives).map((l) => l.channels));
    expect(await lives.cpe.channels).toContain(channels.absences(s.school.uai));
    expect(await lives.teacher.channels).not.toContain(channels.absences(s.school.uai));

    const sheet = await (await s.sessions.teacher.request(sheetPath())).json();
    expect(sheet).toMatchObject({ open: true, submittedAt: null, occurrence: { subject: 'Mathématiques', groupName: '4B', slotCode: 'M3', rollCall: null } });
    expect(sheet.students.map((x: any) => x.firstName)).toEqual(['Léa']);

    const res = await s.sessions.teacher.request(sheetPath(), { method: 'PUT', json: { marks: [{ studentId: s.people.lea.id, kind: 'absent' }] } });
    expect(res.status).toBe(200);
    expect((await res.json()).students[0].mark).toEqual({ kind: 'absent', lateMinutes: null });

    for (const k of ['marc', 'julie']) {
      await lives[k].waitFor((e) => e.some((x) => x.type === 'absence.recorded'));
      const event = lives[k].delivered.find((x) => x.type === 'absence.recorded')!;
      expect(event.channel).toBe(channels.user(s.people[k as 'marc'].id));
      expect(event.data).toMatchObject({ absence: { studentName: 'Léa Durand', kind: 'absent', className: '4B', justificationStatus: 'unjustified', acknowledgedAt: null } });
      expect((event.data as any).absence.notices).toBeUndefined();
    }
    await lives.cpe.waitFor((e) => e.some((x) => x.type === 'rollcall.submitted') && e.some((x) => x.type === 'absence.recorded'));
    const staffView = lives.cpe.delivered.find((x) => x.type === 'absence.recorded')!.data as any;
    expect(staffView.absence.notices.map((n: any) => n.guardianName).sort()).toEqual(['Julie Lefèvre', 'Marc Durand']);
    const submitted = lives.cpe.delivered.find((x) => x.type === 'rollcall.submitted')!.data as any;
    expect(submitted.occurrence.rollCall).toMatchObject({ absent: 1, late: 0, takenByName: 'Claire Moreau' });

    await new Promise((r) => setTimeout(r, 150));
    expect(lives.teacher.delivered.filter((x) => x.type.startsWith('absence.'))).toEqual([]);
    expect(lives.sophie.delivered.filter((x) => x.type.startsWith('absence.'))).toEqual([]);
    Object.values(lives).forEach((l) => l.close());
  });

  it('a correction sends a correction, a removal sends a removal, an unchanged resubmission sends nothing', async () => {
    clock.setTo(MONDAY_M3);
    const marc = connectLive(hub.url, s.sessions.marc.cookie);
    await marc.channels;
    const put = (marks: object[]) => s.sessions.teacher.request(sheetPath(), { method: 'PUT', json: { marks } });

    expect((await put([{ studentId: s.people.lea.id, kind: 'late', lateMinutes: 10 }])).status).toBe(200);
    await marc.waitFor((e) => e.some((x) => x.type === 'absence.corrected'));
    expect(marc.delivered.find((x) => x.type === 'absence.corrected')!.data).toMatchObject({ absence: { kind: 'late', lateMinutes: 10 } });

    expect((await put([{ studentId: s.people.lea.id, kind: 'late', lateMinutes: 10 }])).status).toBe(200);
    expect((await put([])).status).toBe(200);
    await marc.waitFor((e) => e.some((x) => x.type === 'absence.removed'));
    expect(marc.delivered.map((x) => x.type)).toEqual(['absence.corrected', 'absence.removed']);
    const list = await (await s.sessions.marc.request(`/api/schools/${s.school.uai}/absences`)).json();
    expect(list).toEqual([]);

    // marked again: a new alert for the same row
    expect((await put([{ studentId: s.people.lea.id, kind: 'absent' }])).status).toBe(200);
    await marc.waitFor((e) => e.some((x) => x.type === 'absence.recorded'));
    marc.close();
  });

  it('refuses a course that is not the teacher’s, students outside the group, closed or out-of-range dates — storing nothing', async () => {
    clock.setTo(MONDAY_M3);
    const before = await hub.database.executeSql('select count(*)::int as n from absences where school_id = $1', [s.school.id]);
    const body = { marks: [{ studentId: s.people.lea.id, kind: 'absent' }] };
    const other = await s.sessions.colleague.request(sheetPath(), { method: 'PUT', json: body });
    expect(other.status).toBe(403);

    const stranger = await s.sessions.teacher.request(sheetPath(), { method: 'PUT', json: { marks: [{ studentId: s.people.hugo.id, kind: 'absent' }] } });
    expect(stranger.status).toBe(400);
    expect((await stranger.json()).error).toMatchObject({ code: 'validation_failed', details: [{ path: 'marks.0.studentId', message: 'élève hors du groupe' }] });

    const lateWithoutMinutes = await s.sessions.teacher.request(sheetPath(), { method: 'PUT', json: { marks: [{ studentId: s.people.lea.id, kind: 'late' }] } });
    expect(lateWithoutMinutes.status).toBe(400);

    const future = await s.sessions.teacher.request(`/api/schools/${s.school.uai}/roll-calls/${s.courses.maths4B.id}/2026-11-30`, { method: 'PUT', json: body });
    expect(future.status).toBe(400);
    expect((await future.json()).error.details[0].path).toBe('date');
    const badDate = await s.sessions.teacher.request(`/api/schools/${s.school.uai}/roll-calls/${s.courses.maths4B.id}/2026-02-30`, { method: 'PUT', json: body });
    expect(badDate.status).toBe(400);
    const notThatDay = await s.sessions.teacher.request(`/api/schools/${s.school.uai}/roll-calls/${s.courses.maths4B.id}/2026-11-17`, { method: 'PUT', json: body });
    expect(notThatDay.status).toBe(404);

    // after the course the teacher can no longer correct; vie scolaire can
    clock.setTo('2026-11-23T10:30:00Z');
    const closed = await s.sessions.teacher.request(sheetPath(), { method: 'PUT', json: body });
    expect(closed.status).toBe(409);
    expect((await closed.json()).error.code).toBe('roll_call_closed');
    const after = await hub.database.executeSql('select count(*)::int as n from absences where school_id = $1', [s.school.id]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const byCpe = await s.sessions.cpe.request(sheetPath(), { method: 'PUT', json: body });
    expect(byCpe.status).toBe(200);
  });

  it('A/B weeks: the week-A course takes place (and has a sheet) on week-A Mondays only', async () => {
    clock.setTo(MONDAY_M3);
    // the school's week A starts on 16 November: the 16th is week A, the 23rd week B
    const weekB = await s.sessions.teacher.request(`/api/schools/${s.school.uai}/roll-calls/${s.courses.maths3A.id}/${MONDAY}`);
    expect(weekB.status).toBe(404);
    const weekA = await s.sessions.teacher.request(`/api/schools/${s.school.uai}/roll-calls/${s.courses.maths3A.id}/2026-11-16`);
    expect(weekA.status).toBe(200);
    expect(await weekA.json()).toMatchObject({ open: false, occurrence: { slotCode: 'M4', date: '2026-11-16' } });
  });
});
