import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { FlashDto } from '../../../../server/contracts/signage';
import { t } from '../i18n';
import { tickerSeconds } from '../lib/ticker';
import { kioskTokens } from './kiosk-styles';

const SEPARATOR = '   •   ';

/** Short flashes running along the bottom of the screen. */
@customElement('ps-ticker')
export class TickerBand extends LitElement {
  static override styles = [
    kioskTokens,
    css`
      :host {
        display: block;
      }
      .ticker {
        display: flex;
        align-items: stretch;
        height: calc(7 * var(--u) + var(--bleed, 0px));
        background: #000;
        border-top: 2px solid var(--k-line);
      }
      .label {
        display: flex;
        align-items: center;
        padding: 0 calc(2.4 * var(--u)) var(--bleed, 0px) calc(2.4 * var(--u) + var(--bleed, 0px));
        background: var(--k-moved);
        color: var(--k-on-status);
        font-size: calc(3 * var(--u));
        font-weight: 800;
        text-transform: uppercase;
        letter-spacing: 0.06em;
      }
      .viewport {
        flex: 1;
        padding-bottom: var(--bleed, 0px);
        overflow: hidden;
        display: flex;
        align-items: center;
      }
      .track {
        display: inline-block;
        white-space: pre;
        padding-left: 100%;
        font-size: calc(3.6 * var(--u));
        font-weight: 700;
        animation: scroll linear infinite;
        will-change: transform;
      }
      @keyframes scroll {
        to {
          transform: translateX(-100%);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .track {
          animation: none;
          padding-left: calc(2 * var(--u));
          white-space: nowrap;
        }
      }
    `,
  ];

  @property({ attribute: false }) flashes: FlashDto[] = [];

  override render() {
    if (this.flashes.length === 0) return nothing;
    const text = this.flashes.map((f) => f.text).join(SEPARATOR);
    return html`<div class="ticker" data-testid="ticker" role="marquee" aria-label=${t('ticker.label')}>
      <span class="label" aria-hidden="true">${t('ticker.label')}</span>
      <div class="viewport">
        ${keyed(text, html`<span class="track" style=${styleMap({ animationDuration: `${tickerSeconds(text)}s` })}>${text}</span>`)}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-ticker': TickerBand;
  }
}
