import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekTypeOf } from '../../server/modules/timetable/week-type';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { absencesSchool, MONDAY_M3, type AbsencesSchool } from '../absences/absences-setup';

let hub: TestHub;
let s: AbsencesSchool;
const clock = new TestClock();
const api = (path = '') => `/api/schools/${s.school.uai}/timetable${path}`;

beforeAll(async () => {
  hub = await startTestHub({ clock });
  s = await absencesSchool(hub.database.db, hub.url);
  clock.setTo(MONDAY_M3);
});
afterAll(() => hub?.close());

describe('week A/B', () => {
  it('alternates weekly from the school’s reference Monday, both ways', () => {
    expect(weekTypeOf('2026-11-16', '2026-11-16')).toBe('A');
    expect(weekTypeOf('2026-11-22', '2026-11-16')).toBe('A'); // the Sunday of that week
    expect(weekTypeOf('2026-11-23', '2026-11-16')).toBe('B');
    expect(weekTypeOf('2026-11-30', '2026-11-16')).toBe('A');
    expect(weekTypeOf('2026-11-09', '2026-11-16')).toBe('B');
    expect(weekTypeOf('2026-11-23', null)).toBeNull();
  });
});

describe('timetable API', () => {
  it('teachers and staff read it; families do not', async () => {
    const t = await (await s.sessions.teacher.request(api())).json();
    expect(t.slots.map((x: any) => x.code)).toEqual(['M1', 'M2', 'M3', 'M4', 'S1']);
    expect(t.courses).toHaveLength(3);
    expect(t.weekAStart).toBe('2026-11-16');
    for (const who of ['marc', 'lea']) expect((await s.sessions[who].request(api())).status).toBe(403);
  });

  it('a teacher’s day: own courses on this date, with the hub’s now', async () => {
    const day = await (await s.sessions.teacher.request(api('/day'))).json();
    expect(day.date).toBe('2026-11-23');
    expect(Math.abs(Date.parse(day.now) - clock.now().getTime())).toBeLessThan(5000); // the hub's clock, not the machine's
    expect(day.occurrences.map((o: any) => `${o.slotCode} ${o.groupName} ${o.startsAt}`)).toEqual(['M3 4B 2026-11-23T09:10:00.000Z']);
    const school = await (await s.sessions.cpe.request(api('/day?scope=school&date=2026-11-16'))).json();
    expect(school.occurrences.map((o: any) => `${o.slotCode} ${o.groupName}`)).toEqual(['M3 4B', 'M4 3A', 'S1 4B']);
  });

  it('direction edits slots and courses; double bookings and foreign ids are refused', async () => {
    const t = await (await s.sessions.direction.request(api())).json();
    const m1 = t.slots.find((x: any) => x.code === 'M1');
    const course = { groupId: s.c3A.id, teacherId: s.people.colleague.id, subject: 'Anglais', weekday: 2, slotId: m1.id, room: 'A01' };
    expect((await s.sessions.teacher.request(api('/courses'), { method: 'POST', json: course })).status).toBe(403);
    const created = await s.sessions.direction.request(api('/courses'), { method: 'POST', json: course });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const clash = await s.sessions.direction.request(api('/courses'), { method: 'POST', json: { ...course, groupId: s.c4B.id } });
    expect(clash.status).toBe(409);
    expect((await clash.json()).error.message).toContain('L’enseignant');
    // alternating weeks do not clash with each other
    const a = await s.sessions.direction.request(api('/courses'), { method: 'POST', json: { ...course, weekday: 3, week: 'A' } });
    const b = await s.sessions.direction.request(api('/courses'), { method: 'POST', json: { ...course, weekday: 3, week: 'B', subject: 'Espagnol' } });
    expect([a.status, b.status]).toEqual([201, 201]);
    const foreign = await s.sessions.direction.request(api('/courses'), { method: 'POST', json: { ...course, weekday: 4, teacherId: s.people.lea.id } });
    expect(foreign.status).toBe(400);
    expect((await foreign.json()).error.details).toEqual([{ path: 'teacherId', message: 'enseignant inconnu dans cet établissement' }]);
    expect((await s.sessions.direction.request(api(`/courses/${id}`), { method: 'PUT', json: { ...course, room: 'A02' } })).status).toBe(204);
    expect((await s.sessions.direction.request(api(`/courses/${id}`), { method: 'DELETE' })).status).toBe(204);
    expect((await s.sessions.direction.request(api(`/courses/${id}`), { method: 'DELETE' })).status).toBe(404);

    // a slot still used cannot go; overlapping slots are refused
    const slots = t.slots.map(({ code, startTime, endTime }: any) => ({ code, startTime, endTime }));
    const dropM3 = await s.sessions.direction.request(api('/slots'), { method: 'PUT', json: { slots: slots.filter((x: any) => x.code !== 'M3') } });
    expect(dropM3.status).toBe(409);
    const overlap = await s.sessions.direction.request(api('/slots'), { method: 'PUT', json: { slots: [...slots, { code: 'M5', startTime: '11:00', endTime: '11:30' }] } });
    expect(overlap.status).toBe(400);
    const moved = await s.sessions.direction.request(api('/slots'), { method: 'PUT', json: { slots: slots.map((x: any) => (x.code === 'S1' ? { ...x, startTime: '13:35' } : x)) } });
    expect(moved.status).toBe(200);
    expect((await moved.json()).slots.find((x: any) => x.code === 'S1').startTime).toBe('13:35');

    expect((await s.sessions.direction.request(api('/settings'), { method: 'PATCH', json: { weekAStart: '2026-11-17' } })).status).toBe(400);
    expect((await s.sessions.direction.request(api('/settings'), { method: 'PATCH', json: { weekAStart: '2026-11-23' } })).status).toBe(204);
    expect((await (await s.sessions.direction.request(api())).json()).weekAStart).toBe('2026-11-23');
  });

  it('imports the timetable CSV files over HTTP: a dry run, then for real; a bad file imports nothing', async () => {
    const post = (who: string, kind: string, csv: string, dryRun = '0') =>
      s.sessions[who].request(api(`/imports?kind=${kind}&dryRun=${dryRun}`), { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    const slots = 'code;debut;fin\nM1;08:00;08:55\nM2;09:00;09:55\nM3;10:10;11:05\nM4;11:10;12:05\nS1;13:35;14:25\nS2;14:30;15:25\n';
    expect((await post('teacher', 'slots', slots)).status).toBe(403);
    const dry = await post('direction', 'slots', slots, '1');
    expect(await dry.json()).toMatchObject({ dryRun: true, created: 1 });
    expect((await (await s.sessions.direction.request(api())).json()).slots).toHaveLength(5);
    const real = await post('direction', 'slots', slots);
    expect(await real.json()).toMatchObject({ applied: true, created: 1 });
    const bad = await post('direction', 'courses', 'classe;matiere;enseignant;jour;creneau\n4B;Maths;inconnu;lundi;M9\n');
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.error.code).toBe('import_invalid');
    expect(body.error.details.errors.length).toBeGreaterThan(0);
    expect((await post('direction', 'nope', slots)).status).toBe(400);
  });
});
