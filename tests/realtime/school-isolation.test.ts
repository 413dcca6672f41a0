import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  absenceDocuments,
  absenceReasons,
  absences,
  alerts,
  conversations,
  courseChanges,
  courses,
  justifications,
  mailingLists,
  messageAttachments,
  messages,
  newsAttachments,
  newsItems,
  screenFlashes,
  screens,
  teacherAbsences,
  timetableSlots,
} from '../../db/schema';
import { apiRouters } from '../../server/app';
import { channels } from '../../server/contracts/channels';
import { profiles, type Profile } from '../../server/contracts/directory';
import { addToGroup, createGroup, createPerson, createSchool } from '../helpers/factories';
import { signIn, type Session } from '../helpers/http-client';
import { connectLive } from '../helpers/socket-client';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let schoolA: Awaited<ReturnType<typeof createSchool>>;
let schoolB: Awaited<ReturnType<typeof createSchool>>;
let groupB: Awaited<ReturnType<typeof createGroup>>;
let personB: Awaited<ReturnType<typeof createPerson>>;
let newsB: { id: string };
let fileB: { id: string };
/** Real ids of school B for every path parameter, by the part of the path before it. */
let idsB: Array<[RegExp, string]>;
const sessionsA = new Map<Profile, Session>();

// Routes that act on the caller's own session only (no school in the path).
const SELF_ROUTES = [
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'POST /api/auth/switch',
  'GET /api/push/vapid-public-key',
  'POST /api/push/subscriptions',
  'DELETE /api/push/subscriptions',
  // one's own data, across one's schools (tests/privacy covers that it holds nobody else's)
  'GET /api/me/export',
  // kiosks: pairing before they have a token, then only their own feeds (tests/signage covers their scope)
  'POST /api/signage/pairings',
  'POST /api/signage/pairings/claim',
  'GET /api/screen/snapshot',
  'POST /api/screen/heartbeat',
  'POST /api/screen/alerts/:id/displayed',
];

