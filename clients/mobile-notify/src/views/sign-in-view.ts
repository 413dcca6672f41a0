import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import '../../../shared/wordmark';
import { formatDuration } from '../../../web/src/lib/format-time';
import type { SessionStore } from '../../../web/src/lib/session-store';
import { checkSignInForm, describeSignInError, type SignInProblem } from '../../../web/src/lib/sign-in-errors';
import { icon } from '../components/icons';
import { i18n, signInTranslate } from '../i18n';
import './locale-button';

/** Sign-in on the phone: the web client's checks and error wording, in a one-column page. */
@customElement('pn-sign-in')
export class SignInView extends LitElement {
  static override styles = [
    base,
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
      .password {
        position: relative;
      }
      .password .input {
        padding-right: 52px;
      }
      .reveal {
        position: absolute;
        inset: 2px 2px 2px auto;
        width: 46px;
        display: grid;
        place-items: center;
        border: 0;
        border-radius: 0 var(--pu-radius-s) var(--pu-radius-s) 0;
        background: transparent;
        color: var(--pu-ink-muted);
        cursor: pointer;
      }
      .errors:empty {
        display: none;
      }
      .submit {
        width: 100%;
        font-size: 1.05rem;
      }
      .spinner {
        width: 18px;
        height: 18px;
        border: 2px solid currentColor;
        border-right-color: transparent;
        border-radius: 50%;
        animation: spin 0.8s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      .help {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
    `,
  ];

  @property({ attribute: false }) session!: SessionStore;
  @property({ attribute: false }) reason?: 'expired' | 'loggedOut';

  @state() private _login = '';
  @state() private _password = '';
  @state() private _showPassword = false;
  @state() private _submitting = false;
  @state() private _problem: SignInProblem | null = null;
  @state() private _blockedUntil = 0;
  @state() private _now = Date.now();

  @query('#login') private _loginInput!: HTMLInputElement;
  @query('#password') private _passwordInput!: HTMLInputElement;

  private readonly locale = new LocaleController(this, i18n);
  private ticker?: ReturnType<typeof setInterval>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  override render() {
    const t = i18n.t;
    const problem = this._problem;
    const waitSeconds = Math.ceil((this._blockedUntil - this._now) / 1000);
    const blocked = waitSeconds > 0;
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
      <form class="card" novalidate @submit=${this.onSubmit}>
        <div class="field">
          <label for="login">${t('signIn.login')}</label>
          <input
            id="login"
            class="input"
            name="login"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
            required
            aria-describedby="login-hint ${problem?.field === 'login' ? 'errors' : ''}"
            aria-invalid=${problem?.field === 'login' ? 'true' : 'false'}
            .value=${this._login}
            @input=${(e: Event) => (this._login = (e.target as HTMLInputElement).value)}
          />
          <span id="login-hint" class="hint">${t('signIn.loginHint')}</span>
        </div>
        <div class="field">
          <label for="password">${t('signIn.password')}</label>
          <div class="password">
            <input
              id="password"
              class="input"
              name="password"
              type=${this._showPassword ? 'text' : 'password'}
              autocomplete="current-password"
              autocapitalize="none"
              spellcheck="false"
              required
              aria-describedby=${problem?.field === 'password' ? 'errors' : nothing}
              aria-invalid=${problem?.field === 'password' ? 'true' : 'false'}
              .value=${this._password}
              @input=${(e: Event) => (this._password = (e.target as HTMLInputElement).value)}
            />
            <button
              class="reveal"
              type="button"
              aria-controls="password"
              aria-pressed=${this._showPassword ? 'true' : 'false'}
              aria-label=${t(this._showPassword ? 'signIn.hidePassword' : 'signIn.showPassword')}
              @click=${() => (this._showPassword = !this._showPassword)}
            >
              ${icon(this._showPassword ? 'eye-off' : 'eye')}
            </button>
          </div>
        </div>
        <div id="errors" class="errors" role="alert">${problem ? html`<p class="notice error">${problem.message}</p>` : nothing}</div>
        <button class="button primary submit" type="submit" aria-disabled=${this._submitting || blocked ? 'true' : 'false'}>
          ${this._submitting
            ? html`<span class="spinner" aria-hidden="true"></span>${t('signIn.submitting')}`
            : blocked
              ? html`${icon('lock', 18)}${t('signIn.waitToRetry', { wait: formatDuration(waitSeconds, signInTranslate) })}`
              : t('signIn.submit')}
        </button>
        <p class="help">${t('signIn.help')}</p>
      </form>
    </div>`;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._submitting || this._blockedUntil > Date.now()) return;
    const invalid = checkSignInForm(this._login, this._password, signInTranslate);
    if (invalid) return this.show(invalid);
    this._submitting = true;
    this._problem = null;
    try {
      await this.session.signIn(this._login, this._password);
    } catch (err) {
      this._password = '';
      this.show(describeSignInError(err, signInTranslate));
    } finally {
      this._submitting = false;
    }
  }

  private async show(problem: SignInProblem): Promise<void> {
    this._problem = problem;
    if (problem.retryAfterSeconds) {
      this._blockedUntil = Date.now() + problem.retryAfterSeconds * 1000;
      this._now = Date.now();
      clearInterval(this.ticker);
      this.ticker = setInterval(() => {
        this._now = Date.now();
        if (this._now >= this._blockedUntil) clearInterval(this.ticker);
      }, 1000);
    }
    await this.updateComplete;
    const field = problem.field === 'login' ? this._loginInput : problem.field === 'password' ? this._passwordInput : null;
    field?.focus();
    field?.select();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pn-sign-in': SignInView;
  }
}
