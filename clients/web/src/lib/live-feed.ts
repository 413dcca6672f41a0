import type { EventEnvelope } from '../../../../server/contracts/events';

/** How many events the live list keeps: enough for a day's glance, small enough to render instantly. */
export const FEED_LIMIT = 50;

/**
 * What makes two events one occurrence, beyond channel and seq: a news item reaches a reader on
 * each of its audience's channels they are in (a parent of two targeted classes), once per channel.
 */
export function occurrenceKey(event: EventEnvelope): string | null {
  // the workflow events (submitted, reviewed) go to one person's or one profile's channel
  if (!['news.published', 'news.updated', 'news.withdrawn'].includes(event.type)) return null;
  const data = event.data as { news?: { id?: unknown; version?: unknown }; newsId?: unknown };
  const id = typeof data?.newsId === 'string' ? data.newsId : typeof data?.news?.id === 'string' ? data.news.id : null;
  if (!id) return null;
  const version = typeof data.news?.version === 'number' ? data.news.version : '';
  return `${event.type}|${id}|${version}`;
}

/** The item whose read figures an event carries, if it is a news.read. */
function readsOf(event: EventEnvelope): string | null {
  if (event.type !== 'news.read') return null;
  const id = (event.data as { newsId?: unknown } | null)?.newsId;
  return typeof id === 'string' ? id : null;
}

/** Adds an event to a newest-first feed, ignoring one already there (a replay after a reload). */
export function addToFeed(feed: readonly EventEnvelope[], event: EventEnvelope, limit = FEED_LIMIT): EventEnvelope[] {
  if (feed.some((e) => e.channel === event.channel && e.seq === event.seq)) return [...feed];
  const key = occurrenceKey(event);
  if (key && feed.some((e) => occurrenceKey(e) === key)) return [...feed];
  // direction hears every first read in the school (and twice those of its own items, on its own
  // channel too): one line per item with its latest figures keeps the other events in the list
  const reads = readsOf(event);
  const previous = reads ? feed.find((e) => readsOf(e) === reads) : undefined;
  if (previous && Date.parse(previous.at) >= Date.parse(event.at)) return [...feed];
  const next = [event, ...feed.filter((e) => e !== previous)];
  // replays deliver older events after newer ones of other channels: order by time, then seq
  next.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.seq - a.seq);
  return next.slice(0, limit);
}
