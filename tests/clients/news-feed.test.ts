import { describe, expect, it, vi } from 'vitest';
import { addToFeed } from '../../clients/web/src/lib/live-feed';
import {
  applyNewsEvent,
  categoryCounts,
  markNews,
  mergeFeed,
  nextPageCursor,
  sortFeed,
  unreadCount,
  visibleFeed,
} from '../../clients/web/src/lib/news-feed';
import { NewsStore } from '../../clients/web/src/lib/news-store';
import type { EventEnvelope } from '../../server/contracts/events';
import type { NewsSummaryDto } from '../../server/contracts/news';

const UAI = '0750654D';
const G4B = '1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0';
const G4C = '2b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0';

let n = 0;
/** A feed item; ids are UUID-shaped so that routes accept them. */
function summary(over: Partial<NewsSummaryDto> = {}): NewsSummaryDto {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `Actualité ${n}`,
    category: 'vie_scolaire',
    status: 'published',
    visibility: 'ent',
    authorName: 'Mme Durand',
    publishedAt: '2025-11-20T08:00:00Z',
    updatedAt: '2025-11-20T08:00:00Z',
    expireAt: null,
    pinned: false,
    version: 1,
    readAt: '2025-11-20T09:00:00Z',
    acknowledgedAt: null,
    ackRequired: false,
    excerpt: 'Texte',
    imageUrl: null,
    audienceLabel: 'Toute l’école',
    publishAt: null,
    reviewComment: null,
    ...over,
  };
}

let seq = 0;
function newsEvent<T extends EventEnvelope['type']>(type: T, data: unknown, channel = `school:${UAI}`): EventEnvelope {
  return { channel, seq: ++seq, type, data, at: '2025-11-24T14:00:00Z' } as EventEnvelope;
}

const NOW = new Date('2025-11-24T14:00:00Z');

describe('feed order', () => {
  it('puts « À la une » first, then unread, then newest', () => {
    const oldRead = summary({ title: 'ancienne lue', publishedAt: '2025-11-01T08:00:00Z' });
    const newRead = summary({ title: 'récente lue', publishedAt: '2025-11-22T08:00:00Z' });
    const oldUnread = summary({ title: 'ancienne non lue', publishedAt: '2025-11-02T08:00:00Z', readAt: null });
    const pinnedRead = summary({ title: 'à la une', publishedAt: '2025-10-01T08:00:00Z', pinned: true });
    const titles = sortFeed([oldRead, newRead, oldUnread, pinnedRead]).map((n) => n.title);
    expect(titles).toEqual(['à la une', 'ancienne non lue', 'récente lue', 'ancienne lue']);
    // without unread-first, plain date order after the pinned ones
    expect(sortFeed([oldRead, newRead, oldUnread, pinnedRead], false).map((n) => n.title)).toEqual([
      'à la une',
      'récente lue',
      'ancienne non lue',
      'ancienne lue',
    ]);
  });

  it('merges pages without duplicates, keeping the reader’s own marks', () => {
    const a = summary({ readAt: '2025-11-21T10:00:00Z' });
    const b = summary();
    const freshA = { ...a, title: 'titre corrigé', readAt: null, version: 2 };
    const merged = mergeFeed([a, b], [freshA, b]);
    expect(merged).toHaveLength(2);
    expect(merged.find((n) => n.id === a.id)).toMatchObject({ title: 'titre corrigé', readAt: '2025-11-21T10:00:00Z', version: 2 });
  });

  it('hides expired items and other categories, and counts unread ones', () => {
    const expired = summary({ expireAt: '2025-11-24T13:00:00Z', readAt: null });
    const cantine = summary({ category: 'restauration', readAt: null });
    const read = summary({ category: 'restauration' });
    const items = [expired, cantine, read];
    expect(visibleFeed(items, { now: NOW }).map((n) => n.id)).toEqual([cantine.id, read.id]);
    expect(visibleFeed(items, { now: NOW, category: 'vie_scolaire' })).toEqual([]);
    expect(unreadCount(items, NOW)).toBe(1);
    expect(categoryCounts(items, NOW)).toEqual({ restauration: 2 });
    expect(markNews(items, cantine.id, { readAt: '2025-11-24T14:00:00Z' }).find((n) => n.id === cantine.id)?.readAt).toBe('2025-11-24T14:00:00Z');
  });

  it('continues with older pages before the oldest read, unpinned item', () => {
    const items = [
      summary({ pinned: true, publishedAt: '2025-09-01T08:00:00Z' }),
      summary({ readAt: null, publishedAt: '2025-09-02T08:00:00Z' }),
      summary({ publishedAt: '2025-11-10T08:00:00Z' }),
      summary({ publishedAt: '2025-11-05T08:00:00Z' }),
    ];
    expect(nextPageCursor(items)).toBe('2025-11-05T08:00:00Z');
    expect(nextPageCursor([summary({ readAt: null, publishedAt: '2025-10-01T08:00:00Z' })])).toBe('2025-10-01T08:00:00Z');
    expect(nextPageCursor([])).toBeNull();
  });
});

