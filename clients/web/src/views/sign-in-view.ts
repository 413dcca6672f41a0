import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import '../components/locale-toggle';
import '../../../shared/wordmark';
import { icon } from '../components/icons';
import { formatDuration } from '../lib/format-time';
import type { SessionStore } from '../lib/session-store';
import { checkSignInForm, describeSignInError, type SignInProblem } from '../lib/sign-in-errors';
import { i18n } from '../i18n';

/** The sign-in page: identifiant and mot de passe, with errors a person can act on. */
@customElement('pw-sign-in-view')
export class SignInView extends LitElement {
  static override styles = [
    base,
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
      .reveal:hover {
        color: var(--pu-ink);
        background: var(--pu-surface-sunken);
      }
      .errors:empty {
        display: none;
      }
      .submit {
        width: 100%;
        margin-top: var(--pu-space-1);
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

  override firstUpdated(): void {
    this._loginInput.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  override render() {
    const t = i18n.t;
    const problem = this._problem;
    const waitSeconds = Math.ceil((this._blockedUntil - this._now) / 1000);
    const blocked = waitSeconds > 0;
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
          <form novalidate @submit=${this.onSubmit} aria-describedby="errors">
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
                  title=${t(this._showPassword ? 'signIn.hidePassword' : 'signIn.showPassword')}
                  @click=${() => (this._showPassword = !this._showPassword)}
                >
                  ${icon(this._showPassword ? 'eye-off' : 'eye')}
                </button>
              </div>
            </div>
            <div id="errors" class="errors" role="alert" aria-live="assertive">${problem
              ? html`<p class="notice error">${problem.message}</p>`
              : nothing}</div>
            <button
              class="button primary submit"
              type="submit"
              aria-disabled=${this._submitting || blocked ? 'true' : 'false'}
            >
              ${this._submitting
                ? html`<span class="spinner" aria-hidden="true"></span>${t('signIn.submitting')}`
                : blocked
                  ? html`${icon('lock', 18)}${t('signIn.waitToRetry', { wait: formatDuration(waitSeconds, t) })}`
                  : t('signIn.submit')}
            </button>
          </form>
          <p class="help">${t('signIn.help')}</p>
        </section>
      </main>
      <footer>${t('app.name')} · ${t('app.tagline')}</footer>
    `;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    // aria-disabled keeps the button reachable for screen readers, so guard here
    if (this._submitting || this._blockedUntil > Date.now()) return;
    const invalid = checkSignInForm(this._login, this._password, i18n.t);
    if (invalid) return this.show(invalid);
    this._submitting = true;
    this._problem = null;
    try {
      await this.session.signIn(this._login, this._password);
      // the app replaces this view with the shell
    } catch (err) {
      this._password = '';
      this.show(describeSignInError(err, i18n.t));
    } finally {
      this._submitting = false;
    }
  }

  private async show(problem: SignInProblem): Promise<void> {
    this._problem = problem;
    if (problem.retryAfterSeconds) this.blockFor(problem.retryAfterSeconds);
    await this.updateComplete;
    const field = problem.field === 'login' ? this._loginInput : problem.field === 'password' ? this._passwordInput : null;
    field?.focus();
    field?.select();
  }

  private blockFor(seconds: number): void {
    this._blockedUntil = Date.now() + seconds * 1000;
    this._now = Date.now();
    clearInterval(this.ticker);
    this.ticker = setInterval(() => {
      this._now = Date.now();
      if (this._now >= this._blockedUntil) clearInterval(this.ticker);
    }, 1000);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-sign-in-view': SignInView;
  }
}
