import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageAttachments, messages } from '../../db/schema';
import { MESSAGE_LIMITS, type AttachmentRefDto, type ThreadDto } from '../../server/contracts/messaging';
import { XSS_VECTORS } from '../fixtures/xss-vectors';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { message, messagingSchool, type MessagingSchool } from './messaging-setup';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
// a Windows executable named like a PDF
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);

describe('messagerie: bad input', () => {
  let hub: TestHub;
  let s: MessagingSchool;
  beforeAll(async () => {
    hub = await startTestHub();
    s = await messagingSchool(hub.database.db, hub.url);
  });
  afterAll(async () => hub?.close());

  const count = async () => {
    const [m] = await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(sql`${messages.schoolId} = ${s.school.id}`);
    const [a] = await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(messageAttachments).where(sql`${messageAttachments.schoolId} = ${s.school.id}`);
    return { messages: Number(m.n), attachments: Number(a.n) };
  };
  const upload = (name: string, content: Buffer) =>
    s.sessions.marc.request(`/api/schools/${s.school.uai}/messaging/attachments?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      body: new Uint8Array(content),
      headers: { 'content-type': 'application/octet-stream' },
    });

  it('neutralises scripts in body and subject: nothing executable is stored or served', async () => {
    const res = await s.api('marc').post(
      '/messages',
      message({ people: [s.people.teacher4B.id] }, { subject: '<img src=x onerror=window.__xss=1>Absence <script>alert(1)</script>de Léa', bodyHtml: XSS_VECTORS.map((v) => `<p>${v}</p>`).join('') }),
    );
    expect(res.status).toBe(201);
    const { conversationId } = await res.json();
    const thread = (await (await s.api('teacher4B').get(`/threads/${conversationId}`)).json()) as ThreadDto;
    expect(thread.subject).toBe('Absence de Léa');
    const body = thread.messages[0].bodyHtml!;
    expect(body).not.toMatch(/<script|<iframe|<svg|<object|<embed|<img|<form|<meta|<base|<style|\son\w+=|javascript:|data:text/i);
  });

  it('refuses an attachment disguised by its name, an oversized one, and an unknown or foreign id; nothing stored', async () => {
    const before = await count();
    const disguised = await upload('bulletin.pdf', EXE);
    expect(disguised.status).toBe(415);
    expect((await disguised.json()).error.code).toBe('unsupported_media_type');
    const huge = await upload('gros.pdf', Buffer.concat([PDF, Buffer.alloc(MESSAGE_LIMITS.attachmentBytes)]));
    expect(huge.status).toBe(413);
    expect(await count()).toEqual(before);

    const ok = (await (await upload('certificat médical.pdf', PDF)).json()) as AttachmentRefDto;
    expect(ok).toMatchObject({ name: 'certificat médical.pdf', mimeType: 'application/pdf' });
    // another person cannot send someone else's upload
    const stolen = await s.api('karim').post('/messages', message({ people: [s.people.teacher4B.id] }, { attachmentIds: [ok.id] }));
    expect(stolen.status).toBe(400);
    const sent = await s.api('marc').post('/messages', message({ people: [s.people.teacher4B.id] }, { attachmentIds: [ok.id] }));
    expect(sent.status).toBe(201);
    const { conversationId } = await sent.json();
    const thread = (await (await s.api('teacher4B').get(`/threads/${conversationId}`)).json()) as ThreadDto;
    const file = await s.sessions.teacher4B.request(thread.messages[0].attachments[0].url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    // someone it was not sent to does not get it
    expect((await s.sessions.karim.request(thread.messages[0].attachments[0].url)).status).toBe(404);
  });

  it('refuses recipients of another school, an oversized body, a missing subject or recipient; nothing stored', async () => {
    const before = await count();
    const foreign = await s.api('direction').post('/messages', message({ people: [s.outsiders.guardian.id] }));
    expect(foreign.status).toBe(403);
    const oversized = await s.api('direction').post('/messages', message({ people: [s.people.marc.id] }, { bodyHtml: `<p>${'a'.repeat(MESSAGE_LIMITS.bodyHtml)}</p>` }));
    expect(oversized.status).toBe(400);
    expect((await oversized.json()).error.details[0].path).toBe('bodyHtml');
    expect((await s.api('direction').post('/messages', message({ people: [s.people.marc.id] }, { subject: '   ' }))).status).toBe(400);
    expect((await s.api('direction').post('/messages', message({ people: [s.people.marc.id] }, { subject: '<b></b>' }))).status).toBe(400);
    expect((await s.api('direction').post('/messages', message({}))).status).toBe(400);
    expect((await s.api('direction').post('/messages', message({ people: [s.people.marc.id] }, { bodyHtml: '<script>x</script>' }))).status).toBe(400);
    expect((await s.api('direction').post('/messages', { ...message({ people: ['pas-un-id'] }) })).status).toBe(400);
    expect((await s.api('direction').post('/messages', { ...message({ people: [s.people.marc.id] }), extra: 1 })).status).toBe(400);
    expect(await count()).toEqual(before);
  });
});
