import { verify } from '@node-rs/argon2';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { groupMembers, groups, guardianships, memberships, people, schools } from '../../db/schema';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_UAI, demoDirectoryCsv, ensureDemoSchool } from '../../server/modules/directory/demo/demo-school';
import { openEmptyDatabase } from '../helpers/db';

// the demo is only created in a database without any school: this file needs one of its own,
// so on PostgreSQL it makes a throw-away database next to the shared test one
let database: Database;
let drop = async () => {};
beforeAll(async () => {
  ({ database, drop } = await openEmptyDatabase('preau_demo'));
});
afterAll(() => drop());

describe('demo school', () => {
  it('generates the same directory every time', () => {
    expect(demoDirectoryCsv()).toBe(demoDirectoryCsv());
  });

  it('creates Collège Jean Moulin with ~300 students in 12 classes and the documented accounts', async () => {
    const result = await ensureDemoSchool({ db: database.db });
    expect(result).toEqual({ created: true, uai: DEMO_UAI });
    const db = database.db;
    const [school] = await db.select().from(schools).where(eq(schools.uai, DEMO_UAI));
    expect(school).toMatchObject({ name: 'Collège Jean Moulin', timeZone: 'Europe/Paris' });

    const byProfile = await db
      .select({ profile: memberships.profile, n: count() })
      .from(memberships)
      .where(and(eq(memberships.schoolId, school.id), eq(memberships.active, true)))
      .groupBy(memberships.profile);
    const n = Object.fromEntries(byProfile.map((r) => [r.profile, r.n]));
    expect(n.student).toBe(300);
    expect(n.teacher).toBe(25);
    expect(n.guardian).toBeGreaterThan(400);
    expect(n.guardian).toBeLessThan(600);
    expect(n.staff).toBe(6);
    expect(n.direction).toBe(2);
    expect(n.admin).toBe(1);

    const classes = await db
      .select({ name: groups.name, members: count() })
      .from(groups)
      .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.role, 'member')))
      .where(and(eq(groups.schoolId, school.id), eq(groups.kind, 'class')))
      .groupBy(groups.name);
    expect(classes.map((c) => c.name).sort()).toEqual(['3A', '3B', '3C', '4A', '4B', '4C', '5A', '5B', '5C', '6A', '6B', '6C']);
    for (const c of classes) expect(c.members).toBe(25);
    const teaching = await db.select({ name: groups.name }).from(groups).where(and(eq(groups.schoolId, school.id), eq(groups.kind, 'teaching_group')));
    expect(teaching.map((g) => g.name)).toEqual(expect.arrayContaining(['5-LATIN', '4-ALLEMAND', '3-ESPAGNOL']));

    // siblings share their guardians: some guardians have two children
    const perGuardian = await db.select({ guardianId: guardianships.guardianId, n: count() }).from(guardianships).where(eq(guardianships.schoolId, school.id)).groupBy(guardianships.guardianId);
    expect(perGuardian.filter((g) => g.n === 2).length).toBeGreaterThan(20);

    const withPassword = await db.select({ login: people.login, hash: people.passwordHash }).from(people).where(isNotNull(people.passwordHash));
    expect(withPassword.map((p) => p.login).sort()).toEqual(DEMO_LOGINS.map((d) => d.login).sort());
    expect(new Set(withPassword.map((p) => p.hash)).size).toBe(1);
    expect(await verify(withPassword[0].hash!, DEMO_PASSWORD)).toBe(true);

    for (const demo of DEMO_LOGINS) {
      const [row] = await db
        .select({ profile: memberships.profile })
        .from(people)
        .innerJoin(memberships, eq(memberships.personId, people.id))
        .where(eq(people.login, demo.login));
      expect(row?.profile, demo.login).toBe(demo.profile);
    }
    const [parent] = await db.select({ id: people.id }).from(people).where(eq(people.login, 'parent.demo'));
    expect(await db.select().from(guardianships).where(eq(guardianships.guardianId, parent.id))).toHaveLength(2);
  });

  it('does nothing once a school exists', async () => {
    expect(await ensureDemoSchool({ db: database.db })).toEqual({ created: false, uai: DEMO_UAI });
    expect(await database.db.select().from(schools)).toHaveLength(1);
  });
});
