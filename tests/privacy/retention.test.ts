import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../server/contracts/channels';
import { RETENTION_DEFAULTS } from '../../server/contracts/retention';
import { absencesKeptFrom } from '../../server/modules/privacy/retention.service';
import { runRetention } from '../../server/modules/privacy/retention.jobs';
import { inTransaction } from '../../server/platform/outbox';
import { message, messagingSchool, type MessagingSchool } from '../messaging/messaging-setup';
import { connectLive } from '../helpers/socket-client';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let s: MessagingSchool;
const clock = new TestClock();
const NOW = '2026-11-24T12:00:00Z';
const log = pino({ level: 'silent' });
const sql = (text: string, values: unknown[] = []) => hub.database.executeSql(text, values).then((r) => r.rows as any[]);
const ago = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();

beforeAll(async () => {
  hub = await startTestHub({ clock });
  clock.setTo(NOW);
  s = await messagingSchool(hub.database.db, hub.url);
});
afterAll(() => hub?.close());

const search = async (q: string) => ((await (await s.api('marc').get(`/search?q=${encodeURIComponent(q)}`)).json()) as any[]).map((m) => m.subject);
const send = async (subject: string) => {
  const res = await s.api('teacher4B').post('/messages', message({ people: [s.people.marc.id] }, { subject }));
  expect(res.status).toBe(201);
  const { messageId } = (await res.json()) as { messageId: string };
  return { id: messageId };
};
const run = () => runRetention({ db: hub.database.db, log, clock });
const lastRun = async () => (await sql(`select meta from audit_log where school_id = $1 and action = 'retention.applied' order by id desc limit 1`, [s.school.id]))[0]?.meta;

