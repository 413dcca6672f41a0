import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive } from '../helpers/socket-client';
import { createPerson } from '../helpers/factories';
import { signIn } from '../helpers/http-client';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { absencesSchool, MONDAY_M3, type AbsencesSchool } from './absences-setup';

let hub: TestHub;
let s: AbsencesSchool;
const clock = new TestClock();
const api = (path = '') => `/api/schools/${s.school.uai}/absences${path}`;

beforeAll(async () => {
  hub = await startTestHub({ clock });
  s = await absencesSchool(hub.database.db, hub.url);
  clock.setTo(MONDAY_M3);
});
afterAll(() => hub?.close());

describe('periods recorded by vie scolaire, and who sees what', () => {
  it('vie scolaire records a day for two students; each family is alerted; out-of-range dates and strangers are refused', async () => {
    const sophie = connectLive(hub.url, s.sessions.sophie.cookie);
    await sophie.channels;
    const day = { startsAt: '2026-11-24T07:00:00Z', endsAt: '2026-11-24T16:30:00Z' };
    const res = await s.sessions.cpe.request(api('/periods'), { method: 'POST', json: { studentIds: [s.people.lea.id, s.people.hugo.id], ...day, note: 'Sortie non autorisée' } });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.map((a: any) => a.studentName).sort()).toEqual(['Hugo Petit', 'Léa Durand']);
    await sophie.waitFor((e) => e.some((x) => x.type === 'absence.recorded'));
    expect(JSON.stringify(sophie.delivered)).not.toContain('Sortie non autorisée'); // the staff note stays with staff

    const count = async () => (await hub.database.executeSql('select count(*)::int as n from absences where school_id = $1', [s.school.id])).rows[0].n;
    const before = await count();
    const post = (json: object) => s.sessions.cpe.request(api('/periods'), { method: 'POST', json });
    expect((await post({ studentIds: [s.people.lea.id], startsAt: '2026-11-24T16:00:00Z', endsAt: '2026-11-24T08:00:00Z' })).status).toBe(400);
    expect((await post({ studentIds: [s.people.lea.id], startsAt: '2026-11-24T08:00:00Z', endsAt: '2027-01-30T08:00:00Z' })).status).toBe(400);
    expect((await post({ studentIds: [s.people.lea.id], startsAt: '2024-09-02T08:00:00Z', endsAt: '2024-09-02T16:00:00Z' })).status).toBe(400);
    expect((await post({ studentIds: [s.people.lea.id], startsAt: '2027-03-01T08:00:00Z', endsAt: '2027-03-01T16:00:00Z' })).status).toBe(400);
    const stranger = await post({ studentIds: [s.people.tom.id], ...day });
    expect(stranger.status).toBe(400);
    expect((await stranger.json()).error.details).toEqual([{ path: 'studentIds.0', message: 'élève inconnu' }]);
    expect((await s.sessions.teacher.request(api('/periods'), { method: 'POST', json: { studentIds: [s.people.lea.id], ...day } })).status).toBe(403);
    expect(await count()).toBe(before);

    // removal is a correction the family hears about
    const hugoAbsence = created.find((a: any) => a.studentName === 'Hugo Petit');
    expect((await s.sessions.cpe.request(api(`/${hugoAbsence.id}`), { method: 'DELETE' })).status).toBe(204);
    await sophie.waitFor((e) => e.some((x) => x.type === 'absence.removed'));
    expect((await s.sessions.sophie.request(api(`/${hugoAbsence.id}`))).status).toBe(404);
    sophie.close();
  });

  it('student: own; guardian: own children here; teacher: their groups; vie scolaire and direction: all; others: 403', async () => {
    const names = async (who: string, query = '') => {
      const res = await s.sessions[who].request(api(query));
      return res.status === 200 ? ((await res.json()) as any[]).map((a) => a.studentName).sort() : res.status;
    };
    expect(await names('lea')).toEqual(['Léa Durand']);
    expect(await names('hugo')).toEqual([]);
    expect(await names('julie')).toEqual(['Léa Durand']);
    expect(await names('sophie')).toEqual([]);
    expect(await names('colleague')).toEqual(['Léa Durand']); // teaches 4B only
    expect(await names('teacher')).toEqual(['Léa Durand']); // teaches 4B and 3A: Hugo's was removed
    expect(await names('cpe')).toEqual(['Léa Durand']);
    expect(await names('direction')).toEqual(['Léa Durand']);
    expect(await names('secretariat')).toBe(403);
    const admin = await signIn(hub.url, (await createPerson(hub.database.db, s.school.id, 'admin')).login);
    expect((await admin.request(api())).status).toBe(403);
    // a student's filter cannot widen what a guardian sees
    expect(await names('sophie', `?studentId=${s.people.lea.id}`)).toEqual([]);
    const [lea] = await (await s.sessions.cpe.request(api())).json();
    expect((await s.sessions.sophie.request(api(`/${lea.id}`))).status).toBe(403);
    expect((await s.sessions.hugo.request(api(`/${lea.id}`))).status).toBe(403);
    // notes and notices are for staff
    const asGuardian = await (await s.sessions.julie.request(api(`/${lea.id}`))).json();
    expect(asGuardian.note).toBeUndefined();
    expect(asGuardian.notices).toBeUndefined();
    // dashboard and review queue: vie scolaire and direction only
    for (const who of ['teacher', 'julie', 'lea', 'secretariat']) {
      expect((await s.sessions[who].request(api('/dashboard'))).status).toBe(403);
    }
    const dash = await (await s.sessions.direction.request(api('/dashboard?date=2026-11-24'))).json();
    expect(dash.absences.map((a: any) => a.studentName)).toEqual(['Léa Durand']);
  });

  it('a family account lists the students it follows here: a guardian’s children of this school, a student themselves', async () => {
    const list = async (who: string) => (await (await s.sessions[who].request(api('/students'))).json()).map((x: any) => `${x.name} ${x.className}`);
    expect(await list('julie')).toEqual(['Léa Durand 4B']); // not Tom, in the other school
    expect(await list('sophie')).toEqual(['Hugo Petit 3A']);
    expect(await list('lea')).toEqual(['Léa Durand 4B']);
    for (const who of ['teacher', 'cpe']) expect((await s.sessions[who].request(api('/students'))).status).toBe(403);
  });

  it('the vie scolaire dashboard lists the day’s courses with their roll-call state', async () => {
    const dash = await (await s.sessions.cpe.request(api('/dashboard'))).json();
    expect(dash.date).toBe('2026-11-23');
    expect(Math.abs(Date.parse(dash.now) - clock.now().getTime())).toBeLessThan(5000);
    expect(dash.occurrences.map((o: any) => `${o.slotCode} ${o.groupName}`)).toEqual(['M3 4B', 'S1 4B']); // 3A's M4 is week A only
    expect(dash.occurrences.every((o: any) => o.rollCall === null)).toBe(true);
    await s.sessions.teacher.request(`/api/schools/${s.school.uai}/roll-calls/${s.courses.maths4B.id}/2026-11-23`, { method: 'PUT', json: { marks: [] } });
    const after = await (await s.sessions.cpe.request(api('/dashboard'))).json();
    expect(after.occurrences[0].rollCall).toMatchObject({ absent: 0, takenByName: 'Claire Moreau' });
  });
});