describe('live merge', () => {
  it('adds a publication at the top, once, whatever the number of channels it came on', () => {
    const existing = summary({ publishedAt: '2025-11-20T08:00:00Z' });
    const fresh = summary({ title: 'Sortie au musée', publishedAt: '2025-11-24T13:59:00Z', readAt: null });
    const on4B = newsEvent('news.published', { news: fresh, audience: [], category: 'evenement', urgent: false }, `school:${UAI}:group:${G4B}:profile:guardian`);
    const on4C = newsEvent('news.published', { news: fresh, audience: [], category: 'evenement', urgent: false }, `school:${UAI}:group:${G4C}:profile:guardian`);
    const first = applyNewsEvent([existing], on4B);
    expect(first.change).toMatchObject({ kind: 'added', news: { id: fresh.id } });
    expect(first.items.map((n) => n.id)).toEqual([fresh.id, existing.id]);
    const second = applyNewsEvent(first.items, on4C);
    expect(second.change).toBeNull();
    expect(second.items).toHaveLength(2);
  });

  it('updates in place, keeps the reader’s read mark, and ignores an older version', () => {
    const item = summary({ readAt: '2025-11-21T08:00:00Z' });
    const v2 = { ...item, title: 'Horaires modifiés', version: 2, readAt: null };
    const updated = applyNewsEvent([item], newsEvent('news.updated', { news: v2, audience: [], category: 'vie_scolaire', urgent: false }));
    expect(updated.change?.kind).toBe('updated');
    expect(updated.items[0]).toMatchObject({ title: 'Horaires modifiés', version: 2, readAt: '2025-11-21T08:00:00Z' });
    const stale = applyNewsEvent(updated.items, newsEvent('news.updated', { news: item, audience: [], category: 'vie_scolaire', urgent: false }));
    expect(stale.change).toBeNull();
    expect(stale.items[0].version).toBe(2);
  });

  it('removes a withdrawn item, and an update that is no longer published', () => {
    const a = summary();
    const b = summary();
    const withdrawn = applyNewsEvent([a, b], newsEvent('news.withdrawn', { newsId: a.id, reason: 'unpublished' }));
    expect(withdrawn.change).toMatchObject({ kind: 'removed', news: { id: a.id } });
    expect(withdrawn.items.map((n) => n.id)).toEqual([b.id]);
    expect(applyNewsEvent(withdrawn.items, newsEvent('news.withdrawn', { newsId: a.id, reason: 'unpublished' })).change).toBeNull();
    const archived = applyNewsEvent([b], newsEvent('news.updated', { news: { ...b, status: 'archived', version: 2 }, audience: [], category: 'vie_scolaire', urgent: false }));
    expect(archived.items).toEqual([]);
  });

  it('ignores payloads of another shape and other events', () => {
    const a = summary();
    expect(applyNewsEvent([a], newsEvent('news.published', {})).change).toBeNull();
    expect(applyNewsEvent([a], newsEvent('news.read', { newsId: a.id, read: 1, recipients: 2, acknowledged: 0 })).items).toEqual([a]);
  });

  it('shows one publication once in the live list, even from two channels', () => {
    const news = summary();
    const data = { news, audience: [], category: 'vie_scolaire', urgent: false };
    let feed = addToFeed([], newsEvent('news.published', data, `school:${UAI}:group:${G4B}:profile:guardian`));
    feed = addToFeed(feed, newsEvent('news.published', data, `school:${UAI}:group:${G4C}:profile:guardian`));
    expect(feed).toHaveLength(1);
    // an update is another occurrence
    feed = addToFeed(feed, newsEvent('news.updated', { ...data, news: { ...news, version: 2 } }));
    expect(feed).toHaveLength(2);
  });

  it('keeps one line per item’s reads, with its latest figures', () => {
    const id = summary().id;
    const read = (count: number, at: string, channel: string) => ({
      ...newsEvent('news.read', { newsId: id, read: count, recipients: 30, acknowledged: 0 }, channel),
      at,
    });
    const mine = `user:6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f`;
    const direction = `school:${UAI}:profile:direction`;
    let feed = addToFeed([], newsEvent('news.submitted', { newsId: id, title: 'Sortie', authorName: 'M. Petit' }));
    feed = addToFeed(feed, read(1, '2025-11-24T14:01:00Z', mine));
    // a direction who wrote the item hears each read on two channels
    feed = addToFeed(feed, read(1, '2025-11-24T14:01:00Z', direction));
    feed = addToFeed(feed, read(2, '2025-11-24T14:02:00Z', direction));
    // a replay brings an older one back after the newer
    feed = addToFeed(feed, read(1, '2025-11-24T14:01:00Z', mine));
    expect(feed.map((e) => [e.type, (e.data as { read?: number }).read])).toEqual([
      ['news.read', 2],
      ['news.submitted', undefined],
    ]);
  });
});

