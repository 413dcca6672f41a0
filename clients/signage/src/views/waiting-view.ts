import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../../../shared/wordmark';
import '../components/big-clock';
import { kioskTokens } from '../components/kiosk-styles';
import { t } from '../i18n';

/** A paired screen with nothing stored yet and no answer from the hub so far: the time, and why. */
@customElement('ps-waiting')
export class WaitingView extends LitElement {
  static override styles = [
    kioskTokens,
    css`
      :host {
        position: fixed;
        inset: 0;
        display: grid;
        grid-template-rows: auto 1fr auto;
        padding: calc(4 * var(--u)) calc(5 * var(--u));
        background: var(--k-ground);
      }
      pu-wordmark {
        font-size: calc(4 * var(--u));
      }
      ps-big-clock {
        place-self: center;
        --size: 22;
      }
      p {
        text-align: center;
        font-size: calc(3.2 * var(--u));
        color: var(--k-ink-muted);
      }
      :host([offline]) p {
        color: var(--k-moved);
      }
    `,
  ];

  @property({ type: Number }) now = Date.now();
  @property({ type: Boolean, reflect: true }) offline = false;

  override render() {
    // no school known yet: the hub's own zone is France's
    return html`<pu-wordmark></pu-wordmark>
      <ps-big-clock .now=${this.now} timeZone="Europe/Paris"></ps-big-clock>
      <p role="status">${t(this.offline ? 'boot.offline' : 'boot.connecting')}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-waiting': WaitingView;
  }
}
