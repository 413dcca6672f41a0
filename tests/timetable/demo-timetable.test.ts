import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { absenceNotices, absences, courses, groupMembers, groups, people, schools, teacherAbsences, timetableSlots } from '../../db/schema';
import { seedDemoAbsences } from '../../server/modules/absences/demo-absences';
import { DEMO_UAI, ensureDemoSchool } from '../../server/modules/directory/demo/demo-school';
import { importCourses } from '../../server/modules/timetable/import';
import { demoCoursesCsv } from '../../server/modules/timetable/demo-timetable-plan';
import { seedDemoTimetable } from '../../server/modules/timetable/demo-timetable';
import { openEmptyDatabase } from '../helpers/db';

// the demo school is only created in a database without any school: like the directory's demo
// test, this file gets a database of its own (a throw-away one on PostgreSQL)
let database: Database;
let drop = async () => {};
beforeAll(async () => {
  ({ database, drop } = await openEmptyDatabase('preau_demo_tt'));
});
afterAll(() => drop());

describe('demo timetable', () => {
  it('generates the same courses file every time', () => {
    expect(demoCoursesCsv()).toBe(demoCoursesCsv());
  });

  it('seeds the demo collège: slots, ~26 h a week per class, taught by the class teachers, prof.demo every weekday morning', async () => {
    const db = database.db;
    await ensureDemoSchool({ db });
    const [school] = await db.select().from(schools);
    await db.update(schools).set({ settings: { news: { directPublish: { teacher: true } }, timetable: { other: 1 } } }).where(eq(schools.id, school.id));
    await seedDemoTimetable({ db }, school.id);

    const slots = await db.select({ code: timetableSlots.code }).from(timetableSlots).where(eq(timetableSlots.schoolId, school.id));
    expect(slots.map((s) => s.code).sort()).toEqual(['M1', 'M2', 'M3', 'M4', 'S1', 'S2', 'S3', 'S4']);

    const rows = await db
      .select({ group: groups.name, teacherId: courses.teacherId, weekday: courses.weekday, slot: timetableSlots.code, week: courses.week, room: courses.room, active: courses.active })
      .from(courses)
      .innerJoin(groups, eq(groups.id, courses.groupId))
      .innerJoin(timetableSlots, eq(timetableSlots.id, courses.slotId))
      .where(eq(courses.schoolId, school.id));
    expect(rows.length).toBeGreaterThan(300);
    expect(rows.every((r) => r.active && r.room)).toBe(true);
    expect(rows.filter((r) => r.week !== 'all').length).toBeGreaterThan(0);
    // Monday to Friday, Wednesday afternoon free
    expect(new Set(rows.map((r) => r.weekday))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(rows.filter((r) => r.weekday === 3 && r.slot.startsWith('S'))).toEqual([]);

    const hours = new Map<string, number>();
    for (const r of rows) hours.set(r.group, (hours.get(r.group) ?? 0) + (r.week === 'all' ? 1 : 0.5));
    // 6e: 26 h in class; 5e–3e: 23 h in class and 3 h of LV2 in their level's language groups
    for (const c of ['6A', '6B', '6C']) expect(hours.get(c), c).toBe(26);
    for (const c of ['5A', '5B', '5C', '4A', '4B', '4C', '3A', '3B', '3C']) expect(hours.get(c), c).toBe(23);
    for (const g of ['5-ESPAGNOL', '4-ALLEMAND', '3-ESPAGNOL']) expect(hours.get(g), g).toBe(3);

    // every course is given by a teacher of that group in the directory
    const teaching = await db
      .select({ groupName: groups.name, personId: groupMembers.personId })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(eq(groups.schoolId, school.id), eq(groupMembers.role, 'teacher')));
    const teaches = new Set(teaching.map((t) => `${t.groupName}|${t.personId}`));
    expect(rows.filter((r) => !teaches.has(`${r.group}|${r.teacherId}`))).toEqual([]);

    const [prof] = await db.select({ id: people.id }).from(people).where(eq(people.login, 'prof.demo'));
    const mornings = new Set(rows.filter((r) => r.teacherId === prof.id && r.slot.startsWith('M')).map((r) => r.weekday));
    expect(mornings).toEqual(new Set([1, 2, 3, 4, 5]));

    const [after] = await db.select({ settings: schools.settings }).from(schools).where(eq(schools.id, school.id));
    expect(after.settings).toEqual({ news: { directPublish: { teacher: true } }, timetable: { other: 1, weekAStart: '2025-09-01' } });

    // seeding again is harmless: the same file changes nothing
    await seedDemoTimetable({ db }, school.id);
    const again = await importCourses({ db }, { schoolId: school.id, csv: demoCoursesCsv(), dryRun: true });
    expect(again).toMatchObject({ created: 0, updated: 0, removed: 0, unchanged: rows.length });
  });

  it('gives the demo adults a civilité from their first name, and pupils none', async () => {
    const byLogin = await database.db
      .select({ login: people.login, civility: people.civility })
      .from(people)
      .where(sql`${people.login} in ('prof.demo', 'direction.demo', 'cpe.demo', 'admin.demo', 'parent.demo', 'eleve.demo')`);
    expect(Object.fromEntries(byLogin.map((p) => [p.login, p.civility]))).toEqual({
      'prof.demo': 'mme',
      'direction.demo': 'mme',
      'cpe.demo': 'mme',
      'admin.demo': 'm',
      'parent.demo': 'mme',
      'eleve.demo': null,
    });
  });

  it('seeds demo absences: two of Léa’s last week, her guardian told; a colleague of prof.demo away today and tomorrow', async () => {
    const db = database.db;
    await seedDemoAbsences({ db }, DEMO_UAI);
    const [lea] = await db.select({ id: people.id }).from(people).where(eq(people.login, 'eleve.demo'));
    const [parent] = await db.select({ id: people.id }).from(people).where(eq(people.login, 'parent.demo'));
    const own = await db.select().from(absences).where(eq(absences.studentId, lea.id));
    expect(own.map((a) => a.kind).sort()).toEqual(['absent', 'late']);
    const notices = await db.select().from(absenceNotices).where(eq(absenceNotices.guardianId, parent.id));
    expect(notices).toHaveLength(2);
    const [away] = await db.select().from(teacherAbsences);
    const [prof] = await db.select({ id: people.id }).from(people).where(eq(people.login, 'prof.demo'));
    expect(away.teacherId).not.toBe(prof.id);
  });
});
