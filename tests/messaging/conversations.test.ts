import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderPageDto, ThreadDto, SendResultDto, CountsDto, MessageReadStatsDto } from '../../server/contracts/messaging';
import { connectLive, type LiveClient } from '../helpers/socket-client';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { message, messagingSchool, type MessagingSchool } from './messaging-setup';

describe('conversations', () => {
  let hub: TestHub;
  let s: MessagingSchool;
  const live: LiveClient[] = [];
  beforeAll(async () => {
    hub = await startTestHub();
    s = await messagingSchool(hub.database.db, hub.url);
  });
  afterAll(async () => {
    for (const c of live) c.close();
    await hub?.close();
  });

  it('a guardian writes to their child’s teacher: the teacher gets it live with the unread count, reads it, the guardian gets the receipt, the reply comes back', async () => {
    const teacherLive = connectLive(hub.url, s.sessions.teacher4B.cookie);
    const marcLive = connectLive(hub.url, s.sessions.marc.cookie);
    live.push(teacherLive, marcLive);
    await Promise.all([teacherLive.channels, marcLive.channels]);

    const res = await s.api('marc').post('/messages', message({ people: [s.people.teacher4B.id] }));
    expect(res.status).toBe(201);
    const sent = (await res.json()) as SendResultDto;
    expect(sent).toMatchObject({ status: 'sent', recipients: 1, deferred: [], notice: null });

    await teacherLive.waitFor((e) => e.some((x) => x.type === 'message.received'));
    const received = teacherLive.delivered.find((e) => e.type === 'message.received')!;
    expect(received.channel).toBe(`user:${s.people.teacher4B.id}`);
    expect(received.data).toMatchObject({ uai: s.school.uai, messageId: sent.messageId, subject: 'Rendez-vous', unread: 1, from: { id: s.people.marc.id, name: 'Marc Durand' } });
    // the sender is not notified of their own message as received
    expect(marcLive.delivered.some((e) => e.type === 'message.received')).toBe(false);

    const inbox = (await (await s.api('teacher4B').get('/folders/inbox')).json()) as FolderPageDto;
    expect(inbox.items.map((i) => [i.subject, i.unread, i.from.name])).toEqual([['Rendez-vous', true, 'Marc Durand']]);
    expect(((await (await s.api('teacher4B').get('/counts')).json()) as CountsDto).unread).toBe(1);

    const thread = (await (await s.api('teacher4B').get(`/threads/${sent.conversationId}`)).json()) as ThreadDto;
    expect(thread.messages).toHaveLength(1);
    expect(thread.messages[0].bodyHtml).toBe('<p>Bonjour, pourrions-nous nous voir <strong>jeudi</strong> ?</p>');
    expect(thread.replyTo.map((p) => p.name)).toEqual(['Marc Durand']);
    await marcLive.waitFor((e) => e.some((x) => x.type === 'message.read'));
    expect(marcLive.delivered.find((e) => e.type === 'message.read')!.data).toMatchObject({ messageId: sent.messageId, read: 1, recipients: 1, readerId: s.people.teacher4B.id });
    await teacherLive.waitFor((e) => e.some((x) => x.type === 'message.unread'));
    expect(teacherLive.delivered.find((e) => e.type === 'message.unread')!.data).toMatchObject({ unread: 0 });

    const receipts = (await (await s.api('marc').get(`/messages/${sent.messageId}/receipts`)).json()) as MessageReadStatsDto;
    expect(receipts.receipts.map((r) => [r.person.name, !!r.readAt])).toEqual([['Claire Moreau', true]]);
    // receipts are the sender's only
    expect((await s.api('teacher4B').get(`/messages/${sent.messageId}/receipts`)).status).toBe(404);

    const answer = await s.api('teacher4B').post(`/threads/${sent.conversationId}/replies`, { bodyHtml: '<p>Jeudi 17 h, salle 12.</p>' });
    expect(answer.status).toBe(201);
    expect(((await answer.json()) as SendResultDto).conversationId).toBe(sent.conversationId);
    await marcLive.waitFor((e) => e.some((x) => x.type === 'message.received'));
    const marcThread = (await (await s.api('marc').get(`/threads/${sent.conversationId}`)).json()) as ThreadDto;
    expect(marcThread.messages.map((m) => [m.author.name, m.mine])).toEqual([
      ['Marc Durand', true],
      ['Claire Moreau', false],
    ]);
    expect(marcThread.messages[0].read).toBe(1);
    const sentFolder = (await (await s.api('marc').get('/folders/sent')).json()) as FolderPageDto;
    expect(sentFolder.items[0]).toMatchObject({ subject: 'Rendez-vous', to: 'Claire Moreau', recipients: 1, read: 1 });
  });

  it('finds one’s own messages by French full-text search, and only one’s own', async () => {
    await s.api('direction').post('/messages', message({ people: [s.people.cpe.id] }, { subject: 'Cantine', bodyHtml: '<p>Les élèves mangeront plus tôt jeudi.</p>' }));
    const hits = (await (await s.api('cpe').get(`/search?q=${encodeURIComponent('manger cantines')}`)).json()) as Array<{ subject: string; folder: string }>;
    expect(hits.map((h) => [h.subject, h.folder])).toEqual([['Cantine', 'inbox']]);
    const mine = (await (await s.api('direction').get(`/search?q=mangeront`)).json()) as Array<{ subject: string; folder: string }>;
    expect(mine.map((h) => h.folder)).toEqual(['sent']);
    // someone else's mail is not searchable
    expect(await (await s.api('secretary').get('/search?q=cantine')).json()).toEqual([]);
  });
});
