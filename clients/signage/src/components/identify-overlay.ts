import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ScreenSelfDto } from '../../../../server/contracts/signage';
import { t, zoneLabel } from '../i18n';
import { kioskTokens } from './kiosk-styles';

/** « Which screen is this? »: its name and zone over everything, for an admin walking the halls. */
@customElement('ps-identify')
export class IdentifyOverlay extends LitElement {
  static override styles = [
    kioskTokens,
    css`
      :host {
        position: fixed;
        inset: 0;
        z-index: 8;
        display: grid;
        place-items: center;
        background: rgb(0 0 0 / 78%);
      }
      .card {
        display: grid;
        gap: calc(2.4 * var(--u));
        justify-items: center;
        text-align: center;
        padding: calc(5 * var(--u)) calc(8 * var(--u));
        border: calc(1 * var(--u)) solid #ffd400;
        border-radius: calc(3 * var(--u));
        background: #000;
        max-width: 90vw;
      }
      .title {
        font-size: calc(3.4 * var(--u));
        font-weight: 700;
        text-transform: uppercase;
        letter-spacing: 0.08em;
        color: #ffd400;
      }
      dl {
        display: grid;
        gap: calc(1.6 * var(--u));
        margin: 0;
      }
      dt {
        font-size: calc(3 * var(--u));
        color: var(--k-ink-muted);
      }
      dd {
        margin: 0;
        font-size: calc(9 * var(--u));
        font-weight: 900;
        line-height: 1.05;
      }
      dd.zone {
        font-size: calc(6 * var(--u));
      }
    `,
  ];

  @property({ attribute: false }) screen!: ScreenSelfDto;

  override render() {
    return html`<div class="card" role="status" data-testid="identify">
      <p class="title">${t('identify.title')}</p>
      <dl>
        <dt>${t('identify.name')}</dt>
        <dd>${this.screen.name}</dd>
        <dt>${t('identify.zone')}</dt>
        <dd class="zone">${zoneLabel(this.screen.zone)}</dd>
      </dl>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-identify': IdentifyOverlay;
  }
}
