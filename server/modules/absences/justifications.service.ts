import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Queryable } from '../../../db/client';
import { absenceDocuments, absenceReasons, absences, justifications, people } from '../../../db/schema';
import { followsAbsences, type Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import type { JustificationInput, JustificationReviewItemDto } from '../../contracts/absences';
import type { JustificationStatus } from '../../contracts/absence-rules';
import { channels } from '../../contracts/channels';
import { AppError, notFound } from '../../http/errors';
import { inTransaction, type UnitOfWork } from '../../platform/outbox';
import { fullName } from '../directory/person-name';
import type { School } from '../timetable/course-rows';
import { loadAbsenceDtos, toJustificationDto } from './absence-views';
import { guardiansOf, justificationForGuardian } from './guardian-alerts';
import { studentFacts } from './absences.service';
import { usableReason } from './reasons';
import type { AbsencesDeps } from './roll-call.service';

/** A justification as staff see it (guardians get it through justificationForGuardian). */
async function justificationDto(db: Queryable, school: School, id: string) {
  const [row] = await db
    .select({ j: justifications, reason: absenceReasons, doc: absenceDocuments, by: people })
    .from(justifications)
    .leftJoin(absenceReasons, eq(absenceReasons.id, justifications.reasonId))
    .leftJoin(absenceDocuments, eq(absenceDocuments.id, justifications.documentId))
    .leftJoin(people, eq(people.id, justifications.submittedBy))
    .where(eq(justifications.id, id));
  return toJustificationDto(school.uai, row.j, row.reason, row.doc, row.by ? fullName(row.by) : null, { kind: 'staff' });
}

/** Tells the student's guardians and vie scolaire where the justification stands. */
async function announceDecision(uow: UnitOfWork, school: School, justificationId: string, studentId: string, absenceIds: string[], status: JustificationStatus) {
  const dto = await justificationDto(uow.tx, school, justificationId);
  for (const g of (await guardiansOf(uow.tx, school.id, [studentId])).get(studentId) ?? []) {
    await uow.emit(channels.user(g), 'absence.justification_reviewed', { absenceIds, studentId, status, justification: justificationForGuardian(dto)! }, school.id);
  }
  await uow.emit(channels.absences(school.uai), 'absence.justification_reviewed', { absenceIds, studentId, status, justification: dto }, school.id);
}

/**
 * Justifies absences of one student. From a guardian it waits for vie scolaire's review; from
 * vie scolaire (a phone call, a note) it is accepted at once and may use a confidential reason.
 */
export async function submitJustification(deps: AbsencesDeps, actor: Actor, school: School, input: JustificationInput): Promise<JustificationReviewItemDto> {
  const now = deps.clock.now();
  const rows = await deps.db
    .select({ id: absences.id, studentId: absences.studentId, status: absences.justificationStatus })
    .from(absences)
    .where(and(inArray(absences.id, input.absenceIds), eq(absences.schoolId, school.id), isNull(absences.removedAt)));
  if (rows.length !== input.absenceIds.length) throw notFound('Absence introuvable.');
  const students = new Set(rows.map((r) => r.studentId));
  if (students.size > 1) throw new AppError('validation_failed', 'Une justification concerne un seul élève.', [{ path: 'absenceIds', message: 'plusieurs élèves' }]);
  const [studentId] = students;
  assertAllowed(actor, 'absences.justify', await studentFacts(deps.db, actor, school, studentId));
  if (rows.some((r) => r.status !== 'unjustified')) throw new AppError('conflict', 'Une de ces absences est déjà justifiée ou en attente de validation.');
  await usableReason(deps.db, actor, school.id, input.reasonId);
  if (input.documentId) {
    const [doc] = await deps.db
      .select({ id: absenceDocuments.id, used: justifications.id })
      .from(absenceDocuments)
      .leftJoin(justifications, eq(justifications.documentId, absenceDocuments.id))
      .where(and(eq(absenceDocuments.id, input.documentId), eq(absenceDocuments.schoolId, school.id), eq(absenceDocuments.uploadedBy, actor.personId)));
    if (!doc || doc.used) throw new AppError('validation_failed', 'Document inconnu.', [{ path: 'documentId', message: 'envoyez le document d’abord' }]);
  }
  const direct = followsAbsences(actor);
  const status: JustificationStatus = direct ? 'justified' : 'pending';
  const id = await inTransaction(deps, async (uow) => {
    const [j] = await uow.tx
      .insert(justifications)
      .values({
        schoolId: school.id,
        studentId,
        submittedBy: actor.personId,
        reasonId: input.reasonId,
        comment: input.comment,
        documentId: input.documentId,
        decision: direct ? 'accepted' : 'pending',
        reviewedBy: direct ? actor.personId : null,
        reviewedAt: direct ? now : null,
        createdAt: now,
      })
      .returning();
    // the status guard makes a concurrent double submission fail instead of overwriting
    const updated = await uow.tx
      .update(absences)
      .set({ justificationStatus: status, justificationId: j.id, updatedAt: now })
      .where(and(inArray(absences.id, input.absenceIds), eq(absences.justificationStatus, 'unjustified')))
      .returning({ id: absences.id });
    if (updated.length !== input.absenceIds.length) throw new AppError('conflict', 'Une de ces absences vient d’être justifiée.');
    if (direct) {
      await announceDecision(uow, school, j.id, studentId, input.absenceIds, status);
    } else {
      const [student] = await uow.tx.select().from(people).where(eq(people.id, studentId));
      await uow.emit(
        channels.absences(school.uai),
        'absence.justification_submitted',
        { justificationId: j.id, studentName: fullName(student), absenceIds: input.absenceIds },
        school.id,
      );
    }
    return j.id;
  });
  return reviewItem(deps.db, actor, school, id);
}

/** Vie scolaire accepts or refuses a guardian's justification; refused absences can be justified again. */
export async function reviewJustification(deps: AbsencesDeps, actor: Actor, school: School, id: string, decision: 'accepted' | 'refused', comment: string) {
  assertAllowed(actor, 'absences.justification.review', { schoolId: school.id });
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    const [j] = await uow.tx
      .update(justifications)
      .set({ decision, reviewComment: comment || null, reviewedBy: actor.personId, reviewedAt: now })
      .where(and(eq(justifications.id, id), eq(justifications.schoolId, school.id), eq(justifications.decision, 'pending')))
      .returning();
    if (!j) {
      const [exists] = await uow.tx.select({ id: justifications.id }).from(justifications).where(and(eq(justifications.id, id), eq(justifications.schoolId, school.id)));
      throw exists ? new AppError('conflict', 'Cette justification a déjà été traitée.') : notFound('Justification introuvable.');
    }
    const status: JustificationStatus = decision === 'accepted' ? 'justified' : 'unjustified';
    const covered = await uow.tx
      .update(absences)
      .set({ justificationStatus: status, updatedAt: now })
      .where(and(eq(absences.justificationId, id), isNull(absences.removedAt)))
      .returning({ id: absences.id });
    await announceDecision(uow, school, id, j.studentId, covered.map((c) => c.id), status);
  });
  return reviewItem(deps.db, actor, school, id);
}

