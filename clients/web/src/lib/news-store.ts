import type { EventEnvelope } from '../../../../server/contracts/events';
import type { NewsSummaryDto } from '../../../../server/contracts/news';
import type { Api } from '../../../shared/api';
import { applyNewsEvent, mergeFeed, markNews, nextPageCursor, type FeedChange } from './news-feed';

export type FeedStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface FeedState {
  status: FeedStatus;
  items: NewsSummaryDto[];
  /** Whether an older page may exist. */
  hasMore: boolean;
  loadingMore: boolean;
  /** Items waiting for validation, for direction's badge; null when not direction. */
  queueCount: number | null;
  /** The last live change, for the feed to announce and highlight. */
  lastChange: FeedChange | null;
}

/** A note from one page for the next (e.g. « Actualité publiée » after the composer). */
export interface Flash {
  kind: 'success' | 'warning';
  text: string;
  /** The page it is meant for, so a stale one does not show elsewhere. */
  newsId?: string;
}

type NewsApi = Pick<Api, 'get'>;
const PAGE = 50;

/**
 * The news state the shell shares with its pages: the reader's feed (kept live), direction's
 * queue count, and every news event for pages that follow one item (read statistics).
 */
export class NewsStore {
  private current: FeedState = { status: 'idle', items: [], hasMore: false, loadingMore: false, queueCount: null, lastChange: null };
  private readonly listeners = new Set<(s: FeedState) => void>();
  private readonly eventListeners = new Set<(e: EventEnvelope) => void>();
  private generation = 0;
  private flashNote: Flash | null = null;

  constructor(
    private readonly api: NewsApi,
    private currentUai: string,
    private opts: { countsQueue: boolean },
  ) {}

  get state(): FeedState {
    return this.current;
  }

  /** The school whose news this is. */
  get uai(): string {
    return this.currentUai;
  }

  private get base(): string {
    return `/schools/${encodeURIComponent(this.currentUai)}/news`;
  }

  subscribe(listener: (s: FeedState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every news event, after the feed has taken it in. */
  onEvent(listener: (e: EventEnvelope) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Another school or profile: another feed, maybe another queue. */
  reset(uai: string, opts: { countsQueue: boolean }): void {
    this.currentUai = uai;
    this.opts = opts;
    this.generation++;
    this.set({ status: 'idle', items: [], hasMore: false, loadingMore: false, queueCount: null, lastChange: null });
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    this.set({ ...this.current, status: this.current.items.length ? 'ready' : 'loading', lastChange: null });
    try {
      const items = await this.api.get<NewsSummaryDto[]>(`${this.base}?unreadFirst=1&limit=${PAGE}`);
      if (generation !== this.generation) return;
      // a reload (resync) replaces the list: items withdrawn meanwhile must go
      this.set({ ...this.current, status: 'ready', items: mergeFeed([], items), hasMore: items.length >= PAGE, lastChange: null });
    } catch {
      if (generation === this.generation) this.set({ ...this.current, status: this.current.items.length ? 'ready' : 'error' });
    }
    void this.refreshQueueCount();
  }

  async loadMore(): Promise<void> {
    const cursor = nextPageCursor(this.current.items);
    if (!cursor || this.current.loadingMore) return;
    const generation = this.generation;
    this.set({ ...this.current, loadingMore: true });
    try {
      const page = await this.api.get<NewsSummaryDto[]>(`${this.base}?unreadFirst=0&limit=${PAGE}&before=${encodeURIComponent(cursor)}`);
      if (generation !== this.generation) return;
      this.set({ ...this.current, items: mergeFeed(this.current.items, page), hasMore: page.length >= PAGE, loadingMore: false, lastChange: null });
    } catch {
      if (generation === this.generation) this.set({ ...this.current, loadingMore: false });
      throw new Error('load_more_failed');
    }
  }

  async refreshQueueCount(): Promise<void> {
    if (!this.opts.countsQueue) return;
    const generation = this.generation;
    try {
      const queue = await this.api.get<NewsSummaryDto[]>(`${this.base}/queue`);
      if (generation === this.generation) this.set({ ...this.current, queueCount: queue.length, lastChange: null });
    } catch {
      // the badge is a convenience: the queue page shows its own error
    }
  }

  /** Takes a live event in: the feed follows publications, the badge follows the queue. */
  handle(event: EventEnvelope): void {
    if (!event.type.startsWith('news.')) return;
    const { items, change } = applyNewsEvent(this.current.items, event);
    if (change) this.set({ ...this.current, items, lastChange: change });
    if (['news.submitted', 'news.reviewed', 'news.published', 'news.withdrawn'].includes(event.type)) void this.refreshQueueCount();
    for (const l of this.eventListeners) l(event);
  }

  /** The reader opened or acknowledged an item: the unread badge and markers follow at once. */
  mark(id: string, mark: { readAt?: string; acknowledgedAt?: string }): void {
    this.set({ ...this.current, items: markNews(this.current.items, id, mark), lastChange: null });
  }

  /** Replaces an item the reader fetched in full (it may be newer than the feed's copy). */
  upsert(news: NewsSummaryDto): void {
    if (news.status !== 'published' || !this.current.items.some((n) => n.id === news.id)) return;
    this.set({ ...this.current, items: mergeFeed(this.current.items, [news]), lastChange: null });
  }

  setFlash(flash: Flash | null): void {
    this.flashNote = flash;
  }

  /** The pending note, once: showing it consumes it. */
  takeFlash(newsId?: string): Flash | null {
    const f = this.flashNote;
    if (!f || (f.newsId && f.newsId !== newsId)) return null;
    this.flashNote = null;
    return f;
  }

  private set(state: FeedState): void {
    this.current = state;
    for (const l of this.listeners) l(state);
  }
}
