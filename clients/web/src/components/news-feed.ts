import { LitElement, css, html, nothing } from 'lit';
import { ClockController } from '../../../shared/clock-controller';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { NewsCategory } from '../../../../server/contracts/news';
import { LocaleController } from '../../../shared/i18n';
import { base, cardSection } from '../../../shared/styles';
import { FreshMarks } from '../lib/fresh-marks';
import { NEWS_CATEGORIES } from '../lib/news-constants';
import { categoryCounts, unreadCount, visibleFeed } from '../lib/news-feed';
import { categoryLabel } from '../lib/news-labels';
import type { FeedState, NewsStore } from '../lib/news-store';
import { i18n } from '../i18n';
import { icon } from './icons';
import './news-card';
import { newsStyles } from './news-styles';
import { loadingNotice, retryNotice } from './status-notices';

/** « Actualités »: the reader's feed, filterable by category, kept live by the store. */
@customElement('pw-news-feed')
export class NewsFeed extends LitElement {
  static override styles = [
    base,
    cardSection,
    newsStyles,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--pu-space-2) var(--pu-space-4);
      }
      .unread-count {
        font-size: var(--pu-text-s);
        font-weight: 700;
        color: var(--pu-primary-hover);
        background: var(--pu-primary-soft);
        padding: 2px var(--pu-space-3);
        border-radius: 999px;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-2);
      }
      .filter {
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-1);
        min-height: 36px;
        padding: var(--pu-space-1) var(--pu-space-3);
        border: 1px solid var(--pu-border-strong);
        border-radius: 999px;
        background: var(--pu-surface);
        font-size: var(--pu-text-s);
        font-weight: 600;
        cursor: pointer;
      }
      .filter:hover {
        background: var(--pu-surface-sunken);
      }
      .filter[aria-pressed='true'] {
        color: var(--pu-primary-ink);
        background: var(--pu-primary);
        border-color: var(--pu-primary);
      }
      .filter .n {
        font-weight: 700;
        opacity: 0.85;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-3);
      }
      .more {
        justify-self: center;
      }
      @media (max-width: 480px) {
        .card {
          padding: var(--pu-space-4);
        }
      }
    `,
  ];

  @property({ attribute: false }) store!: NewsStore;
  @property() timeZone = 'Europe/Paris';

  @state() private _state!: FeedState;
  @state() private _category: NewsCategory | null = null;
  @state() private _announcement = '';
  @state() private _moreFailed = false;

  private readonly locale = new LocaleController(this, i18n);
  private unsubscribe?: () => void;
  private readonly clock = new ClockController(this);
  private readonly fresh = new FreshMarks(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this._state = this.store.state;
    this.unsubscribe = this.store.subscribe((s) => this.onState(s));
    if (this._state.status === 'idle' || this._state.status === 'error') void this.store.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  private onState(s: FeedState): void {
    this._state = s;
    this.clock.touch();
    const change = s.lastChange;
    if (!change) return;
    const key = change.kind === 'added' ? 'feed.announce.added' : change.kind === 'updated' ? 'feed.announce.updated' : 'feed.announce.removed';
    this._announcement = i18n.t(key, { title: change.news.title });
    if (change.kind !== 'removed') this.fresh.mark(change.news.id);
  }

  override render() {
    const t = i18n.t;
    const s = this._state;
    const items = visibleFeed(s.items, { category: this._category, now: this.clock.now });
    const unread = unreadCount(s.items, this.clock.now);
    const counts = categoryCounts(s.items, this.clock.now);
    return html`<section class="card" aria-labelledby="feed-title">
      <header>
        <h2 id="feed-title">${icon('news', 22)}${t('feed.title')}</h2>
        ${unread > 0
          ? html`<span class="unread-count" data-testid="unread-count">${t(unread > 1 ? 'nav.unread.other' : 'nav.unread.one', { n: unread })}</span>`
          : nothing}
      </header>
      ${s.items.length > 0 ? this.renderFilters(counts) : nothing} ${this.renderBody(items)}
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this._announcement}</div>
    </section>`;
  }

  private renderFilters(counts: Partial<Record<NewsCategory, number>>) {
    const t = i18n.t;
    // only categories that have items, plus the one chosen: a chip leading to nothing is noise
    const shown = NEWS_CATEGORIES.filter((c) => counts[c] || c === this._category);
    return html`<div class="filters" role="group" aria-label=${t('feed.filterLabel')}>
      <button class="filter" type="button" aria-pressed=${this._category === null ? 'true' : 'false'} @click=${() => (this._category = null)}>
        ${t('feed.all')}
      </button>
      ${shown.map(
        (c) => html`<button
          class="filter"
          type="button"
          aria-pressed=${this._category === c ? 'true' : 'false'}
          @click=${() => (this._category = this._category === c ? null : c)}
        >
          ${categoryLabel(c, t)} <span class="n">${counts[c] ?? 0}</span>
        </button>`,
      )}
    </div>`;
  }

  private renderBody(items: ReturnType<typeof visibleFeed>) {
    const t = i18n.t;
    const s = this._state;
    if (s.status === 'loading' || s.status === 'idle') return loadingNotice(t('feed.loading'));
    if (s.status === 'error') return retryNotice(t('feed.error'), t('feed.retry'), () => this.store.load());
    if (items.length === 0) {
      const text = this._category ? t('feed.emptyCategory', { category: categoryLabel(this._category, t) }) : t('feed.empty');
      return html`<div class="empty">${icon('news', 32)}<p>${text}</p></div>`;
    }
    return html`<ol aria-label=${t('feed.listLabel')}>
        ${repeat(
          items,
          (n) => n.id,
          (n) => html`<li>
            <pw-news-card .news=${n} .now=${this.clock.now} timeZone=${this.timeZone} ?fresh=${this.fresh.has(n.id)}></pw-news-card>
          </li>`,
        )}
      </ol>
      ${s.hasMore
        ? html`<button class="button more" type="button" aria-disabled=${s.loadingMore ? 'true' : 'false'} @click=${this.onMore}>
            ${s.loadingMore ? t('feed.loadingMore') : t('feed.more')}
          </button>`
        : nothing}
      ${this._moreFailed ? html`<p class="notice error" role="alert">${t('feed.moreFailed')}</p>` : nothing}`;
  }

  private async onMore(): Promise<void> {
    if (this._state.loadingMore) return;
    this._moreFailed = false;
    try {
      await this.store.loadMore();
    } catch {
      this._moreFailed = true;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-news-feed': NewsFeed;
  }
}
