import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { SessionStateController } from '../../../shared/session-controller';
import { base, centerScreen } from '../../../shared/styles';
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
    centerScreen,
    css`
      .center {
        /* the visible height on phones, where the browser bars come and go */
        min-height: 100dvh;
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
  private readonly locale = new LocaleController(this, i18n);
  private readonly sessionState = new SessionStateController<SessionState>(this, () => this.session, { status: 'loading' });

  override render() {
    const t = i18n.t;
    const s = this.sessionState.value;
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
