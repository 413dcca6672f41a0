import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { openTestDatabase } from '../helpers/db';
import { addToGroup, createGroup, createPerson, createSchool, linkGuardian } from '../helpers/factories';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
import { signIn } from '../helpers/http-client';
import { connectLive } from '../helpers/socket-client';
import { clusterEnv, publishedTitles } from '../helpers/cluster';

// A node dies (SIGKILL: no goodbye to its sockets); its clients go to the other node, as a load
// balancer would send them, with the cursors they had, and get what they missed.
let database: Database;
let nodeA: HubProcess;
let nodeB: HubProcess;

beforeAll(async () => {
  const env = clusterEnv();
  [nodeA, nodeB] = await Promise.all([startHubProcess(env), startHubProcess(env)]);
  database = await openTestDatabase();
}, 120_000);

afterAll(async () => {
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
  await database?.close();
});

describe('a hub node killed', () => {
  it('its clients reconnect to the other node and replay what they missed, in order, once', async () => {
    const db = database.db;
    const school = await createSchool(db, { name: 'Collège du nœud tombé' });
    const klass = await createGroup(db, school.id, '3C');
    const direction = await createPerson(db, school.id, 'direction');
    const student = await createPerson(db, school.id, 'student');
    const guardian = await createPerson(db, school.id, 'guardian');
    await addToGroup(db, klass.id, student.id);
    await linkGuardian(db, school.id, guardian.id, student.id);
    const directionOnB = await signIn(nodeB.url, direction.login);
    const session = await signIn(nodeA.url, guardian.login);
    const post = async (title: string) => {
      const res = await directionOnB.request(`/api/schools/${school.uai}/news`, {
        method: 'POST',
        json: { title, bodyHtml: `<p>${title}</p>`, category: 'vie_scolaire', audience: [{ kind: 'school' }], intent: 'publish' },
      });
      expect(res.status).toBe(201);
    };

    const onA = connectLive(nodeA.url, session.cookie);
    await onA.channels;
    await post('Reçu sur A');
    await onA.waitFor((e) => publishedTitles(e).includes('Reçu sur A'));
    const disconnected = new Promise((resolve) => onA.socket.on('disconnect', resolve));
    const died = new Promise((resolve) => nodeA.child.once('exit', resolve));
    nodeA.child.kill('SIGKILL');
    await Promise.all([died, disconnected]);

    await post('Perdu 1');
    await post('Perdu 2');
    const onB = connectLive(nodeB.url, session.cookie, onA.cursors.snapshot());
    await onB.channels;
    await onB.waitFor((e) => publishedTitles(e).length === 2);
    expect(publishedTitles(onB.delivered)).toEqual(['Perdu 1', 'Perdu 2']);
    await post('En direct sur B');
    await onB.waitFor((e) => publishedTitles(e).includes('En direct sur B'));
    expect(publishedTitles(onB.raw)).toEqual(['Perdu 1', 'Perdu 2', 'En direct sur B']);
    onA.close();
    onB.close();
  }, 60_000);
});
