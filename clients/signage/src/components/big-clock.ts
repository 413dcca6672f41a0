import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { i18n, t } from '../i18n';
import { capitalised, clockText, dateText } from '../lib/school-time';
import { kioskTokens } from './kiosk-styles';

/** The time and date, very large: the whole screen while there is nothing else to show. */
@customElement('ps-big-clock')
export class BigClock extends LitElement {
  static override styles = [
    kioskTokens,
    css`
      :host {
        display: grid;
        justify-items: center;
        gap: calc(1.6 * var(--u));
        text-align: center;
      }
      time {
        font-size: calc(var(--size, 24) * var(--u));
        font-weight: 800;
        line-height: 1;
        letter-spacing: -0.03em;
        font-variant-numeric: tabular-nums;
      }
      .date {
        font-size: calc(var(--size, 24) * 0.2 * var(--u));
        color: var(--k-ink-muted);
      }
      :host([dim]) {
        opacity: 0.28;
      }
    `,
  ];

  @property({ type: Number }) now = Date.now();
  @property() timeZone = 'Europe/Paris';
  @property({ type: Boolean, reflect: true }) dim = false;

  override render() {
    return html`<time data-testid="clock" datetime=${new Date(this.now).toISOString()} aria-label=${t('clock.label')}
        >${clockText(this.now, this.timeZone, i18n.locale)}</time
      >
      <span class="date">${capitalised(dateText(this.now, this.timeZone, i18n.locale))}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-big-clock': BigClock;
  }
}
