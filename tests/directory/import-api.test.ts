import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../server/contracts/channels';
import { createPerson, createSchool } from '../helpers/factories';
import { signIn } from '../helpers/http-client';
import { connectLive } from '../helpers/socket-client';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

const CSV = [
  'profil;id;nom;prenom;email;telephone;classe;groupes;enfants;fonction;identifiant',
  'eleve;E1;Durand;Léa;;;4B;;;;',
  'responsable;R1;Durand;Marc;marc.durand@example.org;06 11 22 33 44;;;E1;;',
  'enseignant;T1;Roux;Claire;;;;4B;;;',
].join('\n');

const post = (session: Awaited<ReturnType<typeof signIn>>, uai: string, body: string, query = '') =>
  session.request(`/api/schools/${uai}/imports${query}`, { method: 'POST', body, headers: { 'content-type': 'text/csv' } });

describe('directory import over the admin API', () => {
  it('imports a file, tells admins live, and re-importing changes nothing', async () => {
    const school = await createSchool(hub.database.db);
    const admin = await createPerson(hub.database.db, school.id, 'admin');
    const session = await signIn(hub.url, admin.login);
    const live = connectLive(hub.url, session.cookie);
    expect(await live.channels).toContain(channels.profile(school.uai, 'admin'));

    const dry = await post(session, school.uai, CSV, '?dryRun=1');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, applied: false, created: 3 });
    const none = await session.request(`/api/schools/${school.uai}/people`);
    expect((await none.json()).map((p: any) => p.lastName)).not.toContain('Durand');

    const res = await post(session, school.uai, CSV);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: true, created: 3, errors: [] });
    await live.waitFor((e) => e.some((x) => x.type === 'directory.imported'));
    expect(live.delivered.find((x) => x.type === 'directory.imported')!.data).toMatchObject({ created: 3, by: admin.id });

    const people = await (await session.request(`/api/schools/${school.uai}/people?profile=student`)).json();
    expect(people).toEqual([expect.objectContaining({ lastName: 'Durand', firstName: 'Léa', groups: ['4B'] })]);

    const again = await (await post(session, school.uai, CSV)).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    live.close();
  });

  it('refuses a file with errors as a whole, with every bad line', async () => {
    const school = await createSchool(hub.database.db);
    const admin = await createPerson(hub.database.db, school.id, 'admin');
    const session = await signIn(hub.url, admin.login);
    const bad = CSV + '\neleve;E2;Sans;Classe;;;;;;;\nresponsable;R2;Inconnu;Enfant;pas-un-email;;;;E99;;';
    const res = await post(session, school.uai, bad);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('import_invalid');
    expect(body.error.details.errors.map((e: any) => e.line)).toEqual(expect.arrayContaining([5, 6]));
    const people = await (await session.request(`/api/schools/${school.uai}/people`)).json();
    expect(people.map((p: any) => p.lastName)).toEqual([admin.lastName]);
  });

  it('is for admins only and wants CSV', async () => {
    const school = await createSchool(hub.database.db);
    const direction = await createPerson(hub.database.db, school.id, 'direction');
    const admin = await createPerson(hub.database.db, school.id, 'admin');
    expect((await post(await signIn(hub.url, direction.login), school.uai, CSV)).status).toBe(403);
    const res = await (await signIn(hub.url, admin.login)).request(`/api/schools/${school.uai}/imports`, { method: 'POST', json: { csv: CSV } });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('unsupported_media_type');
  });

  it('rejects a malformed UAI in the path with a clear error', async () => {
    const school = await createSchool(hub.database.db);
    const admin = await createPerson(hub.database.db, school.id, 'admin');
    const res = await (await signIn(hub.url, admin.login)).request('/api/schools/0750654X');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('validation_failed');
  });
});