/** One justification with its student and absences, as the actor may see it. */
async function reviewItem(db: Db, actor: Actor, school: School, id: string): Promise<JustificationReviewItemDto> {
  const [item] = await reviewItems(db, school, eq(justifications.id, id));
  if (!followsAbsences(actor)) {
    item.justification = justificationForGuardian(item.justification)!;
    item.absences = await loadAbsenceDtos(db, school.uai, eq(absences.justificationId, id), { kind: 'guardian', personId: actor.personId });
  }
  return item;
}

/** The review queue: pending justifications, oldest first. */
export async function justificationQueue(db: Db, actor: Actor, school: School): Promise<JustificationReviewItemDto[]> {
  assertAllowed(actor, 'absences.justification.review', { schoolId: school.id });
  return reviewItems(db, school, and(eq(justifications.schoolId, school.id), eq(justifications.decision, 'pending')));
}

async function reviewItems(db: Db, school: School, where: ReturnType<typeof and>): Promise<JustificationReviewItemDto[]> {
  const rows = await db.select({ id: justifications.id, studentId: justifications.studentId }).from(justifications).where(where).orderBy(asc(justifications.createdAt)).limit(200);
  if (rows.length === 0) return [];
  const covered = await loadAbsenceDtos(db, school.uai, inArray(absences.justificationId, rows.map((r) => r.id)), { kind: 'staff' });
  const items: JustificationReviewItemDto[] = [];
  for (const r of rows) {
    const own = covered.filter((a) => a.justification?.id === r.id);
    items.push({
      justification: own[0]?.justification ?? (await justificationDto(db, school, r.id)),
      studentId: r.studentId,
      studentName: own[0]?.studentName ?? '',
      className: own[0]?.className ?? null,
      absences: own,
    });
  }
  return items;
}
