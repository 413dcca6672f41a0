import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import '../../../shared/wordmark';
import type { SessionState, SessionStore } from '../../../web/src/lib/session-store';
import { i18n } from '../i18n';
import './shell-view';
import './sign-in-view';

/** The families' app: sign-in, or the notifications of the signed-in person. */
@customElement('pn-app')
export class NotifyApp extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .center {
        min-height: 100vh;
        min-height: 100dvh;
        display: grid;
        place-content: center;
        justify-items: center;
        gap: var(--pu-space-4);
        padding: var(--pu-space-5);
        text-align: center;
        color: var(--pu-primary);
      }
      .center p {
        color: var(--pu-ink);
        max-width: 32ch;
      }
      pu-wordmark {
        font-size: 2rem;
      }
    `,
  ];

  @property({ attribute: false }) session!: SessionStore;
  @state() private _state: SessionState = { status: 'loading' };

  private readonly locale = new LocaleController(this, i18n);
  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this._state = this.session.state;
    this.unsubscribe = this.session.subscribe((s) => (this._state = s));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  override render() {
    const t = i18n.t;
    const s = this._state;
    switch (s.status) {
      case 'loading':
        return html`<div class="center" role="status"><pu-wordmark></pu-wordmark><p>${t('app.loading')}</p></div>`;
      case 'unreachable':
        return html`<div class="center">
          <pu-wordmark></pu-wordmark>
          <p role="alert">${t('app.unreachable')}</p>
          <button class="button primary" type="button" @click=${() => this.session.load()}>${t('app.retry')}</button>
        </div>`;
      case 'signedOut':
        return html`<pn-sign-in .session=${this.session} .reason=${s.reason}></pn-sign-in>`;
      case 'signedIn':
        return html`<pn-shell .session=${this.session} .me=${s.me}></pn-shell>`;
    }
  }

  override updated(): void {
    document.title = i18n.t('app.name');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pn-app': NotifyApp;
  }
}
