import { courses, timetableSlots } from '../../db/schema';
import type { Database } from '../../db/client';
import { addMembership, addToGroup, createGroup, createPerson, createSchool, linkGuardian } from '../helpers/factories';
import { signIn, type Session } from '../helpers/http-client';

/** Monday 23 November 2026, 10:15 in Paris (UTC+1): during M3 (10:10–11:05). */
export const MONDAY_M3 = '2026-11-23T09:15:00Z';
export const MONDAY = '2026-11-23';

export const SLOTS = [
  { code: 'M1', startTime: '08:00', endTime: '08:55' },
  { code: 'M2', startTime: '09:00', endTime: '09:55' },
  { code: 'M3', startTime: '10:10', endTime: '11:05' },
  { code: 'M4', startTime: '11:10', endTime: '12:05' },
  { code: 'S1', startTime: '13:30', endTime: '14:25' },
];

/**
 * A collège with a timetable: 4B (Léa, whose parents are Marc and Julie; Julie also has a
 * child in another school) and 3A (Hugo and his mother Sophie). Mme Moreau teaches 4B maths
 * on Monday M3 and 3A on Monday M4 (week A only); M. Bernard teaches 4B on Monday S1.
 */
export async function absencesSchool(db: Database['db'], url: string) {
  const school = await createSchool(db, { settings: { timetable: { weekAStart: '2026-11-16' } } });
  const otherSchool = await createSchool(db, { name: 'Lycée voisin' });
  const c4B = await createGroup(db, school.id, '4B');
  const c3A = await createGroup(db, school.id, '3A');
  const teacher = await createPerson(db, school.id, 'teacher', { firstName: 'Claire', lastName: 'Moreau' });
  const colleague = await createPerson(db, school.id, 'teacher', { firstName: 'Paul', lastName: 'Bernard' });
  const cpe = await createPerson(db, school.id, 'staff', { staffFunction: 'vie_scolaire', firstName: 'Nadia', lastName: 'Roux' });
  const secretariat = await createPerson(db, school.id, 'staff', { staffFunction: 'secretariat', firstName: 'Jean', lastName: 'Garnier' });
  const direction = await createPerson(db, school.id, 'direction', { firstName: 'Anne', lastName: 'Vasseur' });
  const lea = await createPerson(db, school.id, 'student', { firstName: 'Léa', lastName: 'Durand' });
  const marc = await createPerson(db, school.id, 'guardian', { firstName: 'Marc', lastName: 'Durand' });
  const julie = await createPerson(db, school.id, 'guardian', { firstName: 'Julie', lastName: 'Lefèvre' });
  const hugo = await createPerson(db, school.id, 'student', { firstName: 'Hugo', lastName: 'Petit' });
  const sophie = await createPerson(db, school.id, 'guardian', { firstName: 'Sophie', lastName: 'Petit' });
  // Julie's other child is in the other school: one account, two memberships
  const tom = await createPerson(db, otherSchool.id, 'student', { firstName: 'Tom', lastName: 'Lefèvre' });
  await addMembership(db, julie.id, otherSchool.id, 'guardian');
  await linkGuardian(db, otherSchool.id, julie.id, tom.id);

  await addToGroup(db, c4B.id, teacher.id, 'teacher');
  await addToGroup(db, c3A.id, teacher.id, 'teacher');
  await addToGroup(db, c4B.id, colleague.id, 'teacher');
  await addToGroup(db, c4B.id, lea.id);
  await addToGroup(db, c3A.id, hugo.id);
  await linkGuardian(db, school.id, marc.id, lea.id);
  await linkGuardian(db, school.id, julie.id, lea.id);
  await linkGuardian(db, school.id, sophie.id, hugo.id);

  const slots = await db.insert(timetableSlots).values(SLOTS.map((s) => ({ schoolId: school.id, ...s }))).returning();
  const slot = (code: string) => slots.find((s) => s.code === code)!.id;
  const [maths4B, maths3A, history4B] = await db
    .insert(courses)
    .values([
      { schoolId: school.id, groupId: c4B.id, teacherId: teacher.id, subject: 'Mathématiques', weekday: 1, slotId: slot('M3'), room: 'B12' },
      { schoolId: school.id, groupId: c3A.id, teacherId: teacher.id, subject: 'Mathématiques', weekday: 1, slotId: slot('M4'), room: 'B12', week: 'A' },
      { schoolId: school.id, groupId: c4B.id, teacherId: colleague.id, subject: 'Histoire-géographie', weekday: 1, slotId: slot('S1'), room: 'C03' },
    ])
    .returning();

  const people = { teacher, colleague, cpe, secretariat, direction, lea, marc, julie, hugo, sophie, tom };
  const sessions: Record<string, Session> = {};
  for (const [k, p] of Object.entries(people)) if (k !== 'tom') sessions[k] = await signIn(url, p.login);
  return { school, otherSchool, c4B, c3A, people, courses: { maths4B, maths3A, history4B }, sessions };
}

export type AbsencesSchool = Awaited<ReturnType<typeof absencesSchool>>;
