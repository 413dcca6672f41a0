import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { channels } from '../../server/contracts/channels';
import { REPLAY_LIMIT } from '../../server/contracts/events';
import { inTransaction } from '../../server/platform/outbox';
import { createPerson, createSchool } from '../helpers/factories';
import { signIn } from '../helpers/http-client';
import { openTestDatabase } from '../helpers/db';
import { connectLive } from '../helpers/socket-client';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('live events and replay', () => {
  it('delivers an event live, and after a hub restart replays what was missed exactly once, in order', async () => {
    let hub: TestHub = await startTestHub({ database });
    const school = await createSchool(database.db);
    const teacher = await createPerson(database.db, school.id, 'teacher');
    const direction = await createPerson(database.db, school.id, 'direction');
    const teacherSession = await signIn(hub.url, teacher.login);
    let directionSession = await signIn(hub.url, direction.login);
    const rename = (name: string) =>
      directionSession.request(`/api/schools/${school.uai}`, { method: 'PATCH', json: { name } }).then((r) => expect(r.status).toBe(200));
    const schoolChannel = channels.school(school.uai);

    // as a browser does: long-polling first, then upgrade
    const first = connectLive(hub.url, teacherSession.cookie, {}, { transports: ['polling', 'websocket'] });
    expect(await first.channels).toContain(schoolChannel);
    await rename('Nom 1');
    await first.waitFor((e) => e.length === 1);
    expect(first.delivered[0]).toMatchObject({ channel: schoolChannel, seq: 1, type: 'school.updated', data: { school: { name: 'Nom 1' } } });
    const cursors = first.cursors.snapshot();
    first.close();

    // missed while disconnected, then the hub restarts, then one more after the restart
    await rename('Nom 2');
    await rename('Nom 3');
    await hub.close();
    hub = await startTestHub({ database });
    directionSession = await signIn(hub.url, direction.login);
    await rename('Nom 4');

    const second = connectLive(hub.url, teacherSession.cookie, cursors);
    await second.waitFor((e) => e.length >= 3);
    await rename('Nom 5');
    await second.waitFor((e) => e.length >= 4);
    await new Promise((r) => setTimeout(r, 300));
    expect(second.delivered.map((e) => [e.seq, (e.data as any).school.name])).toEqual([
      [2, 'Nom 2'],
      [3, 'Nom 3'],
      [4, 'Nom 4'],
      [5, 'Nom 5'],
    ]);
    expect(second.resyncs).toEqual([]);
    second.close();
    await hub.close();
  });

  it('answers resync when more than the replay limit was missed', async () => {
    const hub = await startTestHub({ database });
    const school = await createSchool(database.db);
    const student = await createPerson(database.db, school.id, 'student');
    const session = await signIn(hub.url, student.login);
    const channel = channels.user(student.id);
    await inTransaction({ db: database.db }, async ({ emit }) => {
      for (let i = 0; i < REPLAY_LIMIT + 2; i++) await emit(channel, 'membership.changed', { uai: school.uai, active: true });
    });
    const live = connectLive(hub.url, session.cookie, { [channel]: 1 });
    await live.channels;
    await new Promise((r) => setTimeout(r, 500));
    expect(live.resyncs).toEqual([{ channel, seq: REPLAY_LIMIT + 2, reason: 'too_many_missed' }]);
    expect(live.raw.filter((e) => e.channel === channel).length).toBe(0);
    live.close();

    const near = connectLive(hub.url, session.cookie, { [channel]: REPLAY_LIMIT });
    await near.waitFor((e) => e.length === 2);
    expect(near.delivered.map((e) => e.seq)).toEqual([REPLAY_LIMIT + 1, REPLAY_LIMIT + 2]);
    near.close();
    await hub.close();
  });

  it('relays events committed without a live node (a crash after commit, a CLI write)', async () => {
    const hub = await startTestHub({ database, sweepGraceMs: 500 });
    const school = await createSchool(database.db);
    const staff = await createPerson(database.db, school.id, 'staff');
    const session = await signIn(hub.url, staff.login);
    const live = connectLive(hub.url, session.cookie);
    await live.channels;
    // no publisher: nothing is sent at commit; the sweep must find it
    await inTransaction({ db: database.db }, ({ emit }) => emit(channels.user(staff.id), 'membership.changed', { uai: school.uai, active: true }));
    await live.waitFor((e) => e.some((x) => x.type === 'membership.changed'), 10_000);
    live.close();
    await hub.close();
  });

  it('writes nothing when the transaction fails: no event, no seq used', async () => {
    const school = await createSchool(database.db);
    const channel = channels.school(school.uai);
    await expect(
      inTransaction({ db: database.db }, async ({ emit }) => {
        await emit(channel, 'membership.changed', { uai: school.uai, active: true });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await database.executeSql('select count(*)::int as n from events where channel = $1', [channel]);
    expect(rows[0].n).toBe(0);
    await inTransaction({ db: database.db }, ({ emit }) => emit(channel, 'membership.changed', { uai: school.uai, active: true }));
    const after = await database.executeSql('select seq from events where channel = $1', [channel]);
    expect(after.rows.map((r) => Number(r.seq))).toEqual([1]);
  });
  it('answers sockets reconnecting together with the same cursor from one replay, each once, in order, in one frame', async () => {
    const hub = await startTestHub({ database });
    const school = await createSchool(database.db);
    const teachers = await Promise.all(Array.from({ length: 12 }, () => createPerson(database.db, school.id, 'teacher')));
    const sessions = await Promise.all(teachers.map((t) => signIn(hub.url, t.login)));
    const channel = channels.profile(school.uai, 'teacher');
    // through the hub's own outbox, so that what is committed is also relayed live
    const emit = (n: number) =>
      inTransaction(hub.deps, async (uow) => {
        for (let i = 0; i < n; i++) await uow.emit(channel, 'membership.changed', { uai: school.uai, active: true }, school.id);
      });
    await emit(1);
    await emit(20);

    const clients = sessions.map((s) => connectLive(hub.url, s.cookie, { [channel]: 1 }));
    const frames = clients.map(() => 0);
    clients.forEach((c, i) => c.socket.on('events', () => frames[i]++));
    await Promise.all(clients.map((c) => c.waitFor((e) => e.length === 20)));
    // one more, live, after the replay
    await emit(1);
    await Promise.all(clients.map((c) => c.waitFor((e) => e.length === 21)));
    for (const c of clients) {
      expect(c.delivered.map((e) => e.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 2));
      expect(c.raw.length).toBe(21);
    }
    expect(frames).toEqual(clients.map(() => 1));
    for (const c of clients) c.close();
    await hub.close();
  });
});
