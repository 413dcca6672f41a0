import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courses, people as peopleTable } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { channels } from '../../server/contracts/channels';
import { connectLive } from '../helpers/socket-client';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { absencesSchool, MONDAY, type AbsencesSchool } from './absences-setup';

let hub: TestHub;
let s: AbsencesSchool;
const clock = new TestClock();

beforeAll(async () => {
  hub = await startTestHub({ clock });
  s = await absencesSchool(hub.database.db, hub.url);
  await hub.database.db.update(peopleTable).set({ civility: 'mme' }).where(eq(peopleTable.id, s.people.teacher.id));
});
afterAll(() => hub?.close());

const base = () => `/api/schools/${s.school.uai}`;

describe('teacher absences and the board', () => {
  it('affected courses come from the timetable, A/B weeks included; confirmed changes reach groups and the board without reasons', async () => {
    clock.setTo('2026-11-23T06:30:00Z'); // Monday 07:30, before the first slot
    // Mme Moreau away Monday (week B) and the following Monday (week A)
    const span = { teacherId: s.people.teacher.id, startsAt: '2026-11-23T07:00:00Z', endsAt: '2026-11-30T17:00:00Z' };
    const preview = await (await s.sessions.cpe.request(`${base()}/teacher-absences/preview`, { method: 'POST', json: span })).json();
    expect(preview.map((c: any) => `${c.date} ${c.slotCode} ${c.groupName}`)).toEqual([
      '2026-11-23 M3 4B',
      // 3A's week-A course is not on the 23rd (week B) but is on the 30th (week A)
      '2026-11-30 M3 4B',
      '2026-11-30 M4 3A',
    ]);
    expect(preview.every((c: any) => c.disposition === 'cancelled')).toBe(true);

    const leaGuardian = connectLive(hub.url, s.sessions.marc.cookie);
    const hugoGuardian = connectLive(hub.url, s.sessions.sophie.cookie);
    const board = connectLive(hub.url, s.sessions.lea.cookie);
    await Promise.all([leaGuardian.channels, hugoGuardian.channels, board.channels]);
    expect((await board.socket.emitWithAck('subscribe', channels.board(s.school.uai))).ok).toBe(true);

    const created = await s.sessions.cpe.request(`${base()}/teacher-absences`, {
      method: 'POST',
      json: {
        ...span,
        reason: 'Arrêt maladie — confidentiel',
        changes: [{ courseId: s.courses.maths4B.id, date: MONDAY, change: { disposition: 'replaced', replacementTeacherId: s.people.colleague.id } }],
      },
    });
    expect(created.status).toBe(201);
    const absence = await created.json();
    expect(absence.changes.map((c: any) => c.disposition)).toEqual(['replaced', 'cancelled', 'cancelled']);

    await leaGuardian.waitFor((e) => e.some((x) => x.type === 'teacher_absence.recorded'));
    const forFamily = leaGuardian.delivered.find((x) => x.type === 'teacher_absence.recorded')!;
    expect(forFamily.channel).toBe(channels.groupProfile(s.school.uai, s.c4B.id, 'guardian'));
    expect((forFamily.data as any).changes[0]).toMatchObject({ teacherName: 'Mme Moreau', disposition: 'replaced', replacementName: 'P. Bernard', subject: 'Mathématiques' });
    await hugoGuardian.waitFor((e) => e.some((x) => x.type === 'teacher_absence.recorded'));
    await board.waitFor((e) => e.some((x) => x.type === 'board.updated'));
    const everything = JSON.stringify([...leaGuardian.delivered, ...hugoGuardian.delivered, ...board.delivered]);
    expect(everything).not.toContain('Arrêt maladie');

    // families can also load the changes of their groups (a page opened later)
    const forMarc = await (await s.sessions.marc.request(`${base()}/absences/course-changes`)).json();
    expect(forMarc.map((c: any) => `${c.date} ${c.groupName} ${c.disposition}`)).toEqual(['2026-11-23 4B replaced', '2026-11-30 4B cancelled']);
    const forSophie = await (await s.sessions.sophie.request(`${base()}/absences/course-changes`)).json();
    expect(forSophie.map((c: any) => `${c.date} ${c.groupName}`)).toEqual(['2026-11-30 3A']);
    expect(JSON.stringify(forMarc)).not.toContain('Arrêt maladie');
    expect((await s.sessions.teacher.request(`${base()}/absences/course-changes`)).status).toBe(403);

    const snapshot = await (await s.sessions.lea.request(`${base()}/board`)).json();
    expect(snapshot.today.slots.map((x: any) => x.code)).toEqual(['M3']);
    expect(snapshot.today.slots[0].items[0]).toMatchObject({ groupName: '4B', teacherName: 'Mme Moreau', status: 'replaced', replacementName: 'P. Bernard' });
    expect(snapshot.tomorrow.slots).toEqual([]);
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain('Arrêt maladie');
    expect(text).not.toContain('Léa');
    expect(text).not.toContain(s.people.lea.id);
    expect(snapshot.seq).toBeGreaterThan(0);

    // the replacing colleague takes that roll call; the absent teacher no longer can
    clock.setTo('2026-11-23T09:15:00Z');
    const sheet = `${base()}/roll-calls/${s.courses.maths4B.id}/${MONDAY}`;
    expect((await s.sessions.colleague.request(sheet)).status).toBe(200);
    expect((await s.sessions.teacher.request(sheet)).status).toBe(403);
    for (const l of [leaGuardian, hugoGuardian, board]) l.close();
  });

  it('the name format is the school’s; items leave the board when their slot ends', async () => {
    clock.setTo('2026-11-23T09:15:00Z');
    expect((await s.sessions.cpe.request(`${base()}/absences/settings`, { method: 'PATCH', json: { boardNameFormat: 'initials' } })).status).toBe(403);
    const set = await s.sessions.direction.request(`${base()}/absences/settings`, { method: 'PATCH', json: { boardNameFormat: 'civility_initial' } });
    expect(await set.json()).toMatchObject({ boardNameFormat: 'civility_initial' });
    const during = await (await s.sessions.lea.request(`${base()}/board`)).json();
    expect(during.today.slots[0].items[0]).toMatchObject({ teacherName: 'Mme M.', replacementName: 'P. B.' });

    clock.setTo('2026-11-23T10:05:01Z'); // 11:05:01 in Paris: M3 is over
    const after = await (await s.sessions.lea.request(`${base()}/board`)).json();
    expect(after.today.slots).toEqual([]);
  });

  it('cancelling the absence clears the board and tells the groups; bad input is refused', async () => {
    clock.setTo('2026-11-23T06:30:00Z');
    const [absence] = await (await s.sessions.direction.request(`${base()}/teacher-absences`)).json();
    expect(absence.reason).toBe('Arrêt maladie — confidentiel');
    const guardian = connectLive(hub.url, s.sessions.sophie.cookie);
    await guardian.channels;
    expect((await s.sessions.teacher.request(`${base()}/teacher-absences/${absence.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await s.sessions.direction.request(`${base()}/teacher-absences/${absence.id}`, { method: 'DELETE' })).status).toBe(204);
    await guardian.waitFor((e) => e.some((x) => x.type === 'teacher_absence.cancelled'));
    const snapshot = await (await s.sessions.lea.request(`${base()}/board`)).json();
    expect(snapshot.today.slots).toEqual([]);

    const bad = async (json: object) => (await s.sessions.cpe.request(`${base()}/teacher-absences`, { method: 'POST', json })).status;
    expect(await bad({ teacherId: s.people.teacher.id, startsAt: '2026-11-24T07:00:00Z', endsAt: '2026-11-23T07:00:00Z' })).toBe(400);
    expect(await bad({ teacherId: s.people.teacher.id, startsAt: '2026-11-23T07:00:00Z', endsAt: '2027-06-30T07:00:00Z' })).toBe(400);
    expect(await bad({ teacherId: s.people.lea.id, startsAt: '2026-11-23T07:00:00Z', endsAt: '2026-11-23T17:00:00Z' })).toBe(400);
    expect(
      await bad({
        teacherId: s.people.teacher.id,
        startsAt: '2026-11-23T07:00:00Z',
        endsAt: '2026-11-23T17:00:00Z',
        changes: [{ courseId: s.courses.maths4B.id, date: MONDAY, change: { disposition: 'replaced', replacementTeacherId: s.people.teacher.id } }],
      }),
    ).toBe(400);
    const left = await hub.database.executeSql('select count(*)::int as n from teacher_absences where school_id = $1 and cancelled_at is null', [s.school.id]);
    expect(left.rows[0].n).toBe(0);
    guardian.close();

    // a cancelled course shows its sheet, closed, and takes no roll call
    const away = await s.sessions.cpe.request(`${base()}/teacher-absences`, {
      method: 'POST',
      json: { teacherId: s.people.colleague.id, startsAt: '2026-11-23T12:00:00Z', endsAt: '2026-11-23T17:00:00Z' },
    });
    expect(away.status).toBe(201);
    clock.setTo('2026-11-23T12:40:00Z');
    const sheet = `${base()}/roll-calls/${s.courses.history4B.id}/${MONDAY}`;
    expect(await (await s.sessions.colleague.request(sheet)).json()).toMatchObject({ open: false, occurrence: { change: { disposition: 'cancelled' } } });
    const put = await s.sessions.colleague.request(sheet, { method: 'PUT', json: { marks: [] } });
    expect(put.status).toBe(409);
  });

  it('a colleague who teaches at that time cannot be the replacement', async () => {
    clock.setTo('2026-11-23T06:30:00Z');
    const slots = await hub.database.executeSql('select id from timetable_slots where school_id = $1 and code = $2', [s.school.id, 'M3']);
    await hub.database.db.insert(courses).values({ schoolId: s.school.id, groupId: s.c3A.id, teacherId: s.people.colleague.id, subject: 'Physique', weekday: 1, slotId: slots.rows[0].id });
    const res = await s.sessions.cpe.request(`${base()}/teacher-absences`, {
      method: 'POST',
      json: {
        teacherId: s.people.teacher.id,
        startsAt: '2026-11-23T07:00:00Z',
        endsAt: '2026-11-23T11:00:00Z',
        changes: [{ courseId: s.courses.maths4B.id, date: MONDAY, change: { disposition: 'replaced', replacementTeacherId: s.people.colleague.id } }],
      },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toContain('M3, 3A');
    const active = await hub.database.executeSql('select count(*)::int as n from teacher_absences where school_id = $1 and teacher_id = $2 and cancelled_at is null', [s.school.id, s.people.teacher.id]);
    expect(active.rows[0].n).toBe(0);
  });
});
