// Which news items a screen shows: its content settings decide, and each item shows from its
// `from` until its `until`, by the kiosk's own (hub-corrected) clock, offline too.
import type { ScreenContent, ScreenNewsDto } from '../../../../server/contracts/signage';

/** The carousel's items now, pinned ones first, in the hub's order otherwise. */
export function visibleNews(news: readonly ScreenNewsDto[], content: ScreenContent, nowMs: number): ScreenNewsDto[] {
  if (!content.news) return [];
  const categories = new Set(content.newsCategories);
  const shown = news.filter((n) => isCurrent(n, nowMs) && (categories.size === 0 || categories.has(n.category)));
  // Array.prototype.sort is stable: the hub's order survives within pinned and unpinned
  return shown.sort((a, b) => Number(b.pinned) - Number(a.pinned));
}

/** On the screens now: from its start (none: at once) until its end. */
export function isCurrent(n: Pick<ScreenNewsDto, 'from' | 'until'>, nowMs: number): boolean {
  const from = n.from ? Date.parse(n.from) : Number.NaN;
  return (Number.isNaN(from) || from <= nowMs) && Date.parse(n.until) > nowMs;
}

/** A `signage.news_updated` event applied to the list. */
export function applyNewsUpdate(news: readonly ScreenNewsDto[], upserted: ScreenNewsDto[], removed: string[]): ScreenNewsDto[] {
  const next = news.filter((n) => !removed.includes(n.id));
  for (const item of upserted) {
    const at = next.findIndex((n) => n.id === item.id);
    // an edited item keeps its place in the rotation
    if (at >= 0) next[at] = item;
    else next.push(item);
  }
  return next;
}

/** Drops items past their `until` (items still to come stay), so a kiosk running for weeks does not pile them up. */
export function pruneNews(news: ScreenNewsDto[], nowMs: number): ScreenNewsDto[] {
  const kept = news.filter((n) => Date.parse(n.until) > nowMs);
  return kept.length === news.length ? news : kept;
}
