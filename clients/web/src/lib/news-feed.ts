import type { EventEnvelope } from '../../../../server/contracts/events';
import type { NewsCategory, NewsSummaryDto } from '../../../../server/contracts/news';

/** What a live event did to the feed, for the page to announce. */
export type FeedChange =
  | { kind: 'added'; news: NewsSummaryDto }
  | { kind: 'updated'; news: NewsSummaryDto }
  | { kind: 'removed'; news: NewsSummaryDto };

const publishedTime = (n: NewsSummaryDto) => Date.parse(n.publishedAt ?? n.updatedAt) || 0;

/** The feed's order: « À la une » first, then unread, then newest. */
export function compareFeed(a: NewsSummaryDto, b: NewsSummaryDto, unreadFirst = true): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (unreadFirst && !a.readAt !== !b.readAt) return a.readAt ? 1 : -1;
  return publishedTime(b) - publishedTime(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortFeed(items: readonly NewsSummaryDto[], unreadFirst = true): NewsSummaryDto[] {
  return [...items].sort((a, b) => compareFeed(a, b, unreadFirst));
}

/**
 * Adds pages to a feed, one entry per item: the same item can come twice (a second page that
 * overlaps, a live event for an item already loaded). The later copy wins, except for the
 * reader's own marks, which only this reader's requests know.
 */
export function mergeFeed(items: readonly NewsSummaryDto[], incoming: readonly NewsSummaryDto[]): NewsSummaryDto[] {
  const byId = new Map(items.map((n) => [n.id, n]));
  for (const n of incoming) byId.set(n.id, withReaderState(n, byId.get(n.id)));
  return sortFeed([...byId.values()]);
}

// events are broadcast to a whole audience: their readAt/acknowledgedAt speak for nobody
function withReaderState(next: NewsSummaryDto, previous: NewsSummaryDto | undefined): NewsSummaryDto {
  if (!previous) return next;
  return { ...next, readAt: next.readAt ?? previous.readAt, acknowledgedAt: next.acknowledgedAt ?? previous.acknowledgedAt };
}

function isNewsPayload(n: unknown): n is NewsSummaryDto {
  const x = n as Partial<NewsSummaryDto> | null;
  return !!x && typeof x.id === 'string' && typeof x.title === 'string' && typeof x.status === 'string';
}

/**
 * Applies a live event to the feed. The same item reaches a reader on several channels (a
 * parent of two targeted classes): a copy already there at the same version changes nothing.
 */
export function applyNewsEvent(
  items: readonly NewsSummaryDto[],
  event: EventEnvelope,
): { items: NewsSummaryDto[]; change: FeedChange | null } {
  if (event.type === 'news.published' || event.type === 'news.updated') {
    const news = (event.data as { news?: unknown }).news;
    if (!isNewsPayload(news)) return { items: [...items], change: null };
    const previous = items.find((n) => n.id === news.id);
    if (news.status !== 'published') return remove(items, news.id);
    if (previous && previous.version >= news.version && previous.status === news.status) return { items: [...items], change: null };
    const next = mergeFeed(items, [news]);
    const merged = next.find((n) => n.id === news.id)!;
    return { items: next, change: { kind: previous ? 'updated' : 'added', news: merged } };
  }
  if (event.type === 'news.withdrawn') {
    const { newsId } = event.data as { newsId?: unknown };
    return typeof newsId === 'string' ? remove(items, newsId) : { items: [...items], change: null };
  }
  return { items: [...items], change: null };
}

function remove(items: readonly NewsSummaryDto[], id: string): { items: NewsSummaryDto[]; change: FeedChange | null } {
  const gone = items.find((n) => n.id === id);
  if (!gone) return { items: [...items], change: null };
  return { items: items.filter((n) => n.id !== id), change: { kind: 'removed', news: gone } };
}

/** The items a reader sees now: in the chosen category, not yet expired (a page stays open for days). */
export function visibleFeed(items: readonly NewsSummaryDto[], opts: { category?: NewsCategory | null; now: Date }): NewsSummaryDto[] {
  const now = opts.now.getTime();
  return items.filter((n) => (!opts.category || n.category === opts.category) && (!n.expireAt || Date.parse(n.expireAt) > now));
}

export function unreadCount(items: readonly NewsSummaryDto[], now: Date): number {
  return visibleFeed(items, { now }).filter((n) => !n.readAt).length;
}

/** Counts per category, for the filter chips. */
export function categoryCounts(items: readonly NewsSummaryDto[], now: Date): Partial<Record<NewsCategory, number>> {
  const counts: Partial<Record<NewsCategory, number>> = {};
  for (const n of visibleFeed(items, { now })) counts[n.category] = (counts[n.category] ?? 0) + 1;
  return counts;
}

/**
 * Where the next, older page starts. The first page puts pinned and unread items first, so the
 * read, unpinned ones it holds are the newest of their kind: the next page continues before the
 * oldest of those, in plain date order (older unread items were already in the first page).
 */
export function nextPageCursor(items: readonly NewsSummaryDto[]): string | null {
  const plain = items.filter((n) => n.readAt && !n.pinned);
  const pool = plain.length > 0 ? plain : items;
  let oldest: NewsSummaryDto | null = null;
  for (const n of pool) if (n.publishedAt && (!oldest || publishedTime(n) < publishedTime(oldest))) oldest = n;
  return oldest?.publishedAt ?? null;
}

/** Marks the reader's own read or acknowledgement locally, once the hub has recorded it. */
export function markNews(items: readonly NewsSummaryDto[], id: string, mark: { readAt?: string; acknowledgedAt?: string }): NewsSummaryDto[] {
  return items.map((n) =>
    n.id === id
      ? { ...n, readAt: n.readAt ?? mark.readAt ?? null, acknowledgedAt: n.acknowledgedAt ?? mark.acknowledgedAt ?? null }
      : n,
  );
}
