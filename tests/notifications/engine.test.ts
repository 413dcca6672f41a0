import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationDeliveries, notifications, people, pushSubscriptions } from '../../db/schema';
import type { SendResultDto } from '../../server/contracts/messaging';
import type { NotificationDto, PreferenceDto } from '../../server/contracts/notifications';
import { notificationProjector } from '../../server/modules/notifications/projector';
import { inTransaction, type StoredEvent } from '../../server/platform/outbox';
import { message, messagingSchool, type MessagingSchool } from '../messaging/messaging-setup';
import { openEmptyDatabase } from '../helpers/db';
import { startPushService, type PushService } from '../helpers/push-service';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const clock = new TestClock();
// Tuesday 24 November 2026, 10:00 in Paris: school hours, no pause numérique
const TUESDAY_10H = '2026-11-24T09:00:00Z';
// the same day, 21:00 in Paris: quiet hours until Wednesday 07:00 (06:00Z)
const TUESDAY_21H = '2026-11-24T20:00:00Z';

const until = async (check: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('notification engine', () => {
  let hub: TestHub;
  let push: PushService;
  let smtp: SmtpSink;
  let s: MessagingSchool;
  let drop = async () => {};
  beforeAll(async () => {
    push = await startPushService();
    smtp = await startSmtpSink();
    // a database of its own: this hub sends every due delivery in it
    const own = await openEmptyDatabase('preau_notify');
    drop = own.drop;
    hub = await startTestHub({ database: own.database, clock, deliveryEveryMs: 200, pushCa: push.ca, env: { PUSH_ALLOWED_HOSTS: new URL(push.origin).host, SMTP_URL: smtp.url } });
    s = await messagingSchool(hub.database.db, hub.url);
    for (const p of [s.people.marc, s.people.karim, s.people.teacher4B]) {
      await hub.database.db.update(people).set({ email: `${p.login}@exemple.fr` }).where(eq(people.id, p.id));
    }
  });
  afterAll(async () => {
    await hub?.close();
    await push?.close();
    await smtp?.close();
    await drop();
  });

  const db = () => hub.database.db;
  const subscribe = async (who: 'marc' | 'karim' | 'teacher4B') => {
    const device = push.subscribe();
    const res = await s.sessions[who].request('/api/push/subscriptions', { method: 'POST', json: { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } } });
    expect(res.status).toBe(201);
    return device;
  };
  const notificationsOf = (personId: string) => db().select().from(notifications).where(eq(notifications.personId, personId));
  /** No delivery is due or in flight: a queued answer of the push service goes to the next one sent. */
  const idle = () =>
    until(async () => {
      const busy = await db()
        .select({ id: notificationDeliveries.id })
        .from(notificationDeliveries)
        .where(sql`${notificationDeliveries.status} = 'sending' or (${notificationDeliveries.status} = 'pending' and ${notificationDeliveries.channel} = 'push' and ${notificationDeliveries.dueAt} <= ${clock.now().toISOString()}::timestamptz)`);
      return busy.length === 0;
    });
  const deliveriesOf = (notificationId: string) => db().select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, notificationId));

  it('a message makes one notification for its recipient, pushed at once to their device with the category’s TTL and urgency', async () => {
    clock.setTo(TUESDAY_10H);
    const device = await subscribe('teacher4B');
    const sent = (await (await s.api('marc').post('/messages', message({ people: [s.people.teacher4B.id] }, { subject: 'Sortie' }))).json()) as SendResultDto;
    const [n] = await notificationsOf(s.people.teacher4B.id);
    expect(n).toMatchObject({ category: 'message', title: 'Message de Marc Durand', dedupeKey: `message:${sent.messageId}:${s.people.teacher4B.id}`, critical: false });
    await until(async () => push.received.some((r) => r.id === device.id));
    const got = push.received.find((r) => r.id === device.id)!;
    expect(got.payload).toMatchObject({ title: 'Message de Marc Durand', url: `/#/messagerie/conversation/${sent.conversationId}` });
    expect(got.headers).toMatchObject({ ttl: 86_400, urgency: 'normal' });
    expect(got.claims.aud).toBe(push.origin);
    await until(async () => (await deliveriesOf(n.id))[0].status === 'sent');
    const [d] = await deliveriesOf(n.id);
    expect(d).toMatchObject({ channel: 'push', status: 'sent', attempts: 1 });
    // the teacher's default for messages by email is the daily digest: no immediate email
    expect((await deliveriesOf(n.id)).map((x) => x.channel)).toEqual(['push']);
    // the inbox shows it
    const list = (await (await s.sessions.teacher4B.request(`/api/schools/${s.school.uai}/notifications`)).json()) as NotificationDto[];
    expect(list[0]).toMatchObject({ id: n.id, seenAt: null });
  });

  it('the same event projected twice makes one notification', async () => {
    clock.setTo(TUESDAY_10H);
    const event: StoredEvent = {
      id: 0,
      channel: `user:${s.people.karim.id}`,
      seq: 1,
      type: 'message.received',
      data: { uai: s.school.uai, messageId: '00000000-0000-4000-8000-000000000001', conversationId: '00000000-0000-4000-8000-000000000002', subject: 'Doublon', excerpt: 'x', from: { id: s.people.direction.id, name: 'Anne Vasseur', profile: 'direction' }, viaList: false, unread: 1 },
      schoolId: s.school.id,
      at: new Date(),
      relayedAt: null,
    };
    const project = notificationProjector(clock);
    for (let i = 0; i < 2; i++) await inTransaction({ db: db() }, (uow) => project(uow, [event]));
    const rows = await db().select().from(notifications).where(and(eq(notifications.personId, s.people.karim.id), eq(notifications.title, 'Message de Anne Vasseur')));
    expect(rows).toHaveLength(1);
  });

  it('routes by preferences: an immediate email waits the short delay; a child’s absence cannot be turned off on the phone', async () => {
    clock.setTo(TUESDAY_10H);
    const api = (path: string) => `/api/schools/${s.school.uai}/notifications${path}`;
    const locked = await s.sessions.karim.request(api('/preferences'), { method: 'PUT', json: { preferences: [{ category: 'child_absence', channel: 'push', mode: 'off' }] } });
    expect(locked.status).toBe(400);
    const noPushDigest = await s.sessions.karim.request(api('/preferences'), { method: 'PUT', json: { preferences: [{ category: 'message', channel: 'push', mode: 'daily' }] } });
    expect(noPushDigest.status).toBe(400);
    const saved = await s.sessions.karim.request(api('/preferences'), { method: 'PUT', json: { preferences: [{ category: 'message', channel: 'email', mode: 'immediate' }, { category: 'message', channel: 'push', mode: 'off' }] } });
    const prefs = (await saved.json()) as PreferenceDto[];
    expect(prefs.find((p) => p.category === 'message' && p.channel === 'email')!.mode).toBe('immediate');
    expect(prefs.find((p) => p.category === 'child_absence' && p.channel === 'push')).toMatchObject({ mode: 'immediate', locked: true });

    await subscribe('karim');
    await s.api('direction').post('/messages', message({ people: [s.people.karim.id] }, { subject: 'Par courriel' }));
    const [n] = (await notificationsOf(s.people.karim.id)).filter((x) => x.body.startsWith('Par courriel'));
    const deliveries = await deliveriesOf(n.id);
    expect(deliveries.map((d) => d.channel)).toEqual(['email']);
    expect(deliveries[0].dueAt.getTime() - clock.now().getTime()).toBeGreaterThan(110_000);
    expect(deliveries[0].dueAt.getTime() - clock.now().getTime()).toBeLessThanOrEqual(121_000);
  });

  it('holds non-critical pushes in quiet hours and sends a child’s absence at once; what is read meanwhile is never pushed', async () => {
    clock.setTo(TUESDAY_21H);
    const device = await subscribe('marc');
    const before = push.received.filter((r) => r.id === device.id).length;
    const sent = (await (await s.api('teacher4B').post('/messages', message({ people: [s.people.marc.id] }, { subject: 'Le soir' }))).json()) as SendResultDto;
    const [evening] = (await notificationsOf(s.people.marc.id)).filter((x) => x.body.startsWith('Le soir'));
    const [held] = await deliveriesOf(evening.id);
    expect(held).toMatchObject({ channel: 'push', status: 'pending' });
    expect(held.dueAt.toISOString()).toBe('2026-11-25T06:00:00.000Z');

    const absence = await s.sessions.cpe.request(`/api/schools/${s.school.uai}/absences/periods`, {
      method: 'POST',
      json: { studentIds: [s.people.lea.id], startsAt: '2026-11-24T19:00:00Z', endsAt: '2026-11-24T21:00:00Z' },
    });
    expect(absence.status).toBeLessThan(300);
    await until(async () => push.received.filter((r) => r.id === device.id).length === before + 1);
    const alert = push.received.filter((r) => r.id === device.id).at(-1)!;
    expect(alert.payload).toMatchObject({ title: 'Léa Durand : absent(e)' });
    expect(alert.headers).toMatchObject({ urgency: 'high', ttl: 86_400 });
    const [critical] = (await notificationsOf(s.people.marc.id)).filter((x) => x.category === 'child_absence');
    expect(critical.critical).toBe(true);

    // Marc reads the message in the app during the evening: at 07:00 nothing is pushed for it
    await s.api('marc').get(`/threads/${sent.conversationId}`);
    clock.setTo('2026-11-25T06:00:01Z');
    await until(async () => !['pending', 'sending'].includes((await deliveriesOf(evening.id))[0].status));
    expect((await deliveriesOf(evening.id))[0]).toMatchObject({ status: 'suppressed' });
    expect(push.received.filter((r) => r.id === device.id)).toHaveLength(before + 1);
  });

  it('escalates an unacknowledged child absence by email to a guardian who only had push', async () => {
    await idle();
    clock.setTo(TUESDAY_10H);
    const put = await s.sessions.marc.request(`/api/schools/${s.school.uai}/notifications/preferences`, { method: 'PUT', json: { preferences: [{ category: 'child_absence', channel: 'email', mode: 'off' }] } });
    expect(put.status).toBe(200);
    await s.sessions.cpe.request(`/api/schools/${s.school.uai}/absences/periods`, {
      method: 'POST',
      json: { studentIds: [s.people.lea.id], startsAt: '2026-11-24T08:00:00Z', endsAt: '2026-11-24T09:00:00Z' },
    });
    const rows = await db()
      .select({ d: notificationDeliveries })
      .from(notificationDeliveries)
      .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
      .where(and(eq(notifications.personId, s.people.marc.id), eq(notifications.category, 'child_absence')));
    const escalation = rows.map((r) => r.d).find((d) => d.escalation)!;
    expect(escalation.channel).toBe('email');
    expect(Math.round((escalation.dueAt.getTime() - escalation.createdAt.getTime()) / 60_000)).toBe(30);

    // a second absence, acknowledged in the app within the half hour, is not escalated
    await s.sessions.cpe.request(`/api/schools/${s.school.uai}/absences/periods`, {
      method: 'POST',
      json: { studentIds: [s.people.lea.id], startsAt: '2026-11-24T09:00:00Z', endsAt: '2026-11-24T10:00:00Z' },
    });
    // (the evening test's alert is dated 21:00 on the test clock: this one is the other of the morning)
    const [second] = (await notificationsOf(s.people.marc.id)).filter(
      (n) => n.category === 'child_absence' && n.id !== escalation.notificationId && n.createdAt < new Date('2026-11-24T19:00:00Z'),
    );
    const absenceId = second.dedupeKey.split(':')[1];
    expect((await s.sessions.marc.request(`/api/schools/${s.school.uai}/absences/${absenceId}/acknowledge`, { method: 'POST', json: {} })).status).toBeLessThan(300);

    // half an hour later: the first is emailed, the acknowledged one is not
    await idle();
    const before = smtp.messages.length;
    clock.setTo(new Date(clock.now().getTime() + 31 * 60_000));
    await until(async () => (await deliveriesOf(escalation.notificationId)).find((d) => d.escalation)!.status === 'sent');
    await until(async () => smtp.messages.length === before + 1);
    expect(smtp.messages.at(-1)!.to).toEqual([`${s.people.marc.login}@exemple.fr`]);
    expect(smtp.messages.at(-1)!.subject).toContain('Léa Durand');
    await until(async () => !['pending', 'sending'].includes((await deliveriesOf(second.id)).find((d) => d.escalation)!.status));
    expect((await deliveriesOf(second.id)).find((d) => d.escalation)).toMatchObject({ status: 'suppressed' });
    expect(smtp.messages.length).toBe(before + 1);
  });

  it('removes a subscription the push service says is gone, and retries after Retry-After', async () => {
    // what earlier tests left due is sent before the clock goes back (it would be due again later)
    await idle();
    clock.setTo(TUESDAY_10H);
    await db().delete(pushSubscriptions).where(eq(pushSubscriptions.personId, s.people.teacher4B.id));
    const device = await subscribe('teacher4B');
    await idle();
    push.respondNext(410);
    await s.api('marc').post('/messages', message({ people: [s.people.teacher4B.id] }, { subject: 'Perdu' }));
    await until(async () => (await db().select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, device.endpoint))).length === 0);
    const [lost] = (await notificationsOf(s.people.teacher4B.id)).filter((x) => x.body.startsWith('Perdu'));
    await until(async () => (await deliveriesOf(lost.id))[0].status !== 'sending');
    expect((await deliveriesOf(lost.id))[0]).toMatchObject({ status: 'skipped' });

    const again = await subscribe('teacher4B');
    await idle();
    push.respondNext(429, { 'Retry-After': '2' });
    await s.api('marc').post('/messages', message({ people: [s.people.teacher4B.id] }, { subject: 'Patience' }));
    const [later] = (await notificationsOf(s.people.teacher4B.id)).filter((x) => x.body.startsWith('Patience'));
    await until(async () => (await deliveriesOf(later.id))[0].attempts === 1 && (await deliveriesOf(later.id))[0].status === 'pending');
    const waiting = (await deliveriesOf(later.id))[0];
    expect(waiting.response).toContain('retry 429');
    expect(waiting.dueAt.getTime() - waiting.lastAttemptAt!.getTime()).toBe(2000);
    await until(async () => push.received.some((r) => r.id === again.id));
    await until(async () => (await deliveriesOf(later.id))[0].status === 'sent');
    expect((await deliveriesOf(later.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a published news item notifies each of its recipients once, and by default is neither pushed nor emailed at once', async () => {
    await idle();
    const res = await s.sessions.direction.request(`/api/schools/${s.school.uai}/news`, {
      method: 'POST',
      json: { title: 'Réunion des familles', bodyHtml: '<p>Jeudi à 18 h.</p>', category: 'evenement', audience: [{ kind: 'school', profiles: ['guardian'] }], intent: 'publish' },
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const rows = await db().select().from(notifications).where(sql`${notifications.dedupeKey} like ${`news:${id}:%`}`);
    expect(rows.map((r) => r.personId).sort()).toEqual([s.people.marc.id, s.people.karim.id, s.people.sophie.id].sort());
    expect(rows[0]).toMatchObject({ category: 'news', title: 'Réunion des familles', url: `/#/actualites/${id}` });
    const deliveries = await db().select().from(notificationDeliveries).where(sql`${notificationDeliveries.notificationId} in (${sql.join(rows.map((r) => sql`${r.id}`), sql`, `)})`);
    expect(deliveries).toEqual([]);
  });

  it('direction sets the school’s quiet hours and digest time; families read them; others cannot change them', async () => {
    const api = `/api/schools/${s.school.uai}/notifications/settings`;
    const change = { quietHours: { start: '20:00', end: '06:30', weekends: false }, digestTime: '18:15' };
    expect((await s.sessions.teacher4B.request(api, { method: 'PATCH', json: change })).status).toBe(403);
    expect((await s.sessions.direction.request(api, { method: 'PATCH', json: { digestTime: '25:00' } })).status).toBe(400);
    const saved = await s.sessions.direction.request(api, { method: 'PATCH', json: change });
    expect(await saved.json()).toMatchObject({ ...change, emailDelaySeconds: 120, escalationMinutes: 30 });
    expect(await (await s.sessions.marc.request(api)).json()).toMatchObject(change);
  });

  it('refuses subscriptions to push services not on the allow-list', async () => {
    for (const endpoint of ['http://fcm.googleapis.com/fcm/send/x', 'https://evil.example/push/x', 'https://user:pw@fcm.googleapis.com/x']) {
      const res = await s.sessions.marc.request('/api/push/subscriptions', { method: 'POST', json: { endpoint, keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) } } });
      expect(res.status, endpoint).toBe(400);
    }
  });

  it('removes a device’s subscription by its endpoint, only for its owner', async () => {
    const endpoint = `https://fcm.googleapis.com/fcm/send/${randomUUID()}`;
    const keys = { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) };
    expect((await s.sessions.marc.request('/api/push/subscriptions', { method: 'POST', json: { endpoint, keys } })).status).toBe(201);
    const mine = () => db().select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
    // someone else naming the endpoint removes nothing
    expect((await s.sessions.karim.request('/api/push/subscriptions', { method: 'DELETE', json: { endpoint } })).status).toBe(204);
    expect(await mine()).toHaveLength(1);
    expect((await s.sessions.marc.request('/api/push/subscriptions', { method: 'DELETE', json: {} })).status).toBe(400);
    expect((await s.sessions.marc.request('/api/push/subscriptions', { method: 'DELETE', json: { endpoint } })).status).toBe(204);
    expect(await mine()).toEqual([]);
  });
});
