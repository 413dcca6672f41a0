import { LitElement, html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { NewsSummaryDto } from '../../../../server/contracts/news';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { icon, type UiIcon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import type { NewsStore } from '../lib/news-store';
import { i18n, type WebKey } from '../i18n';
import { newsListStyles } from './news-list-styles';

/**
 * What « À valider » and « Mes publications » share: one list of summaries fetched from the school's
 * news API, fetched again on the live events that may change it, with the same error, loading and
 * empty states. A page says where its rows come from, which events matter and how a row looks.
 */
export abstract class NewsListView extends LitElement {
  static override styles = [base, newsStyles, newsListStyles];

  @property({ attribute: false }) store!: NewsStore;
  @property() timeZone = 'Europe/Paris';

  @state() private _rows: NewsSummaryDto[] | null = null;
  @state() private _failed = false;

  private readonly locale = new LocaleController(this, i18n);
  private unsubscribe?: () => void;

  /** The path below `/schools/:uai/news/`. */
  protected abstract readonly source: string;
  /** The icon and message key of the empty list. */
  protected abstract readonly empty: { icon: UiIcon; message: WebKey };
  protected abstract changesList(event: EventEnvelope): boolean;
  protected abstract renderRow(row: NewsSummaryDto, now: Date): TemplateResult;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = this.store.onEvent((e) => {
      if (this.changesList(e)) void this.load();
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
      this._rows = await api.get<NewsSummaryDto[]>(`/schools/${encodeURIComponent(this.store.uai)}/news/${this.source}`);
      this._failed = false;
    } catch {
      this._failed = true;
    }
  }

  protected renderList() {
    const t = i18n.t;
    if (this._failed)
      return html`<div class="notice error" role="alert">
        <p>${t('queue.error')}</p>
        <p><button class="button small" type="button" @click=${() => this.load()}>${t('feed.retry')}</button></p>
      </div>`;
    if (!this._rows) return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('queue.loading')}</p>`;
    if (this._rows.length === 0) return html`<div class="empty">${icon(this.empty.icon, 32)}<p>${t(this.empty.message)}</p></div>`;
    const now = new Date();
    return html`<ol>
      ${this._rows.map((r) => this.renderRow(r, now))}
    </ol>`;
  }
}
