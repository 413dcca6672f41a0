import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { absenceNotices, absences, guardianships, memberships, people } from '../../../db/schema';
import type { AbsenceDto, JustificationDto } from '../../contracts/absences';
import { channels } from '../../contracts/channels';
import type { OutgoingEvent, UnitOfWork } from '../../platform/outbox';
import { fullName } from '../directory/person-name';
import { loadAbsenceDtos } from './absence-views';

type School = { id: string; uai: string };

/** Active legal guardians of each student in this school, with their names. */
export async function guardianContacts(db: Queryable, schoolId: string, studentIds: string[]): Promise<Map<string, Array<{ id: string; name: string }>>> {
  const result = new Map<string, Array<{ id: string; name: string }>>();
  if (studentIds.length === 0) return result;
  const rows = await db
    .select({ studentId: guardianships.studentId, id: people.id, firstName: people.firstName, lastName: people.lastName })
    .from(guardianships)
    .innerJoin(
      memberships,
      and(
        eq(memberships.personId, guardianships.guardianId),
        eq(memberships.schoolId, guardianships.schoolId),
        eq(memberships.profile, 'guardian'),
        eq(memberships.active, true),
      ),
    )
    .innerJoin(people, and(eq(people.id, guardianships.guardianId), eq(people.active, true)))
    .where(and(eq(guardianships.schoolId, schoolId), inArray(guardianships.studentId, studentIds)))
    .orderBy(people.lastName, people.firstName);
  for (const r of rows) result.set(r.studentId, [...(result.get(r.studentId) ?? []), { id: r.id, name: fullName(r) }]);
  return result;
}

/** Active legal guardians of each student in this school. */
export async function guardiansOf(db: Queryable, schoolId: string, studentIds: string[]): Promise<Map<string, string[]>> {
  const contacts = await guardianContacts(db, schoolId, studentIds);
  return new Map([...contacts].map(([studentId, list]) => [studentId, list.map((g) => g.id)]));
}

/** Is this person a legal guardian of that student in this school? */
export async function isGuardianOf(db: Queryable, schoolId: string, guardianId: string, studentId: string): Promise<boolean> {
  return (await guardiansOf(db, schoolId, [studentId])).get(studentId)?.includes(guardianId) ?? false;
}

/** The justification as a guardian sees it: a confidential reason is not named. */
export function justificationForGuardian(j: JustificationDto | null): JustificationDto | null {
  return j && j.confidential ? { ...j, reason: null } : j;
}

/** What a guardian sees of an absence staff see in full. */
export function absenceForGuardian(dto: AbsenceDto, guardianId: string): AbsenceDto {
  const { notices, note: _note, ...rest } = dto;
  return {
    ...rest,
    justification: justificationForGuardian(dto.justification),
    acknowledgedAt: notices?.find((n) => n.guardianId === guardianId)?.acknowledgedAt ?? null,
  };
}

/** The events telling each guardian (except whoever entered it) and vie scolaire of absences seen by staff. */
export function absenceEvents(uai: string, dtos: AbsenceDto[], guardians: Map<string, string[]>, change: 'recorded' | 'corrected', actorId: string): OutgoingEvent[] {
  const type = change === 'recorded' ? 'absence.recorded' : 'absence.corrected';
  const outgoing: OutgoingEvent[] = [];
  for (const dto of dtos) {
    for (const g of guardians.get(dto.studentId) ?? []) {
      if (g !== actorId) outgoing.push({ channel: channels.user(g), type, data: { absence: absenceForGuardian(dto, g) } });
    }
    outgoing.push({ channel: channels.absences(uai), type, data: { absence: dto } });
  }
  return outgoing;
}

/** One notice per guardian told of each new absence, so the school knows who saw it. */
export function noticeRows(absences: Array<{ id: string; studentId: string }>, guardians: Map<string, string[]>, actorId: string, now: Date) {
  return absences.flatMap((a) => (guardians.get(a.studentId) ?? []).filter((g) => g !== actorId).map((g) => ({ absenceId: a.id, guardianId: g, notifiedAt: now })));
}

/**
 * Tells everyone concerned, in the writing transaction: each legal guardian on their user channel
 * (except whoever entered it, should they be one), and vie scolaire on the school's absences channel.
 * A new absence records one notice per guardian, so the school knows who saw it.
 */
export async function announceAbsences(uow: UnitOfWork, school: School, ids: string[], change: 'recorded' | 'corrected', actorId: string, now: Date) {
  if (ids.length === 0) return;
  const studentRows = await uow.tx.select({ id: absences.id, studentId: absences.studentId }).from(absences).where(inArray(absences.id, ids));
  const guardians = await guardiansOf(uow.tx, school.id, [...new Set(studentRows.map((r) => r.studentId))]);
  const notices = noticeRows(studentRows, guardians, actorId, now);
  if (notices.length > 0) await uow.tx.insert(absenceNotices).values(notices).onConflictDoNothing();
  const dtos = await loadAbsenceDtos(uow.tx, school.uai, inArray(absences.id, ids), { kind: 'staff' });
  await uow.emitMany(absenceEvents(school.uai, dtos, guardians, change, actorId), school.id);
}

/** A removal is a correction too: the events telling guardians who were told that it no longer stands. */
export async function removalEvents(db: Queryable, uai: string, removed: Array<{ id: string; studentId: string; studentName: string }>, actorId: string): Promise<OutgoingEvent[]> {
  if (removed.length === 0) return [];
  const told = await db
    .select({ absenceId: absenceNotices.absenceId, guardianId: absenceNotices.guardianId })
    .from(absenceNotices)
    .where(inArray(absenceNotices.absenceId, removed.map((r) => r.id)));
  const outgoing: OutgoingEvent[] = [];
  for (const r of removed) {
    const data = { absenceId: r.id, studentId: r.studentId, studentName: r.studentName };
    for (const n of told.filter((t) => t.absenceId === r.id && t.guardianId !== actorId)) {
      outgoing.push({ channel: channels.user(n.guardianId), type: 'absence.removed', data });
    }
    outgoing.push({ channel: channels.absences(uai), type: 'absence.removed', data });
  }
  return outgoing;
}

export async function announceRemovals(uow: UnitOfWork, school: School, removed: Array<{ id: string; studentId: string; studentName: string }>, actorId: string) {
  await uow.emitMany(await removalEvents(uow.tx, school.uai, removed, actorId), school.id);
}
