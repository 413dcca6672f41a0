import { randomInt, randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Queryable } from '../../db/client';
import { groupMembers, groups, guardianships, memberships, people, schools } from '../../db/schema';
import { uaiCheckLetter, type Profile, type StaffFunction } from '../../server/contracts/directory';

/** A random, valid UAI: each test builds its own school, so tests never see each other's rows. */
export function randomUai(): string {
  const digits = String(randomInt(0, 10_000_000)).padStart(7, '0');
  return digits + uaiCheckLetter(digits);
}

export async function createSchool(db: Queryable, overrides: Partial<typeof schools.$inferInsert> = {}) {
  const [school] = await db
    .insert(schools)
    .values({ uai: randomUai(), name: 'Collège de test', ...overrides })
    .returning();
  return school;
}

let cachedHash: string | null = null;
export const TEST_PASSWORD = 'mot-de-passe-test';

/** A person with one membership in the school; all share the same test password. */
export async function createPerson(
  db: Queryable,
  schoolId: string,
  profile: Profile,
  opts: { staffFunction?: StaffFunction; firstName?: string; lastName?: string; email?: string; login?: string } = {},
) {
  cachedHash ??= await hash(TEST_PASSWORD);
  const suffix = randomUUID().slice(0, 8);
  const [person] = await db
    .insert(people)
    .values({
      login: opts.login ?? `${profile}.${suffix}`,
      firstName: opts.firstName ?? 'Camille',
      lastName: opts.lastName ?? `Test-${suffix}`,
      email: opts.email ?? null,
      passwordHash: cachedHash,
    })
    .returning();
  await addMembership(db, person.id, schoolId, profile, opts.staffFunction);
  return person;
}

export async function addMembership(db: Queryable, personId: string, schoolId: string, profile: Profile, staffFunction?: StaffFunction) {
  await db.insert(memberships).values({
    personId,
    schoolId,
    profile,
    staffFunction: staffFunction ?? (profile === 'staff' ? 'vie_scolaire' : null),
    // created in Préau, not by an import: imports leave such people alone
    externalId: null,
  });
}

export async function createGroup(db: Queryable, schoolId: string, name = `4${randomUUID().slice(0, 4)}`, kind: 'class' | 'teaching_group' | 'custom' = 'class') {
  const [group] = await db.insert(groups).values({ schoolId, name, kind }).returning();
  return group;
}

export async function addToGroup(db: Queryable, groupId: string, personId: string, role: 'member' | 'teacher' = 'member') {
  await db.insert(groupMembers).values({ groupId, personId, role });
}

export async function linkGuardian(db: Queryable, schoolId: string, guardianId: string, studentId: string) {
  await db.insert(guardianships).values({ schoolId, guardianId, studentId });
}
