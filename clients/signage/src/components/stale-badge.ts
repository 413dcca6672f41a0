import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { i18n, t } from '../i18n';
import { clockText } from '../lib/school-time';
import { kioskTokens } from './kiosk-styles';

/** « Données de 10:42 »: discreet, yet tells the hall that what it reads may have changed since. */
@customElement('ps-stale-badge')
export class StaleBadge extends LitElement {
  static override styles = [
    kioskTokens,
    css`
      :host {
        display: inline-flex;
      }
      span {
        display: inline-flex;
        align-items: center;
        gap: calc(1 * var(--u));
        padding: calc(0.6 * var(--u)) calc(1.6 * var(--u));
        border-radius: 999px;
        background: rgb(10 14 23 / 88%);
        border: 2px solid var(--k-moved);
        color: var(--k-moved);
        font-size: calc(2.2 * var(--u));
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      svg {
        width: 1.1em;
        height: 1.1em;
        fill: none;
        stroke: currentColor;
        stroke-width: 2.4;
        stroke-linecap: round;
      }
    `,
  ];

  @property({ type: Number }) since = 0;
  @property() timeZone = 'Europe/Paris';

  override render() {
    const time = clockText(this.since, this.timeZone, i18n.locale);
    return html`<span data-testid="stale-badge" role="status" aria-label=${t('stale.label', { time })}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M2 8.5a15 15 0 0 1 20 0M5.5 12a10 10 0 0 1 13 0M9 15.5a5 5 0 0 1 6 0M3 3l18 18" /></svg>
      ${t('stale.badge', { time })}
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-stale-badge': StaleBadge;
  }
}
