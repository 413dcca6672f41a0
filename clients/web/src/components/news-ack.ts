import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { formatTime } from '../lib/format-time';
import { i18n } from '../i18n';
import { icon } from './icons';
import { newsStyles } from './news-styles';

/** « J’ai pris connaissance »: the recipient confirms an item that asks for it; reports `pw-acknowledged` with the time. */
@customElement('pw-news-ack')
export class NewsAck extends LitElement {
  static override styles = [
    base,
    newsStyles,
    css`
      :host {
        display: block;
        margin-top: var(--pu-space-5);
      }
      section {
        padding: var(--pu-space-4);
        border-radius: var(--pu-radius-m);
        border: 2px solid var(--pu-warning);
        background: var(--pu-warning-soft);
        display: grid;
        gap: var(--pu-space-3);
        justify-items: start;
      }
      h2 {
        font-size: var(--pu-text-m);
        display: flex;
        gap: var(--pu-space-2);
        align-items: center;
        color: var(--pu-warning);
      }
    `,
  ];

  /** API path (under /api) of the item’s acknowledge route. */
  @property() url = '';
  @property({ attribute: false }) acknowledgedAt: string | null = null;
  @property() timeZone = 'Europe/Paris';

  @state() private _busy = false;
  @state() private _error = '';

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const t = i18n.t;
    if (this.acknowledgedAt) {
      const when = formatTime(this.acknowledgedAt, { t, locale: i18n.locale, timeZone: this.timeZone, now: new Date() }).relative;
      return html`<p class="notice success" role="status">${t('item.ack.done', { when })}</p>`;
    }
    return html`<section aria-labelledby="ack-title">
      <h2 id="ack-title">${icon('alert', 20)}${t('item.ack.title')}</h2>
      <p>${t('item.ack.ask')}</p>
      <button class="button primary" type="button" aria-disabled=${this._busy ? 'true' : 'false'} @click=${this.onAcknowledge}>
        ${icon('check', 18)}${this._busy ? t('item.ack.sending') : t('item.ack.button')}
      </button>
      <div role="alert">${this._error ? html`<p class="error-text">${this._error}</p>` : nothing}</div>
    </section>`;
  }

  private async onAcknowledge(): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      await api.post<void>(this.url);
      const at = new Date().toISOString();
      this.dispatchEvent(new CustomEvent<string>('pw-acknowledged', { detail: at, bubbles: true, composed: true }));
    } catch {
      this._error = i18n.t('item.ack.failed');
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-news-ack': NewsAck;
  }
}
