import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base, iconBubble, spinner } from '../../../shared/styles';
import { i18n } from '../i18n';
import { PushDevice, type DevicePushManager } from '../lib/push-device';
import { pushAvailability, type PushProblem } from '../lib/push-support';
import { icon } from './icons';

type CardState = 'checking' | 'ios-home-screen' | 'unsupported' | 'denied' | 'off' | 'enabling' | 'on';

/** This device's browser, as the push logic sees it. */
export const browserPush = new PushDevice({
  api,
  pushManager: async () => (await workerReady()).pushManager as unknown as DevicePushManager,
  requestPermission: () => Notification.requestPermission(),
});

/** The app's service worker, or an error when it never comes (registration refused, private mode…). */
function workerReady(): Promise<ServiceWorkerRegistration> {
  let timer: ReturnType<typeof setTimeout>;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('no service worker'), { name: 'InvalidStateError' })), 10_000);
  });
  return Promise.race([navigator.serviceWorker.ready, late]).finally(() => clearTimeout(timer));
}

function deviceAvailability() {
  const nav = navigator as Navigator & { standalone?: boolean };
  return pushAvailability({
    userAgent: nav.userAgent,
    maxTouchPoints: nav.maxTouchPoints ?? 0,
    standalone: matchMedia('(display-mode: standalone)').matches || nav.standalone === true,
    hasServiceWorker: 'serviceWorker' in nav,
    hasPushManager: 'PushManager' in window,
    hasNotification: 'Notification' in window,
    permission: 'Notification' in window ? Notification.permission : null,
  });
}

/** Push on this device: the « Activer les notifications » button, its outcome, or the iPhone guide. */
@customElement('pn-push-card')
export class PushCard extends LitElement {
  static override styles = [
    base,
    spinner,
    iconBubble,
    css`
      :host {
        display: block;
      }
      :host([hidden]) {
        display: none;
      }
      .card {
        padding: var(--pu-space-4);
        display: grid;
        gap: var(--pu-space-3);
      }
      .head {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: var(--pu-space-3);
        align-items: start;
      }
      .bubble {
        width: 44px;
        height: 44px;
      }
      .on .bubble {
        color: var(--pu-success);
        background: var(--pu-success-soft);
      }
      h2 {
        font-size: var(--pu-text-m);
      }
      .text {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      .button.wide {
        width: 100%;
      }
      ol {
        margin: 0;
        padding-left: var(--pu-space-5);
        display: grid;
        gap: var(--pu-space-1);
        font-size: var(--pu-text-s);
      }
      .status:empty {
        display: none;
      }
    `,
  ];

  /** In the inbox the card only asks; when push was already on it steps aside (the settings keep it). */
  @property({ type: Boolean, attribute: 'only-when-off' }) onlyWhenOff = false;

  @state() private _state: CardState = 'checking';
  // turned on from this card: it stays to confirm it, and to offer turning it off again
  @state() private _enabledHere = false;
  @state() private _problem: PushProblem | null = null;

  private readonly locale = new LocaleController(this, i18n);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.check();
  }

  private async check(): Promise<void> {
    const availability = deviceAvailability();
    if (availability !== 'supported') {
      this._state = availability;
      return;
    }
    try {
      this._state = (await browserPush.current()) ? 'on' : 'off';
    } catch {
      this._state = 'off';
    }
  }

  override render() {
    const t = i18n.t;
    const s = this._state;
    const hide = s === 'checking' || (this.onlyWhenOff && ((s === 'on' && !this._enabledHere) || s === 'unsupported'));
    this.hidden = hide;
    if (hide) return nothing;
    if (s === 'ios-home-screen') {
      return html`<section class="card" aria-labelledby="push-title" data-testid="ios-guide">
        <div class="head">
          <span class="bubble">${icon('share', 22)}</span>
          <div>
            <h2 id="push-title">${t('ios.title')}</h2>
            <p class="text">${t('ios.text')}</p>
          </div>
        </div>
        <ol>
          <li>${t('ios.step1')}</li>
          <li>${t('ios.step2')}</li>
          <li>${t('ios.step3')}</li>
        </ol>
      </section>`;
    }
    return html`<section class="card ${s === 'on' ? 'on' : ''}" aria-labelledby="push-title" data-testid="push-card">
      <div class="head">
        <span class="bubble">${icon(s === 'on' ? 'check' : 'bell', 22)}</span>
        <div>
          <h2 id="push-title">${t('push.title')}</h2>
          <p class="text">${s === 'on' ? t('push.on') : s === 'unsupported' ? t('push.unsupported') : s === 'denied' ? t('push.denied') : t('push.intro')}</p>
        </div>
      </div>
      ${s === 'off' || s === 'enabling'
        ? html`<button class="button primary wide" type="button" aria-disabled=${s === 'enabling' ? 'true' : 'false'} @click=${this.onEnable}>
            ${s === 'enabling' ? html`<span class="spinner" aria-hidden="true"></span>${t('push.enabling')}` : html`${icon('bell', 18)}${t('push.enable')}`}
          </button>`
        : nothing}
      ${s === 'on' ? html`<button class="button wide" type="button" @click=${this.onDisable}>${t('push.disable')}</button>` : nothing}
      <div class="status" role="status" aria-live="polite">${this._problem
        ? html`<p class="notice error" data-testid="push-problem">${t(`push.problem.${this._problem}`)}</p>`
        : nothing}</div>
    </section>`;
  }

  // no await before enable(): the permission prompt must come from this very tap
  private onEnable(): void {
    if (this._state !== 'off') return;
    this._state = 'enabling';
    this._problem = null;
    void browserPush.enable().then((outcome) => {
      if (outcome.ok) {
        this._state = 'on';
        this._enabledHere = true;
        return;
      }
      if (outcome.detail) console.warn('push activation failed:', outcome.detail);
      this._problem = outcome.problem;
      this._state = outcome.problem === 'denied' ? 'denied' : 'off';
    });
  }

  private async onDisable(): Promise<void> {
    this._problem = null;
    try {
      await browserPush.disable();
      this._state = 'off';
    } catch {
      this._problem = 'off';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pn-push-card': PushCard;
  }
}
