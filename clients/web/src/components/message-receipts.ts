import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MessageReadStatsDto } from '../../../../server/contracts/messaging';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { receiptStatus, receiptsAfterRead, sortReceipts, type MessagingLabelContext } from '../lib/messaging-labels';
import { percent } from '../lib/news-labels';
import { i18n } from '../i18n';
import { messagingStyles } from './messaging-styles';
import { newsStyles } from './news-styles';

const RELOAD_MS = 800;

/** A read the author heard live: the panel marks that recipient without asking the hub again. */
export interface LiveRead {
  readerId: string;
  readAt: string;
}

/**
 * Who read one of the author's messages: per recipient with the time, and for a list send the
 * table by class. Loaded when opened; live reads are applied as they come.
 */
@customElement('pw-message-receipts')
export class MessageReceipts extends LitElement {
  static override styles = [
    base,
    newsStyles,
    messagingStyles,
    css`
      :host {
        display: grid;
        gap: var(--pu-space-3);
        padding: var(--pu-space-3) var(--pu-space-4);
        border: 1px solid var(--pu-border);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        max-height: 320px;
        overflow: auto;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0 var(--pu-space-3);
        padding: var(--pu-space-2) 0;
        border-top: 1px solid var(--pu-border);
        font-size: var(--pu-text-s);
      }
      li:first-child {
        border-top: 0;
      }
      .name {
        font-weight: 600;
      }
      .read {
        color: var(--pu-success);
        font-weight: 600;
      }
      .later {
        color: var(--pu-warning);
        font-weight: 600;
      }
      .unread {
        color: var(--pu-ink-muted);
      }
      h3 {
        font-size: var(--pu-text-m);
      }
    `,
  ];

  /** The messagerie's API path and the message. */
  @property() base = '';
  @property() messageId = '';
  @property() timeZone = 'Europe/Paris';
  /** The latest live read of this message, applied on top of what was loaded. */
  @property({ attribute: false }) liveRead: LiveRead | null = null;

  @state() private _stats: MessageReadStatsDto | null = null;
  @state() private _status: 'loading' | 'ready' | 'error' = 'loading';

  private readonly locale = new LocaleController(this, i18n);
  private reloadTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.reloadTimer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const live = this.liveRead;
    if (!changed.has('liveRead') || !live || !this._stats) return;
    // the reader's line changes at once; the table by class follows with one reload per burst
    const receipts = receiptsAfterRead(this._stats.receipts, live.readerId, live.readAt);
    this._stats = { ...this._stats, receipts, read: Math.max(this._stats.read, receipts.filter((r) => r.readAt).length) };
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load(), RELOAD_MS);
  }

  async load(): Promise<void> {
    try {
      this._stats = await api.get<MessageReadStatsDto>(`${this.base}/messages/${encodeURIComponent(this.messageId)}/receipts`);
      this._status = 'ready';
    } catch {
      if (!this._stats) this._status = 'error';
    }
  }

  override render() {
    const t = i18n.t;
    if (this._status === 'error') return html`<p class="notice error" role="alert">${t('messaging.receipts.error')}</p>`;
    const s = this._stats;
    if (!s) return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('messaging.receipts.loading')}</p>`;
    const ctx: MessagingLabelContext = { t, locale: i18n.locale, timeZone: this.timeZone, now: new Date() };
    const classes = s.byClass.filter((c) => c.className);
    return html`${classes.length > 0 && s.recipients > 1
        ? html`<div class="table-wrap">
            <table data-testid="receipts-by-class">
              <caption>${t('messaging.receipts.byClass')}</caption>
              <thead>
                <tr>
                  <th scope="col">${t('messaging.receipts.class')}</th>
                  <th scope="col" class="num">${t('messaging.receipts.readCol')}</th>
                  <th scope="col" class="num">%</th>
                </tr>
              </thead>
              <tbody>
                ${s.byClass.map(
                  (c) => html`<tr>
                    <th scope="row">${c.className ?? t('messaging.receipts.noClass')}</th>
                    <td class="num">${c.read} / ${c.recipients}</td>
                    <td class="num">${t('stats.percent', { n: percent(c.read, c.recipients) })}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : nothing}
      <h3>${t('messaging.receipts.title')}</h3>
      <ul data-testid="receipts">
        ${sortReceipts(s.receipts).map((r) => {
          const tone = r.readAt ? 'read' : r.deliverAt && Date.parse(r.deliverAt) > ctx.now.getTime() ? 'later' : 'unread';
          return html`<li>
            <span class="name">${r.person.name}${r.className ? html` <span class="muted">· ${r.className}</span>` : nothing}</span>
            <span class=${tone}>${receiptStatus(r, ctx)}</span>
          </li>`;
        })}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-message-receipts': MessageReceipts;
  }
}
