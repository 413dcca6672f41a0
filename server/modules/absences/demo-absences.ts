import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { absenceNotices, absences, courseChanges, people, schools, teacherAbsences } from '../../../db/schema';
import { addDays, fromZonedInput, toZonedDate } from '../../contracts/zoned-time';
import { seedDemoTimetable } from '../timetable/demo-timetable';
import { loadCourses } from '../timetable/course-rows';
import { guardiansOf } from './guardian-alerts';
import { affectedOccurrences } from './teacher-absences.service';

/**
 * The demo collège's timetable, plus enough history to show every screen: two absences of
 * Léa (eleve.demo, child of parent.demo) last week, and a colleague of prof.demo away today and
 * tomorrow, with one course replaced and one moved.
 */
export async function seedDemoAbsences(deps: { db: Db }, uai: string): Promise<void> {
  const [school] = await deps.db.select().from(schools).where(eq(schools.uai, uai));
  await seedDemoTimetable(deps, school.id);
  const [refreshed] = await deps.db.select().from(schools).where(eq(schools.id, school.id));
  const logins = await deps.db
    .select({ id: people.id, login: people.login })
    .from(people)
    .where(inArray(people.login, ['eleve.demo', 'cpe.demo', 'prof.demo']));
  const id = (login: string) => logins.find((l) => l.login === login)!.id;
  const now = new Date();
  const today = toZonedDate(now, school.timeZone);
  const at = (date: string, time: string) => new Date(fromZonedInput(`${date}T${time}`, school.timeZone)!);

  const lastWeek = addDays(today, -7);
  const rows = await deps.db
    .insert(absences)
    .values([
      { kind: 'absent' as const, startsAt: at(lastWeek, '08:00'), endsAt: at(lastWeek, '12:05'), justificationStatus: 'unjustified' as const },
      { kind: 'late' as const, lateMinutes: 10, startsAt: at(addDays(lastWeek, 1), '08:00'), endsAt: at(addDays(lastWeek, 1), '08:55'), justificationStatus: 'unjustified' as const },
    ].map((a) => ({ ...a, schoolId: school.id, studentId: id('eleve.demo'), source: 'vie_scolaire' as const, recordedBy: id('cpe.demo') })))
    .returning({ id: absences.id });
  const guardians = (await guardiansOf(deps.db, school.id, [id('eleve.demo')])).get(id('eleve.demo')) ?? [];
  if (guardians.length > 0) {
    await deps.db.insert(absenceNotices).values(rows.flatMap((r) => guardians.map((g) => ({ absenceId: r.id, guardianId: g, notifiedAt: now }))));
  }

  // a colleague who shares a class with prof.demo is away today and tomorrow
  const profClasses = new Set((await loadCourses(deps.db, school.id, { teacherId: id('prof.demo') })).map((c) => c.groupId));
  const colleague = (await loadCourses(deps.db, school.id)).find((c) => profClasses.has(c.groupId) && c.teacherId !== id('prof.demo'));
  if (!colleague) return;
  const span = { teacherId: colleague.teacherId, startsAt: at(today, '07:00'), endsAt: at(addDays(today, 1), '18:00') };
  const occurrences = await affectedOccurrences(deps.db, refreshed, span);
  const [absence] = await deps.db
    .insert(teacherAbsences)
    .values({ schoolId: school.id, ...span, reason: 'Formation (démonstration)', recordedBy: id('cpe.demo') })
    .returning();
  if (occurrences.length === 0) return;
  await deps.db.insert(courseChanges).values(
    occurrences.map((o, i) => ({
      schoolId: school.id,
      teacherAbsenceId: absence.id,
      courseId: o.id,
      date: o.date,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      // the first course moves to the CDI, the others are cancelled
      disposition: i === 0 ? ('moved' as const) : ('cancelled' as const),
      room: i === 0 ? 'CDI' : null,
    })),
  );
}
