import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LiveStatus } from '../../../shared/live-connection';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { i18n, type WebKey } from '../i18n';

/** The state of the live link, as a coloured dot and words (never colour alone), announced politely. */
@customElement('pw-live-status')
export class LiveStatusBadge extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: inline-flex;
      }
      .badge {
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-2);
        padding: 2px var(--pu-space-3);
        border-radius: 999px;
        font-size: var(--pu-text-s);
        font-weight: 600;
        white-space: nowrap;
      }
      .dot {
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: currentColor;
      }
      .connected {
        color: var(--pu-success);
        background: var(--pu-success-soft);
      }
      .connecting {
        color: var(--pu-warning);
        background: var(--pu-warning-soft);
      }
      .connecting .dot {
        animation: pulse 1.2s ease-in-out infinite;
      }
      .disconnected {
        color: var(--pu-danger);
        background: var(--pu-danger-soft);
      }
      .disconnected .dot {
        background: transparent;
        border: 2px solid currentColor;
      }
      @keyframes pulse {
        50% {
          opacity: 0.25;
        }
      }
    `,
  ];

  @property() status: LiveStatus = 'connecting';
  /** Whether the link was up before: "Reconnexion…" rather than "Connexion…". */
  @property({ type: Boolean }) reconnecting = false;

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const key: WebKey =
      this.status === 'connected'
        ? 'live.status.connected'
        : this.status === 'disconnected'
          ? 'live.status.disconnected'
          : this.reconnecting
            ? 'live.status.reconnecting'
            : 'live.status.connecting';
    // the words change inside a live region, which screen readers announce (an aria-label change they do not)
    return html`<span class="badge ${this.status}" role="status">
      <span class="dot" aria-hidden="true"></span><span class="visually-hidden">${i18n.t('live.statusPrefix')}</span>
      <span class="label">${i18n.t(key)}</span>
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-live-status': LiveStatusBadge;
  }
}
