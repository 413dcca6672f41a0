import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { SignInFormController, signInFields, signInFormStyles } from '../../../shared/sign-in-form';
import { base, spinner } from '../../../shared/styles';
import '../../../shared/wordmark';
import type { SessionStore } from '../../../web/src/lib/session-store';
import { icon } from '../components/icons';
import { i18n } from '../i18n';
import './locale-button';

/** Sign-in on the phone: the web client's checks and error wording, in a one-column page. */
@customElement('pn-sign-in')
export class SignInView extends LitElement {
  static override styles = [
    base,
    spinner,
    signInFormStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        min-height: 100dvh;
        background: linear-gradient(180deg, var(--pu-primary-soft) 0, var(--pu-canvas) 280px);
      }
      .page {
        max-width: 480px;
        margin: 0 auto;
        padding: max(var(--pu-space-4), env(safe-area-inset-top)) var(--pu-space-4) var(--pu-space-6);
        display: grid;
        gap: var(--pu-space-5);
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: center;
        color: var(--pu-primary);
      }
      h1 {
        font-size: clamp(1.5rem, 6.5vw, var(--pu-text-xl));
      }
      .intro {
        margin-top: var(--pu-space-2);
        color: var(--pu-ink-muted);
      }
      form {
        padding: var(--pu-space-5) var(--pu-space-4);
        display: grid;
        gap: var(--pu-space-4);
      }
      .submit {
        font-size: 1.05rem;
      }
      .help {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
    `,
  ];

  @property({ attribute: false }) session!: SessionStore;
  @property({ attribute: false }) reason?: 'expired' | 'loggedOut';

  private readonly locale = new LocaleController(this, i18n);
  private readonly form = new SignInFormController(this, () => this.session, i18n.t);

  override render() {
    const t = i18n.t;
    return html`<div class="page">
      <div class="top">
        <pu-wordmark></pu-wordmark>
        <pn-locale-button></pn-locale-button>
      </div>
      <main>
        <h1 tabindex="-1">${t('signIn.title')}</h1>
        <p class="intro">${t('signIn.intro')}</p>
      </main>
      ${this.reason === 'expired' ? html`<p class="notice warning" role="status">${t('app.sessionExpired')}</p>` : nothing}
      ${this.reason === 'loggedOut' ? html`<p class="notice success" role="status">${t('app.signedOut')}</p>` : nothing}
      <form class="card" novalidate @submit=${this.form.submit}>
        ${signInFields(this.form, { t, icon })}
        <p class="help">${t('signIn.help')}</p>
      </form>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pn-sign-in': SignInView;
  }
}
