import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { newsAttachments } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import type { NewsInput } from '../../contracts/news';
import { AppError } from '../../http/errors';
import { audienceLabel, loadAudienceGroups } from './audience';
import { cleanLine } from '../../platform/uploads';
import { sanitizeRichText } from '../../platform/rich-text';

export interface CheckedInput {
  title: string;
  bodyHtml: string;
  category: NewsInput['category'];
  audience: NewsInput['audience'];
  audienceLabel: string;
  visibility: NewsInput['visibility'];
  publishAt: Date | null;
  expireAt: Date | null;
  pinnedUntil: Date | null;
  ackMode: NewsInput['ackMode'];
  onScreensFrom: Date | null;
  onScreensUntil: Date | null;
  imageId: string | null;
  attachmentIds: string[];
}

const date = (s: string | null) => (s ? new Date(s) : null);

/**
 * Everything about an item's input that needs the clock or the database: sanitised text,
 * coherent dates, groups of this school, attachments uploaded by this author and not used elsewhere.
 */
export async function checkNewsInput(db: Queryable, actor: Actor, schoolId: string, input: NewsInput, now: Date, newsId?: string): Promise<CheckedInput> {
  const problems: Array<{ path: string; message: string }> = [];
  const title = cleanLine(input.title);
  const bodyHtml = sanitizeRichText(input.bodyHtml);
  if (title.length < 3) problems.push({ path: 'title', message: 'titre trop court' });
  if (bodyHtml.length === 0) problems.push({ path: 'bodyHtml', message: 'le texte est vide' });
  const publishAt = date(input.publishAt);
  const expireAt = date(input.expireAt);
  const start = publishAt && publishAt > now ? publishAt : now;
  if (expireAt && expireAt <= start) problems.push({ path: 'expireAt', message: 'la fin de publication doit suivre la publication' });
  const onScreensFrom = date(input.onScreens?.from ?? null);
  const onScreensUntil = date(input.onScreens?.until ?? null);
  if (onScreensFrom && onScreensUntil && onScreensUntil <= onScreensFrom) {
    problems.push({ path: 'onScreens.until', message: 'la fin d’affichage doit suivre son début' });
  }
  if (problems.length) throw new AppError('validation_failed', 'Certaines informations sont invalides.', problems);

  const groups = await loadAudienceGroups(db, schoolId, input.audience);
  const files = [...new Set([...input.attachmentIds, ...(input.imageId ? [input.imageId] : [])])];
  if (files.length) {
    const rows = await db
      .select({ id: newsAttachments.id, mimeType: newsAttachments.mimeType })
      .from(newsAttachments)
      .where(
        and(
          inArray(newsAttachments.id, files),
          eq(newsAttachments.schoolId, schoolId),
          // the actor's own unused uploads, or files already on this item (direction editing it)
          or(
            and(isNull(newsAttachments.newsId), eq(newsAttachments.uploadedBy, actor.personId)),
            newsId ? eq(newsAttachments.newsId, newsId) : undefined,
          ),
        ),
      );
    const found = new Map(rows.map((r) => [r.id, r]));
    const missing = files.filter((f) => !found.has(f));
    if (missing.length) throw new AppError('validation_failed', 'Pièce jointe introuvable.', missing.map((id) => ({ path: 'attachmentIds', message: `pièce jointe inconnue : ${id}` })));
    if (input.imageId && !found.get(input.imageId)!.mimeType.startsWith('image/')) {
      throw new AppError('validation_failed', 'L’illustration doit être une image.', [{ path: 'imageId', message: 'ce fichier n’est pas une image' }]);
    }
  }
  return {
    title,
    bodyHtml,
    category: input.category,
    audience: input.audience,
    audienceLabel: audienceLabel(input.audience, groups),
    visibility: input.visibility,
    publishAt,
    expireAt,
    pinnedUntil: date(input.pinnedUntil),
    ackMode: input.ackMode,
    onScreensFrom,
    onScreensUntil,
    imageId: input.imageId,
    attachmentIds: input.attachmentIds,
  };
}
