import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { openTestDatabase } from '../helpers/db';
import { addToGroup, createGroup, createPerson, createSchool, linkGuardian } from '../helpers/factories';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
import { signIn } from '../helpers/http-client';
import { connectLive } from '../helpers/socket-client';
import { publishedTitles } from '../helpers/cluster';

// Redis goes away under two running nodes, then comes back. The nodes use a Redis server of
// this test's own (the machine's redis-server, on a free port), so stopping it disturbs nothing else.
const databaseUrl = process.env.TEST_DATABASE_URL;

let database: Database;
let redis: ChildProcess | undefined;
let port: number;
let nodeA: HubProcess;
let nodeB: HubProcess;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(): Promise<void> {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(true));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not start');
}

async function stopRedis(): Promise<void> {
  const exited = new Promise((resolve) => redis!.once('exit', resolve));
  redis!.kill('SIGKILL');
  await exited;
  redis = undefined;
}

/** Resolves once the process has printed `text`. */
async function printed(node: HubProcess, text: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!node.output().includes(text)) {
    if (Date.now() - started > timeoutMs) throw new Error(`no « ${text} » after ${timeoutMs} ms: ${node.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  if (!databaseUrl) throw new Error('npm run test:cluster needs TEST_DATABASE_URL (PostgreSQL): see the README');
  port = await freePort();
  await startRedis();
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: `redis://127.0.0.1:${port}` };
  [nodeA, nodeB] = await Promise.all([startHubProcess(env), startHubProcess(env)]);
  database = await openTestDatabase();
}, 120_000);

afterAll(async () => {
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
  if (redis) await stopRedis();
  await database?.close();
});

describe('Redis unavailable', () => {
  it('each node keeps serving its own sockets and says so; when Redis returns, events cross nodes again and the gap is filled', async () => {
    const db = database.db;
    const school = await createSchool(db, { name: 'Collège sans Redis' });
    const klass = await createGroup(db, school.id, '5A');
    const direction = await createPerson(db, school.id, 'direction');
    const student = await createPerson(db, school.id, 'student');
    const guardian = await createPerson(db, school.id, 'guardian');
    await addToGroup(db, klass.id, student.id);
    await linkGuardian(db, school.id, guardian.id, student.id);
    const directionOnA = await signIn(nodeA.url, direction.login);
    const session = await signIn(nodeA.url, guardian.login);
    const onA = connectLive(nodeA.url, session.cookie);
    const onB = connectLive(nodeB.url, session.cookie);
    await Promise.all([onA.channels, onB.channels]);
    const post = async (title: string) => {
      const res = await directionOnA.request(`/api/schools/${school.uai}/news`, {
        method: 'POST',
        json: { title, bodyHtml: `<p>${title}</p>`, category: 'vie_scolaire', audience: [{ kind: 'school' }], intent: 'publish' },
      });
      expect(res.status).toBe(201);
    };

    await post('Avant la panne');
    await Promise.all([onA.waitFor((e) => publishedTitles(e).includes('Avant la panne')), onB.waitFor((e) => publishedTitles(e).includes('Avant la panne'))]);

    await stopRedis();
    await printed(nodeA, 'Redis unavailable');
    // node A's own socket still gets what is written through node A; the API keeps answering
    await post('Pendant la panne');
    await onA.waitFor((e) => publishedTitles(e).includes('Pendant la panne'));
    expect((await fetch(`${nodeB.url}/readyz`)).status).toBe(200);

    await startRedis();
    await printed(nodeA, 'Redis is back');
    await printed(nodeB, 'Redis is back');
    await post('Après la panne');
    // node B's socket gets the new event across nodes, sees the gap in seq, and has it replayed
    await onB.waitFor((e) => publishedTitles(e).includes('Après la panne'), 20_000);
    await onB.waitFor((e) => publishedTitles(e).includes('Pendant la panne'), 10_000);
    expect(publishedTitles(onB.delivered)).toEqual(['Avant la panne', 'Pendant la panne', 'Après la panne']);
    expect(publishedTitles(onA.delivered)).toEqual(['Avant la panne', 'Pendant la panne', 'Après la panne']);
    onA.close();
    onB.close();
  }, 90_000);
});
