import { and, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../../db/client';
import { courses, groups, memberships, timetableSlots } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import type { CourseInput, TimetableDto, TimetableSettings } from '../../contracts/timetable';
import { AppError, notFound } from '../../http/errors';
import { updateSettingsSection } from '../directory/school-settings';
import { loadCourses, timetableSettings, toCourseDto, type School } from './course-rows';

/** The school's slots and active courses. */
export async function getTimetable(db: Db, actor: Actor, school: School): Promise<TimetableDto> {
  assertAllowed(actor, 'timetable.read', { schoolId: school.id });
  const slots = await db.select().from(timetableSlots).where(eq(timetableSlots.schoolId, school.id)).orderBy(timetableSlots.startTime);
  return {
    slots: slots.map((s) => ({ id: s.id, code: s.code, startTime: s.startTime, endTime: s.endTime })),
    courses: (await loadCourses(db, school.id)).map(toCourseDto),
    weekAStart: timetableSettings(school).weekAStart,
  };
}

/** Replaces the day's slots: codes kept are updated, new ones created, unused ones removed. */
export async function putSlots(db: Db, actor: Actor, school: School, slots: Array<{ code: string; startTime: string; endTime: string }>, now: Date) {
  assertAllowed(actor, 'timetable.manage', { schoolId: school.id });
  await db.transaction(async (tx) => {
    const codes = slots.map((s) => s.code);
    const stillUsed = await tx
      .select({ code: timetableSlots.code, n: sql<number>`count(${courses.id})::int` })
      .from(timetableSlots)
      .innerJoin(courses, and(eq(courses.slotId, timetableSlots.id), eq(courses.active, true)))
      .where(and(eq(timetableSlots.schoolId, school.id), notInArray(timetableSlots.code, codes)))
      .groupBy(timetableSlots.code);
    if (stillUsed.length > 0) {
      throw new AppError(
        'conflict',
        `Créneau encore utilisé : ${stillUsed.map((s) => `${s.code} (${s.n} cours)`).join(', ')}. Déplacez ou supprimez ces cours d’abord.`,
      );
    }
    await tx
      .delete(timetableSlots)
      .where(and(eq(timetableSlots.schoolId, school.id), notInArray(timetableSlots.code, codes)));
    for (const s of slots) {
      await tx
        .insert(timetableSlots)
        .values({ schoolId: school.id, ...s })
        .onConflictDoUpdate({ target: [timetableSlots.schoolId, timetableSlots.code], set: { startTime: s.startTime, endTime: s.endTime, updatedAt: now } });
    }
  });
}

/** Checks that a course's group, teacher and slot belong to the school and that nobody is booked twice. */
async function checkCourse(db: Queryable, school: School, input: CourseInput, exceptId?: string) {
  const [group] = await db.select({ id: groups.id }).from(groups).where(and(eq(groups.id, input.groupId), eq(groups.schoolId, school.id), eq(groups.active, true)));
  const [teacher] = await db
    .select({ id: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.personId, input.teacherId), eq(memberships.schoolId, school.id), eq(memberships.profile, 'teacher'), eq(memberships.active, true)));
  const [slot] = await db.select({ id: timetableSlots.id }).from(timetableSlots).where(and(eq(timetableSlots.id, input.slotId), eq(timetableSlots.schoolId, school.id)));
  const problems = [
    !group && { path: 'groupId', message: 'classe ou groupe inconnu dans cet établissement' },
    !teacher && { path: 'teacherId', message: 'enseignant inconnu dans cet établissement' },
    !slot && { path: 'slotId', message: 'créneau inconnu' },
  ].filter(Boolean);
  if (problems.length) throw new AppError('validation_failed', 'Certaines informations sont invalides.', problems);
  const weeks = input.week === 'all' ? ['all', 'A', 'B'] : ['all', input.week];
  const clash = await db
    .select({ id: courses.id, teacherId: courses.teacherId })
    .from(courses)
    .where(
      and(
        eq(courses.schoolId, school.id),
        eq(courses.active, true),
        eq(courses.weekday, input.weekday),
        eq(courses.slotId, input.slotId),
        inArray(courses.week, weeks as Array<'all' | 'A' | 'B'>),
        sql`(${courses.teacherId} = ${input.teacherId} or ${courses.groupId} = ${input.groupId})`,
        exceptId ? ne(courses.id, exceptId) : undefined,
      ),
    );
  if (clash.length > 0) {
    const who = clash.some((c) => c.teacherId === input.teacherId) ? 'L’enseignant' : 'Le groupe';
    throw new AppError('conflict', `${who} a déjà un cours sur ce créneau.`);
  }
}

export async function createCourse(db: Db, actor: Actor, school: School, input: CourseInput): Promise<string> {
  assertAllowed(actor, 'timetable.manage', { schoolId: school.id });
  await checkCourse(db, school, input);
  const [row] = await db.insert(courses).values({ schoolId: school.id, ...input }).returning({ id: courses.id });
  return row.id;
}

export async function updateCourse(db: Db, actor: Actor, school: School, id: string, input: CourseInput, now: Date): Promise<void> {
  assertAllowed(actor, 'timetable.manage', { schoolId: school.id });
  const [current] = await db.select({ id: courses.id }).from(courses).where(and(eq(courses.id, id), eq(courses.schoolId, school.id), eq(courses.active, true)));
  if (!current) throw notFound('Cours introuvable.');
  await checkCourse(db, school, input, id);
  await db
    .update(courses)
    .set({ ...input, revision: sql`${courses.revision} + 1`, updatedAt: now })
    .where(eq(courses.id, id));
}

/** Removes a course from the timetable; its past roll calls stay. */
export async function removeCourse(db: Db, actor: Actor, school: School, id: string, now: Date): Promise<void> {
  assertAllowed(actor, 'timetable.manage', { schoolId: school.id });
  const [row] = await db
    .update(courses)
    .set({ active: false, updatedAt: now })
    .where(and(eq(courses.id, id), eq(courses.schoolId, school.id), eq(courses.active, true)))
    .returning({ id: courses.id });
  if (!row) throw notFound('Cours introuvable.');
}

export async function updateTimetableSettings(db: Db, actor: Actor, school: School, input: TimetableSettings, now: Date) {
  assertAllowed(actor, 'timetable.manage', { schoolId: school.id });
  await updateSettingsSection(db, school.id, 'timetable', input, now);
}
