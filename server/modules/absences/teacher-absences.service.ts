import { and, desc, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { Db, Queryable } from '../../../db/client';
import { courseChanges, memberships, people, teacherAbsences } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import type { CourseChangeDto, CourseChangeInput, TeacherAbsenceDto, TeacherAbsenceInput } from '../../contracts/absences';
import { channels } from '../../contracts/channels';
import { addDays, toZonedDate } from '../../contracts/zoned-time';
import { AppError, notFound } from '../../http/errors';
import { inTransaction, type OutgoingEvent, type UnitOfWork } from '../../platform/outbox';
import { fullName } from '../directory/person-name';
import { loadCourses, occurrencesOn, type Occurrence, type School } from '../timetable/course-rows';
import { teacherDay } from '../timetable/occurrences';
import { absenceSettings } from './board';
import { loadChanges, toBoardItem, toCourseChangeDto, toGroupChangeDto, type LoadedChange } from './course-changes';
import type { AbsencesDeps } from './roll-call.service';

type Span = { teacherId: string; startsAt: Date; endsAt: Date };

async function assertTeacher(db: Queryable, schoolId: string, personId: string, path: string) {
  const [m] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.schoolId, schoolId), eq(memberships.profile, 'teacher'), eq(memberships.active, true)));
  if (!m) throw new AppError('validation_failed', 'Enseignant inconnu dans cet établissement.', [{ path, message: 'enseignant inconnu' }]);
}

/** The teacher's course occurrences that overlap the span, from the timetable (A/B weeks included). */
export async function affectedOccurrences(db: Queryable, school: School, span: Span): Promise<Occurrence[]> {
  const rows = await loadCourses(db, school.id, { teacherId: span.teacherId });
  const first = toZonedDate(span.startsAt, school.timeZone);
  const last = toZonedDate(span.endsAt, school.timeZone);
  const result: Occurrence[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    for (const o of occurrencesOn(rows, date, school)) if (o.startsAt < span.endsAt && o.endsAt > span.startsAt) result.push(o);
  }
  return result;
}

const previewDto = (o: Occurrence): CourseChangeDto => ({
  id: null,
  courseId: o.id,
  date: o.date,
  slotCode: o.slotCode,
  startsAt: o.startsAt.toISOString(),
  endsAt: o.endsAt.toISOString(),
  groupId: o.groupId,
  groupName: o.groupName,
  subject: o.subject,
  originalRoom: o.room,
  disposition: 'cancelled',
  replacementTeacherId: null,
  replacementName: null,
  room: null,
});

/** The courses an absence would affect, before confirming: all cancelled until decided otherwise. */
export async function previewTeacherAbsence(db: Db, actor: Actor, school: School, span: Span): Promise<CourseChangeDto[]> {
  assertAllowed(actor, 'teacher_absences.manage', { schoolId: school.id });
  await assertTeacher(db, school.id, span.teacherId, 'teacherId');
  return (await affectedOccurrences(db, school, span)).map(previewDto);
}

/** The slot an affected course takes: the replacing colleague must be free then. */
type Slot = { courseId: string; date: string; startsAt: Date; endsAt: Date };

async function checkChange(db: Queryable, school: School, teacherId: string, input: CourseChangeInput, slot: Slot) {
  if (input.disposition !== 'replaced') return;
  if (input.replacementTeacherId === teacherId) {
    throw new AppError('validation_failed', 'Le remplaçant ne peut pas être l’enseignant absent.', [{ path: 'replacementTeacherId', message: 'enseignant absent' }]);
  }
  await assertTeacher(db, school.id, input.replacementTeacherId!, 'replacementTeacherId');
  // their own courses and those they already replace in, that day
  const busy = (await teacherDay(db, school, input.replacementTeacherId!, slot.date)).find(
    (o) => o.id !== slot.courseId && o.startsAt < slot.endsAt && o.endsAt > slot.startsAt,
  );
  if (busy) {
    throw new AppError('conflict', `Ce remplaçant a déjà cours à ce moment (${busy.slotCode}, ${busy.groupName}).`, [
      { path: 'replacementTeacherId', message: 'déjà en cours' },
    ]);
  }
}

const changeValues = (c: CourseChangeInput) => ({
  disposition: c.disposition,
  replacementTeacherId: c.disposition === 'replaced' ? c.replacementTeacherId : null,
  room: c.disposition === 'moved' ? c.room : null,
});

