import { fileTypeFromBuffer } from 'file-type';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { newsAttachments, newsItems, newsRecipients } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import { ATTACHMENT_TYPES, NEWS_LIMITS, type AttachmentDto } from '../../contracts/news';
import { AppError, notFound } from '../../http/errors';
import { toAttachmentDto } from './news.dto';
import { cleanFileName } from './sanitize';
import type { School } from './news.service';

/** Stores an upload after checking its type from its bytes (the name and the declared type are not trusted). */
export async function storeAttachment(db: Db, actor: Actor, school: School, name: string, content: Buffer): Promise<AttachmentDto> {
  assertAllowed(actor, 'news.attachment.upload', { schoolId: school.id });
  if (content.length === 0) throw new AppError('validation_failed', 'Le fichier est vide.');
  if (content.length > NEWS_LIMITS.attachmentBytes) throw new AppError('payload_too_large', 'Fichier trop volumineux (5 Mo au plus).');
  const detected = await fileTypeFromBuffer(content);
  if (!detected || !(detected.mime in ATTACHMENT_TYPES)) {
    throw new AppError(
      'unsupported_media_type',
      'Type de fichier refusé : PDF, images (PNG, JPEG, WebP, GIF) et documents bureautiques (Word, Excel, OpenDocument) seulement.',
      { detected: detected?.mime ?? null },
    );
  }
  const safeName = withExtension(cleanFileName(name, NEWS_LIMITS.attachmentName), detected.ext);
  const [row] = await db
    .insert(newsAttachments)
    .values({ schoolId: school.id, uploadedBy: actor.personId, name: safeName, mimeType: detected.mime, size: content.length, content })
    .returning();
  return toAttachmentDto(school.uai, row);
}

/** A file for download, if the actor may see the item it belongs to (or uploaded it). */
export async function loadAttachment(db: Db, actor: Actor, school: School, id: string) {
  const [row] = await db.select().from(newsAttachments).where(and(eq(newsAttachments.id, id), eq(newsAttachments.schoolId, school.id)));
  if (!row) throw notFound('Fichier introuvable.');
  let item = null;
  if (row.newsId) {
    const [news] = await db.select().from(newsItems).where(eq(newsItems.id, row.newsId));
    const [recipient] = await db
      .select({ p: newsRecipients.personId })
      .from(newsRecipients)
      .where(and(eq(newsRecipients.newsId, row.newsId), eq(newsRecipients.personId, actor.personId)));
    item = { schoolId: news.schoolId, authorId: news.authorId, status: news.status, isRecipient: !!recipient };
  }
  assertAllowed(actor, 'news.attachment.read', { schoolId: row.schoolId, uploadedBy: row.uploadedBy, item });
  return row;
}

// the stored name ends with the real type's extension, so a downloaded file opens as what it is
function withExtension(name: string, ext: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${stem.slice(0, NEWS_LIMITS.attachmentName - ext.length - 1)}.${ext}`;
}
