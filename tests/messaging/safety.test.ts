import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryDto, CountsDto, FolderPageDto, MessagingSettingsDto, SendResultDto } from '../../server/contracts/messaging';
import { hubFetch, signIn } from '../helpers/http-client';
import { connectLive, type LiveClient } from '../helpers/socket-client';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { message, messagingSchool, ROOMY_LIMITS, type MessagingSchool } from './messaging-setup';

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('safety against mass abuse', () => {
  let hub: TestHub;
  let s: MessagingSchool;
  let tight: MessagingSchool;
  const live: LiveClient[] = [];
  beforeAll(async () => {
    hub = await startTestHub();
    s = await messagingSchool(hub.database.db, hub.url);
    tight = await messagingSchool(hub.database.db, hub.url, {
      settings: { messaging: { limits: { ...ROOMY_LIMITS, guardian: { perMinute: 3, recipientsPerHour: 5, perSend: 2 } } } },
    });
  });
  afterAll(async () => {
    for (const c of live) c.close();
    await hub?.close();
  });

  it('limits messages per minute and recipients per hour per sender, with Retry-After', async () => {
    const t = tight.people;
    for (let i = 0; i < 3; i++) expect((await tight.api('marc').post('/messages', message({ people: [t.cpe.id] }))).status).toBe(201);
    const fourth = await tight.api('marc').post('/messages', message({ people: [t.cpe.id] }));
    expect(fourth.status).toBe(429);
    expect((await fourth.json()).error.code).toBe('rate_limited');
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);

    const pair = [t.cpe.id, t.direction.id];
    expect((await tight.api('karim').post('/messages', message({ people: pair }))).status).toBe(201);
    expect((await tight.api('karim').post('/messages', message({ people: pair }))).status).toBe(201);
    const third = await tight.api('karim').post('/messages', message({ people: pair }));
    expect(third.status).toBe(429);
    expect((await third.json()).error.message).toContain('5 destinataires par heure');
    // the refused sends left nothing behind
    const sent = (await (await tight.api('karim').get('/folders/sent')).json()) as FolderPageDto;
    expect(sent.items).toHaveLength(2);
  });

  it('caps recipients per send by profile', async () => {
    const t = tight.people;
    const res = await tight.api('sophie').post('/messages', message({ people: [t.cpe.id, t.direction.id, t.secretary.id] }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: 'too_many_recipients', details: { recipients: 3, max: 2 } } });
  });

  it('asks for confirmation above the threshold, then audits the send', async () => {
    const settings = await s.api('direction').put('/settings', {});
    expect(settings.status).toBe(405);
    const patched = await s.sessions.direction.request(`/api/schools/${s.school.uai}/messaging/settings`, { method: 'PATCH', json: { confirmAbove: 2 } });
    expect(((await patched.json()) as MessagingSettingsDto).confirmAbove).toBe(2);
    const three = [s.people.marc.id, s.people.karim.id, s.people.sophie.id];
    const unconfirmed = await s.api('cpe').post('/messages', message({ people: three }, { subject: 'Réunion' }));
    expect(unconfirmed.status).toBe(409);
    expect(await unconfirmed.json()).toMatchObject({ error: { code: 'confirmation_required', details: { recipients: 3 } } });
    expect((await (await s.api('marc').get('/counts')).json()).unread).toBe(0);
    const confirmed = await s.api('cpe').post('/messages', message({ people: three }, { subject: 'Réunion', confirm: true }));
    expect(confirmed.status).toBe(201);
    const audit = (await (await s.api('direction').get('/audit')).json()) as AuditEntryDto[];
    expect(audit.find((a) => a.action === 'messaging.mass_send')).toMatchObject({ recipients: 3, subject: 'Réunion', actor: { name: 'Nadia Roux' } });
    expect((await s.api('teacher4B').get('/audit')).status).toBe(403);
    await s.sessions.direction.request(`/api/schools/${s.school.uai}/messaging/settings`, { method: 'PATCH', json: { confirmAbove: 50 } });
  });

  it('freezes sending for all but direction; what was sent meanwhile is held, then delivered on reopening', async () => {
    const marcLive = connectLive(hub.url, s.sessions.marc.cookie);
    const teacherLive = connectLive(hub.url, s.sessions.teacher4B.cookie);
    live.push(marcLive, teacherLive);
    await Promise.all([marcLive.channels, teacherLive.channels]);
    const receivedBy = (c: LiveClient) => c.delivered.filter((e) => e.type === 'message.received').length;
    const before = receivedBy(marcLive);

    expect((await s.api('teacher4B').put('/freeze', { frozen: true })).status).toBe(403);
    const frozen = await s.api('admin').put('/freeze', { frozen: true });
    expect(((await frozen.json()) as MessagingSettingsDto).frozen).toMatchObject({ by: 'Louis Admin' });
    await teacherLive.waitFor((e) => e.some((x) => x.type === 'messaging.frozen' && (x.data as { frozen: boolean }).frozen));
    expect(((await (await s.api('teacher4B').get('/counts')).json()) as CountsDto).frozen).toBe(true);

    const held = await s.api('teacher4B').post('/messages', message({ people: [s.people.marc.id] }, { subject: 'Pendant le gel' }));
    expect(held.status).toBe(202);
    const heldResult = (await held.json()) as SendResultDto;
    expect(heldResult.status).toBe('held');
    expect(heldResult.notice).toContain('partira dès la réouverture');
    const fromDirection = await s.api('direction').post('/messages', message({ people: [s.people.marc.id] }, { subject: 'Information de la direction' }));
    expect(fromDirection.status).toBe(201);
    await until(() => receivedBy(marcLive) === before + 1);
    const inbox = (await (await s.api('marc').get('/folders/inbox')).json()) as FolderPageDto;
    expect(inbox.items.map((i) => i.subject)).not.toContain('Pendant le gel');
    expect(((await (await s.api('teacher4B').get('/folders/sent')).json()) as FolderPageDto).items[0]).toMatchObject({ subject: 'Pendant le gel', status: 'held' });

    await s.api('direction').put('/freeze', { frozen: false });
    await until(() => receivedBy(marcLive) === before + 2);
    expect(marcLive.delivered.filter((e) => e.type === 'message.received').at(-1)!.data).toMatchObject({ subject: 'Pendant le gel', messageId: heldResult.messageId });
    expect(((await (await s.api('teacher4B').get('/folders/sent')).json()) as FolderPageDto).items[0]).toMatchObject({ subject: 'Pendant le gel', status: 'sent' });
    const audit = (await (await s.api('direction').get('/audit')).json()) as AuditEntryDto[];
    expect(audit.slice(0, 2).map((a) => a.action)).toEqual(['messaging.unfrozen', 'messaging.frozen']);
  });

  it('suspends one account: its sessions end at once, live connection included; it is out of address books until reinstated', async () => {
    const marcLive = connectLive(hub.url, s.sessions.marc.cookie);
    live.push(marcLive);
    await marcLive.channels;
    expect((await s.api('direction').post('/suspensions', { personId: s.people.direction.id })).status).toBe(403);
    const res = await s.api('direction').post('/suspensions', { personId: s.people.marc.id });
    expect(res.status).toBe(200);
    expect(((await res.json()) as MessagingSettingsDto).suspended.map((p) => p.name)).toEqual(['Marc Durand']);
    await until(() => !marcLive.socket.connected);
    expect((await s.api('marc').get('/counts')).status).toBe(401);
    expect((await hubFetch(hub.url)('/api/auth/login', { method: 'POST', json: { login: s.people.marc.login, password: 'mot-de-passe-test' } })).status).toBe(401);
    const book = (await (await s.api('teacher4B').get('/contacts?profile=guardian')).json()) as Array<{ name: string }>;
    expect(book.map((c) => c.name)).toEqual(['Karim Haddad']);
    expect((await s.api('teacher4B').post('/messages', message({ people: [s.people.marc.id] }))).status).toBe(403);
    // lists skip the suspended account
    const listSend = (await (await s.api('teacher4B').post('/messages', message({ lists: [`group:${s.c4B.id}:guardian`] }))).json()) as SendResultDto;
    expect(listSend.recipients).toBe(1);

    expect((await s.api('direction').delete(`/suspensions/${s.people.marc.id}`)).status).toBe(200);
    const again = await signIn(hub.url, s.people.marc.login);
    expect((await again.request(`/api/schools/${s.school.uai}/messaging/counts`)).status).toBe(200);
    const audit = (await (await s.api('direction').get('/audit')).json()) as AuditEntryDto[];
    expect(audit.filter((a) => a.action.startsWith('account.')).map((a) => [a.action, a.subject])).toEqual([
      ['account.reinstated', 'Marc Durand'],
      ['account.suspended', 'Marc Durand'],
    ]);
  });
});
