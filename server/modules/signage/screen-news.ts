import { and, asc, eq, gt, isNotNull, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { newsItems } from '../../../db/schema';
import { channels } from '../../contracts/channels';
import type { ScreenNewsDto } from '../../contracts/signage';
import { plainText } from '../../platform/rich-text';
import type { UnitOfWork } from '../../platform/outbox';

type NewsRow = typeof newsItems.$inferSelect;

/** Long enough to read from across a hall: about four words a second, between 10 and 30 s. */
function readingSeconds(row: NewsRow): number {
  const words = `${row.title} ${plainText(row.bodyHtml)}`.split(/\s+/).filter(Boolean).length;
  return Math.min(30, Math.max(10, Math.round(6 + words / 4)));
}

/** The screens' form of a news item: what it says, for how long; never who wrote it or for whom. */
export function toScreenNews(row: NewsRow): ScreenNewsDto | null {
  if (!row.onScreensFrom || !row.onScreensUntil) return null;
  const until = row.expireAt && row.expireAt < row.onScreensUntil ? row.expireAt : row.onScreensUntil;
  return {
    id: row.id,
    title: row.title,
    body: row.bodyHtml,
    category: row.category,
    imageUrl: null,
    durationSeconds: readingSeconds(row),
    from: row.onScreensFrom.toISOString(),
    until: until.toISOString(),
    pinned: !!row.pinnedUntil && row.pinnedUntil > row.onScreensFrom,
  };
}

/** News on the screens now or later: published, flagged for screens, not past their screen period. */
export async function screenNews(db: Db, schoolId: string, categories: string[], now: Date): Promise<ScreenNewsDto[]> {
  const rows = await db
    .select()
    .from(newsItems)
    .where(
      and(
        eq(newsItems.schoolId, schoolId),
        eq(newsItems.status, 'published'),
        isNotNull(newsItems.onScreensFrom),
        gt(newsItems.onScreensUntil, now),
        or(isNull(newsItems.expireAt), gt(newsItems.expireAt, now)),
      ),
    )
    .orderBy(asc(newsItems.onScreensFrom));
  return rows
    .map(toScreenNews)
    .filter((n): n is ScreenNewsDto => !!n && (categories.length === 0 || categories.includes(n.category)));
}

/**
 * Called by the news module whenever an item is published, edited, withdrawn or expires
 * (`gone`): the screens learn it live. Nothing is sent for items that never were on screens.
 */
export async function emitScreenNews(uow: UnitOfWork, school: { id: string; uai: string }, row: NewsRow, opts: { wasOnScreens: boolean; gone?: boolean }): Promise<void> {
  const item = opts.gone ? null : toScreenNews(row);
  if (!item && !opts.wasOnScreens && !row.onScreensFrom) return;
  await uow.emit(channels.signage(school.uai), 'signage.news_updated', item ? { upserted: [item], removed: [] } : { upserted: [], removed: [row.id] }, school.id);
}