describe('NewsStore', () => {
  function fakeApi(routes: Record<string, unknown>) {
    const calls = vi.fn(async (path: string): Promise<unknown> => {
      const key = Object.keys(routes).find((k) => path.startsWith(k));
      if (!key) throw new Error(`unexpected ${path}`);
      return routes[key];
    });
    return { get: calls as unknown as <T>(path: string) => Promise<T>, calls };
  }

  it('loads the feed and the queue count, then follows live events', async () => {
    const a = summary({ readAt: null });
    const api = fakeApi({ [`/schools/${UAI}/news/queue`]: [summary({ status: 'submitted' })], [`/schools/${UAI}/news?`]: [a] });
    const store = new NewsStore(api, UAI, { countsQueue: true });
    const states: number[] = [];
    store.subscribe((s) => states.push(s.items.length));
    const seen = vi.fn();
    store.onEvent(seen);
    await store.load();
    await vi.waitFor(() => expect(store.state.queueCount).toBe(1));
    expect(store.state).toMatchObject({ status: 'ready', hasMore: false });
    expect(api.calls).toHaveBeenCalledWith(`/schools/${UAI}/news?unreadFirst=1&limit=50`);

    const b = summary({ publishedAt: '2025-11-24T13:00:00Z', readAt: null });
    store.handle(newsEvent('news.published', { news: b, audience: [], category: 'vie_scolaire', urgent: false }));
    expect(store.state.items.map((n) => n.id)).toEqual([b.id, a.id]);
    expect(store.state.lastChange?.kind).toBe('added');
    expect(seen).toHaveBeenCalledTimes(1);

    store.mark(b.id, { readAt: '2025-11-24T14:00:00Z' });
    expect(store.state.items.find((n) => n.id === b.id)?.readAt).toBe('2025-11-24T14:00:00Z');
    expect(store.state.lastChange).toBeNull();
  });

  it('hands a flash note to the page it is meant for, once', () => {
    const store = new NewsStore(fakeApi({}), UAI, { countsQueue: false });
    store.setFlash({ kind: 'success', text: 'Publiée', newsId: 'x' });
    expect(store.takeFlash('y')).toBeNull();
    expect(store.takeFlash('x')?.text).toBe('Publiée');
    expect(store.takeFlash('x')).toBeNull();
  });
});
