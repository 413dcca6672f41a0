import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { NewsSummaryDto } from '../../../../server/contracts/news';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { icon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import { formatTime } from '../data/format-time';
import { categoryLabel } from '../data/news-labels';
import type { NewsStore } from '../data/news-store';
import { routeHref } from '../data/routes';
import { i18n } from '../i18n';
import { newsListStyles } from './news-list-styles';

/** « À valider »: items waiting for direction, oldest first, each with who wrote it and whom it addresses. */
@customElement('pw-news-queue-view')
export class NewsQueueView extends LitElement {
  static override styles = [base, newsStyles, newsListStyles];

  @property({ attribute: false }) store!: NewsStore;
  @property() timeZone = 'Europe/Paris';

  @state() private _rows: NewsSummaryDto[] | null = null;
  @state() private _failed = false;

  private readonly locale = new LocaleController(this, i18n);
  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = this.store.onEvent((e) => {
      if (['news.submitted', 'news.reviewed', 'news.published', 'news.withdrawn'].includes(e.type)) void this.load();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async load(): Promise<void> {
    try {
      this._rows = await api.get<NewsSummaryDto[]>(`/schools/${encodeURIComponent(this.store.uai)}/news/queue`);
      this._failed = false;
    } catch {
      this._failed = true;
    }
  }

  override render() {
    const t = i18n.t;
    return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${t('queue.title')}</h1>
          <p class="lead">${t('queue.intro')}</p>
        </div>
      </div>
      ${this.renderList()}`;
  }

  private renderList() {
    const t = i18n.t;
    if (this._failed)
      return html`<div class="notice error" role="alert">
        <p>${t('queue.error')}</p>
        <p><button class="button small" type="button" @click=${() => this.load()}>${t('feed.retry')}</button></p>
      </div>`;
    if (!this._rows) return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('queue.loading')}</p>`;
    if (this._rows.length === 0) return html`<div class="empty">${icon('check', 32)}<p>${t('queue.empty')}</p></div>`;
    const now = new Date();
    return html`<ol>
      ${this._rows.map((r) => {
        const when = formatTime(r.updatedAt, { t, locale: i18n.locale, timeZone: this.timeZone, now });
        const href = routeHref({ name: 'item', id: r.id });
        return html`<li class="card row" data-testid="queue-item">
          <div>
            <div class="tags">
              <span class="tag tone-${r.category}">${categoryLabel(r.category, t)}</span>
              ${r.visibility === 'public' ? html`<span class="marker">${icon('globe', 14)}${t('news.public')}</span>` : nothing}
            </div>
            <h2><a href=${href}>${r.title}</a></h2>
            ${r.excerpt ? html`<p class="excerpt">${r.excerpt}</p>` : nothing}
            <div class="meta">
              <span>${icon('pen', 16)}${t('queue.submittedBy', { name: r.authorName })}</span>
              ${r.audienceLabel ? html`<span>${icon('users', 16)}${r.audienceLabel}</span>` : nothing}
              <span>${icon('clock', 16)}<time datetime=${when.iso} title=${when.absolute}>${when.relative}</time></span>
            </div>
          </div>
          <div class="row-actions">
            <a class="button primary" href=${href} aria-label=${t('queue.openLabel', { title: r.title })}>${t('queue.open')}</a>
          </div>
        </li>`;
      })}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-news-queue-view': NewsQueueView;
  }
}
