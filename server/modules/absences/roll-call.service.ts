import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { absenceNotices, absences, groupMembers, memberships, people, rollCalls } from '../../../db/schema';
import { followsAbsences, type Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import type { AbsenceDto, RollCallMark, RollCallSheetDto, RollCallSubmit } from '../../contracts/absences';
import type { RollCallSummaryDto } from '../../contracts/timetable';
import { ABSENCE_LIMITS } from '../../contracts/absence-rules';
import { channels } from '../../contracts/channels';
import { daysBetween, toZonedDate } from '../../contracts/zoned-time';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../platform/clock';
import { inTransaction, type OutboxDeps } from '../../platform/outbox';
import { classNameSql, fullName } from '../directory/person-name';
import type { Occurrence, School } from '../timetable/course-rows';
import { changesOf, findOccurrence, occurrenceDto, toOccurrenceDtos } from '../timetable/occurrences';
import { loadAbsenceDtos } from './absence-views';
import { absenceEvents, guardianContacts, noticeRows, removalEvents } from './guardian-alerts';

export interface AbsencesDeps extends OutboxDeps {
  clock: Clock;
}

/** The occurrence, after checking the actor may take its roll call and that it can be taken. */
async function openOccurrence(db: Queryable, actor: Actor, school: School, courseId: string, date: string, now: Date) {
  const today = toZonedDate(now, school.timeZone);
  const age = daysBetween(date, today);
  if (age < 0 || age > ABSENCE_LIMITS.historyDays) {
    throw new AppError('validation_failed', 'Date hors de la période permise.', [{ path: 'date', message: 'ni future, ni antérieure à l’année scolaire' }]);
  }
  const occurrence = await findOccurrence(db, school, courseId, date);
  if (!occurrence) throw notFound('Ce cours n’a pas lieu ce jour-là.');
  const change = (await changesOf(db, [occurrence])).get(`${courseId}|${date}`);
  // the colleague replacing an absent teacher takes the roll call in their place
  const teacherId = change?.disposition === 'replaced' && change.replacementTeacherId ? change.replacementTeacherId : occurrence.teacherId;
  assertAllowed(actor, 'absences.rollcall.take', { schoolId: school.id, teacherId });
  const cancelled = change?.disposition === 'cancelled';
  const opensAt = new Date(occurrence.startsAt.getTime() - ABSENCE_LIMITS.openBeforeMinutes * 60_000);
  // a teacher corrects during the course; afterwards, vie scolaire does; a cancelled course has no roll call
  const open = !cancelled && (followsAbsences(actor) || (now >= opensAt && now <= occurrence.endsAt));
  return { occurrence, open, cancelled, change: change ?? null };
}

/** Active students of the course's group, alphabetically, with their class (for alerts). */
async function studentsOf(db: Queryable, school: School, occurrence: Occurrence) {
  return db
    .select({
      id: people.id,
      firstName: people.firstName,
      lastName: people.lastName,
      className: classNameSql(people.id, school.id),
    })
    .from(groupMembers)
    .innerJoin(people, and(eq(people.id, groupMembers.personId), eq(people.active, true)))
    .innerJoin(
      memberships,
      and(eq(memberships.personId, people.id), eq(memberships.schoolId, school.id), eq(memberships.profile, 'student'), eq(memberships.active, true)),
    )
    .where(and(eq(groupMembers.groupId, occurrence.groupId), eq(groupMembers.role, 'member')))
    .orderBy(people.lastName, people.firstName);
}

/** The sheet of an occurrence: the class list with current marks, and whether the actor may still submit. */
export async function getRollCall(deps: AbsencesDeps, actor: Actor, school: School, courseId: string, date: string): Promise<RollCallSheetDto> {
  const now = deps.clock.now();
  const { occurrence, open } = await openOccurrence(deps.db, actor, school, courseId, date, now);
  const [students, [call]] = await Promise.all([
    studentsOf(deps.db, school, occurrence),
    deps.db
      .select({ id: rollCalls.id, submittedAt: rollCalls.submittedAt, takerFirst: people.firstName, takerLast: people.lastName })
      .from(rollCalls)
      .leftJoin(people, eq(people.id, rollCalls.takenBy))
      .where(and(eq(rollCalls.courseId, courseId), eq(rollCalls.date, date))),
  ]);
  const marks = call
    ? await deps.db
        .select({ studentId: absences.studentId, kind: absences.kind, lateMinutes: absences.lateMinutes, removedAt: absences.removedAt })
        .from(absences)
        .where(eq(absences.rollCallId, call.id))
    : [];
  const markOf = new Map(marks.filter((m) => !m.removedAt).map((m) => [m.studentId, { kind: m.kind, lateMinutes: m.lateMinutes }]));
  const [dto] = await toOccurrenceDtos(deps.db, [occurrence]);
  return {
    occurrence: dto,
    students: students.map((s) => ({ ...s, mark: markOf.get(s.id) ?? null })),
    submittedAt: call?.submittedAt.toISOString() ?? null,
    takenByName: call?.takerFirst ? fullName({ firstName: call.takerFirst, lastName: call.takerLast! }) : null,
    open,
    closesAt: occurrence.endsAt.toISOString(),
  };
}

/**
 * Submits (or corrects) a roll call in one transaction: the marks are compared with the stored
 * ones, and each new, changed or withdrawn absence is announced to the student's guardians and
 * to vie scolaire. Students not listed are present.
 *
 * This runs at the start of every slot in every classroom at once, so the transaction does
 * writes only (what it announces is built from what was read before it), and all its events go
 * in one statement just before commit: the school's vie scolaire channel, which every roll call
 * writes to, stays locked for as short a time as possible.
 */
export async function submitRollCall(deps: AbsencesDeps, actor: Actor, school: School, courseId: string, date: string, input: RollCallSubmit): Promise<RollCallSheetDto> {
  const now = deps.clock.now();
  const { occurrence, open, cancelled, change } = await openOccurrence(deps.db, actor, school, courseId, date, now);
  if (cancelled) throw new AppError('conflict', 'Ce cours est annulé : il n’y a pas d’appel à faire.');
  if (!open) throw new AppError('roll_call_closed', 'L’appel de ce cours est clos ; adressez-vous à la vie scolaire pour une correction.');
  const [students, guardians] = await Promise.all([
    studentsOf(deps.db, school, occurrence),
    guardianContacts(deps.db, school.id, input.marks.map((m) => m.studentId)),
  ]);
  const inGroup = new Map(students.map((s) => [s.id, s]));
  const strangers = input.marks.filter((m) => !inGroup.has(m.studentId));
  if (strangers.length > 0) {
    throw new AppError(
      'validation_failed',
      `${strangers.length} élève(s) ne font pas partie de ${occurrence.groupName}.`,
      strangers.map((m) => ({ path: `marks.${input.marks.indexOf(m)}.studentId`, message: 'élève hors du groupe' })),
    );
  }
  const guardianIds = new Map([...guardians].map(([studentId, list]) => [studentId, list.map((g) => g.id)]));

  const summary = await inTransaction(deps, async (uow) => {
    const [call] = await uow.tx
      .insert(rollCalls)
      .values({ schoolId: school.id, courseId, date, takenBy: actor.personId, submittedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [rollCalls.courseId, rollCalls.date], set: { takenBy: actor.personId, updatedAt: now } })
      .returning();
    // every row of this sheet, withdrawn ones included (a student marked again revives their row)
    const stored = await uow.tx.select().from(absences).where(eq(absences.rollCallId, call.id)).for('update');
    const storedBy = new Map(stored.map((a) => [a.studentId, a]));
    const fresh = input.marks.filter((m) => !storedBy.has(m.studentId));
    const revived: string[] = [];
    const corrected: string[] = [];
    for (const mark of input.marks) {
      const current = storedBy.get(mark.studentId);
      if (!current) continue;
      const values = markValues(mark);
      if (current.removedAt) {
        await uow.tx.update(absences).set({ ...values, removedAt: null, removedBy: null, recordedBy: actor.personId, updatedAt: now }).where(eq(absences.id, current.id));
        revived.push(current.id);
      } else if (current.kind !== values.kind || current.lateMinutes !== values.lateMinutes) {
        await uow.tx.update(absences).set({ ...values, updatedAt: now }).where(eq(absences.id, current.id));
        corrected.push(current.id);
      }
    }
    const inserted = fresh.length
      ? await uow.tx
          .insert(absences)
          .values(
            fresh.map((mark) => ({
              schoolId: school.id,
              studentId: mark.studentId,
              ...markValues(mark),
              startsAt: occurrence.startsAt,
              endsAt: occurrence.endsAt,
              source: 'roll_call' as const,
              rollCallId: call.id,
              courseId,
              recordedBy: actor.personId,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .returning({ id: absences.id, studentId: absences.studentId })
      : [];
    const marked = new Set(input.marks.map((m) => m.studentId));
    const withdrawn = stored.filter((a) => !a.removedAt && !marked.has(a.studentId));
    if (withdrawn.length > 0) {
      await uow.tx.update(absences).set({ removedAt: now, removedBy: actor.personId, updatedAt: now }).where(inArray(absences.id, withdrawn.map((a) => a.id)));
    }
    const notices = noticeRows([...inserted, ...stored.filter((a) => revived.includes(a.id))], guardianIds, actor.personId, now);
    if (notices.length > 0) await uow.tx.insert(absenceNotices).values(notices).onConflictDoNothing();

    // new rows are described from what is in hand; revived and corrected ones may carry a justification: loaded
    const markByStudent = new Map(input.marks.map((m) => [m.studentId, m]));
    const freshDtos = inserted.map((row) => newAbsenceDto(row, markByStudent.get(row.studentId)!, inGroup.get(row.studentId)!, occurrence, actor, guardians.get(row.studentId) ?? [], now));
    const changedIds = [...revived, ...corrected];
    const changedDtos = changedIds.length ? await loadAbsenceDtos(uow.tx, school.uai, inArray(absences.id, changedIds), { kind: 'staff' }) : [];
    const summary: RollCallSummaryDto = {
      submittedAt: call.submittedAt.toISOString(),
      takenByName: actor.name,
      absent: input.marks.filter((m) => m.kind === 'absent').length,
      late: input.marks.filter((m) => m.kind === 'late').length,
      excluded: input.marks.filter((m) => m.kind === 'excluded').length,
    };
    await uow.emitMany(
      [
        ...absenceEvents(school.uai, [...freshDtos, ...changedDtos.filter((d) => revived.includes(d.id))], guardianIds, 'recorded', actor.personId),
        ...absenceEvents(school.uai, changedDtos.filter((d) => corrected.includes(d.id)), guardianIds, 'corrected', actor.personId),
        ...(await removalEvents(
          uow.tx,
          school.uai,
          withdrawn.map((a) => ({ id: a.id, studentId: a.studentId, studentName: fullName(inGroup.get(a.studentId) ?? { firstName: '', lastName: '' }).trim() })),
          actor.personId,
        )),
        { channel: channels.absences(school.uai), type: 'rollcall.submitted', data: { occurrence: occurrenceDto(occurrence, change, summary) } },
      ],
      school.id,
    );
    return summary;
  });
  return {
    occurrence: occurrenceDto(occurrence, change, summary),
    students: students.map(({ className: _c, ...s }) => ({ ...s, mark: markOf(input, s.id) })),
    submittedAt: summary.submittedAt,
    takenByName: actor.name,
    open: true,
    closesAt: occurrence.endsAt.toISOString(),
  };
}

function markValues(mark: RollCallMark) {
  return { kind: mark.kind, lateMinutes: mark.kind === 'late' ? mark.lateMinutes : null };
}

function markOf(input: RollCallSubmit, studentId: string) {
  const m = input.marks.find((x) => x.studentId === studentId);
  return m ? markValues(m) : null;
}

/** A just-inserted roll-call absence as staff see it: nothing about it is unknown yet. */
function newAbsenceDto(
  row: { id: string; studentId: string },
  mark: RollCallMark,
  student: { firstName: string; lastName: string; className: string | null },
  occurrence: Occurrence,
  actor: Actor,
  guardians: Array<{ id: string; name: string }>,
  now: Date,
): AbsenceDto {
  return {
    id: row.id,
    studentId: row.studentId,
    studentName: fullName(student),
    className: student.className,
    ...markValues(mark),
    startsAt: occurrence.startsAt.toISOString(),
    endsAt: occurrence.endsAt.toISOString(),
    source: 'roll_call',
    course: { courseId: occurrence.id, subject: occurrence.subject, slotCode: occurrence.slotCode, date: occurrence.date },
    recordedByName: actor.name,
    justificationStatus: 'unjustified',
    justification: null,
    acknowledgedAt: null,
    note: null,
    notices: guardians
      .filter((g) => g.id !== actor.personId)
      .map((g) => ({ guardianId: g.id, guardianName: g.name, notifiedAt: now.toISOString(), acknowledgedAt: null })),
  };
}
