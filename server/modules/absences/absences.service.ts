import { and, eq, gt, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../../db/client';
import { absenceNotices, absences, justifications, memberships, people } from '../../../db/schema';
import { followsAbsences, type Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import type { AbsenceDto, DashboardDto, PeriodAbsenceInput } from '../../contracts/absences';
import { ABSENCE_LIMITS } from '../../contracts/absence-rules';
import { channels } from '../../contracts/channels';
import { addDays, endOfZonedDay, startOfZonedDay, toZonedDate } from '../../contracts/zoned-time';
import { AppError, notFound } from '../../http/errors';
import { inTransaction } from '../../platform/outbox';
import { fullName } from '../directory/person-name';
import { loadCourses, occurrencesOn, type School } from '../timetable/course-rows';
import { toOccurrenceDtos } from '../timetable/occurrences';
import { loadAbsenceDtos, type Viewer } from './absence-views';
import { announceAbsences, announceRemovals, isGuardianOf } from './guardian-alerts';
import type { AbsencesDeps } from './roll-call.service';
import { rawRows } from '../../../db/raw-rows';

/** How the actor sees absences (deny-by-default is the policy's job; this picks the view). */
export function viewerOf(actor: Actor): Viewer {
  if (followsAbsences(actor)) return { kind: 'staff' };
  if (actor.profile === 'guardian') return { kind: 'guardian', personId: actor.personId };
  return actor.profile === 'teacher' ? { kind: 'teacher' } : { kind: 'student' };
}

/** The absences the actor may see at all, as SQL: their own, their children's, their groups', or the school's. */
function visibleTo(actor: Actor, school: School): SQL {
  const inSchool = eq(absences.schoolId, school.id);
  if (followsAbsences(actor)) return inSchool;
  switch (actor.profile) {
    case 'student':
      return and(inSchool, eq(absences.studentId, actor.personId))!;
    case 'guardian':
      return and(
        inSchool,
        sql`${absences.studentId} in (select student_id from guardianships where guardian_id = ${actor.personId} and school_id = ${school.id})`,
      )!;
    case 'teacher':
      return and(
        inSchool,
        sql`${absences.studentId} in (
          select gm.person_id from group_members gm
          join group_members t on t.group_id = gm.group_id and t.person_id = ${actor.personId} and t.role = 'teacher'
          join groups g on g.id = gm.group_id and g.school_id = ${school.id} and g.active
          where gm.role = 'member')`,
      )!;
    default:
      return sql`false`;
  }
}

/** What the policy needs to know about one student and the actor. */
export async function studentFacts(db: Queryable, actor: Actor, school: School, studentId: string) {
  const isGuardian = actor.profile === 'guardian' && (await isGuardianOf(db, school.id, actor.personId, studentId));
  let teachesStudent = false;
  if (actor.profile === 'teacher') {
    const rows = await rawRows(db, sql`
      select 1 from group_members gm
      join group_members t on t.group_id = gm.group_id and t.person_id = ${actor.personId} and t.role = 'teacher'
      join groups g on g.id = gm.group_id and g.school_id = ${school.id}
      where gm.person_id = ${studentId} and gm.role = 'member' limit 1`);
    teachesStudent = rows.length > 0;
  }
  return { schoolId: school.id, studentId, isGuardian, teachesStudent };
}

/** The actor's absences list: filtered by student, dates and status, within what they may see. */
export async function listAbsences(
  db: Db,
  actor: Actor,
  school: School,
  now: Date,
  q: { studentId?: string; from?: string; to?: string; status?: 'unjustified' | 'pending' | 'justified' },
): Promise<AbsenceDto[]> {
  assertAllowed(actor, 'absences.list', { schoolId: school.id });
  const today = toZonedDate(now, school.timeZone);
  const from = startOfZonedDay(q.from ?? addDays(today, -ABSENCE_LIMITS.historyDays), school.timeZone)!;
  const to = endOfZonedDay(q.to ?? addDays(today, 1), school.timeZone)!;
  return loadAbsenceDtos(
    db,
    school.uai,
    and(
      visibleTo(actor, school),
      q.studentId ? eq(absences.studentId, q.studentId) : undefined,
      q.status ? eq(absences.justificationStatus, q.status) : undefined,
      lt(absences.startsAt, new Date(to)),
      gt(absences.endsAt, new Date(from)),
    ),
    viewerOf(actor),
  );
}

/** One absence, if the actor may see it. */
export async function getAbsence(db: Queryable, actor: Actor, school: School, id: string): Promise<AbsenceDto> {
  const [row] = await db
    .select({ studentId: absences.studentId })
    .from(absences)
    .where(and(eq(absences.id, id), eq(absences.schoolId, school.id), isNull(absences.removedAt)));
  if (!row) throw notFound('Absence introuvable.');
  assertAllowed(actor, 'absences.view', await studentFacts(db, actor, school, row.studentId));
  const [dto] = await loadAbsenceDtos(db, school.uai, eq(absences.id, id), viewerOf(actor));
  return dto;
}

/** Vie scolaire records an absence over a period for one or more students (a day, a morning, a trip). */
export async function recordPeriod(deps: AbsencesDeps, actor: Actor, school: School, input: PeriodAbsenceInput): Promise<AbsenceDto[]> {
  assertAllowed(actor, 'absences.record', { schoolId: school.id });
  const now = deps.clock.now();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const days = (at: Date) => (at.getTime() - now.getTime()) / 86_400_000;
  if (days(startsAt) < -ABSENCE_LIMITS.historyDays || days(startsAt) > ABSENCE_LIMITS.periodDays) {
    throw new AppError('validation_failed', 'Date hors de la période permise.', [
      { path: 'startsAt', message: `au plus ${ABSENCE_LIMITS.periodDays} jours à l’avance, et dans l’année scolaire` },
    ]);
  }
  const known = await deps.db
    .select({ id: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.schoolId, school.id), eq(memberships.profile, 'student'), eq(memberships.active, true), inArray(memberships.personId, input.studentIds)));
  const knownIds = new Set(known.map((k) => k.id));
  const unknown = input.studentIds.filter((id) => !knownIds.has(id));
  if (unknown.length > 0) {
    throw new AppError(
      'validation_failed',
      `${unknown.length} élève(s) inconnu(s) dans cet établissement.`,
      unknown.map((id) => ({ path: `studentIds.${input.studentIds.indexOf(id)}`, message: 'élève inconnu' })),
    );
  }
  const ids = await inTransaction(deps, async (uow) => {
    const rows = await uow.tx
      .insert(absences)
      .values(
        input.studentIds.map((studentId) => ({
          schoolId: school.id,
          studentId,
          kind: input.kind,
          startsAt,
          endsAt,
          source: 'vie_scolaire' as const,
          recordedBy: actor.personId,
          note: input.note || null,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: absences.id });
    await announceAbsences(uow, school, rows.map((r) => r.id), 'recorded', actor.personId, now);
    return rows.map((r) => r.id);
  });
  return loadAbsenceDtos(deps.db, school.uai, inArray(absences.id, ids), { kind: 'staff' });
}

/** Vie scolaire withdraws an absence entered by mistake: guardians who were told get the correction. */
export async function removeAbsence(deps: AbsencesDeps, actor: Actor, school: School, id: string): Promise<void> {
  assertAllowed(actor, 'absences.record', { schoolId: school.id });
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    const [row] = await uow.tx
      .update(absences)
      .set({ removedAt: now, removedBy: actor.personId, updatedAt: now })
      .where(and(eq(absences.id, id), eq(absences.schoolId, school.id), isNull(absences.removedAt)))
      .returning({ id: absences.id, studentId: absences.studentId });
    if (!row) throw notFound('Absence introuvable.');
    const [student] = await uow.tx.select().from(people).where(eq(people.id, row.studentId));
    await announceRemovals(uow, school, [{ ...row, studentName: fullName(student) }], actor.personId);
  });
}

/** A guardian acknowledges the alert; vie scolaire sees it live. */
export async function acknowledgeAbsence(deps: AbsencesDeps, actor: Actor, school: School, id: string): Promise<AbsenceDto> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .select({ studentId: absences.studentId })
    .from(absences)
    .where(and(eq(absences.id, id), eq(absences.schoolId, school.id), isNull(absences.removedAt)));
  if (!row) throw notFound('Absence introuvable.');
  assertAllowed(actor, 'absences.acknowledge', await studentFacts(deps.db, actor, school, row.studentId));
  await inTransaction(deps, async (uow) => {
    // a guardian linked after the alert has no notice yet: acknowledging creates it
    const [notice] = await uow.tx
      .insert(absenceNotices)
      .values({ absenceId: id, guardianId: actor.personId, notifiedAt: now, acknowledgedAt: now })
      .onConflictDoUpdate({
        target: [absenceNotices.absenceId, absenceNotices.guardianId],
        set: { acknowledgedAt: sql`coalesce(${absenceNotices.acknowledgedAt}, ${now.toISOString()}::timestamptz)` },
      })
      .returning();
    const [me] = await uow.tx.select().from(people).where(eq(people.id, actor.personId));
    await uow.emit(
      channels.absences(school.uai),
      'absence.acknowledged',
      { absenceId: id, guardianId: actor.personId, guardianName: fullName(me), at: notice.acknowledgedAt!.toISOString() },
      school.id,
    );
  });
  return getAbsence(deps.db, actor, school, id);
}

/** The vie scolaire dashboard of a day: every course with its roll-call state, the absences, what waits for review. */
export async function dashboard(db: Db, actor: Actor, school: School, now: Date, date?: string): Promise<DashboardDto> {
  assertAllowed(actor, 'absences.dashboard', { schoolId: school.id });
  const day = date ?? toZonedDate(now, school.timeZone);
  const occurrences = occurrencesOn(await loadCourses(db, school.id), day, school);
  const from = new Date(startOfZonedDay(day, school.timeZone)!);
  const to = new Date(endOfZonedDay(day, school.timeZone)!);
  const [occurrenceDtos, absenceDtos, [{ n }]] = await Promise.all([
    toOccurrenceDtos(db, occurrences),
    loadAbsenceDtos(db, school.uai, and(eq(absences.schoolId, school.id), lt(absences.startsAt, to), gt(absences.endsAt, from)), { kind: 'staff' }, 1000),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(justifications)
      .where(and(eq(justifications.schoolId, school.id), eq(justifications.decision, 'pending'))),
  ]);
  return { date: day, now: now.toISOString(), occurrences: occurrenceDtos, absences: absenceDtos, pendingJustifications: Number(n) };
}
