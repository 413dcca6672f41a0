import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { ScreenSelfDto } from '../../../../server/contracts/signage';
import '../../../shared/wordmark';
import '../components/big-clock';
import { kioskTokens } from '../components/kiosk-styles';
import '../components/qr-code';
import { PairingController } from '../controllers/pairing-controller';
import { Timers } from '../controllers/timers';
import type { KioskApi } from '../services/kiosk-api';
import { t } from '../i18n';
import { groupPairingCode } from '../lib/pairing';
import { pixelShift } from '../lib/pixel-shift';

// until a screen is paired it does not know its school: the hub's own time zone is France's
const TIME_ZONE = 'Europe/Paris';

export interface PairedDetail {
  token: string;
  screen: ScreenSelfDto;
}

/**
 * An unpaired screen: the code an admin types in Préau, very large, and a QR code of the
 * pairing form for a phone; a large clock. Fires `paired` with the device token.
 */
@customElement('ps-pairing')
export class PairingView extends LitElement {
  static override styles = [
    kioskTokens,
    css`
      :host {
        position: fixed;
        inset: 0;
        display: block;
        background: radial-gradient(ellipse at 30% 20%, #1a2340 0%, var(--k-ground) 70%);
        overflow: hidden;
      }
      .frame {
        position: absolute;
        inset: 0;
        display: grid;
        grid-template-columns: 1fr auto;
        grid-template-rows: auto 1fr auto;
        grid-template-areas:
          'top clock'
          'main qr'
          'foot foot';
        gap: calc(3 * var(--u)) calc(6 * var(--u));
        padding: calc(4 * var(--u)) calc(6 * var(--u));
        transition: transform 4s ease-in-out;
      }
      .top {
        grid-area: top;
        display: flex;
        align-items: center;
        gap: calc(2 * var(--u));
        font-size: calc(3 * var(--u));
        color: var(--k-ink-muted);
        font-weight: 600;
      }
      pu-wordmark {
        font-size: calc(4.4 * var(--u));
        color: var(--k-ink);
      }
      ps-big-clock {
        grid-area: clock;
        justify-self: end;
        justify-items: end;
        --size: 12;
      }
      .main {
        grid-area: main;
        align-self: center;
        display: grid;
        gap: calc(3 * var(--u));
      }
      h1 {
        font-size: calc(4.4 * var(--u));
        font-weight: 800;
        line-height: 1.15;
      }
      .instructions {
        font-size: calc(3.6 * var(--u));
        line-height: 1.3;
        color: var(--k-ink-muted);
        max-width: 34ch;
      }
      .code {
        font-family: var(--pu-font-mono, ui-monospace, monospace);
        font-size: calc(15 * var(--u));
        font-weight: 800;
        letter-spacing: 0.08em;
        line-height: 1;
        white-space: pre;
        color: #fff;
        padding: calc(2 * var(--u)) calc(3.4 * var(--u));
        border: calc(0.5 * var(--u)) solid var(--k-moved);
        border-radius: calc(2 * var(--u));
        justify-self: start;
      }
      .status {
        font-size: calc(3.2 * var(--u));
        color: var(--k-moved);
      }
      .qr {
        grid-area: qr;
        align-self: center;
        display: grid;
        justify-items: center;
        gap: calc(2 * var(--u));
        max-width: calc(44 * var(--u));
        text-align: center;
      }
      ps-qr-code {
        width: calc(40 * var(--u));
        height: calc(40 * var(--u));
        border-radius: calc(1.6 * var(--u));
        overflow: hidden;
      }
      .qr p {
        font-size: calc(2.6 * var(--u));
        color: var(--k-ink-muted);
      }
      footer {
        grid-area: foot;
        display: flex;
        justify-content: space-between;
        gap: calc(4 * var(--u));
        font-size: calc(2.4 * var(--u));
        color: var(--k-ink-faint);
      }
      /* a screen hung upright: everything in one column, the code first */
      @media (orientation: portrait) {
        .frame {
          grid-template-columns: 1fr;
          grid-template-rows: auto auto 1fr auto auto;
          grid-template-areas: 'top' 'clock' 'main' 'qr' 'foot';
        }
        ps-big-clock {
          justify-self: center;
          justify-items: center;
        }
        .main {
          justify-items: center;
          text-align: center;
        }
        .code {
          justify-self: center;
        }
        .qr {
          justify-self: center;
        }
        footer {
          flex-direction: column;
          align-items: center;
          text-align: center;
        }
      }
    `,
  ];

  @property({ attribute: false }) api!: KioskApi;
  private controller?: PairingController;
  private readonly timers = new Timers();
  private now = Date.now();

  override connectedCallback(): void {
    this.controller ??= new PairingController(this, this.api, (token, screen) =>
      this.dispatchEvent(new CustomEvent<PairedDetail>('paired', { detail: { token, screen }, bubbles: true, composed: true })),
    );
    super.connectedCallback();
    this.timers.interval(() => {
      this.now = Date.now();
      this.requestUpdate();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.timers.clearAll();
  }

  override render() {
    const c = this.controller!;
    const pairing = c.pairing;
    const shift = pixelShift(this.now);
    return html`<div class="frame" style=${styleMap({ transform: `translate(${shift.x}px, ${shift.y}px)` })}>
      <div class="top"><pu-wordmark></pu-wordmark><span>${t('app.label')}</span></div>
      <ps-big-clock .now=${this.now} timeZone=${TIME_ZONE}></ps-big-clock>
      <main class="main">
        <h1>${t('pairing.title')}</h1>
        <p class="instructions">${t('pairing.instructions')}</p>
        ${pairing
          ? html`<p class="code" data-testid="pairing-code" aria-label=${`${t('pairing.codeLabel')} : ${pairing.code.split('').join(' ')}`}>${groupPairingCode(pairing.code)}</p>`
          : html`<p class="status" role="status">${t(c.status === 'offline' ? 'pairing.offline' : 'pairing.starting')}</p>`}
        ${pairing && c.status === 'offline' ? html`<p class="status" role="status">${t('pairing.offline')}</p>` : nothing}
      </main>
      ${pairing
        ? html`<div class="qr">
            <ps-qr-code data-testid="pairing-qr" .value=${pairing.pairUrl} label=${t('pairing.qrLabel')}></ps-qr-code>
            <p>${t('pairing.scan')}</p>
          </div>`
        : nothing}
      <footer><span>${t('pairing.renews')}</span><span>${t('pairing.privacy')}</span></footer>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-pairing': PairingView;
  }
}