/** Tells the affected groups (students and guardians), the board and vie scolaire. */
async function announceChanges(uow: UnitOfWork, school: School, changes: LoadedChange[], type: 'teacher_absence.recorded' | 'teacher_absence.updated' | 'teacher_absence.cancelled') {
  if (changes.length === 0) return;
  const format = absenceSettings(school).boardNameFormat;
  const byGroup = new Map<string, LoadedChange[]>();
  for (const c of changes) byGroup.set(c.course.groupId, [...(byGroup.get(c.course.groupId) ?? []), c]);
  const outgoing: OutgoingEvent[] = [];
  for (const [groupId, list] of byGroup) {
    const data = { changes: list.map((c) => toGroupChangeDto(c, format)) };
    outgoing.push({ channel: channels.groupProfile(school.uai, groupId, 'student'), type, data });
    outgoing.push({ channel: channels.groupProfile(school.uai, groupId, 'guardian'), type, data });
  }
  outgoing.push({ channel: channels.absences(school.uai), type, data: { changes: changes.map((c) => toGroupChangeDto(c, format)) } });
  const board =
    type === 'teacher_absence.cancelled'
      ? { upserted: [], removed: changes.map((c) => c.change.id) }
      : { upserted: changes.map((c) => toBoardItem(c, format)), removed: [] };
  outgoing.push({ channel: channels.board(school.uai), type: 'board.updated', data: board });
  await uow.emitMany(outgoing, school.id);
}

