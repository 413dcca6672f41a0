import { createHash } from 'node:crypto';
import type { newsAttachments, newsItems, newsRecipients } from '../../../db/schema';
import type { AttachmentDto, NewsSummaryDto } from '../../contracts/news';
import { plainText } from '../../platform/rich-text';

export type NewsRow = typeof newsItems.$inferSelect;
export type RecipientRow = Pick<typeof newsRecipients.$inferSelect, 'readAt' | 'acknowledgedAt'>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Excerpts by the body's MD5: making one parses the body's HTML, which was a quarter of a feed
 * request's CPU. A feed shows the same few dozen items to every family, and its query asks
 * PostgreSQL for the MD5 instead of the body (see excerptsOf). Bounded, oldest first out.
 */
const EXCERPTS_KEPT = 5000;
const excerpts = new Map<string, string>();

export const bodyKey = (bodyHtml: string) => createHash('md5').update(bodyHtml).digest('hex');

function remember(key: string, bodyHtml: string): string {
  const text = plainText(bodyHtml);
  const excerpt = text.length > 220 ? `${text.slice(0, 217).trimEnd()}…` : text;
  if (excerpts.size >= EXCERPTS_KEPT) excerpts.delete(excerpts.keys().next().value!);
  excerpts.set(key, excerpt);
  return excerpt;
}

function excerptOf(bodyHtml: string): string {
  const key = bodyKey(bodyHtml);
  return excerpts.get(key) ?? remember(key, bodyHtml);
}

/**
 * The excerpts of rows that carry their body's MD5 (`bodyKey`), in the rows' order; the bodies
 * of those not known yet are loaded by `bodies` in one go.
 */
export async function excerptsOf(rows: Array<{ id: string; bodyKey: string }>, bodies: (ids: string[]) => Promise<Array<{ id: string; bodyHtml: string }>>): Promise<string[]> {
  const missing = rows.filter((r) => !excerpts.has(r.bodyKey));
  if (missing.length > 0) {
    const keyOf = new Map(missing.map((r) => [r.id, r.bodyKey]));
    for (const b of await bodies([...keyOf.keys()])) remember(keyOf.get(b.id)!, b.bodyHtml);
  }
  return rows.map((r) => excerpts.get(r.bodyKey) ?? '');
}

export const attachmentUrl = (uai: string, id: string) => `/api/schools/${uai}/news/attachments/${id}`;

export function toAttachmentDto(uai: string, a: Pick<typeof newsAttachments.$inferSelect, 'id' | 'name' | 'mimeType' | 'size'>): AttachmentDto {
  return { id: a.id, name: a.name, mimeType: a.mimeType, size: a.size, url: attachmentUrl(uai, a.id) };
}

/** What a card needs of an item: its columns but the body (given to make the excerpt, unless the excerpt is). */
export type SummaryRow = Pick<
  NewsRow,
  'id' | 'title' | 'category' | 'status' | 'visibility' | 'publishedAt' | 'updatedAt' | 'expireAt' | 'pinnedUntil' | 'version' | 'ackMode' | 'imageId' | 'audienceLabel' | 'publishAt' | 'reviewComment'
> & { bodyHtml?: string };

/** The card form of an item, for feeds and live events; `recipient` adds the reader's own read state. */
export function toSummary(uai: string, row: SummaryRow, authorName: string, now: Date, recipient?: RecipientRow | null, excerpt?: string): NewsSummaryDto {
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
    excerpt: excerpt ?? excerptOf(row.bodyHtml ?? ''),
    imageUrl: row.imageId ? attachmentUrl(uai, row.imageId) : null,
    audienceLabel: row.audienceLabel,
    publishAt: iso(row.publishAt),
    reviewComment: row.reviewComment,
  };
}
