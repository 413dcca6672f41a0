import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { newsAttachments, newsItems, newsRecipients } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import { ATTACHMENT_TYPES, NEWS_LIMITS, type AttachmentDto } from '../../contracts/news';
import { notFound } from '../../http/errors';
import { toAttachmentDto } from './news.dto';
import { checkUpload } from '../../platform/uploads';
import type { School } from './news.service';

/** Stores an upload after checking its type from its bytes. */
export async function storeAttachment(db: Db, actor: Actor, school: School, name: string, content: Buffer): Promise<AttachmentDto> {
  assertAllowed(actor, 'news.attachment.upload', { schoolId: school.id });
  const file = await checkUpload(name, content, {
    types: ATTACHMENT_TYPES,
    maxBytes: NEWS_LIMITS.attachmentBytes,
    maxName: NEWS_LIMITS.attachmentName,
    tooLarge: 'Fichier trop volumineux (5 Mo au plus).',
    refused: 'Type de fichier refusé : PDF, images (PNG, JPEG, WebP, GIF) et documents bureautiques (Word, Excel, OpenDocument) seulement.',
  });
  const [row] = await db
    .insert(newsAttachments)
    .values({ schoolId: school.id, uploadedBy: actor.personId, name: file.name, mimeType: file.mimeType, size: content.length, content })
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
