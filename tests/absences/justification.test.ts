import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive } from '../helpers/socket-client';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { absencesSchool, MONDAY, MONDAY_M3, type AbsencesSchool } from './absences-setup';

let hub: TestHub;
let s: AbsencesSchool;
const clock = new TestClock();
let absenceId: string;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeAll(async () => {
  hub = await startTestHub({ clock });
  s = await absencesSchool(hub.database.db, hub.url);
  clock.setTo(MONDAY_M3);
  const put = await s.sessions.teacher.request(`/api/schools/${s.school.uai}/roll-calls/${s.courses.maths4B.id}/${MONDAY}`, {
    method: 'PUT',
    json: { marks: [{ studentId: s.people.lea.id, kind: 'absent' }] },
  });
  expect(put.status).toBe(200);
  [{ id: absenceId }] = await (await s.sessions.marc.request(`/api/schools/${s.school.uai}/absences`)).json();
});
afterAll(() => hub?.close());

const api = (path: string) => `/api/schools/${s.school.uai}/absences${path}`;

describe('acknowledgement and justification', () => {
  it('a guardian acknowledges; vie scolaire sees who acknowledged, live', async () => {
    const cpe = connectLive(hub.url, s.sessions.cpe.cookie);
    await cpe.channels;
    const ack = await s.sessions.marc.request(api(`/${absenceId}/acknowledge`), { method: 'POST' });
    expect(ack.status).toBe(200);
    expect((await ack.json()).acknowledgedAt).toEqual(expect.any(String));
    await cpe.waitFor((e) => e.some((x) => x.type === 'absence.acknowledged'));
    expect(cpe.delivered.find((x) => x.type === 'absence.acknowledged')!.data).toMatchObject({ absenceId, guardianName: 'Marc Durand' });
    const staff = await (await s.sessions.cpe.request(api(`/${absenceId}`))).json();
    expect(staff.notices.find((n: any) => n.guardianName === 'Marc Durand').acknowledgedAt).not.toBeNull();
    expect(staff.notices.find((n: any) => n.guardianName === 'Julie Lefèvre').acknowledgedAt).toBeNull();
    // only the student's guardians acknowledge
    expect((await s.sessions.sophie.request(api(`/${absenceId}/acknowledge`), { method: 'POST' })).status).toBe(403);
    expect((await s.sessions.teacher.request(api(`/${absenceId}/acknowledge`), { method: 'POST' })).status).toBe(403);
    cpe.close();
  });

  it('reasons: guardians see only the visible ones and cannot use a confidential one', async () => {
    const forGuardian = await (await s.sessions.marc.request(api('/reasons'))).json();
    const forStaff = await (await s.sessions.cpe.request(api('/reasons'))).json();
    expect(forGuardian.length).toBeGreaterThan(0);
    expect(forGuardian.every((r: any) => r.visibleToGuardians)).toBe(true);
    const confidential = forStaff.find((r: any) => !r.visibleToGuardians);
    expect(confidential).toBeTruthy();
    const refused = await s.sessions.marc.request(api('/justifications'), { method: 'POST', json: { absenceIds: [absenceId], reasonId: confidential.id } });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.details[0].path).toBe('reasonId');
    // vie scolaire adds one; guardians cannot
    const created = await s.sessions.cpe.request(api('/reasons'), { method: 'POST', json: { label: 'Sortie scolaire', visibleToGuardians: true } });
    expect(created.status).toBe(201);
    expect((await s.sessions.marc.request(api('/reasons'), { method: 'POST', json: { label: 'Piraté', visibleToGuardians: true } })).status).toBe(403);
  });

  it('a document that is not a PDF or an image by content is refused, and nothing is stored', async () => {
    const before = await hub.database.executeSql('select count(*)::int as n from absence_documents where school_id = $1', [s.school.id]);
    const fake = await s.sessions.marc.request(api('/documents?name=certificat.pdf'), {
      method: 'POST',
      body: '<html><script>alert(1)</script></html>',
      headers: { 'content-type': 'application/pdf' },
    });
    expect(fake.status).toBe(415);
    expect((await fake.json()).error.code).toBe('unsupported_media_type');
    const after = await hub.database.executeSql('select count(*)::int as n from absence_documents where school_id = $1', [s.school.id]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('guardian justifies with a document → pending; vie scolaire refuses, then accepts a new one; statuses follow, live', async () => {
    const marc = connectLive(hub.url, s.sessions.marc.cookie);
    const julie = connectLive(hub.url, s.sessions.julie.cookie);
    const cpe = connectLive(hub.url, s.sessions.cpe.cookie);
    await Promise.all([marc.channels, julie.channels, cpe.channels]);
    const reasons = await (await s.sessions.marc.request(api('/reasons'))).json();
    const illness = reasons.find((r: any) => r.label === 'Maladie');
    const upload = await s.sessions.marc.request(api('/documents?name=certificat.pdf'), { method: 'POST', body: PDF, headers: { 'content-type': 'application/pdf' } });
    expect(upload.status).toBe(201);
    const doc = await upload.json();

    const sent = await s.sessions.marc.request(api('/justifications'), {
      method: 'POST',
      json: { absenceIds: [absenceId], reasonId: illness.id, comment: 'Fièvre', documentId: doc.id },
    });
    expect(sent.status).toBe(201);
    const item = await sent.json();
    expect(item.justification).toMatchObject({ decision: 'pending', reason: { label: 'Maladie' }, comment: 'Fièvre', document: { name: 'certificat.pdf' } });
    await cpe.waitFor((e) => e.some((x) => x.type === 'absence.justification_submitted'));
    expect((await (await s.sessions.julie.request(api(`/${absenceId}`))).json()).justificationStatus).toBe('pending');
    // the same absence cannot be justified twice while pending
    expect((await s.sessions.julie.request(api('/justifications'), { method: 'POST', json: { absenceIds: [absenceId], reasonId: illness.id } })).status).toBe(409);
    // the other guardian may read the document; another family may not
    expect((await s.sessions.julie.request(doc.url)).status).toBe(200);
    expect((await s.sessions.sophie.request(doc.url)).status).toBe(403);

    const queue = await (await s.sessions.cpe.request(api('/justifications'))).json();
    expect(queue.map((q: any) => q.justification.id)).toContain(item.justification.id);
    expect((await s.sessions.marc.request(api('/justifications'))).status).toBe(403);

    const noComment = await s.sessions.cpe.request(api(`/justifications/${item.justification.id}/review`), { method: 'POST', json: { decision: 'refused' } });
    expect(noComment.status).toBe(400);
    const refused = await s.sessions.cpe.request(api(`/justifications/${item.justification.id}/review`), {
      method: 'POST',
      json: { decision: 'refused', comment: 'Le certificat ne couvre pas cette date.' },
    });
    expect(refused.status).toBe(200);
    await julie.waitFor((e) => e.some((x) => x.type === 'absence.justification_reviewed'));
    expect(julie.delivered.find((x) => x.type === 'absence.justification_reviewed')!.data).toMatchObject({ status: 'unjustified', justification: { decision: 'refused' } });
    expect((await s.sessions.cpe.request(api(`/justifications/${item.justification.id}/review`), { method: 'POST', json: { decision: 'accepted' } })).status).toBe(409);

    const again = await s.sessions.marc.request(api('/justifications'), { method: 'POST', json: { absenceIds: [absenceId], reasonId: illness.id, comment: 'Nouveau certificat' } });
    const second = await again.json();
    await s.sessions.cpe.request(api(`/justifications/${second.justification.id}/review`), { method: 'POST', json: { decision: 'accepted' } });
    const final = await (await s.sessions.marc.request(api(`/${absenceId}`))).json();
    expect(final).toMatchObject({ justificationStatus: 'justified', justification: { decision: 'accepted', reason: { label: 'Maladie' } } });
    for (const l of [marc, julie, cpe]) l.close();
  });

  it('a confidential reason recorded by vie scolaire is justified, and never named to guardians or the student', async () => {
    clock.setTo('2026-11-23T12:40:00Z'); // S1 of 4B, M. Bernard
    const put = await s.sessions.colleague.request(`/api/schools/${s.school.uai}/roll-calls/${s.courses.history4B.id}/${MONDAY}`, {
      method: 'PUT',
      json: { marks: [{ studentId: s.people.lea.id, kind: 'absent' }] },
    });
    expect(put.status).toBe(200);
    const list = await (await s.sessions.cpe.request(api(`?studentId=${s.people.lea.id}&status=unjustified`))).json();
    expect(list).toHaveLength(1);
    const reasons = await (await s.sessions.cpe.request(api('/reasons'))).json();
    const confidential = reasons.find((r: any) => !r.visibleToGuardians);
    const marc = connectLive(hub.url, s.sessions.marc.cookie);
    await marc.channels;
    const res = await s.sessions.cpe.request(api('/justifications'), { method: 'POST', json: { absenceIds: [list[0].id], reasonId: confidential.id, comment: '' } });
    expect(res.status).toBe(201);
    expect((await res.json()).justification).toMatchObject({ decision: 'accepted', confidential: true, reason: { label: confidential.label } });
    await marc.waitFor((e) => e.some((x) => x.type === 'absence.justification_reviewed'));
    const pushed = JSON.stringify(marc.delivered);
    expect(pushed).not.toContain(confidential.label);
    for (const who of ['marc', 'julie', 'lea']) {
      const body = await (await s.sessions[who].request(api(`/${list[0].id}`))).text();
      expect(JSON.parse(body)).toMatchObject({ justificationStatus: 'justified', justification: { confidential: true, reason: null } });
      expect(body).not.toContain(confidential.label);
    }
    const staff = await (await s.sessions.direction.request(api(`/${list[0].id}`))).json();
    expect(staff.justification.reason.label).toBe(confidential.label);
    marc.close();
  });
});
