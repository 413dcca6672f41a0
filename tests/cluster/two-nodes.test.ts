import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { events } from '../../db/schema';
import { channels } from '../../server/contracts/channels';
import { openTestDatabase } from '../helpers/db';
import { addToGroup, createGroup, createPerson, createSchool, linkGuardian } from '../helpers/factories';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
import { signIn } from '../helpers/http-client';
import { connectLive } from '../helpers/socket-client';
import { clusterEnv, publishedTitles } from '../helpers/cluster';

// Two hub processes on two ports share one PostgreSQL and one Redis, as two nodes behind a load
// balancer do. This suite needs both services: `npm run test:cluster` (CI runs it).
let database: Database;
let nodeA: HubProcess;
let nodeB: HubProcess;

beforeAll(async () => {
  const env = clusterEnv();
  // both start at once: migrations under the advisory lock, pg-boss on the same schema
  [nodeA, nodeB] = await Promise.all([startHubProcess(env), startHubProcess(env)]);
  database = await openTestDatabase();
}, 120_000);

afterAll(async () => {
  const codes = await Promise.all([nodeA?.stop(), nodeB?.stop()]);
  await database?.close();
  expect(codes).toEqual([0, 0]);
});

async function school() {
  const db = database.db;
  const s = await createSchool(db, { name: 'Collège des deux nœuds' });
  const klass = await createGroup(db, s.id, '4B');
  const direction = await createPerson(db, s.id, 'direction');
  const student = await createPerson(db, s.id, 'student');
  const guardian = await createPerson(db, s.id, 'guardian');
  await addToGroup(db, klass.id, student.id);
  await linkGuardian(db, s.id, guardian.id, student.id);
  return { school: s, direction, guardian };
}

const news = (title: string, publishAt: string | null = null) => ({
  title,
  bodyHtml: `<p>${title}</p>`,
  category: 'vie_scolaire',
  audience: [{ kind: 'school' }],
  publishAt,
  intent: 'publish',
});

describe('two hub nodes over Redis', () => {
  it('an event committed on node A reaches a socket on node B, and what a socket missed is replayed by the other node', async () => {
    const s = await school();
    // the same sessions work on either node: they live in PostgreSQL
    const directionOnA = await signIn(nodeA.url, s.direction.login);
    const guardianOnB = await signIn(nodeB.url, s.guardian.login);
    const onB = connectLive(nodeB.url, guardianOnB.cookie);
    expect(await onB.channels).toContain(channels.school(s.school.uai));

    const posted = await directionOnA.request(`/api/schools/${s.school.uai}/news`, { method: 'POST', json: news('Publié sur A, lu sur B') });
    expect(posted.status).toBe(201);
    await onB.waitFor((e) => publishedTitles(e).includes('Publié sur A, lu sur B'));
    const seen = onB.cursors.snapshot();
    onB.close();

    // while the guardian is away, three more items; back on node A with the cursors from node B
    for (const t of ['Absent 1', 'Absent 2', 'Absent 3']) {
      expect((await directionOnA.request(`/api/schools/${s.school.uai}/news`, { method: 'POST', json: news(t) })).status).toBe(201);
    }
    const guardianOnA = await signIn(nodeA.url, s.guardian.login);
    const onA = connectLive(nodeA.url, guardianOnA.cookie, seen);
    await onA.channels;
    await onA.waitFor((e) => publishedTitles(e).length === 3);
    expect(publishedTitles(onA.delivered)).toEqual(['Absent 1', 'Absent 2', 'Absent 3']);
    const schoolEvents = onA.delivered.filter((e) => e.channel === channels.school(s.school.uai)).map((e) => e.seq);
    expect(schoolEvents).toEqual([...schoolEvents].sort((a, b) => a - b));
    expect(onA.raw.filter((e) => e.type === 'news.published')).toHaveLength(3);
    onA.close();
  });

  it('closing a session on one node closes its sockets on the other', async () => {
    const s = await school();
    const session = await signIn(nodeA.url, s.guardian.login);
    const onB = connectLive(nodeB.url, session.cookie);
    await onB.channels;
    const closed = new Promise<string>((resolve) => onB.socket.on('disconnect', (reason) => resolve(reason)));
    expect((await session.request('/api/auth/logout', { method: 'POST' })).status).toBeLessThan(300);
    expect(await closed).toBe('io server disconnect');
    onB.close();
  });

  it('a scheduled publication is run once by the two nodes’ workers, and reaches sockets on both', async () => {
    const s = await school();
    const directionOnB = await signIn(nodeB.url, s.direction.login);
    const guardian = await signIn(nodeA.url, s.guardian.login);
    const onA = connectLive(nodeA.url, guardian.cookie);
    const onB = connectLive(nodeB.url, guardian.cookie);
    await Promise.all([onA.channels, onB.channels]);
    const publishAt = new Date(Date.now() + 3000).toISOString();
    const created = await directionOnB.request(`/api/schools/${s.school.uai}/news`, { method: 'POST', json: news('Programmée', publishAt) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await Promise.all([onA.waitFor((e) => publishedTitles(e).includes('Programmée'), 20_000), onB.waitFor((e) => publishedTitles(e).includes('Programmée'), 20_000)]);
    // a little longer, for a second run to show up if there were one
    await new Promise((r) => setTimeout(r, 2500));
    const published = await database.db
      .select({ seq: events.seq })
      .from(events)
      .where(and(eq(events.type, 'news.published'), sql`${events.data}->'news'->>'id' = ${id}`));
    expect(published).toHaveLength(1);
    expect(publishedTitles(onA.raw)).toEqual(['Programmée']);
    expect(publishedTitles(onB.raw)).toEqual(['Programmée']);
    onA.close();
    onB.close();
  }, 60_000);
});
