import type { Database } from '../../db/client';
import { addToGroup, createGroup, createPerson, createSchool, linkGuardian } from '../helpers/factories';
import { signIn, type Session } from '../helpers/http-client';

/** Limits high enough that walking the rule matrix is not rate-limited (limits are tested apart). */
export const ROOMY_LIMITS = Object.fromEntries(
  ['student', 'guardian', 'teacher', 'staff', 'direction', 'admin'].map((p) => [p, { perMinute: 500, recipientsPerHour: 10_000, perSend: 5000 }]),
);

/**
 * A collège for the messagerie: 4B (Léa and Inès, with their parents Marc and Karim), 3A (Hugo,
 * his mother Sophie); Mme Moreau teaches 4B, M. Bernard 3A; vie scolaire, secretariat,
 * direction, an admin. Another school next door with its own people.
 */
export async function messagingSchool(db: Database['db'], url: string, opts: { settings?: Record<string, unknown> } = {}) {
  const school = await createSchool(db, { settings: opts.settings ?? { messaging: { limits: ROOMY_LIMITS } } });
  const other = await createSchool(db, { name: 'Lycée voisin' });
  const c4B = await createGroup(db, school.id, '4B');
  const c3A = await createGroup(db, school.id, '3A');
  const p = {
    teacher4B: await createPerson(db, school.id, 'teacher', { firstName: 'Claire', lastName: 'Moreau' }),
    teacher3A: await createPerson(db, school.id, 'teacher', { firstName: 'Paul', lastName: 'Bernard' }),
    lea: await createPerson(db, school.id, 'student', { firstName: 'Léa', lastName: 'Durand' }),
    ines: await createPerson(db, school.id, 'student', { firstName: 'Inès', lastName: 'Haddad' }),
    hugo: await createPerson(db, school.id, 'student', { firstName: 'Hugo', lastName: 'Petit' }),
    marc: await createPerson(db, school.id, 'guardian', { firstName: 'Marc', lastName: 'Durand' }),
    karim: await createPerson(db, school.id, 'guardian', { firstName: 'Karim', lastName: 'Haddad' }),
    sophie: await createPerson(db, school.id, 'guardian', { firstName: 'Sophie', lastName: 'Petit' }),
    cpe: await createPerson(db, school.id, 'staff', { staffFunction: 'vie_scolaire', firstName: 'Nadia', lastName: 'Roux' }),
    secretary: await createPerson(db, school.id, 'staff', { staffFunction: 'secretariat', firstName: 'Jean', lastName: 'Garnier' }),
    direction: await createPerson(db, school.id, 'direction', { firstName: 'Anne', lastName: 'Vasseur' }),
    admin: await createPerson(db, school.id, 'admin', { firstName: 'Louis', lastName: 'Admin' }),
  };
  const outsiders = {
    teacher: await createPerson(db, other.id, 'teacher', { firstName: 'Éric', lastName: 'Voisin' }),
    guardian: await createPerson(db, other.id, 'guardian', { firstName: 'Lucie', lastName: 'Voisin' }),
    group: await createGroup(db, other.id, '4B'),
  };
  await addToGroup(db, c4B.id, p.teacher4B.id, 'teacher');
  await addToGroup(db, c3A.id, p.teacher3A.id, 'teacher');
  await addToGroup(db, c4B.id, p.lea.id);
  await addToGroup(db, c4B.id, p.ines.id);
  await addToGroup(db, c3A.id, p.hugo.id);
  await linkGuardian(db, school.id, p.marc.id, p.lea.id);
  await linkGuardian(db, school.id, p.karim.id, p.ines.id);
  await linkGuardian(db, school.id, p.sophie.id, p.hugo.id);
  const sessions = {} as Record<keyof typeof p, Session>;
  for (const [k, person] of Object.entries(p)) sessions[k as keyof typeof p] = await signIn(url, person.login);
  const api = (who: keyof typeof p) => ({
    get: (path: string) => sessions[who].request(`/api/schools/${school.uai}/messaging${path}`),
    post: (path: string, json: unknown) => sessions[who].request(`/api/schools/${school.uai}/messaging${path}`, { method: 'POST', json }),
    put: (path: string, json: unknown) => sessions[who].request(`/api/schools/${school.uai}/messaging${path}`, { method: 'PUT', json }),
    delete: (path: string) => sessions[who].request(`/api/schools/${school.uai}/messaging${path}`, { method: 'DELETE' }),
  });
  return { school, other, c4B, c3A, people: p, outsiders, sessions, api };
}

export type MessagingSchool = Awaited<ReturnType<typeof messagingSchool>>;

export const message = (to: { people?: string[]; lists?: string[] }, over: Record<string, unknown> = {}) => ({
  to: { people: to.people ?? [], lists: to.lists ?? [] },
  subject: 'Rendez-vous',
  bodyHtml: '<p>Bonjour, pourrions-nous nous voir <strong>jeudi</strong> ?</p>',
  ...over,
});
