import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { SignInFormController, signInFields, signInFormStyles } from '../../../shared/sign-in-form';
import { base, spinner } from '../../../shared/styles';
import '../components/locale-toggle';
import '../../../shared/wordmark';
import { icon } from '../components/icons';
import type { SessionStore } from '../lib/session-store';
import { i18n } from '../i18n';

/** The sign-in page: identifiant and mot de passe, with errors a person can act on. */
@customElement('pw-sign-in-view')
export class SignInView extends LitElement {
  static override styles = [
    base,
    spinner,
    signInFormStyles,
    css`
      :host {
        display: grid;
        min-height: 100vh;
        grid-template-rows: auto 1fr auto;
        background:
          radial-gradient(circle at 15% 10%, rgb(29 78 216 / 10%), transparent 40%),
          radial-gradient(circle at 85% 90%, rgb(19 108 58 / 8%), transparent 40%),
          var(--pu-canvas);
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: center;
        padding: var(--pu-space-4) var(--pu-space-5);
      }
      main {
        display: grid;
        place-items: start center;
        padding: var(--pu-space-4);
      }
      .card {
        width: min(100%, 440px);
        margin-top: clamp(0px, 6vh, 64px);
        padding: var(--pu-space-6);
        display: grid;
        gap: var(--pu-space-5);
      }
      .intro {
        color: var(--pu-ink-muted);
        margin-top: var(--pu-space-2);
      }
      form {
        display: grid;
        gap: var(--pu-space-4);
      }
      .reveal:hover {
        color: var(--pu-ink);
        background: var(--pu-surface-sunken);
      }
      .submit {
        margin-top: var(--pu-space-1);
      }
      .help {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
        padding-top: var(--pu-space-4);
        border-top: 1px solid var(--pu-border);
      }
      footer {
        text-align: center;
        padding: var(--pu-space-5) var(--pu-space-4);
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      @media (max-width: 480px) {
        .top {
          padding: var(--pu-space-3) var(--pu-space-4);
        }
        main {
          padding: var(--pu-space-2);
        }
        .card {
          margin-top: var(--pu-space-2);
          padding: var(--pu-space-5) var(--pu-space-4);
        }
      }
    `,
  ];

  @property({ attribute: false }) session!: SessionStore;
  /** Why the person lands here, when it is not their first visit. */
  @property({ attribute: false }) reason?: 'expired' | 'loggedOut';

  @query('#login') private _loginInput!: HTMLInputElement;

  private readonly locale = new LocaleController(this, i18n);
  private readonly form = new SignInFormController(this, () => this.session, i18n.t);

  override firstUpdated(): void {
    this._loginInput.focus();
  }

  override render() {
    const t = i18n.t;
    return html`
      <div class="top">
        <pu-wordmark></pu-wordmark>
        <pw-locale-toggle></pw-locale-toggle>
      </div>
      <main>
        <section class="card" aria-labelledby="title">
          <div>
            <h1 id="title" tabindex="-1">${t('signIn.title')}</h1>
            <p class="intro">${t('signIn.intro')}</p>
          </div>
          ${this.reason === 'expired' ? html`<p class="notice warning" role="status">${t('app.sessionExpired')}</p>` : nothing}
          ${this.reason === 'loggedOut' ? html`<p class="notice success" role="status">${t('app.signedOut')}</p>` : nothing}
          <form novalidate @submit=${this.form.submit} aria-describedby="errors">
            ${signInFields(this.form, { t, icon, revealTooltip: true, assertiveErrors: true })}
          </form>
          <p class="help">${t('signIn.help')}</p>
        </section>
      </main>
      <footer>${t('app.name')} · ${t('app.tagline')}</footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-sign-in-view': SignInView;
  }
}
