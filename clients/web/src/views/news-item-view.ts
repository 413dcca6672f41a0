import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { NewsDto, ReadStatsDto } from '../../../../server/contracts/news';
import type { Profile } from '../../../../server/contracts/profiles';
import { ApiError, api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base, cardSection } from '../../../shared/styles';
import '../components/confirm-dialog';
import type { ConfirmDialog } from '../components/confirm-dialog';
import { icon } from '../components/icons';
import '../components/news-ack';
import '../components/news-article';
import type { NewsArticle } from '../components/news-article';
import '../components/news-review';
import type { ReviewDecision } from '../components/news-review';
import '../components/news-stats';
import { newsStyles } from '../components/news-styles';
import { formatTime } from '../lib/format-time';
import { statusChip } from '../lib/news-labels';
import type { Flash, NewsStore } from '../lib/news-store';
import { routeHref, type RouteName } from '../lib/routes';
import { i18n } from '../i18n';
import { itemStyles } from './news-item-styles';
import { reportSessionLoss } from './session-loss';

type LoadStatus = 'loading' | 'ready' | 'notFound' | 'error';
// many parents open an item within minutes: one stats reload for a burst of reads
const STATS_REFRESH_MS = 1_000;

/** One item: the article for its readers; statistics, edit, withdraw and review for its author and direction. */
@customElement('pw-news-item-view')
export class NewsItemView extends LitElement {
  static override styles = [base, cardSection, newsStyles, itemStyles];

  @property() newsId = '';
  /** The reader, who follows their own items through every state. */
  @property() meId = '';
  @property() profile: Profile = 'student';
  @property({ attribute: false }) store!: NewsStore;
  @property() timeZone = 'Europe/Paris';
  /** Where the person came from, for the way back. */
  @property() from: RouteName = 'feed';

  @state() private _status: LoadStatus = 'loading';
  @state() private _news: NewsDto | null = null;
  @state() private _stats: ReadStatsDto | null = null;
  @state() private _statsStatus: 'loading' | 'ready' | 'error' = 'loading';
  @state() private _flash: Flash | null = null;
  @state() private _busy = false;
  @state() private _live: 'withdrawn' | 'updated' | null = null;

  @query('pw-confirm-dialog') private _confirm!: ConfirmDialog;
  @query('pw-news-article') private _article?: NewsArticle;

