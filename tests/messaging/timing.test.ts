import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDto, CountsDto, DraftDto, FolderPageDto, SendResultDto, ThreadDto } from '../../server/contracts/messaging';
import { connectLive, type LiveClient } from '../helpers/socket-client';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { message, messagingSchool, type MessagingSchool } from './messaging-setup';

const clock = new TestClock();

describe('messagerie over time: teachers’ hours, scheduled sends, recall, drafts and trash', () => {
  let hub: TestHub;
  let s: MessagingSchool;
  const live: LiveClient[] = [];
  beforeAll(async () => {
    hub = await startTestHub({ clock });
    s = await messagingSchool(hub.database.db, hub.url);
  });
  afterAll(async () => {
    for (const c of live) c.close();
    await hub?.close();
  });

  it('a teacher closed to families outside their hours: the guardian is told when it will arrive, the copy arrives at opening time', async () => {
    const hours = await s.api('teacher4B').put('/availability', { enabled: true, days: [1, 2, 3, 4, 5], opensAt: '08:00', closesAt: '18:00' });
    expect(hours.status).toBe(200);
    expect((await s.api('marc').put('/availability', { enabled: true, days: [1], opensAt: '08:00', closesAt: '18:00' })).status).toBe(403);
    // Tuesday 24 November, 07:59:57 in Paris
    clock.setTo('2026-11-24T06:59:57Z');
    const book = (await (await s.api('marc').get('/contacts?profile=teacher')).json()) as ContactDto[];
    expect(book[0]).toMatchObject({ name: 'Claire Moreau', closedUntil: '2026-11-24T07:00:00.000Z' });
    const teacherLive = connectLive(hub.url, s.sessions.teacher4B.cookie);
    live.push(teacherLive);
    await teacherLive.channels;

    const res = await s.api('marc').post('/messages', message({ people: [s.people.teacher4B.id] }));
    expect(res.status).toBe(201);
    const sent = (await res.json()) as SendResultDto;
    expect(sent.deferred).toEqual([
      expect.objectContaining({
        deliverAt: '2026-11-24T07:00:00.000Z',
        notice: 'Claire Moreau ne reçoit pas de messages des familles à cette heure : votre message lui sera remis mardi 24 novembre à 08:00.',
      }),
    ]);
    expect(((await (await s.api('teacher4B').get('/counts')).json()) as CountsDto).unread).toBe(0);
    // staff are not held back by the teacher's hours
    await s.api('cpe').post('/messages', message({ people: [s.people.teacher4B.id] }, { subject: 'De la vie scolaire' }));
    await teacherLive.waitFor((e) => e.filter((x) => x.type === 'message.received').length === 1);
    expect(teacherLive.delivered.find((e) => e.type === 'message.received')!.data).toMatchObject({ subject: 'De la vie scolaire' });

    await teacherLive.waitFor((e) => e.filter((x) => x.type === 'message.received').length === 2, 15_000);
    expect(teacherLive.delivered.filter((e) => e.type === 'message.received')[1].data).toMatchObject({ messageId: sent.messageId, unread: 2 });
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-11-24T07:00:00Z'));
  }, 30_000);

  it('a scheduled message leaves at its time; one cancelled goes back to the drafts', async () => {
    const marcLive = connectLive(hub.url, s.sessions.marc.cookie);
    live.push(marcLive);
    await marcLive.channels;
    const sendAt = new Date(clock.now().getTime() + 3000).toISOString();
    const res = await s.api('teacher4B').post('/messages', message({ people: [s.people.marc.id] }, { subject: 'Programmé', sendAt }));
    expect(res.status).toBe(202);
    const scheduled = (await res.json()) as SendResultDto;
    expect(scheduled.status).toBe('scheduled');
    expect(((await (await s.api('teacher4B').get('/folders/sent')).json()) as FolderPageDto).items[0]).toMatchObject({ subject: 'Programmé', status: 'scheduled', sendAt });
    expect(marcLive.delivered.some((e) => e.type === 'message.received')).toBe(false);
    await marcLive.waitFor((e) => e.some((x) => x.type === 'message.received'), 15_000);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse(sendAt));

    const later = new Date(clock.now().getTime() + 3600_000).toISOString();
    const other = (await (await s.api('teacher4B').post('/messages', message({ people: [s.people.marc.id] }, { subject: 'Annulé', sendAt: later }))).json()) as SendResultDto;
    const back = await s.api('teacher4B').post(`/messages/${other.messageId}/cancel`, {});
    expect(((await back.json()) as DraftDto).subject).toBe('Annulé');
    expect(((await (await s.api('teacher4B').get('/counts')).json()) as CountsDto).drafts).toBe(1);
    expect((await s.api('teacher4B').post(`/messages/${other.messageId}/cancel`, {})).status).toBe(409);
  }, 30_000);

  it('staff and teachers recall within 60 minutes: unread copies vanish, read ones are marked recalled', async () => {
    const karimLive = connectLive(hub.url, s.sessions.karim.cookie);
    live.push(karimLive);
    await karimLive.channels;
    const res = await s.api('teacher4B').post('/messages', message({ people: [s.people.marc.id, s.people.karim.id] }, { subject: 'Erreur de destinataire' }));
    const sent = (await res.json()) as SendResultDto;
    await s.api('marc').get(`/threads/${sent.conversationId}`);
    await karimLive.waitFor((e) => e.some((x) => x.type === 'message.received' && (x.data as { messageId: string }).messageId === sent.messageId));

    expect((await s.api('marc').post(`/messages/${sent.messageId}/recall`, {})).status).toBe(404);
    const recalled = await s.api('teacher4B').post(`/messages/${sent.messageId}/recall`, {});
    expect(await recalled.json()).toEqual({ removed: 1, recalled: 1 });
    await karimLive.waitFor((e) => e.some((x) => x.type === 'message.recalled'));
    expect(karimLive.delivered.find((e) => e.type === 'message.recalled')!.data).toMatchObject({ messageId: sent.messageId, removed: true, unread: 0 });
    const karimInbox = (await (await s.api('karim').get('/folders/inbox')).json()) as FolderPageDto;
    expect(karimInbox.items.map((i) => i.id)).not.toContain(sent.messageId);
    const marcView = (await (await s.api('marc').get(`/threads/${sent.conversationId}`)).json()) as ThreadDto;
    expect(marcView.messages[0]).toMatchObject({ recalled: true, bodyHtml: null, attachments: [] });
    expect((await s.api('teacher4B').post(`/messages/${sent.messageId}/recall`, {})).status).toBe(409);

    const late = (await (await s.api('teacher4B').post('/messages', message({ people: [s.people.marc.id] }, { subject: 'Trop tard' }))).json()) as SendResultDto;
    clock.setTo(new Date(clock.now().getTime() + 61 * 60_000));
    const tooLate = await s.api('teacher4B').post(`/messages/${late.messageId}/recall`, {});
    expect(tooLate.status).toBe(409);
    expect((await tooLate.json()).error.code).toBe('recall_expired');
  }, 30_000);

  it('drafts are saved, edited and sent; trash and restore move one’s own copy', async () => {
    const draft = (await (await s.api('marc').post('/drafts', { to: { people: [s.people.teacher4B.id], lists: [] }, subject: 'Brouillon', bodyHtml: '<p>À finir</p>' })).json()) as DraftDto;
    expect(draft.people.map((p) => p.name)).toEqual(['Claire Moreau']);
    const edited = await s.api('marc').put(`/drafts/${draft.id}`, { to: { people: [s.people.teacher4B.id], lists: [] }, subject: 'Brouillon fini', bodyHtml: '<p>Fini</p>' });
    expect(((await edited.json()) as DraftDto).subject).toBe('Brouillon fini');
    expect(((await (await s.api('marc').get('/folders/drafts')).json()) as FolderPageDto).items.map((i) => [i.subject, i.to])).toEqual([['Brouillon fini', 'Claire Moreau']]);
    const sent = await s.api('marc').post('/messages', message({ people: [s.people.teacher4B.id] }, { subject: 'Brouillon fini', draftId: draft.id }));
    expect(sent.status).toBe(201);
    expect(((await sent.json()) as SendResultDto).messageId).toBe(draft.id);
    expect(((await (await s.api('marc').get('/folders/drafts')).json()) as FolderPageDto).items).toEqual([]);
    // someone else's draft cannot be read or sent
    expect((await s.api('karim').get(`/drafts/${draft.id}`)).status).toBe(404);

    const inbox = (await (await s.api('teacher4B').get('/folders/inbox')).json()) as FolderPageDto;
    const target = inbox.items.find((i) => i.subject === 'Brouillon fini')!;
    expect((await s.api('teacher4B').post(`/messages/${target.id}/trash`, {})).status).toBe(204);
    const trash = (await (await s.api('teacher4B').get('/folders/trash')).json()) as FolderPageDto;
    expect(trash.items.map((i) => i.subject)).toContain('Brouillon fini');
    expect(((await (await s.api('teacher4B').get('/folders/inbox')).json()) as FolderPageDto).items.map((i) => i.id)).not.toContain(target.id);
    await s.api('teacher4B').post(`/messages/${target.id}/restore`, {});
    expect(((await (await s.api('teacher4B').get('/folders/inbox')).json()) as FolderPageDto).items.map((i) => i.id)).toContain(target.id);
    expect((await s.api('karim').post(`/messages/${target.id}/trash`, {})).status).toBe(404);
  });
});
