import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_DATA_FORMAT, type PersonalDataExport } from '../../server/contracts/privacy';
import { message, messagingSchool, type MessagingSchool } from '../messaging/messaging-setup';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let s: MessagingSchool;
const clock = new TestClock();
const NEWS_TITLE = 'Réunion parents-professeurs du 2e trimestre';

beforeAll(async () => {
  hub = await startTestHub({ clock });
  clock.setTo('2026-11-24T12:00:00Z');
  s = await messagingSchool(hub.database.db, hub.url);
  const uai = s.school.uai;
  // a news item for everyone, read by Marc; a message from Mme Moreau to Marc; a day of absence for Léa
  const news = await s.sessions.direction.request(`/api/schools/${uai}/news`, {
    method: 'POST',
    json: { title: NEWS_TITLE, bodyHtml: '<p>Le jeudi 12 février à 17 h.</p>', category: 'vie_scolaire', audience: [{ kind: 'school' }], intent: 'publish' },
  });
  expect(news.status).toBe(201);
  const { id } = (await news.json()) as { id: string };
  expect((await s.sessions.marc.request(`/api/schools/${uai}/news/${id}/read`, { method: 'POST' })).status).toBeLessThan(300);
  expect((await s.api('teacher4B').post('/messages', message({ people: [s.people.marc.id] }, { subject: 'Devoirs de Léa' }))).status).toBe(201);
  const absence = await s.sessions.cpe.request(`/api/schools/${uai}/absences/periods`, {
    method: 'POST',
    json: { studentIds: [s.people.lea.id], startsAt: '2026-11-23T07:00:00Z', endsAt: '2026-11-23T16:30:00Z', note: 'Note interne de la vie scolaire' },
  });
  expect(absence.status).toBe(201);
});
afterAll(() => hub?.close());

async function exportOf(who: keyof MessagingSchool['people']): Promise<{ data: PersonalDataExport; text: string; res: Response }> {
  const res = await s.sessions[who].request('/api/me/export');
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return { data: JSON.parse(text) as PersonalDataExport, text, res };
}

describe('personal data export', () => {
  const everyProfile = [
    ['lea', 'student'],
    ['marc', 'guardian'],
    ['teacher4B', 'teacher'],
    ['cpe', 'staff'],
    ['direction', 'direction'],
    ['admin', 'admin'],
  ] as const;

  for (const [who, profile] of everyProfile) {
    it(`gives a ${profile} their own data as a JSON file, and nobody else's`, async () => {
      const { data, text, res } = await exportOf(who);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="preau-mes-donnees-2026-11-24\.json"$/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const me = s.people[who];
      expect(data.format).toBe(PERSONAL_DATA_FORMAT);
      expect(data.person).toMatchObject({ id: me.id, login: me.login });
      expect(data.memberships).toEqual([expect.objectContaining({ uai: s.school.uai, profile, active: true })]);
      // signed in once by the setup: that session, without its token
      expect(data.sessions.length).toBeGreaterThanOrEqual(1);
      expect(text).not.toContain(s.sessions[who].cookie.split(';')[0].split('=')[1]);
      expect(text).not.toMatch(/tokenHash|token_hash|p256dh|passwordHash|password_hash/);
      // no one else's login, whoever appears by name
      for (const [other, person] of Object.entries(s.people)) if (other !== who) expect(text).not.toContain(person.login);
      // every section is there, even when empty
      for (const section of ['children', 'guardians', 'groups', 'notifications', 'messagesSent', 'messagesReceived', 'newsWritten', 'newsReceived', 'absences', 'absenceNotices', 'auditTrail'] as const) {
        expect(Array.isArray(data[section])).toBe(true);
      }
    });
  }

  it('holds what each did and received: the guardian’s child, read news and message; the student’s absence and guardian; the teacher’s message; direction’s news', async () => {
    const marc = (await exportOf('marc')).data;
    expect(marc.children).toEqual([{ uai: s.school.uai, firstName: 'Léa', lastName: 'Durand' }]);
    expect(marc.newsReceived).toEqual([expect.objectContaining({ title: NEWS_TITLE, readAt: expect.any(String) })]);
    expect(marc.messagesReceived).toEqual([expect.objectContaining({ from: 'Claire Moreau', subject: 'Devoirs de Léa', bodyText: expect.stringContaining('jeudi') })]);
    expect(marc.absenceNotices).toEqual([expect.objectContaining({ student: 'Léa Durand', kind: 'absent', acknowledgedAt: null })]);
    expect(marc.notifications.map((n) => n.category).sort()).toEqual(expect.arrayContaining(['child_absence', 'message', 'news']));

    const lea = await exportOf('lea');
    expect(lea.data.guardians).toEqual([{ uai: s.school.uai, firstName: 'Marc', lastName: 'Durand' }]);
    expect(lea.data.groups).toEqual([expect.objectContaining({ name: '4B', role: 'member' })]);
    expect(lea.data.absences).toEqual([expect.objectContaining({ kind: 'absent', startsAt: '2026-11-23T07:00:00.000Z', justificationStatus: 'unjustified' })]);
    // the staff's note about her absence stays with the staff
    expect(lea.text).not.toContain('Note interne');
    expect(lea.data.newsReceived).toEqual([expect.objectContaining({ title: NEWS_TITLE, readAt: null })]);

    const teacher = (await exportOf('teacher4B')).data;
    expect(teacher.messagesSent).toEqual([expect.objectContaining({ subject: 'Devoirs de Léa', status: 'sent', recipientCount: 1 })]);
    expect(teacher.groups).toEqual([expect.objectContaining({ name: '4B', role: 'teacher' })]);

    const direction = (await exportOf('direction')).data;
    expect(direction.newsWritten).toEqual([expect.objectContaining({ title: NEWS_TITLE, status: 'published' })]);
    expect(direction.newsReceived).toEqual([]);

    const cpe = (await exportOf('cpe')).data;
    expect(cpe.memberships[0]).toMatchObject({ profile: 'staff', staffFunction: 'vie_scolaire' });
  });

  it('is for signed-in people only', async () => {
    const res = await fetch(`${hub.url}/api/me/export`);
    expect(res.status).toBe(401);
  });
});
