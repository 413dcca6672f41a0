import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { absenceDocuments, justifications } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import { ABSENCE_LIMITS, DOCUMENT_TYPES } from '../../contracts/absence-rules';
import type { DocumentDto } from '../../contracts/absences';
import { notFound } from '../../http/errors';
import { checkUpload } from '../../platform/uploads';
import { documentUrl } from './absence-views';
import { isGuardianOf } from './guardian-alerts';

type School = { id: string; uai: string };

/** A justification document (certificat, convocation): PDF or image, checked by its bytes. */
export async function storeDocument(db: Db, actor: Actor, school: School, name: string, content: Buffer): Promise<DocumentDto> {
  assertAllowed(actor, 'absences.document.upload', { schoolId: school.id });
  const file = await checkUpload(name, content, {
    types: DOCUMENT_TYPES,
    maxBytes: ABSENCE_LIMITS.documentBytes,
    maxName: ABSENCE_LIMITS.documentName,
    tooLarge: 'Document trop volumineux (5 Mo au plus).',
    refused: 'Document refusé : un PDF ou une image (photo, scan) seulement.',
  });
  const [row] = await db
    .insert(absenceDocuments)
    .values({ schoolId: school.id, uploadedBy: actor.personId, name: file.name, mimeType: file.mimeType, size: content.length, content })
    .returning();
  return { id: row.id, name: row.name, mimeType: row.mimeType, size: row.size, url: documentUrl(school.uai, row.id) };
}

/** A document for download: its uploader, vie scolaire, or a guardian of the student it justifies. */
export async function loadDocument(db: Db, actor: Actor, school: School, id: string) {
  const [row] = await db.select().from(absenceDocuments).where(and(eq(absenceDocuments.id, id), eq(absenceDocuments.schoolId, school.id)));
  if (!row) throw notFound('Document introuvable.');
  const [j] = await db.select({ studentId: justifications.studentId }).from(justifications).where(eq(justifications.documentId, id));
  const isGuardian = !!j && actor.profile === 'guardian' && (await isGuardianOf(db, school.id, actor.personId, j.studentId));
  assertAllowed(actor, 'absences.document.read', { schoolId: school.id, uploadedBy: row.uploadedBy, isGuardian });
  return row;
}