/** Records a teacher absence and what happens to each affected course, in one transaction. */
export async function recordTeacherAbsence(deps: AbsencesDeps, actor: Actor, school: School, input: TeacherAbsenceInput): Promise<TeacherAbsenceDto> {
  assertAllowed(actor, 'teacher_absences.manage', { schoolId: school.id });
  const now = deps.clock.now();
  const span = { teacherId: input.teacherId, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
  if (span.endsAt <= now) throw new AppError('validation_failed', 'Cette absence est déjà terminée.', [{ path: 'endsAt', message: 'date passée' }]);
  await assertTeacher(deps.db, school.id, input.teacherId, 'teacherId');
  const occurrences = await affectedOccurrences(deps.db, school, span);
  const byKey = new Map(occurrences.map((o) => [`${o.id}|${o.date}`, o]));
  for (const [i, c] of input.changes.entries()) {
    if (!byKey.has(`${c.courseId}|${c.date}`)) {
      throw new AppError('validation_failed', 'Ce cours n’est pas concerné par l’absence.', [{ path: `changes.${i}`, message: 'cours hors de la période' }]);
    }
    await checkChange(deps.db, school, input.teacherId, c.change, { courseId: c.courseId, ...byKey.get(`${c.courseId}|${c.date}`)! });
  }
  const id = await inTransaction(deps, async (uow) => {
    const overlapping = await uow.tx
      .select({ id: teacherAbsences.id })
      .from(teacherAbsences)
      .where(
        and(
          eq(teacherAbsences.schoolId, school.id),
          eq(teacherAbsences.teacherId, input.teacherId),
          isNull(teacherAbsences.cancelledAt),
          lt(teacherAbsences.startsAt, span.endsAt),
          gt(teacherAbsences.endsAt, span.startsAt),
        ),
      );
    if (overlapping.length > 0) throw new AppError('conflict', 'Une absence de cet enseignant couvre déjà une partie de cette période.');
    const [row] = await uow.tx
      .insert(teacherAbsences)
      .values({ schoolId: school.id, ...span, reason: input.reason, recordedBy: actor.personId, createdAt: now, updatedAt: now })
      .returning();
    if (occurrences.length > 0) {
      const decided = new Map(input.changes.map((c) => [`${c.courseId}|${c.date}`, c.change]));
      await uow.tx.insert(courseChanges).values(
        occurrences.map((o) => ({
          schoolId: school.id,
          teacherAbsenceId: row.id,
          courseId: o.id,
          date: o.date,
          startsAt: o.startsAt,
          endsAt: o.endsAt,
          ...changeValues(decided.get(`${o.id}|${o.date}`) ?? { disposition: 'cancelled', replacementTeacherId: null, room: null }),
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
    await announceChanges(uow, school, await loadChanges(uow.tx, school.id, eq(courseChanges.teacherAbsenceId, row.id)), 'teacher_absence.recorded');
    return row.id;
  });
  return getTeacherAbsence(deps.db, school, id);
}

/** Decides what happens to one affected course: cancelled, replaced by a colleague, or moved to another room. */
export async function updateCourseChange(deps: AbsencesDeps, actor: Actor, school: School, absenceId: string, changeId: string, input: CourseChangeInput) {
  assertAllowed(actor, 'teacher_absences.manage', { schoolId: school.id });
  const now = deps.clock.now();
  const absence = await activeAbsence(deps.db, school, absenceId);
  const [current] = await deps.db
    .select()
    .from(courseChanges)
    .where(and(eq(courseChanges.id, changeId), eq(courseChanges.teacherAbsenceId, absenceId)));
  if (!current) throw notFound('Cours introuvable dans cette absence.');
  await checkChange(deps.db, school, absence.teacherId, input, current);
  await inTransaction(deps, async (uow) => {
    const [row] = await uow.tx
      .update(courseChanges)
      .set({ ...changeValues(input), updatedAt: now })
      .where(and(eq(courseChanges.id, changeId), eq(courseChanges.teacherAbsenceId, absenceId)))
      .returning({ id: courseChanges.id });
    if (!row) throw notFound('Cours introuvable dans cette absence.');
    await announceChanges(uow, school, await loadChanges(uow.tx, school.id, eq(courseChanges.id, changeId)), 'teacher_absence.updated');
  });
  return getTeacherAbsence(deps.db, school, absenceId);
}

/** The teacher is back after all: the courses take place again, screens and families are told. */
export async function cancelTeacherAbsence(deps: AbsencesDeps, actor: Actor, school: School, absenceId: string) {
  assertAllowed(actor, 'teacher_absences.manage', { schoolId: school.id });
  const now = deps.clock.now();
  await activeAbsence(deps.db, school, absenceId);
  await inTransaction(deps, async (uow) => {
    const changes = await loadChanges(uow.tx, school.id, eq(courseChanges.teacherAbsenceId, absenceId));
    const [row] = await uow.tx
      .update(teacherAbsences)
      .set({ cancelledAt: now, updatedAt: now })
      .where(and(eq(teacherAbsences.id, absenceId), isNull(teacherAbsences.cancelledAt)))
      .returning({ id: teacherAbsences.id });
    if (!row) throw new AppError('conflict', 'Cette absence est déjà annulée.');
    await announceChanges(uow, school, changes, 'teacher_absence.cancelled');
  });
}

async function activeAbsence(db: Queryable, school: School, id: string) {
  const [row] = await db.select().from(teacherAbsences).where(and(eq(teacherAbsences.id, id), eq(teacherAbsences.schoolId, school.id)));
  if (!row) throw notFound('Absence introuvable.');
  if (row.cancelledAt) throw new AppError('conflict', 'Cette absence est annulée.');
  return row;
}

async function toDtos(db: Queryable, school: School, rows: Array<typeof teacherAbsences.$inferSelect>): Promise<TeacherAbsenceDto[]> {
  if (rows.length === 0) return [];
  const names = new Map(
    (
      await db
        .select({ id: people.id, firstName: people.firstName, lastName: people.lastName })
        .from(people)
        .where(inArray(people.id, [...new Set(rows.flatMap((r) => [r.teacherId, r.recordedBy].filter((x): x is string => !!x)))]))
    ).map((p) => [p.id, fullName(p)]),
  );
  const changes = await loadChanges(db, school.id, inArray(courseChanges.teacherAbsenceId, rows.map((r) => r.id)), true);
  return rows.map((r) => ({
    id: r.id,
    teacherId: r.teacherId,
    teacherName: names.get(r.teacherId) ?? '',
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    reason: r.reason,
    recordedByName: r.recordedBy ? (names.get(r.recordedBy) ?? null) : null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    changes: changes.filter((c) => c.change.teacherAbsenceId === r.id).map(toCourseChangeDto),
  }));
}

export async function getTeacherAbsence(db: Queryable, school: School, id: string): Promise<TeacherAbsenceDto> {
  const rows = await db.select().from(teacherAbsences).where(and(eq(teacherAbsences.id, id), eq(teacherAbsences.schoolId, school.id)));
  if (rows.length === 0) throw notFound('Absence introuvable.');
  return (await toDtos(db, school, rows))[0];
}

/** Current and coming teacher absences (ended ones drop off after a day). */
export async function listTeacherAbsences(db: Db, actor: Actor, school: School, now: Date): Promise<TeacherAbsenceDto[]> {
  assertAllowed(actor, 'teacher_absences.manage', { schoolId: school.id });
  const rows = await db
    .select()
    .from(teacherAbsences)
    .where(and(eq(teacherAbsences.schoolId, school.id), isNull(teacherAbsences.cancelledAt), gt(teacherAbsences.endsAt, new Date(now.getTime() - 86_400_000))))
    .orderBy(desc(teacherAbsences.startsAt))
    .limit(200);
  return toDtos(db, school, rows);
}
