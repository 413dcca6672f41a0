import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { checkSignInForm, describeSignInError, formatDuration, type SignInProblem } from './sign-in-errors';
import type { SignInTranslate } from './sign-in-i18n';

/** The one thing the form asks of a client's session. */
export interface SignInSession {
  signIn(login: string, password: string): Promise<unknown>;
}

type SignInHost = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * The state and the submit logic of the sign-in form (identifiant, mot de passe, errors a person
 * can act on, the wait after a lockout), for the sign-in page of any client.
 */
export class SignInFormController implements ReactiveController {
  login = '';
  password = '';
  showPassword = false;
  submitting = false;
  problem: SignInProblem | null = null;
  private blockedUntil = 0;
  private now = Date.now();
  private ticker?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: SignInHost,
    /** Read at each submit: the session is a property set after construction. */
    private readonly session: () => SignInSession,
    private readonly t: SignInTranslate,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearInterval(this.ticker);
  }

  /** Seconds left before the hub accepts a new attempt; 0 or less when it does. */
  get waitSeconds(): number {
    return Math.ceil((this.blockedUntil - this.now) / 1000);
  }

  edit(field: 'login' | 'password', value: string): void {
    this[field] = value;
    this.host.requestUpdate();
  }

  toggleReveal(): void {
    this.showPassword = !this.showPassword;
    this.host.requestUpdate();
  }

  readonly submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    // aria-disabled keeps the button reachable for screen readers, so guard here
    if (this.submitting || this.blockedUntil > Date.now()) return;
    const invalid = checkSignInForm(this.login, this.password, this.t);
    if (invalid) return this.show(invalid);
    this.submitting = true;
    this.problem = null;
    this.host.requestUpdate();
    try {
      await this.session().signIn(this.login, this.password);
      // the app replaces the sign-in page with the signed-in shell
    } catch (err) {
      this.password = '';
      this.show(describeSignInError(err, this.t));
    } finally {
      this.submitting = false;
      this.host.requestUpdate();
    }
  };

  private async show(problem: SignInProblem): Promise<void> {
    this.problem = problem;
    if (problem.retryAfterSeconds) this.blockFor(problem.retryAfterSeconds);
    this.host.requestUpdate();
    await this.host.updateComplete;
    const id = problem.field === 'login' ? '#login' : problem.field === 'password' ? '#password' : null;
    const field = id ? this.host.renderRoot.querySelector<HTMLInputElement>(id) : null;
    field?.focus();
    field?.select();
  }

  private blockFor(seconds: number): void {
    this.blockedUntil = Date.now() + seconds * 1000;
    this.now = Date.now();
    clearInterval(this.ticker);
    this.ticker = setInterval(() => {
      this.now = Date.now();
      if (this.now >= this.blockedUntil) clearInterval(this.ticker);
      this.host.requestUpdate();
    }, 1000);
  }
}

/** The rules of the fields rendered by signInFields (with `base` and `spinner` from ./styles). */
export const signInFormStyles = css`
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
  }
`;

export interface SignInFieldsOptions {
  t: SignInTranslate;
  /** The client's own icon set: it draws these three. */
  icon: (name: 'eye' | 'eye-off' | 'lock', size?: number) => TemplateResult;
  /** A tooltip on the show/hide button, for pointers (the desktop client). */
  revealTooltip?: boolean;
  /** aria-live on the error region besides its alert role. */
  assertiveErrors?: boolean;
}

/** Login and password fields, the error region and the submit button, for the client's own <form>. */
export function signInFields(form: SignInFormController, opts: SignInFieldsOptions): TemplateResult {
  const { t, icon } = opts;
  const problem = form.problem;
  const waitSeconds = form.waitSeconds;
  const blocked = waitSeconds > 0;
  const revealLabel = t(form.showPassword ? 'signIn.hidePassword' : 'signIn.showPassword');
  return html`<div class="field">
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
        .value=${form.login}
        @input=${(e: Event) => form.edit('login', (e.target as HTMLInputElement).value)}
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
          type=${form.showPassword ? 'text' : 'password'}
          autocomplete="current-password"
          autocapitalize="none"
          spellcheck="false"
          required
          aria-describedby=${problem?.field === 'password' ? 'errors' : nothing}
          aria-invalid=${problem?.field === 'password' ? 'true' : 'false'}
          .value=${form.password}
          @input=${(e: Event) => form.edit('password', (e.target as HTMLInputElement).value)}
        />
        <button
          class="reveal"
          type="button"
          aria-controls="password"
          aria-pressed=${form.showPassword ? 'true' : 'false'}
          aria-label=${revealLabel}
          title=${opts.revealTooltip ? revealLabel : nothing}
          @click=${() => form.toggleReveal()}
        >
          ${icon(form.showPassword ? 'eye-off' : 'eye')}
        </button>
      </div>
    </div>
    <div id="errors" class="errors" role="alert" aria-live=${opts.assertiveErrors ? 'assertive' : nothing}>${problem
      ? html`<p class="notice error">${problem.message}</p>`
      : nothing}</div>
    <button class="button primary submit" type="submit" aria-disabled=${form.submitting || blocked ? 'true' : 'false'}>
      ${form.submitting
        ? html`<span class="spinner" aria-hidden="true"></span>${t('signIn.submitting')}`
        : blocked
          ? html`${icon('lock', 18)}${t('signIn.waitToRetry', { wait: formatDuration(waitSeconds, t) })}`
          : t('signIn.submit')}
    </button>`;
}