  private readonly locale = new LocaleController(this, i18n);
  private unsubscribe?: () => void;
  private statsTimer?: ReturnType<typeof setTimeout>;
  private generation = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.store.onEvent((e) => this.onLiveEvent(e));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    clearTimeout(this.statsTimer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('newsId') && this.newsId) void this.load({ markRead: true });
  }

  /** Focus for a page that has just opened: the title once there, else the way back. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    if (this._article) {
      await this._article.updateComplete;
      this._article.focusHeading();
    } else this.renderRoot.querySelector<HTMLElement>('h1, .back')?.focus();
  }

  private get base(): string {
    return `/schools/${encodeURIComponent(this.store.uai)}/news/${encodeURIComponent(this.newsId)}`;
  }

  private async load(opts: { markRead: boolean }): Promise<void> {
    const generation = ++this.generation;
    if (opts.markRead) {
      this._status = 'loading';
      this._news = null;
      this._stats = null;
      this._live = null;
      this._flash = this.store.takeFlash(this.newsId);
    }
    try {
      const news = await api.get<NewsDto>(this.base);
      if (generation !== this.generation) return;
      this._news = news;
      this._status = 'ready';
      this.store.upsert(news);
      if (opts.markRead) {
        void this.focusHeading();
        // a first read is all the hub records
        if (news.can.read && !news.readAt) void this.markRead(news);
      }
      if (news.can.stats) void this.loadStats();
    } catch (err) {
      if (generation !== this.generation) return;
      reportSessionLoss(this, err);
      this._status = err instanceof ApiError && (err.status === 404 || err.status === 403) ? 'notFound' : 'error';
    }
  }

  // opening the page is reading it; the hub records the first read and tells the author
  private async markRead(news: NewsDto): Promise<void> {
    try {
      await api.post<void>(`${this.base}/read`);
      const at = new Date().toISOString();
      this.store.mark(news.id, { readAt: at });
      if (this._news?.id === news.id) this._news = { ...this._news, readAt: this._news.readAt ?? at };
    } catch {
      // the figures miss one read, which the next visit records: nothing the reader can do about it
    }
  }

  private async loadStats(): Promise<void> {
    try {
      this._stats = await api.get<ReadStatsDto>(`${this.base}/stats`);
      this._statsStatus = 'ready';
    } catch {
      if (!this._stats) this._statsStatus = 'error';
    }
  }

  private onLiveEvent(e: EventEnvelope): void {
    const data = e.data as { newsId?: string; news?: { id: string; version: number } };
    const id = data.newsId ?? data.news?.id;
    if (id !== this.newsId || !this._news) return;
    const news = this._news;
    switch (e.type) {
      case 'news.read': {
        // the author hears reads on their own channel, direction on its profile's, whoever wrote the item
        if (!news.can.stats) break;
        const d = e.data as EventEnvelope<'news.read'>['data'];
        // the counts move at once; the lists by class and of non-readers follow with the reload
        if (this._stats) this._stats = { ...this._stats, read: d.read, recipients: d.recipients, acknowledged: d.acknowledged };
        clearTimeout(this.statsTimer);
        this.statsTimer = setTimeout(() => void this.loadStats(), STATS_REFRESH_MS);
        break;
      }
      case 'news.withdrawn':
        if (news.can.edit || news.can.review) void this.load({ markRead: false });
        else this._live = 'withdrawn';
        break;
      case 'news.updated':
      case 'news.published':
        if ((data.news?.version ?? 0) <= news.version && e.type === 'news.updated') break;
        // a reader in the middle of the text chooses when it changes under their eyes
        if (news.can.edit || news.can.review || e.type === 'news.published') void this.load({ markRead: false });
        else this._live = 'updated';
        break;
      case 'news.submitted':
      case 'news.reviewed':
        void this.load({ markRead: false });
        break;
    }
  }

  override render() {
    const t = i18n.t;
    const backs = { queue: 'item.backQueue', mine: 'item.backMine', live: 'item.backLive' } as const;
    const backRoute = this.from in backs ? (this.from as keyof typeof backs) : 'feed';
    const back = backRoute === 'feed' ? 'item.back' : backs[backRoute];
    return html`<a class="back" href=${routeHref({ name: backRoute } as never)}>${icon('arrow-left', 18)}${t(back)}</a>
      <div class="flash" role="status">${this._flash ? html`<p class="notice ${this._flash.kind}">${this._flash.text}</p>` : nothing}</div>
      ${this.renderContent()}
      <pw-confirm-dialog></pw-confirm-dialog>`;
  }

  private renderContent() {
    const t = i18n.t;
    if (this._status === 'loading') return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('item.loading')}</p>`;
    if (this._status === 'notFound') return html`<h1 tabindex="-1" class="visually-hidden">${t('page.item')}</h1><p class="notice warning">${t('item.notFound')}</p>`;
    if (this._status === 'error' || !this._news)
      return html`<h1 tabindex="-1" class="visually-hidden">${t('page.item')}</h1>
        <div class="notice error" role="alert">
          <p>${t('item.error')}</p>
          <p><button class="button small" type="button" @click=${() => this.load({ markRead: true })}>${t('feed.retry')}</button></p>
        </div>`;
    const n = this._news;
    // the author and direction follow the item through its states, even once it is archived
    const manages = n.authorId === this.meId || this.profile === 'direction' || n.can.edit || n.can.stats;
    // the hub sanitised bodyHtml when it was saved: the one HTML this client renders as such
    const body = html`${unsafeHTML(n.bodyHtml)}`;
    // a withdrawn item keeps its final figures, and nothing else to act on
    const aside = manages && (n.status !== 'archived' || n.can.stats);
    return html`<div class="layout ${aside ? '' : 'reader'}">
      <div class="card main">
        ${this.renderLiveNotice()} ${manages ? this.renderReturned(n) : nothing}
        <pw-news-article .news=${n} .body=${body} timeZone=${this.timeZone} ?showStatus=${manages}></pw-news-article>
        ${this.renderAck(n)} ${manages ? this.renderAudience(n) : nothing}
      </div>
      ${aside ? this.renderAside(n) : nothing}
    </div>`;
  }

  private renderLiveNotice() {
    const t = i18n.t;
    if (this._live === 'withdrawn') return html`<p class="notice warning" role="alert">${t('item.withdrawnLive')}</p>`;
    if (this._live === 'updated')
      return html`<div class="notice warning" role="status">
        <p>${t('item.updatedLive')}</p>
        <p><button class="button small" type="button" @click=${this.showUpdate}>${t('item.showUpdate')}</button></p>
      </div>`;
    return nothing;
  }

  private renderReturned(n: NewsDto) {
    return statusChip(n.status, n.reviewComment) === 'returned' && n.reviewComment
      ? html`<p class="notice error returned">${i18n.t('mine.returnedBy', { comment: n.reviewComment })}</p>`
      : nothing;
  }

  private renderAck(n: NewsDto) {
    if (!n.ackRequired || this._live === 'withdrawn') return nothing;
    // once acknowledged, the hub asks no more but the recipient still sees when they did
    if (!n.can.acknowledge && !(n.can.read && n.acknowledgedAt)) return nothing;
    return html`<pw-news-ack
      url="${this.base}/acknowledge"
      .acknowledgedAt=${n.acknowledgedAt}
      timeZone=${this.timeZone}
      @pw-acknowledged=${(e: CustomEvent<string>) => this.onAcknowledged(e.detail)}
    ></pw-news-ack>`;
  }

  private renderAudience(n: NewsDto) {
    const t = i18n.t;
    const time = (at: string) => formatTime(at, { t, locale: i18n.locale, timeZone: this.timeZone, now: new Date() }).absolute;
    return html`<div class="audience">
      <p><strong>${t('item.audience')}\u00a0:</strong> <span data-testid="audience-label">${n.audienceLabel}</span></p>
      ${n.visibility === 'public' ? html`<p>${t('item.publicNote')}</p>` : nothing}
      ${n.onScreens ? html`<p>${t('item.screensNote', { from: time(n.onScreens.from), until: time(n.onScreens.until) })}</p>` : nothing}
      ${n.status !== 'published' ? html`<p>${t('item.lastSaved', { date: time(n.updatedAt) })}</p>` : nothing}
    </div>`;
  }

  private renderAside(n: NewsDto) {
    const t = i18n.t;
    const hasActions = n.can.edit || n.can.withdraw;
    return html`<aside>
      ${n.can.review && n.status === 'submitted'
        ? html`<pw-news-review authorName=${n.authorName} ?busy=${this._busy} @pw-review=${this.onReview}></pw-news-review>`
        : nothing}
      ${hasActions
        ? html`<section class="card" aria-labelledby="actions-title">
            <h2 id="actions-title">${t('item.actions')}</h2>
            <div class="actions">
              ${n.can.edit
                ? html`<a class="button" href=${routeHref({ name: 'compose', id: n.id })}>${icon('pen', 18)}${t('item.edit')}</a>`
                : nothing}
              ${n.can.withdraw
                ? html`<button class="button danger" type="button" aria-disabled=${this._busy ? 'true' : 'false'} @click=${this.onWithdraw}>
                    ${icon('archive', 18)}${t('item.withdraw')}
                  </button>`
                : nothing}
            </div>
          </section>`
        : nothing}
      ${n.can.stats
        ? html`<pw-news-stats
            .stats=${this._stats}
            status=${this._stats ? 'ready' : this._statsStatus}
            ?final=${n.status === 'archived'}
          ></pw-news-stats>`
        : n.status !== 'archived'
          ? html`<pw-news-stats status="unpublished"></pw-news-stats>`
          : nothing}
    </aside>`;
  }

  private async showUpdate(): Promise<void> {
    this._live = null;
    await this.load({ markRead: false });
    void this.focusHeading();
  }

  private onAcknowledged(at: string): void {
    if (!this._news) return;
    this._news = { ...this._news, acknowledgedAt: at, readAt: this._news.readAt ?? at };
    this.store.mark(this._news.id, { acknowledgedAt: at, readAt: at });
  }

  private async onWithdraw(): Promise<void> {
    if (this._busy) return;
    const t = i18n.t;
    const ok = await this._confirm.ask({
      title: t('item.withdraw.title'),
      text: t('item.withdraw.text'),
      confirm: t('item.withdraw.confirm'),
      cancel: t('item.cancel'),
    });
    if (!ok) return;
    await this.act(() => api.post<NewsDto>(`${this.base}/withdraw`), () => t('item.withdrawn'));
  }

  private async onReview(e: CustomEvent<ReviewDecision>): Promise<void> {
    const t = i18n.t;
    const done = await this.act(
      () => api.post<NewsDto>(`${this.base}/review`, e.detail),
      (news) =>
        e.detail.decision === 'return'
          ? t('item.review.returnedDone')
          : news.status === 'scheduled' && news.publishAt
            ? t('item.review.approvedScheduled', { date: formatTime(news.publishAt, { t, locale: i18n.locale, timeZone: this.timeZone, now: new Date() }).absolute })
            : t('item.review.approved'),
    );
    if (done) void this.store.refreshQueueCount();
  }

  private async act(call: () => Promise<NewsDto>, message: (news: NewsDto) => string): Promise<boolean> {
    this._busy = true;
    try {
      const news = await call();
      this._news = news;
      this._flash = { kind: 'success', text: message(news) };
      if (news.can.stats) void this.loadStats();
      return true;
    } catch (err) {
      reportSessionLoss(this, err);
      const text = err instanceof ApiError ? err.message : i18n.t('error.generic');
      this._flash = { kind: 'warning', text: i18n.t('item.actionFailed', { message: text }) };
      return false;
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-news-item-view': NewsItemView;
  }
}