describe('retention (RGPD)', () => {
  it('removes what is past its period and keeps the rest, search included, and logs the counts', async () => {
    // messages: one sent 13 months ago (past the default 12), one today
    const old = await send('Sortie zeppelin');
    await send('Sortie dirigeable');
    await sql(`update messages set sent_at = $2 where id = $1`, [old.id, ago(400)]);
    expect(await search('zeppelin')).toEqual(['Sortie zeppelin']);

    // notifications and their deliveries: Marc's for the old message made 4 months ago
    const [oldNotification] = await sql(`select id from notifications where person_id = $1 and dedupe_key like $2`, [s.people.marc.id, `message:${old.id}:%`]);
    await sql(`update notifications set created_at = $2 where id = $1`, [oldNotification.id, ago(120)]);
    await sql(`insert into notification_deliveries (notification_id, person_id, channel, status, due_at, created_at) values ($1, $2, 'email', 'sent', $3, $3)`, [oldNotification.id, s.people.marc.id, ago(120)]);

    // live events: one written 40 days ago (past 30), the others today
    const channel = channels.profile(s.school.uai, 'teacher');
    await inTransaction(hub.deps, async (uow) => {
      for (let i = 0; i < 3; i++) await uow.emit(channel, 'membership.changed', { uai: s.school.uai, active: true }, s.school.id);
    });
    await sql(`update events set at = $2 where channel = $1 and seq = 1`, [channel, ago(40)]);

    // absences: Léa yesterday, and last school year
    const post = (startsAt: string, endsAt: string) =>
      s.sessions.cpe.request(`/api/schools/${s.school.uai}/absences/periods`, { method: 'POST', json: { studentIds: [s.people.lea.id], startsAt, endsAt } });
    expect((await post('2026-11-23T07:00:00Z', '2026-11-23T16:00:00Z')).status).toBe(201);
    const [lastYear] = await (await post('2026-11-20T07:00:00Z', '2026-11-20T16:00:00Z')).json();
    await sql(`update absences set starts_at = '2026-06-12T07:00:00Z', ends_at = '2026-06-12T16:00:00Z' where id = $1`, [lastYear.id]);

    // accounts the directory import deactivated: Karim 4 months ago (past 3), Sophie last month
    await sql(`update memberships set active = false, deactivated_at = $2 where person_id = $1`, [s.people.karim.id, ago(120)]);
    await sql(`update memberships set active = false, deactivated_at = $2 where person_id = $1`, [s.people.sophie.id, ago(30)]);

    // raw usage records: one 100 days old (past 90), one yesterday
    for (const at of [ago(100), ago(1)]) {
      await sql(`insert into usage_hours (school_id, person_id, profile, hour) values ($1, $2, 'guardian', date_trunc('hour', $3::timestamptz))`, [s.school.id, s.people.marc.id, at]);
    }

    const notificationsBefore = (await sql(`select count(*)::int as n from notifications where school_id = $1`, [s.school.id]))[0].n;
    await run();

    expect(await search('zeppelin')).toEqual([]);
    expect(await search('dirigeable')).toEqual(['Sortie dirigeable']);
    expect(await sql(`select id from notifications where id = $1`, [oldNotification.id])).toEqual([]);
    expect((await sql(`select count(*)::int as n from notifications where school_id = $1`, [s.school.id]))[0].n).toBe(notificationsBefore - 1);
    expect((await sql(`select seq from events where channel = $1 order by seq`, [channel])).map((r) => Number(r.seq))).toEqual([2, 3]);
    expect((await sql(`select starts_at from absences where student_id = $1`, [s.people.lea.id])).map((r) => new Date(r.starts_at).toISOString())).toEqual(['2026-11-23T07:00:00.000Z']);
    expect(await sql(`select id from people where id = $1`, [s.people.karim.id])).toEqual([]);
    expect(await sql(`select id from people where id = $1`, [s.people.sophie.id])).toHaveLength(1);
    // the old mark gone; yesterday's and those of Marc's own requests today stay
    const marks = (await sql(`select hour from usage_hours where person_id = $1`, [s.people.marc.id])).map((r) => new Date(r.hour).getTime());
    expect(marks.every((t) => t > Date.parse(ago(90)))).toBe(true);
    expect(marks).toContain(Date.parse(ago(1)));

    // the audit trail says how many of each, nothing of what
    const meta = await lastRun();
    expect(meta).toMatchObject({ messages: 1, notifications: 1, deliveries: 1, absences: 1, accounts: 1, usageRecords: 1, at: expect.stringMatching(/^2026-11-24T12:0/) });
    expect(meta.events).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(meta)).not.toMatch(/zeppelin|Karim|Haddad/);

    // a second run finds nothing more of it
    await run();
    expect(await lastRun()).toMatchObject({ messages: 0, notifications: 0, deliveries: 0, absences: 0, accounts: 0, events: 0 });
  });

  it('a client whose cursor predates the events removed is told to resync, not given a silent gap', async () => {
    const channel = channels.profile(s.school.uai, 'teacher');
    const live = connectLive(hub.url, s.sessions.teacher4B.cookie, { [channel]: 0 });
    await live.channels;
    await expect.poll(() => live.resyncs).toEqual([{ channel, seq: 3, reason: 'too_many_missed' }]);
    live.close();
  });

  it('follows each school’s own periods, within the bounds, set by direction or admins only', async () => {
    const api = (who: 'direction' | 'admin' | 'teacher4B' | 'marc', body?: object) =>
      s.sessions[who].request(`/api/schools/${s.school.uai}/retention`, body ? { method: 'PATCH', json: body } : {});
    expect(await (await api('direction')).json()).toMatchObject({ periods: RETENTION_DEFAULTS });
    expect((await api('teacher4B')).status).toBe(403);
    expect((await api('marc', { messageMonths: 24 })).status).toBe(403);
    const tooShort = await api('admin', { messageMonths: 1 });
    expect(tooShort.status).toBe(400);
    expect((await api('admin', { eventDays: 10_000 })).status).toBe(400);
    expect((await api('admin', { forever: true })).status).toBe(400);
    const set = await api('admin', { messageMonths: 24 });
    expect(set.status).toBe(200);
    expect((await set.json()).periods).toMatchObject({ ...RETENTION_DEFAULTS, messageMonths: 24 });

    // 13 months old: past the default, within this school's 24
    const kept = await send('Sortie montgolfière');
    await sql(`update messages set sent_at = $2 where id = $1`, [kept.id, ago(400)]);
    await run();
    expect(await search('montgolfière')).toEqual(['Sortie montgolfière']);
  });

  it('keeps absences for their school year, which ends on 31 August in the school’s time zone', () => {
    const paris = 'Europe/Paris';
    expect(absencesKeptFrom(new Date('2026-11-24T12:00:00Z'), paris, 1).toISOString()).toBe('2026-08-31T22:00:00.000Z');
    expect(absencesKeptFrom(new Date('2026-08-31T21:59:00Z'), paris, 1).toISOString()).toBe('2025-08-31T22:00:00.000Z');
    expect(absencesKeptFrom(new Date('2026-11-24T12:00:00Z'), paris, 2).toISOString()).toBe('2025-08-31T22:00:00.000Z');
    expect(absencesKeptFrom(new Date('2026-11-24T12:00:00Z'), 'America/Cayenne', 1).toISOString()).toBe('2026-09-01T03:00:00.000Z');
  });
});
