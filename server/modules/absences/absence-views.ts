import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../../db/client';
import { absenceDocuments, absenceNotices, absenceReasons, absences, courses, justifications, people, rollCalls, timetableSlots } from '../../../db/schema';
import type { AbsenceDto, JustificationDto } from '../../contracts/absences';
import { classNameSql, fullName, fullNameSql } from '../directory/person-name';

/** Who is looking: staff see notes, notices and confidential reasons; a guardian sees their own acknowledgement. */
export type Viewer = { kind: 'staff' } | { kind: 'guardian'; personId: string } | { kind: 'student' } | { kind: 'teacher' };

export type JustificationRow = typeof justifications.$inferSelect;
type ReasonRow = typeof absenceReasons.$inferSelect;
type DocumentRow = Pick<typeof absenceDocuments.$inferSelect, 'id' | 'name' | 'mimeType' | 'size'>;

export function documentUrl(uai: string, id: string): string {
  return `/api/schools/${uai}/absences/documents/${id}`;
}

/** A justification as this viewer may see it: a confidential reason is only named to staff. */
export function toJustificationDto(
  uai: string,
  j: JustificationRow,
  reason: ReasonRow | null,
  doc: DocumentRow | null,
  submittedByName: string | null,
  viewer: Viewer,
): JustificationDto {
  const confidential = reason ? !reason.visibleToGuardians : false;
  const showReason = reason && (!confidential || viewer.kind === 'staff');
  return {
    id: j.id,
    reason: showReason ? { id: reason.id, label: reason.label } : null,
    confidential,
    comment: j.comment,
    document: doc ? { id: doc.id, name: doc.name, mimeType: doc.mimeType, size: doc.size, url: documentUrl(uai, doc.id) } : null,
    decision: j.decision,
    reviewComment: j.reviewComment,
    submittedByName,
    createdAt: j.createdAt.toISOString(),
    reviewedAt: j.reviewedAt?.toISOString() ?? null,
  };
}

const student = alias(people, 'student');
const recorder = alias(people, 'recorder');
const submitter = alias(people, 'submitter');

/** Absences matching a condition, as this viewer sees them, newest first. Removed ones are never shown. */
export async function loadAbsenceDtos(db: Queryable, uai: string, where: SQL | undefined, viewer: Viewer, limit = 500): Promise<AbsenceDto[]> {
  const rows = await db
    .select({
      absence: absences,
      student: { firstName: student.firstName, lastName: student.lastName },
      className: classNameSql(absences.studentId, absences.schoolId),
      course: { subject: courses.subject },
      slotCode: timetableSlots.code,
      rollCallDate: rollCalls.date,
      recordedByName: fullNameSql(recorder),
      justification: justifications,
      reason: absenceReasons,
      document: { id: absenceDocuments.id, name: absenceDocuments.name, mimeType: absenceDocuments.mimeType, size: absenceDocuments.size },
      submittedByName: fullNameSql(submitter),
    })
    .from(absences)
    .innerJoin(student, eq(student.id, absences.studentId))
    .leftJoin(rollCalls, eq(rollCalls.id, absences.rollCallId))
    .leftJoin(courses, eq(courses.id, absences.courseId))
    .leftJoin(timetableSlots, eq(timetableSlots.id, courses.slotId))
    .leftJoin(recorder, eq(recorder.id, absences.recordedBy))
    .leftJoin(justifications, eq(justifications.id, absences.justificationId))
    .leftJoin(absenceReasons, eq(absenceReasons.id, justifications.reasonId))
    .leftJoin(absenceDocuments, eq(absenceDocuments.id, justifications.documentId))
    .leftJoin(submitter, eq(submitter.id, justifications.submittedBy))
    .where(and(sql`${absences.removedAt} is null`, where))
    .orderBy(sql`${absences.startsAt} desc`, student.lastName, student.firstName)
    .limit(limit);
  if (rows.length === 0) return [];

  const ids = rows.map((r) => r.absence.id);
  const noticeRows =
    viewer.kind === 'staff' || viewer.kind === 'guardian'
      ? await db
          .select({ notice: absenceNotices, guardian: { firstName: people.firstName, lastName: people.lastName } })
          .from(absenceNotices)
          .innerJoin(people, eq(people.id, absenceNotices.guardianId))
          .where(
            and(inArray(absenceNotices.absenceId, ids), viewer.kind === 'guardian' ? eq(absenceNotices.guardianId, viewer.personId) : undefined),
          )
          .orderBy(people.lastName, people.firstName)
      : [];

  return rows.map((r) => {
    const a = r.absence;
    const notices = noticeRows.filter((n) => n.notice.absenceId === a.id);
    const dto: AbsenceDto = {
      id: a.id,
      studentId: a.studentId,
      studentName: fullName(r.student),
      className: r.className,
      kind: a.kind,
      lateMinutes: a.lateMinutes,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      source: a.source,
      course: a.courseId && r.course?.subject ? { courseId: a.courseId, subject: r.course.subject, slotCode: r.slotCode ?? '', date: r.rollCallDate ?? '' } : null,
      recordedByName: r.recordedByName,
      justificationStatus: a.justificationStatus,
      justification: r.justification
        ? toJustificationDto(uai, r.justification, r.reason, r.document?.id ? r.document : null, r.submittedByName, viewer)
        : null,
      acknowledgedAt: viewer.kind === 'guardian' ? (notices[0]?.notice.acknowledgedAt?.toISOString() ?? null) : null,
    };
    if (viewer.kind === 'staff') {
      dto.note = a.note;
      dto.notices = notices.map((n) => ({
        guardianId: n.notice.guardianId,
        guardianName: fullName(n.guardian),
        notifiedAt: n.notice.notifiedAt.toISOString(),
        acknowledgedAt: n.notice.acknowledgedAt?.toISOString() ?? null,
      }));
    }
    return dto;
  });
}
