import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { newsItems } from '../../db/schema';
import { createPerson, createSchool } from '../helpers/factories';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
import { signIn } from '../helpers/http-client';
import { connectLive } from '../helpers/socket-client';
import { publishedTitles } from '../helpers/cluster';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres';

// PostgreSQL restarted under a running hub: a server of this test's own (the shared one serves
// the other tests), stopped with pg_ctl's fast mode (every session ended, new connections
// refused) and started again.
let server: PrivatePostgres;
let database: Database;
let hub: HubProcess;

beforeAll(async () => {
  server = await startPrivatePostgres();
  hub = await startHubProcess({ DATABASE_URL: server.url, REDIS_URL: '' });
  // the hub migrated it; the test's own connection for its fixtures and checks
  database = await openDatabase({ url: server.url, maxConnections: 2 });
}, 120_000);

afterAll(async () => {
  await server?.start().catch(() => undefined);
  const code = await hub?.stop();
  await database?.close();
  await server?.destroy();
  expect(code).toBe(0);
});

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

    await server.stop();
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

    await server.start();
    await expect.poll(async () => (await fetch(`${hub.url}/readyz`)).status, { timeout: 30_000, interval: 500 }).toBe(200);
    const after = await post('Après la coupure');
    expect(after.status).toBe(201);
    await live.waitFor((e) => publishedTitles(e).includes('Après la coupure'), 10_000);
    expect(publishedTitles(live.delivered)).toEqual(['Avant la coupure', 'Après la coupure']);
    const stored = await database.db.select({ title: newsItems.title }).from(newsItems).where(eq(newsItems.schoolId, school.id));
    expect(stored.map((r) => r.title).sort()).toEqual(['Après la coupure', 'Avant la coupure']);
    expect(hub.child.exitCode).toBeNull();
    live.close();
  }, 90_000);
});
