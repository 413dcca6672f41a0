import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { newsItems } from '../../db/schema';
import type { EventEnvelope } from '../../server/contracts/events';
import { openTestDatabase } from '../helpers/db';
import { createPerson, createSchool } from '../helpers/factories';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
import { signIn } from '../helpers/http-client';
import { connectLive } from '../helpers/socket-client';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

// PostgreSQL goes away under a running hub and comes back: the hub reaches it through a TCP
// relay this test cuts (every connection closed, new ones refused) and restores.
const databaseUrl = process.env.TEST_DATABASE_URL;

let database: Database;
let proxy: TcpProxy;
let hub: HubProcess;

beforeAll(async () => {
  if (!databaseUrl) throw new Error('npm run test:cluster needs TEST_DATABASE_URL (PostgreSQL): see the README');
  const url = new URL(databaseUrl);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.host = `127.0.0.1:${proxy.port}`;
  hub = await startHubProcess({ DATABASE_URL: url.toString(), REDIS_URL: '' });
  database = await openTestDatabase();
}, 120_000);

afterAll(async () => {
  await proxy?.restore().catch(() => undefined);
  const code = await hub?.stop();
  await proxy?.close();
  await database?.close();
  expect(code).toBe(0);
});

const titles = (list: EventEnvelope[]) => list.filter((e) => e.type === 'news.published').map((e) => (e.data as { news: { title: string } }).news.title);

describe('PostgreSQL restarted under a running hub', () => {
  it('answers 503 during the outage, recovers by itself, and loses nothing it accepted', async () => {
    const school = await createSchool(database.db, { name: 'Collège de la panne' });
    const direction = await createPerson(database.db, school.id, 'direction');
    const session = await signIn(hub.url, direction.login);
    const live = connectLive(hub.url, session.cookie);
    await live.channels;
    const post = (title: string) =>
      session.request(`/api/schools/${school.uai}/news`, {
        method: 'POST',
        json: { title, bodyHtml: `<p>${title}</p>`, category: 'vie_scolaire', audience: [{ kind: 'school' }], intent: 'publish' },
      });
    const before = await post('Avant la coupure');
    expect(before.status).toBe(201);

    await proxy.cut();
    const during = await post('Pendant la coupure');
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect((await during.json()).error.code).toBe('service_unavailable');
    expect((await fetch(`${hub.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    // long enough for the job workers' polls and the relay's sweeps to fail a few times
    await new Promise((r) => setTimeout(r, 5000));
    expect(hub.child.exitCode, hub.output()).toBeNull();
    expect((await post('Toujours en coupure')).status).toBe(503);

    await proxy.restore();
    await expect.poll(async () => (await fetch(`${hub.url}/readyz`)).status, { timeout: 30_000, interval: 500 }).toBe(200);
    const after = await post('Après la coupure');
    expect(after.status).toBe(201);
    await live.waitFor((e) => titles(e).includes('Après la coupure'), 10_000);
    expect(titles(live.delivered)).toEqual(['Avant la coupure', 'Après la coupure']);
    const stored = await database.db.select({ title: newsItems.title }).from(newsItems).where(eq(newsItems.schoolId, school.id));
    expect(stored.map((r) => r.title).sort()).toEqual(['Après la coupure', 'Avant la coupure']);
    expect(hub.child.exitCode).toBeNull();
    live.close();
  }, 90_000);
});
