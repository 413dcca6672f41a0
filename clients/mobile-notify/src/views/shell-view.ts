import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FollowedStudentDto } from '../../../../server/contracts/absences';
import type { MeDto } from '../../../../server/contracts/auth';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import '../../../shared/wordmark';
import { membershipKey } from '../../../web/src/lib/person-labels';
import type { SessionStore } from '../../../web/src/lib/session-store';
import { icon } from '../components/icons';
import { browserPush } from '../components/push-card';
import { i18n } from '../i18n';
import { childrenNames, routeHash, routeOf, type NotifyRoute } from '../lib/route';
import './inbox-view';
import './locale-button';
import './settings-view';

/** The signed-in app: school bar with the switcher, the current page, the bottom tabs. */
@customElement('pn-shell')
export class ShellView extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        min-height: 100vh;
        min-height: 100dvh;
        padding-bottom: calc(72px + env(safe-area-inset-bottom));
      }
      header {
        background: var(--pu-primary);
        color: var(--pu-primary-ink);
        padding: max(var(--pu-space-3), env(safe-area-inset-top)) var(--pu-space-4) var(--pu-space-4);
      }
      .bar,
      .context,
      main {
        max-width: 560px;
        margin: 0 auto;
      }
      .bar {
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
      }
      .bar pu-wordmark {
        margin-right: auto;
      }
      .icon-button {
        display: grid;
        place-items: center;
        width: 44px;
        height: 44px;
        border: 1px solid currentColor;
        border-radius: var(--pu-radius-s);
        background: transparent;
        color: inherit;
        cursor: pointer;
      }
      .icon-button:hover,
      pn-locale-button:hover {
        background: rgb(255 255 255 / 12%);
      }
      header :focus-visible {
        outline-color: #fff;
        box-shadow: 0 0 0 5px var(--pu-primary);
      }
      .context {
        margin-top: var(--pu-space-3);
        display: grid;
        gap: var(--pu-space-1);
      }
      .school {
        font-weight: 700;
        font-size: var(--pu-text-l);
        line-height: 1.25;
      }
      .switcher {
        display: flex;
        gap: var(--pu-space-2);
      }
      .switcher select {
        flex: 1;
        min-width: 0;
        min-height: 44px;
        padding: 0 var(--pu-space-3);
        border: 1px solid rgb(255 255 255 / 70%);
        border-radius: var(--pu-radius-s);
        background: rgb(255 255 255 / 14%);
        color: inherit;
        font-weight: 700;
      }
      .switcher option {
        color: var(--pu-ink);
      }
      .switcher .button {
        border-color: #fff;
        background: #fff;
        color: var(--pu-primary);
      }
      .children,
      .switch-status {
        font-size: var(--pu-text-s);
        opacity: 0.95;
      }
      .switch-status:empty {
        display: none;
      }
      main {
        padding: var(--pu-space-4);
      }
      nav {
        position: fixed;
        inset: auto 0 0 0;
        z-index: 10;
        background: var(--pu-surface);
        border-top: 1px solid var(--pu-border);
        box-shadow: 0 -2px 12px rgb(22 27 38 / 8%);
        padding-bottom: env(safe-area-inset-bottom);
      }
      nav ul {
        list-style: none;
        margin: 0 auto;
        padding: 0;
        max-width: 560px;
        display: grid;
        grid-template-columns: 1fr 1fr;
      }
      nav a {
        position: relative;
        display: grid;
        justify-items: center;
        gap: 2px;
        padding: var(--pu-space-2) 0;
        min-height: 60px;
        color: var(--pu-ink-muted);
        text-decoration: none;
        font-size: 0.8rem;
        font-weight: 600;
      }
      nav a[aria-current='page'] {
        color: var(--pu-primary);
      }
      nav a[aria-current='page']::before {
        content: '';
        position: absolute;
        top: 0;
        left: 30%;
        right: 30%;
        height: 3px;
        border-radius: 0 0 3px 3px;
        background: currentColor;
      }
    `,
  ];

  @property({ attribute: false }) session!: SessionStore;
  @property({ attribute: false }) me!: MeDto;

  @state() private _route: NotifyRoute = routeOf(location.hash);
  @state() private _children: FollowedStudentDto[] = [];
  @state() private _pick = '';
  @state() private _switching = false;
  @state() private _switchFailed = false;

  private readonly locale = new LocaleController(this, i18n);
  private readonly onHash = () => (this._route = routeOf(location.hash));

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    const previous = changed.get('me') as MeDto | undefined;
    if (changed.has('me') && previous?.current.school.uai !== this.me.current.school.uai) {
      this._pick = membershipKey({ uai: this.me.current.school.uai, profile: this.me.current.profile });
      void this.loadChildren();
    }
  }

  private async loadChildren(): Promise<void> {
    this._children = [];
    if (this.me.current.profile !== 'guardian') return;
    const uai = this.me.current.school.uai;
    try {
      const children = await api.get<FollowedStudentDto[]>(`/schools/${uai}/absences/students`);
      if (uai === this.me.current.school.uai) this._children = children;
    } catch (err) {
      this.session.expireOn401(err);
    }
  }

  override render() {
    const t = i18n.t;
    const me = this.me;
    const school = me.current.school;
    const currentKey = membershipKey({ uai: school.uai, profile: me.current.profile });
    return html`
      <header>
        <div class="bar">
          <pu-wordmark></pu-wordmark>
          <pn-locale-button></pn-locale-button>
          <button class="icon-button" type="button" aria-label=${t('app.signOut')} title=${t('app.signOut')} @click=${this.onSignOut}>
            ${icon('logout', 20)}
          </button>
        </div>
        <div class="context">
          ${me.memberships.length > 1
            ? html`<form class="switcher" @submit=${this.onSwitch}>
                <label class="visually-hidden" for="switch">${t('switcher.label')}</label>
                <select id="switch" data-testid="school-switcher" ?disabled=${this._switching} @change=${(e: Event) => (this._pick = (e.target as HTMLSelectElement).value)}>
                  ${me.memberships.map((m) => html`<option value=${membershipKey(m)} ?selected=${membershipKey(m) === currentKey}>${m.schoolName}</option>`)}
                </select>
                ${this._pick !== currentKey
                  ? html`<button class="button" type="submit" ?disabled=${this._switching}>${t('switcher.go')}</button>`
                  : nothing}
              </form>`
            : html`<p class="school" data-testid="school-name">${school.name}</p>`}
          ${this._children.length
            ? html`<p class="children" data-testid="children">
                ${t('children.label', { names: childrenNames(this._children, (name, cls) => t('children.class', { name, class: cls })) })}
              </p>`
            : nothing}
          <p class="switch-status" role="status">${this._switching ? t('switcher.switching') : this._switchFailed ? t('switcher.failed') : nothing}</p>
        </div>
      </header>
      <main>
        ${this._route === 'settings'
          ? html`<pn-settings .uai=${school.uai} .session=${this.session}></pn-settings>`
          : html`<pn-inbox .uai=${school.uai} .timeZone=${school.timeZone} .session=${this.session}></pn-inbox>`}
      </main>
      <nav aria-label=${t('nav.label')}>
        <ul>
          ${(['inbox', 'settings'] as const).map(
            (route) => html`<li>
              <a href=${routeHash[route]} aria-current=${this._route === route ? 'page' : 'false'}>
                ${icon(route === 'inbox' ? 'bell' : 'settings', 24)}${t(route === 'inbox' ? 'nav.inbox' : 'nav.settings')}
              </a>
            </li>`,
          )}
        </ul>
      </nav>
    `;
  }

  // a select that switched at every arrow key would change the page under the person (WCAG 3.2.2)
  private async onSwitch(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const target = this.me.memberships.find((m) => membershipKey(m) === this._pick);
    if (!target || this._switching) return;
    this._switching = true;
    this._switchFailed = false;
    try {
      await this.session.switchTo(target.uai, target.profile);
    } catch {
      this._switchFailed = true;
    } finally {
      this._switching = false;
    }
  }

  private async onSignOut(): Promise<void> {
    // a shared phone must not keep ringing for the person who left
    await browserPush.disable().catch(() => undefined);
    await this.session.signOut();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pn-shell': ShellView;
  }
}
