import type { EventEnvelope } from '../../../../server/contracts/events';

/** How many events the live list keeps: enough for a day's glance, small enough to render instantly. */
export const FEED_LIMIT = 50;

/** Adds an event to a newest-first feed, ignoring one already there (a replay after a reload). */
export function addToFeed(feed: readonly EventEnvelope[], event: EventEnvelope, limit = FEED_LIMIT): EventEnvelope[] {
  if (feed.some((e) => e.channel === event.channel && e.seq === event.seq)) return [...feed];
  const next = [event, ...feed];
  // replays deliver older events after newer ones of other channels: order by time, then seq
  next.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.seq - a.seq);
  return next.slice(0, limit);
}
