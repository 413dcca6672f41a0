import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db, Queryable } from '../../../db/client';
import { messageAttachments, messageRecipients, messages } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import { ATTACHMENT_TYPES } from '../../contracts/news';
import { MESSAGE_LIMITS, type AttachmentRefDto } from '../../contracts/messaging';
import { AppError, notFound } from '../../http/errors';
import { checkUpload } from '../../platform/uploads';

type School = { id: string; uai: string };
type AttachmentRow = typeof messageAttachments.$inferSelect;

export const TOO_LARGE = `Fichier trop volumineux (${MESSAGE_LIMITS.attachmentBytes / 1024 / 1024} Mo au plus).`;

export const toAttachmentRef = (uai: string, a: Pick<AttachmentRow, 'id' | 'name' | 'mimeType' | 'size'>): AttachmentRefDto => ({
  id: a.id,
  name: a.name,
  mimeType: a.mimeType,
  size: a.size,
  url: `/api/schools/${uai}/messaging/attachments/${a.id}`,
});

/** Stores an upload after checking its type from its bytes (a renamed executable is refused). */
export async function storeAttachment(db: Db, actor: Actor, school: School, name: string, content: Buffer): Promise<AttachmentRefDto> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const file = await checkUpload(name, content, {
    types: ATTACHMENT_TYPES,
    maxBytes: MESSAGE_LIMITS.attachmentBytes,
    maxName: MESSAGE_LIMITS.attachmentName,
    tooLarge: TOO_LARGE,
    refused: 'Type de fichier refusé : PDF, images (PNG, JPEG, WebP, GIF) et documents bureautiques (Word, Excel, OpenDocument) seulement.',
  });
  const [row] = await db
    .insert(messageAttachments)
    .values({ schoolId: school.id, uploadedBy: actor.personId, name: file.name, mimeType: file.mimeType, size: content.length, content })
    .returning({ id: messageAttachments.id, name: messageAttachments.name, mimeType: messageAttachments.mimeType, size: messageAttachments.size });
  return toAttachmentRef(school.uai, row);
}

/** The actor's own uploads not yet sent with another message (or already on this draft). */
export async function checkAttachmentIds(db: Queryable, actor: Actor, ids: string[], draftId: string | null): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: messageAttachments.id })
    .from(messageAttachments)
    .where(
      and(
        inArray(messageAttachments.id, ids),
        eq(messageAttachments.schoolId, actor.schoolId),
        eq(messageAttachments.uploadedBy, actor.personId),
        draftId ? or(isNull(messageAttachments.messageId), eq(messageAttachments.messageId, draftId)) : isNull(messageAttachments.messageId),
      ),
    );
  if (rows.length !== new Set(ids).size) throw new AppError('validation_failed', 'Pièce jointe inconnue.', [{ path: 'attachmentIds', message: 'inconnue' }]);
}

/** Attaches the uploads to the message (and detaches those removed from a draft). */
export async function linkAttachments(db: Queryable, messageId: string, ids: string[]): Promise<void> {
  await db.update(messageAttachments).set({ messageId: null }).where(eq(messageAttachments.messageId, messageId));
  if (ids.length) await db.update(messageAttachments).set({ messageId }).where(inArray(messageAttachments.id, ids));
}

export async function attachmentsOf(db: Queryable, uai: string, messageIds: string[]): Promise<Map<string, AttachmentRefDto[]>> {
  const result = new Map<string, AttachmentRefDto[]>();
  if (messageIds.length === 0) return result;
  const rows = await db
    .select({ id: messageAttachments.id, messageId: messageAttachments.messageId, name: messageAttachments.name, mimeType: messageAttachments.mimeType, size: messageAttachments.size })
    .from(messageAttachments)
    .where(inArray(messageAttachments.messageId, messageIds));
  for (const r of rows) result.set(r.messageId!, [...(result.get(r.messageId!) ?? []), toAttachmentRef(uai, r)]);
  return result;
}

/** A file for download: its uploader, the author of its message, or a recipient of a delivered, unrecalled copy. */
export async function loadAttachment(db: Db, actor: Actor, school: School, id: string): Promise<AttachmentRow> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const [row] = await db.select().from(messageAttachments).where(and(eq(messageAttachments.id, id), eq(messageAttachments.schoolId, school.id)));
  if (!row) throw notFound('Fichier introuvable.');
  if (row.uploadedBy === actor.personId) return row;
  if (row.messageId) {
    const [copy] = await db
      .select({ at: messageRecipients.deliveredAt, recalled: messageRecipients.recalledAt })
      .from(messageRecipients)
      .where(and(eq(messageRecipients.messageId, row.messageId), eq(messageRecipients.personId, actor.personId)));
    if (copy?.at && !copy.recalled) return row;
    const [own] = await db.select({ id: messages.id }).from(messages).where(and(eq(messages.id, row.messageId), eq(messages.authorId, actor.personId)));
    if (own) return row;
  }
  throw notFound('Fichier introuvable.');
}
