import { randomBytes } from 'node:crypto';
import { inArray, like } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { channelSeqs, groupMembers, groups, guardianships, memberships, people, rateLimits, schools, sessions } from '../../db/schema';
import { channels } from '../../server/contracts/channels';
import type { Profile } from '../../server/contracts/directory';
import { hashToken, SESSION_TTL_MS } from '../../server/modules/auth/session.store';
import { sessionCookie } from './bench-hub';
import { createSchool } from '../../tests/helpers/factories';

const FIRST = ['Léa', 'Hugo', 'Chloé', 'Lucas', 'Inès', 'Nathan', 'Jade', 'Louis', 'Emma', 'Gabriel', 'Manon', 'Arthur', 'Camille', 'Adam', 'Sarah', 'Raphaël', 'Lina', 'Jules', 'Zoé', 'Mohamed'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefebvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez'];

/** Inserts rows in chunks (a statement's parameters are limited) and returns the ids in order. */
export async function insertMany<T>(rows: T[], chunk: number, insert: (part: T[]) => Promise<Array<{ id: string }>>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += chunk) ids.push(...(await insert(rows.slice(i, i + chunk))).map((r) => r.id));
  return ids;
}

export interface SeededCollege {
  school: Awaited<ReturnType<typeof createSchool>>;
  /** Teacher c teaches class c. */
  teacherIds: string[];
  studentIds: string[];
  /** Guardians 2s and 2s+1 are student s's. */
  guardianIds: string[];
  classIds: string[];
  classNames: string[];
  /** Students of each class, by index into studentIds. */
  classStudents: number[][];
  classOfStudent: number[];
}

/**
 * A collège straight into the database, without the API's per-row checks (a seed of thousands
 * of people through it would take minutes): `students` students in `classes` contiguous classes
 * (6A, 6B…), a teacher per class, two guardians per student. `school`: columns of the school row
 * (its settings, say).
 */
export async function seedCollege(
  db: Db,
  opts: { students: number; classes: number; school?: Partial<typeof schools.$inferInsert> },
): Promise<SeededCollege> {
  const { students, classes: classCount } = opts;
  const school = await createSchool(db, { name: 'Collège Jean Moulin (banc d’essai)', ...opts.school });
  const tag = school.uai.toLowerCase();
  const person = (kind: string, i: number) => ({
    login: `bench.${tag}.${kind}${i}`,
    firstName: FIRST[(i * 7) % FIRST.length],
    lastName: LAST[(i * 13 + kind.length) % LAST.length],
  });
  const addPeople = async (kind: string, n: number, profile: 'student' | 'guardian' | 'teacher') => {
    const ids = await insertMany(
      Array.from({ length: n }, (_, i) => person(kind, i)),
      500,
      (part) => db.insert(people).values(part).returning({ id: people.id }),
    );
    await insertMany(
      ids.map((personId) => ({ personId, schoolId: school.id, profile, externalId: null })),
      500,
      (part) => db.insert(memberships).values(part).returning({ id: memberships.id }),
    );
    return ids;
  };
  const teacherIds = await addPeople('prof', classCount, 'teacher');
  const studentIds = await addPeople('eleve', students, 'student');
  const guardianIds = await addPeople('parent', students * 2, 'guardian');

  const names = ['6', '5', '4', '3'].flatMap((level) => 'ABCDEFGHIJKL'.split('').map((l) => `${level}${l}`));
  const classNames = Array.from({ length: classCount }, (_, c) => names[c] ?? `C${c}`);
  const classIds = await insertMany(
    classNames.map((name) => ({ schoolId: school.id, kind: 'class' as const, name })),
    500,
    (part) => db.insert(groups).values(part).returning({ id: groups.id }),
  );
  // contiguous classes of ⌈n/c⌉ or ⌊n/c⌋ students
  const classStudents: number[][] = Array.from({ length: classCount }, () => []);
  const classOfStudent: number[] = [];
  for (let c = 0, s = 0; c < classCount; c++) {
    const size = Math.floor(students / classCount) + (c < students % classCount ? 1 : 0);
    for (let k = 0; k < size; k++, s++) {
      classStudents[c].push(s);
      classOfStudent[s] = c;
    }
  }
  const members = [
    ...studentIds.map((personId, s) => ({ groupId: classIds[classOfStudent[s]], personId, role: 'member' as const })),
    ...teacherIds.map((personId, c) => ({ groupId: classIds[c], personId, role: 'teacher' as const })),
  ];
  for (let i = 0; i < members.length; i += 1000) await db.insert(groupMembers).values(members.slice(i, i + 1000));
  const links = guardianIds.map((guardianId, g) => ({ schoolId: school.id, guardianId, studentId: studentIds[g >> 1] }));
  for (let i = 0; i < links.length; i += 1000) await db.insert(guardianships).values(links.slice(i, i + 1000));
  return { school, teacherIds, studentIds, guardianIds, classIds, classNames, classStudents, classOfStudent };
}

/**
 * BENCH_ANALYZE: whether to ANALYZE the seeded tables first. By default on PostgreSQL, whose
 * autovacuum would have analyzed a school's tables long before the moment measured; an embedded
 * PGlite has no autovacuum, and the hub never runs ANALYZE: its planner has no statistics.
 */
export const analyzeSeededTables = () => (process.env.BENCH_ANALYZE ? process.env.BENCH_ANALYZE === '1' : !!process.env.BENCH_DATABASE_URL);

/** The tables seedCollege and seedSessions fill: the ones to ANALYZE after seeding (analyzeSeededTables). */
export const COLLEGE_TABLES = ['schools', 'people', 'memberships', 'groups', 'group_members', 'guardianships', 'sessions'];

/**
 * Takes a benchmark's school out of a shared database: the school and all it owns (events
 * included), the people seeded for it, the seq counters of its channels and of those people's
 * own, and their send-rate counters (keyed by school and person, owned by no row).
 */
export async function removeSchool(db: Db, school: { id: string; uai: string }, personIds: string[]): Promise<void> {
  await db.delete(schools).where(inArray(schools.id, [school.id]));
  for (let i = 0; i < personIds.length; i += 1000) await db.delete(people).where(inArray(people.id, personIds.slice(i, i + 1000)));
  await db.delete(channelSeqs).where(like(channelSeqs.channel, `school:${school.uai}%`));
  for (let i = 0; i < personIds.length; i += 1000) {
    await db.delete(channelSeqs).where(inArray(channelSeqs.channel, personIds.slice(i, i + 1000).map((id) => channels.user(id))));
  }
  await db.delete(rateLimits).where(like(rateLimits.key, `%:${school.id}:%`));
}

/**
 * A session per person straight into the database (createSession one by one takes a minute for
 * 10,000), and the Cookie header of each, signed with the hub's keys.
 */
export async function seedSessions(db: Db, cookieKeys: string[], schoolId: string, personIds: string[], profile: Profile): Promise<string[]> {
  const tokens = personIds.map(() => randomBytes(32).toString('base64url'));
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  const rows = personIds.map((personId, i) => ({ tokenHash: hashToken(tokens[i]), personId, schoolId, profile, expiresAt }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(sessions).values(rows.slice(i, i + 1000));
  return tokens.map((token) => sessionCookie(cookieKeys, token));
}