beforeAll(async () => {
  hub = await startTestHub();
  const db = hub.database.db;
  schoolA = await createSchool(db, { name: 'Collège A' });
  schoolB = await createSchool(db, { name: 'Collège B' });
  groupB = await createGroup(db, schoolB.id, '4B');
  personB = await createPerson(db, schoolB.id, 'student', { lastName: 'SecretB' });
  await addToGroup(db, groupB.id, personB.id);
  [newsB] = await db
    .insert(newsItems)
    .values({ schoolId: schoolB.id, authorId: personB.id, title: 'SecretB news', bodyHtml: '<p>SecretB</p>', category: 'pedagogie', audience: [{ kind: 'school' }], audienceLabel: 'Tout l’établissement', status: 'published' })
    .returning();
  [fileB] = await db
    .insert(newsAttachments)
    .values({ schoolId: schoolB.id, uploadedBy: personB.id, newsId: newsB.id, name: 'SecretB.pdf', mimeType: 'application/pdf', size: 8, content: Buffer.from('%PDF-1.4') })
    .returning();
  const teacherB = await createPerson(db, schoolB.id, 'teacher', { lastName: 'SecretB' });
  const [slotB] = await db.insert(timetableSlots).values({ schoolId: schoolB.id, code: 'M1', startTime: '08:00', endTime: '08:55' }).returning();
  const [courseB] = await db.insert(courses).values({ schoolId: schoolB.id, groupId: groupB.id, teacherId: teacherB.id, subject: 'SecretB', weekday: 1, slotId: slotB.id }).returning();
  const [reasonB] = await db.insert(absenceReasons).values({ schoolId: schoolB.id, label: 'SecretB' }).returning();
  const [docB] = await db.insert(absenceDocuments).values({ schoolId: schoolB.id, uploadedBy: personB.id, name: 'SecretB.pdf', mimeType: 'application/pdf', size: 8, content: Buffer.from('%PDF-1.4') }).returning();
  const [justB] = await db.insert(justifications).values({ schoolId: schoolB.id, studentId: personB.id, reasonId: reasonB.id, comment: 'SecretB', documentId: docB.id }).returning();
  const day = { startsAt: new Date('2026-11-23T07:00:00Z'), endsAt: new Date('2026-11-23T08:00:00Z') };
  const [absenceB] = await db.insert(absences).values({ schoolId: schoolB.id, studentId: personB.id, kind: 'absent', source: 'vie_scolaire', note: 'SecretB', justificationId: justB.id, ...day }).returning();
  const [taB] = await db.insert(teacherAbsences).values({ schoolId: schoolB.id, teacherId: teacherB.id, reason: 'SecretB', ...day }).returning();
  const [changeB] = await db.insert(courseChanges).values({ schoolId: schoolB.id, teacherAbsenceId: taB.id, courseId: courseB.id, date: '2026-11-23', ...day }).returning();
  const [threadB] = await db.insert(conversations).values({ schoolId: schoolB.id, kind: 'direct', subject: 'SecretB', createdBy: teacherB.id }).returning();
  const [messageB] = await db
    .insert(messages)
    .values({ schoolId: schoolB.id, conversationId: threadB.id, authorId: teacherB.id, authorProfile: 'teacher', subject: 'SecretB', bodyHtml: '<p>SecretB</p>', bodyText: 'SecretB', status: 'draft', addressees: { people: [personB.id], lists: [] } })
    .returning();
  const [listB] = await db.insert(mailingLists).values({ schoolId: schoolB.id, ownerId: teacherB.id, name: 'SecretB' }).returning();
  const [messageFileB] = await db
    .insert(messageAttachments)
    .values({ schoolId: schoolB.id, uploadedBy: teacherB.id, messageId: messageB.id, name: 'SecretB.pdf', mimeType: 'application/pdf', size: 8, content: Buffer.from('%PDF-1.4') })
    .returning();
  const [screenB] = await db
    .insert(screens)
    .values({ schoolId: schoolB.id, name: 'SecretB', zone: 'hall', layout: 'landscape', schedule: { days: [null, null, null, null, null, null, null], closed: [] }, content: { board: true, news: true, newsCategories: [], ticker: true }, tokenHash: `secretb-${schoolB.id}`, tokenIssuedAt: new Date() })
    .returning();
  const [flashB] = await db.insert(screenFlashes).values({ schoolId: schoolB.id, text: 'SecretB', until: new Date(Date.now() + 3600_000) }).returning();
  const [alertB] = await db.insert(alerts).values({ schoolId: schoolB.id, status: 'exercise', responseType: 'shelter', headline: 'SecretB', instruction: 'SecretB', sentByName: 'SecretB' }).returning();
  idsB = [
    [/\/screens\/:id/, screenB.id],
    [/\/signage\/flashes\/:id/, flashB.id],
    [/\/alerts\/:id/, alertB.id],
    [/\/messaging\/folders\/:folder/, 'inbox'],
    [/\/messaging\/lists\/static\/:id/, listB.id],
    [/\/messaging\/(drafts|messages)\/:id/, messageB.id],
    [/\/messaging\/threads\/:id/, threadB.id],
    [/\/messaging\/attachments\/:id/, messageFileB.id],
    [/\/messaging\/suspensions\/:personId/, personB.id],
    [/\/news\/:id/, newsB.id],
    [/\/news\/attachments\/:id/, fileB.id],
    [/:groupId/, groupB.id],
    [/\/timetable\/courses\/:id/, courseB.id],
    [/\/roll-calls\/:id/, courseB.id],
    [/\/absences\/reasons\/:id/, reasonB.id],
    [/\/absences\/documents\/:id/, docB.id],
    [/\/absences\/justifications\/:id/, justB.id],
    [/\/absences\/:id/, absenceB.id],
    [/\/teacher-absences\/:id/, taB.id],
    [/:changeId/, changeB.id],
    [/:date/, '2026-11-23'],
  ];
  for (const profile of profiles) {
    const p = await createPerson(db, schoolA.id, profile);
    sessionsA.set(profile, await signIn(hub.url, p.login));
  }
});
afterAll(() => hub?.close());

/** Puts school B's real ids in a route's parameters, each by the part of the path it belongs to. */
function withIdsOfB(path: string): string {
  let result = path;
  for (const [pattern, id] of idsB) {
    result = result.replace(pattern, (m) => m.replace(/:[a-zA-Z]+/, id));
  }
  return result;
}

