import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { LocaleController } from '../../../shared/i18n';
import { SessionStateController } from '../../../shared/session-controller';
import { base, centerScreen } from '../../../shared/styles';
import '../../../shared/wordmark';
import type { SessionState, SessionStore } from '../lib/session-store';
import { i18n } from '../i18n';
import './shell-view';
import './sign-in-view';

/** The web client's root: shows the sign-in page or the signed-in shell, following the session. */
@customElement('pw-app')
export class AppView extends LitElement {
  static override styles = [
    base,
    centerScreen,
    css`
      .center {
        color: var(--pu-ink-muted);
      }
      pu-wordmark {
        color: var(--pu-primary);
        font-size: 1.8rem;
      }
      .spinner {
        width: 28px;
        height: 28px;
        border: 3px solid var(--pu-border);
        border-top-color: var(--pu-primary);
        border-radius: 50%;
        animation: spin 0.9s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      .center p {
        max-width: 36ch;
      }
    `,
  ];

  @property({ attribute: false }) session!: SessionStore;
  private readonly locale = new LocaleController(this, i18n);
  private readonly sessionState = new SessionStateController<SessionState>(this, () => this.session, { status: 'loading' });

  override updated(): void {
    if (this.sessionState.value.status !== 'signedIn') document.title = `${i18n.t('signIn.title')}`;
  }

  override render() {
    const s = this.sessionState.value;
    switch (s.status) {
      case 'loading':
        return html`<div class="center" role="status">
          <pu-wordmark></pu-wordmark>
          <div class="spinner" aria-hidden="true"></div>
          <p>${i18n.t('app.loading')}</p>
        </div>`;
      case 'unreachable':
        return html`<div class="center">
          <pu-wordmark></pu-wordmark>
          <p role="alert">${i18n.t('app.unreachable')}</p>
          <button class="button primary" type="button" @click=${() => this.session.load()}>${i18n.t('app.retry')}</button>
        </div>`;
      case 'signedOut':
        return html`<pw-sign-in-view .session=${this.session} .reason=${s.reason}></pw-sign-in-view>`;
      case 'signedIn':
        // a new person gets a new shell: no feed, cursor or form state carries over
        return keyed(s.me.id, html`<pw-shell-view .session=${this.session} .me=${s.me}></pw-shell-view>`);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-app': AppView;
  }
}
