import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../server/contracts/channels';
import { connectLive } from '../helpers/socket-client';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { TestClock } from '../helpers/test-clock';
import { newsBody, newsSchool } from './news-setup';

let hub: TestHub;
const clock = new TestClock();
beforeAll(async () => {
  hub = await startTestHub({ clock });
});
afterAll(() => hub?.close());

const feedTitles = async (s: { request: (p: string) => Promise<Response> }, uai: string) =>
  ((await (await s.request(`/api/schools/${uai}/news`)).json()) as any[]).map((n) => n.title);

describe('news workflow and targeting', () => {
  it('a teacher publishes to the classes they teach, and submits anything wider for validation', async () => {
    const { school, c4B, sessions } = await newsSchool(hub.database.db, hub.url);
    const post = (body: object) => sessions.teacher.request(`/api/schools/${school.uai}/news`, { method: 'POST', json: body });

    const own = await post(newsBody({ title: 'Contrôle de maths', audience: [{ kind: 'group', groupId: c4B.id }] }));
    expect(own.status).toBe(201);
    expect(await own.json()).toMatchObject({ status: 'published', audienceLabel: 'Élèves, responsables, enseignants — 4B' });

    const count = await sessions.teacher.request(`/api/schools/${school.uai}/news/audience-count`, {
      method: 'POST',
      json: { audience: [{ kind: 'school', profiles: ['guardian'] }] },
    });
    expect(await count.json()).toEqual({ total: 2, byProfile: { guardian: 2 }, directPublish: false });

    const wide = await (await post(newsBody({ title: 'Réunion parents', audience: [{ kind: 'school', profiles: ['guardian'] }] }))).json();
    expect(wide.status).toBe('submitted');
    expect(await feedTitles(sessions.guardian3A, school.uai)).toEqual([]);

    // direction sees it in the queue, sends it back, the teacher fixes and resubmits, direction approves
    const queue = await (await sessions.direction.request(`/api/schools/${school.uai}/news/queue`)).json();
    expect(queue.map((n: any) => n.id)).toEqual([wide.id]);
    expect((await sessions.teacher.request(`/api/schools/${school.uai}/news/queue`)).status).toBe(403);
    const returned = await sessions.direction.request(`/api/schools/${school.uai}/news/${wide.id}/review`, { method: 'POST', json: { decision: 'return', comment: 'Précisez l’heure.' } });
    expect(await returned.json()).toMatchObject({ status: 'draft', reviewComment: 'Précisez l’heure.' });
    const again = await sessions.direction.request(`/api/schools/${school.uai}/news/${wide.id}/review`, { method: 'POST', json: { decision: 'approve' } });
    expect(again.status).toBe(409); // no longer waiting for validation
    const resubmitted = await sessions.teacher.request(`/api/schools/${school.uai}/news/${wide.id}`, {
      method: 'PATCH',
      json: newsBody({ title: 'Réunion parents à 18 h', audience: [{ kind: 'school', profiles: ['guardian'] }] }),
    });
    expect(await resubmitted.json()).toMatchObject({ status: 'submitted', reviewComment: null });
    const noComment = await sessions.direction.request(`/api/schools/${school.uai}/news/${wide.id}/review`, { method: 'POST', json: { decision: 'return' } });
    expect(noComment.status).toBe(400);
    expect((await noComment.json()).error.details).toEqual([{ path: 'comment', message: 'commentaire requis' }]);
    const approved = await sessions.direction.request(`/api/schools/${school.uai}/news/${wide.id}/review`, { method: 'POST', json: { decision: 'approve' } });
    expect(await approved.json()).toMatchObject({ status: 'published' });

    expect(await feedTitles(sessions.guardian3A, school.uai)).toEqual(['Réunion parents à 18 h']);
    expect(await feedTitles(sessions.guardian4B, school.uai)).toEqual(['Réunion parents à 18 h', 'Contrôle de maths']);
    expect(await feedTitles(sessions.student3A, school.uai)).toEqual([]);
  });

  it('a guardian of 4B sees 4B news live; a guardian of 3A and another school see nothing', async () => {
    const { school, c4B, sessions, people } = await newsSchool(hub.database.db, hub.url);
    const other = await newsSchool(hub.database.db, hub.url);
    const live4B = connectLive(hub.url, sessions.guardian4B.cookie);
    const live3A = connectLive(hub.url, sessions.guardian3A.cookie);
    const liveStudent = connectLive(hub.url, sessions.student4B.cookie);
    const liveOther = connectLive(hub.url, other.sessions.guardian4B.cookie);
    expect(await live4B.channels).toContain(channels.groupProfile(school.uai, c4B.id, 'guardian'));
    await Promise.all([live3A.channels, liveStudent.channels, liveOther.channels]);

    const res = await sessions.direction.request(`/api/schools/${school.uai}/news`, {
      method: 'POST',
      json: newsBody({ title: 'Sortie des 4B', audience: [{ kind: 'group', groupId: c4B.id, profiles: ['guardian'] }] }),
    });
    const item = await res.json();
    await live4B.waitFor((e) => e.some((x) => x.type === 'news.published'));
    expect(live4B.delivered.find((x) => x.type === 'news.published')!.data).toMatchObject({ news: { id: item.id, title: 'Sortie des 4B' }, urgent: false });
    await new Promise((r) => setTimeout(r, 300));
    for (const l of [live3A, liveStudent, liveOther]) expect(l.raw.filter((x) => x.type.startsWith('news.'))).toEqual([]);

    expect(await feedTitles(sessions.guardian4B, school.uai)).toEqual(['Sortie des 4B']);
    expect(await feedTitles(sessions.guardian3A, school.uai)).toEqual([]);
    expect(await feedTitles(sessions.student4B, school.uai)).toEqual([]);
    expect((await sessions.guardian3A.request(`/api/schools/${school.uai}/news/${item.id}`)).status).toBe(403);
    expect((await other.sessions.guardian4B.request(`/api/schools/${school.uai}/news/${item.id}`)).status).toBe(403);
    expect((await other.sessions.direction.request(`/api/schools/${other.school.uai}/news/${item.id}`)).status).toBe(404);
    expect(people.guardian4B.id).toBeTruthy();
    for (const l of [live4B, live3A, liveStudent, liveOther]) l.close();
  });

  it('scheduled items go live on time through the job; expired ones leave feeds', async () => {
    const { school, sessions } = await newsSchool(hub.database.db, hub.url);
    const live = connectLive(hub.url, sessions.guardian3A.cookie);
    await live.channels;
    const publishAt = new Date(clock.now().getTime() + 2000).toISOString();
    const expireAt = new Date(clock.now().getTime() + 3600_000).toISOString();
    const res = await sessions.direction.request(`/api/schools/${school.uai}/news`, { method: 'POST', json: newsBody({ title: 'Programmée', publishAt, expireAt }) });
    const item = await res.json();
    expect(item.status).toBe('scheduled');
    expect(await feedTitles(sessions.guardian3A, school.uai)).toEqual([]);
    const started = Date.now();
    await live.waitFor((e) => e.some((x) => x.type === 'news.published'), 10_000);
    // on time: not before publish_at, within 5 s after it
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(publishAt) - 1000);
    expect(Date.now() - Date.parse(publishAt)).toBeLessThan(5000);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await feedTitles(sessions.guardian3A, school.uai)).toEqual(['Programmée']);

    clock.offsetMs = 2 * 3600_000;
    try {
      expect(await feedTitles(sessions.guardian3A, school.uai)).toEqual([]);
      expect((await sessions.guardian3A.request(`/api/schools/${school.uai}/news/${item.id}`)).status).toBe(404);
    } finally {
      clock.offsetMs = 0;
    }
    live.close();
  });

  it('records first reads and acknowledgements and tells the author live', async () => {
    const { school, c4B, c3A, sessions, people } = await newsSchool(hub.database.db, hub.url);
    const authorLive = connectLive(hub.url, sessions.teacher.cookie);
    await authorLive.channels;
    const res = await sessions.direction.request(`/api/schools/${school.uai}/news`, {
      method: 'POST',
      json: newsBody({ audience: [{ kind: 'group', groupId: c4B.id, profiles: ['guardian'] }, { kind: 'group', groupId: c3A.id, profiles: ['guardian'] }], ackMode: 'per_student' }),
    });
    const item = await res.json();
    const stats = async () => (await sessions.direction.request(`/api/schools/${school.uai}/news/${item.id}/stats`)).json();
    expect(await stats()).toMatchObject({ recipients: 2, read: 0, acknowledged: 0, studentsCovered: { covered: 0, total: 2 } });

    expect((await sessions.guardian4B.request(`/api/schools/${school.uai}/news/${item.id}/read`, { method: 'POST' })).status).toBe(204);
    await sessions.guardian4B.request(`/api/schools/${school.uai}/news/${item.id}/read`, { method: 'POST' });
    expect((await sessions.guardian4B.request(`/api/schools/${school.uai}/news/${item.id}/acknowledge`, { method: 'POST' })).status).toBe(204);
    const s = await stats();
    expect(s).toMatchObject({ recipients: 2, read: 1, acknowledged: 1, studentsCovered: { covered: 1, total: 2 } });
    expect(s.byGroup).toEqual([
      { group: '3A', recipients: 1, read: 0 },
      { group: '4B', recipients: 1, read: 1 },
    ]);
    expect(s.notRead).toEqual([{ personId: people.guardian3A.id, name: `${people.guardian3A.lastName} Sophie`, profile: 'guardian', children: [`Hugo ${people.student3A.lastName}`] }]);
    // the teacher is not the author: no stats, and the feed of a non-recipient refuses reads
    expect((await sessions.teacher.request(`/api/schools/${school.uai}/news/${item.id}/stats`)).status).toBe(403);
    expect((await sessions.student4B.request(`/api/schools/${school.uai}/news/${item.id}/read`, { method: 'POST' })).status).toBe(403);
    const feed = await (await sessions.guardian4B.request(`/api/schools/${school.uai}/news`)).json();
    expect(feed[0]).toMatchObject({ id: item.id, ackRequired: true });
    expect(feed[0].readAt).not.toBeNull();
    expect(feed[0].acknowledgedAt).not.toBeNull();
    authorLive.close();
  });

  it('the author sees reads live', async () => {
    const { school, c4B, sessions } = await newsSchool(hub.database.db, hub.url);
    const res = await sessions.teacher.request(`/api/schools/${school.uai}/news`, { method: 'POST', json: newsBody({ audience: [{ kind: 'group', groupId: c4B.id }] }) });
    const item = await res.json();
    const authorLive = connectLive(hub.url, sessions.teacher.cookie);
    await authorLive.channels;
    await sessions.student4B.request(`/api/schools/${school.uai}/news/${item.id}/read`, { method: 'POST' });
    await authorLive.waitFor((e) => e.some((x) => x.type === 'news.read'));
    expect(authorLive.delivered.find((x) => x.type === 'news.read')!.data).toEqual({ newsId: item.id, title: 'Sortie au musée', recipients: 2, read: 1, acknowledged: 0 });
    authorLive.close();
  });

  it('editing a published item records a revision and tells readers; unpublishing removes it live', async () => {
    const { school, sessions } = await newsSchool(hub.database.db, hub.url);
    const live = connectLive(hub.url, sessions.guardian4B.cookie);
    await live.channels;
    const item = await (await sessions.direction.request(`/api/schools/${school.uai}/news`, { method: 'POST', json: newsBody() })).json();
    const edited = await sessions.direction.request(`/api/schools/${school.uai}/news/${item.id}`, { method: 'PATCH', json: newsBody({ title: 'Sortie au musée (horaire modifié)' }) });
    expect(await edited.json()).toMatchObject({ version: 2, status: 'published' });
    const { rows } = await hub.database.executeSql('select version, title from news_revisions where news_id = $1', [item.id]);
    expect(rows).toEqual([{ version: 1, title: 'Sortie au musée' }]);
    await live.waitFor((e) => e.some((x) => x.type === 'news.updated'));
    expect(live.delivered.find((x) => x.type === 'news.updated')!.data).toMatchObject({ news: { version: 2, title: 'Sortie au musée (horaire modifié)' } });

    const moved = await sessions.direction.request(`/api/schools/${school.uai}/news/${item.id}`, { method: 'PATCH', json: newsBody({ audience: [{ kind: 'school', profiles: ['teacher'] }] }) });
    expect(moved.status).toBe(409);

    expect((await sessions.guardian4B.request(`/api/schools/${school.uai}/news/${item.id}/withdraw`, { method: 'POST' })).status).toBe(403);
    const withdrawn = await sessions.direction.request(`/api/schools/${school.uai}/news/${item.id}/withdraw`, { method: 'POST' });
    expect(await withdrawn.json()).toMatchObject({ status: 'archived' });
    await live.waitFor((e) => e.some((x) => x.type === 'news.withdrawn'));
    expect(await feedTitles(sessions.guardian4B, school.uai)).toEqual([]);
    live.close();
  });
  it('the feed filters by category, pages with before, puts unread first unless asked not to, and its excerpts follow edits', async () => {
    const { school, sessions } = await newsSchool(hub.database.db, hub.url);
    const post = async (title: string, category: string, minutes: number) => {
      clock.offsetMs = minutes * 60_000;
      const res = await sessions.direction.request(`/api/schools/${school.uai}/news`, { method: 'POST', json: newsBody({ title, category, bodyHtml: `<p>${title} : <em>détails</em></p>` }) });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; publishedAt: string };
    };
    try {
      const first = await post('Cantine', 'restauration', 1);
      const second = await post('Sortie', 'evenement', 2);
      await post('Concert', 'evenement', 3);
      const get = async (query: string) => (await (await sessions.guardian3A.request(`/api/schools/${school.uai}/news${query}`)).json()) as any[];

      expect((await get('')).map((n) => n.title)).toEqual(['Concert', 'Sortie', 'Cantine']);
      expect((await get('?category=evenement')).map((n) => n.title)).toEqual(['Concert', 'Sortie']);
      expect((await get(`?before=${encodeURIComponent(second.publishedAt)}`)).map((n) => n.title)).toEqual(['Cantine']);
      expect((await get('?limit=1')).map((n) => n.title)).toEqual(['Concert']);

      // read the newest: unread first puts it last, unless the reader asks for the plain order
      const [concert] = await get('?limit=1');
      expect((await sessions.guardian3A.request(`/api/schools/${school.uai}/news/${concert.id}/read`, { method: 'POST' })).status).toBeLessThan(300);
      expect((await get('')).map((n) => n.title)).toEqual(['Sortie', 'Cantine', 'Concert']);
      expect((await get('?unreadFirst=0')).map((n) => n.title)).toEqual(['Concert', 'Sortie', 'Cantine']);

      // the clock does not move between these two edits: the excerpt still follows the body
      expect((await get('?category=restauration'))[0].excerpt).toBe('Cantine : détails');
      const edit = (bodyHtml: string) =>
        sessions.direction.request(`/api/schools/${school.uai}/news/${first.id}`, { method: 'PATCH', json: newsBody({ title: 'Cantine', category: 'restauration', bodyHtml }) });
      expect((await edit('<p>Menu végétarien jeudi</p>')).status).toBe(200);
      expect((await get('?category=restauration'))[0].excerpt).toBe('Menu végétarien jeudi');
      expect((await edit('<p>Menu du jour : poisson</p>')).status).toBe(200);
      expect((await get('?category=restauration'))[0].excerpt).toBe('Menu du jour : poisson');
    } finally {
      clock.offsetMs = 0;
    }
  });
});