describe('school isolation', () => {
  it('every API route refuses school A members access to school B', async () => {
    const routes = apiRouters(hub.deps).flatMap((r) =>
      r.stack.filter((l) => l.methods.length > 0).flatMap((l) => l.methods.filter((m) => m !== 'HEAD').map((m) => ({ method: m, path: String(l.path) }))),
    );
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const schoolRoutes = routes.filter((r) => !SELF_ROUTES.includes(`${r.method} ${r.path}`));
    // a new route must either take the school in its path or be declared self-scoped above
    for (const r of schoolRoutes) expect(r.path, `${r.method} ${r.path}`).toContain(':uai');

    for (const [profile, session] of sessionsA) {
      for (const r of schoolRoutes) {
        const path = withIdsOfB(r.path.replace(':uai', schoolB.uai));
        expect(path, 'every path parameter is given a real id of school B').not.toContain(':');
        const init: any = { method: r.method };
        if (!['GET', 'HEAD'].includes(r.method)) {
          const raw = r.path.endsWith('/imports') || r.path.endsWith('/attachments') || r.path.endsWith('/documents');
          init.body = raw ? 'profil;id;nom;prenom\n' : JSON.stringify({ name: 'Piraté', decision: 'approve', audience: [{ kind: 'school' }] });
          init.headers = { 'content-type': raw ? 'text/csv' : 'application/json' };
        }
        const res = await session.request(path, init);
        const text = await res.text();
        expect([403, 404], `${profile} ${r.method} ${path} → ${res.status} ${text}`).toContain(res.status);
        expect(text).not.toContain('SecretB');
        expect(text).not.toContain(groupB.id);
      }
    }
    // and nothing was written to school B
    const news = await hub.database.executeSql('select status, title from news_items where id = $1', [newsB.id]);
    expect(news.rows[0]).toMatchObject({ status: 'published', title: 'SecretB news' });
    const absencesB = await hub.database.executeSql('select removed_at, justification_status from absences where school_id = $1', [schoolB.id]);
    expect(absencesB.rows).toEqual([{ removed_at: null, justification_status: 'unjustified' }]);
    const teacherAbsencesB = await hub.database.executeSql('select cancelled_at from teacher_absences where school_id = $1', [schoolB.id]);
    expect(teacherAbsencesB.rows).toEqual([{ cancelled_at: null }]);
    const messagesB = await hub.database.executeSql('select status, subject from messages where school_id = $1', [schoolB.id]);
    expect(messagesB.rows).toEqual([{ status: 'draft', subject: 'SecretB' }]);
    const suspendedB = await hub.database.executeSql('select count(*)::int as n from memberships where school_id = $1 and suspended_at is not null', [schoolB.id]);
    expect(suspendedB.rows[0].n).toBe(0);
    const screensB = await hub.database.executeSql('select name, revoked_at from screens where school_id = $1', [schoolB.id]);
    expect(screensB.rows).toEqual([{ name: 'SecretB', revoked_at: null }]);
    const alertsB = await hub.database.executeSql('select headline, ended_at from alerts where school_id = $1', [schoolB.id]);
    expect(alertsB.rows).toEqual([{ headline: 'SecretB', ended_at: null }]);
    const flashesB = await hub.database.executeSql('select removed_at from screen_flashes where school_id = $1', [schoolB.id]);
    expect(flashesB.rows).toEqual([{ removed_at: null }]);
    const { rows } = await hub.database.executeSql('select name from schools where id = $1', [schoolB.id]);
    expect(rows[0].name).toBe('Collège B');
  });

  it('no live channel of school B can be subscribed to or replayed by school A members', async () => {
    const foreign = [
      channels.school(schoolB.uai),
      ...profiles.map((p) => channels.profile(schoolB.uai, p)),
      channels.group(schoolB.uai, groupB.id),
      channels.user(personB.id),
      channels.zone(schoolB.uai, 'hall'),
      channels.absences(schoolB.uai),
      channels.board(schoolB.uai),
      channels.signage(schoolB.uai),
      channels.screen(groupB.id),
      // a group of school B named under school A's UAI
      channels.group(schoolA.uai, groupB.id),
    ];
    for (const [profile, session] of sessionsA) {
      const live = connectLive(hub.url, session.cookie, Object.fromEntries(foreign.map((c) => [c, 0])));
      const joined = await live.channels;
      expect(joined.some((c) => c.includes(schoolB.uai) || c === channels.user(personB.id))).toBe(false);
      for (const channel of foreign) {
        const ack = await live.socket.emitWithAck('subscribe', channel);
        expect(ack.ok, `${profile} subscribe ${channel}`).toBe(false);
      }
      // replay cursors for foreign channels were answered with refusals, not events
      await new Promise((r) => setTimeout(r, 100));
      expect(live.notices.filter((n) => n.code === 'forbidden').length).toBeGreaterThanOrEqual(foreign.length);
      expect(live.raw).toEqual([]);
      live.close();
    }
  });

  it('events of school B never reach school A sockets', async () => {
    const directionA = sessionsA.get('direction')!;
    const live = connectLive(hub.url, directionA.cookie);
    await live.channels;
    const directionB = await createPerson(hub.database.db, schoolB.id, 'direction');
    const sessionB = await signIn(hub.url, directionB.login);
    const liveB = connectLive(hub.url, sessionB.cookie);
    await liveB.channels;
    expect((await sessionB.request(`/api/schools/${schoolB.uai}`, { method: 'PATCH', json: { name: 'Collège B (nouveau nom)' } })).status).toBe(200);
    await liveB.waitFor((e) => e.some((x) => x.type === 'school.updated'));
    expect(live.raw).toEqual([]);
    live.close();
    liveB.close();
  });

  it('a socket without a valid session is refused', async () => {
    const live = connectLive(hub.url, 'preau_session=forged');
    await expect(live.channels).rejects.toThrow(/unauthenticated/);
    live.close();
  });
});
