import { createHash } from 'node:crypto';
import type { newsAttachments, newsItems, newsRecipients } from '../../../db/schema';
import type { AttachmentDto, NewsSummaryDto } from '../../contracts/news';
import { plainText } from '../../platform/rich-text';

export type NewsRow = typeof newsItems.$inferSelect;
export type RecipientRow = Pick<typeof newsRecipients.$inferSelect, 'readAt' | 'acknowledgedAt'>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Excerpts by body: making one parses the body's HTML, which was a quarter of a feed request's
 * CPU, while hashing it costs a few microseconds. A feed shows the same few dozen items to
 * every family; bounded, the oldest entries go first.
 */
const EXCERPTS_KEPT = 5000;
const excerpts = new Map<string, string>();

function excerptOf(row: Pick<NewsRow, 'bodyHtml'>): string {
  const key = createHash('sha1').update(row.bodyHtml).digest('base64url');
  const known = excerpts.get(key);
  if (known !== undefined) return known;
  const text = plainText(row.bodyHtml);
  const excerpt = text.length > 220 ? `${text.slice(0, 217).trimEnd()}…` : text;
  if (excerpts.size >= EXCERPTS_KEPT) excerpts.delete(excerpts.keys().next().value!);
  excerpts.set(key, excerpt);
  return excerpt;
}

export const attachmentUrl = (uai: string, id: string) => `/api/schools/${uai}/news/attachments/${id}`;

export function toAttachmentDto(uai: string, a: Pick<typeof newsAttachments.$inferSelect, 'id' | 'name' | 'mimeType' | 'size'>): AttachmentDto {
  return { id: a.id, name: a.name, mimeType: a.mimeType, size: a.size, url: attachmentUrl(uai, a.id) };
}

/** The card form of an item, for feeds and live events; `recipient` adds the reader's own read state. */
export function toSummary(uai: string, row: NewsRow, authorName: string, now: Date, recipient?: RecipientRow | null): NewsSummaryDto {
  return {
    id: row.id,
    title: row.title,
    category: row.category,
    status: row.status,
    visibility: row.visibility,
    authorName,
    publishedAt: iso(row.publishedAt),
    updatedAt: row.updatedAt.toISOString(),
    expireAt: iso(row.expireAt),
    pinned: !!row.pinnedUntil && row.pinnedUntil > now,
    version: row.version,
    readAt: iso(recipient?.readAt ?? null),
    acknowledgedAt: iso(recipient?.acknowledgedAt ?? null),
    ackRequired: row.ackMode !== 'none',
    excerpt: excerptOf(row),
    imageUrl: row.imageId ? attachmentUrl(uai, row.imageId) : null,
    audienceLabel: row.audienceLabel,
    publishAt: iso(row.publishAt),
    reviewComment: row.reviewComment,
  };
}
