import type { Database } from '../../db/client';
import { addToGroup, createGroup, createPerson, createSchool, linkGuardian } from '../helpers/factories';
import { signIn, type Session } from '../helpers/http-client';

/**
 * A small collège: 4B (teacher, one student, her guardian) and 3A (one student, his guardian),
 * plus direction; everyone signed in.
 */
export async function newsSchool(db: Database['db'], url: string) {
  const school = await createSchool(db);
  const c4B = await createGroup(db, school.id, '4B');
  const c3A = await createGroup(db, school.id, '3A');
  const teacher = await createPerson(db, school.id, 'teacher', { firstName: 'Claire', lastName: 'Moreau' });
  const direction = await createPerson(db, school.id, 'direction', { firstName: 'Anne', lastName: 'Vasseur' });
  const student4B = await createPerson(db, school.id, 'student', { firstName: 'Léa', lastName: 'Durand' });
  const guardian4B = await createPerson(db, school.id, 'guardian', { firstName: 'Marc', lastName: 'Durand' });
  const student3A = await createPerson(db, school.id, 'student', { firstName: 'Hugo', lastName: 'Petit' });
  const guardian3A = await createPerson(db, school.id, 'guardian', { firstName: 'Sophie', lastName: 'Petit' });
  await addToGroup(db, c4B.id, teacher.id, 'teacher');
  await addToGroup(db, c4B.id, student4B.id);
  await addToGroup(db, c3A.id, student3A.id);
  await linkGuardian(db, school.id, guardian4B.id, student4B.id);
  await linkGuardian(db, school.id, guardian3A.id, student3A.id);
  const sessions: Record<string, Session> = {};
  for (const [k, p] of Object.entries({ teacher, direction, student4B, guardian4B, student3A, guardian3A })) {
    sessions[k] = await signIn(url, p.login);
  }
  return { school, c4B, c3A, people: { teacher, direction, student4B, guardian4B, student3A, guardian3A }, sessions };
}

export const newsBody = (over: Record<string, unknown> = {}) => ({
  title: 'Sortie au musée',
  bodyHtml: '<p>Rendez-vous à <strong>8 h</strong> devant le collège.</p>',
  category: 'evenement',
  audience: [{ kind: 'school' }],
  intent: 'publish',
  ...over,
});
