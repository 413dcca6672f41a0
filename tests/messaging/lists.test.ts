import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryDto, ListDto, MessageReadStatsDto, SendResultDto, ThreadDto } from '../../server/contracts/messaging';
import { connectLive, type LiveClient } from '../helpers/socket-client';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { message, messagingSchool, type MessagingSchool } from './messaging-setup';

describe('listes de diffusion', () => {
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

  const guardians4B = () => `group:${s.c4B.id}:guardian`;

  it('offers each sender the lists they may use, with today’s counts', async () => {
    const teacherLists = (await (await s.api('teacher4B').get('/lists')).json()) as ListDto[];
    expect(teacherLists.map((l) => [l.label, l.count])).toEqual([
      ['Responsables de 4B', 2],
      ['Élèves de 4B', 2],
      // the sender is never among the recipients
      ['Professeurs de 4B', 0],
    ]);
    const cpeLists = (await (await s.api('cpe').get('/lists')).json()) as ListDto[];
    expect(cpeLists.map((l) => l.label)).toEqual(
      expect.arrayContaining(['Tous les responsables', 'Tous les professeurs', 'Responsables des 3e', 'Responsables des 4e', 'Responsables de 3A', 'Élèves de 4B']),
    );
    expect(cpeLists.find((l) => l.label === 'Tous les responsables')!.count).toBe(3);
    for (const who of ['marc', 'lea'] as const) expect(await (await s.api(who).get('/lists')).json()).toEqual([]);
  });

  it('a teacher of 4B writes to its guardians: one row and one live event per guardian in one go, replies go privately to the teacher only', async () => {
    const marcLive = connectLive(hub.url, s.sessions.marc.cookie);
    const karimLive = connectLive(hub.url, s.sessions.karim.cookie);
    live.push(marcLive, karimLive);
    await Promise.all([marcLive.channels, karimLive.channels]);

    const res = await s.api('teacher4B').post('/messages', message({ lists: [guardians4B()] }, { subject: 'Sortie au musée' }));
    expect(res.status).toBe(201);
    const sent = (await res.json()) as SendResultDto;
    expect(sent.recipients).toBe(2);
    for (const c of [marcLive, karimLive]) await c.waitFor((e) => e.some((x) => x.type === 'message.received'));
    expect(marcLive.delivered.find((e) => e.type === 'message.received')!.data).toMatchObject({ viaList: true, subject: 'Sortie au musée' });

    // recipients do not see each other
    const seen = (await (await s.api('marc').get(`/threads/${sent.conversationId}`)).json()) as ThreadDto;
    expect(seen.kind).toBe('broadcast');
    expect(seen.messages[0].to).toBe('Liste de diffusion');
    expect(seen.replyTo.map((p) => p.name)).toEqual(['Claire Moreau']);

    const answer = await s.api('marc').post(`/threads/${sent.conversationId}/replies`, { bodyHtml: '<p>Léa viendra.</p>' });
    expect(answer.status).toBe(201);
    const privateThread = ((await answer.json()) as SendResultDto).conversationId;
    expect(privateThread).not.toBe(sent.conversationId);
    // Karim sees neither the reply nor its thread
    await new Promise((r) => setTimeout(r, 300));
    expect(karimLive.delivered.filter((e) => e.type === 'message.received')).toHaveLength(1);
    expect((await s.api('karim').get(`/threads/${privateThread}`)).status).toBe(404);
    const teacherView = (await (await s.api('teacher4B').get(`/threads/${privateThread}`)).json()) as ThreadDto;
    expect(teacherView.subject).toBe('Re : Sortie au musée');
    expect(teacherView.messages.map((m) => m.author.name)).toEqual(['Marc Durand']);
    // a second reply continues the same private thread
    const again = (await (await s.api('marc').post(`/threads/${sent.conversationId}/replies`, { bodyHtml: '<p>Et son frère ?</p>' })).json()) as SendResultDto;
    expect(again.conversationId).toBe(privateThread);
    // the sender cannot "reply all" to the list
    expect((await s.api('teacher4B').post(`/threads/${sent.conversationId}/replies`, { bodyHtml: '<p>Rappel</p>' })).status).toBe(409);

    // read statistics per class
    const stats = (await (await s.api('teacher4B').get(`/messages/${sent.messageId}/receipts`)).json()) as MessageReadStatsDto;
    expect(stats).toMatchObject({ recipients: 2, read: 1, byClass: [{ className: '4B', recipients: 2, read: 1 }] });
    expect(stats.receipts.map((r) => [r.person.name, !!r.readAt])).toEqual([
      ['Marc Durand', true],
      ['Karim Haddad', false],
    ]);

    // the list send is in the audit log, with where it came from
    const audit = (await (await s.api('direction').get('/audit')).json()) as AuditEntryDto[];
    expect(audit[0]).toMatchObject({ action: 'messaging.list_send', recipients: 2, lists: ['Responsables de 4B'], subject: 'Sortie au musée', actor: { name: 'Claire Moreau' } });
    expect(audit[0].ip).toMatch(/^(::ffff:)?127\./);
    expect(audit[0].session).toHaveLength(12);
  });

  it('a teacher not of 4B is refused its list; guardians and students may use no list', async () => {
    const res = await s.api('teacher3A').post('/messages', message({ lists: [guardians4B()] }));
    expect(res.status).toBe(403);
    expect((await s.api('marc').post('/messages', message({ lists: [guardians4B()] }))).status).toBe(403);
    expect((await s.api('lea').post('/messages', message({ lists: [`group:${s.c4B.id}:student`] }))).status).toBe(403);
    expect((await s.api('teacher4B').post('/messages', message({ lists: ['school:guardian'] }))).status).toBe(403);
    // the level list is computed from the class names
    const level = await s.api('cpe').post('/messages', message({ lists: ['level:3:guardian'] }));
    expect(((await level.json()) as SendResultDto).recipients).toBe(1);
  });

  it('static lists hold only people their owner may write to, and are sent to by their owner', async () => {
    const refused = await s.api('teacher4B').post('/lists/static', { name: 'Parents délégués', members: [s.people.sophie.id] });
    expect(refused.status).toBe(403);
    const made = await s.api('teacher4B').post('/lists/static', { name: 'Parents délégués', members: [s.people.marc.id, s.people.karim.id] });
    expect(made.status).toBe(201);
    const list = await made.json();
    expect(list.members.map((m: { name: string }) => m.name)).toEqual(['Karim Haddad', 'Marc Durand']);
    const lists = (await (await s.api('teacher4B').get('/lists')).json()) as ListDto[];
    expect(lists.find((l) => l.key === `static:${list.id}`)).toMatchObject({ label: 'Parents délégués', count: 2 });
    expect((await s.api('teacher3A').post('/messages', message({ lists: [`static:${list.id}`] }))).status).toBe(403);
    expect((await s.api('teacher4B').post('/messages', message({ lists: [`static:${list.id}`] }))).status).toBe(201);
  });
});
