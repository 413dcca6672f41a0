import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { MeDto } from '../../../../server/contracts/auth';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { DEFAULT_BRAND, inkOn, isHexColour } from '../../../shared/brand-colour';
import { initials, membershipKey, profileLabel, sentenceCase, switcherLabels } from '../lib/person-labels';
import { i18n } from '../i18n';
import { icon } from './icons';
import './locale-toggle';
import type { SwitchRequest } from './memberships-card';
import '../../../shared/wordmark';

/** The top bar in the school's colour: Préau, the school (or a switcher), the person, language, sign-out. */
@customElement('pw-app-header')
export class AppHeader extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      header {
        background: var(--pu-brand);
        color: var(--pu-brand-ink);
        /* the focus ring must show on any school colour: drawn in the bar's own text colour */
        --pu-focus: var(--pu-brand-ink);
        --pu-focus-halo: var(--pu-brand);
        border-bottom: 1px solid rgb(0 0 0 / 15%);
      }
      .inner {
        max-width: 1160px;
        margin: 0 auto;
        padding: var(--pu-space-3) var(--pu-space-5);
        display: grid;
        grid-template-columns: auto minmax(0, 1fr) auto auto;
        grid-template-areas: 'brand school person account';
        align-items: center;
        gap: var(--pu-space-3) var(--pu-space-5);
      }
      pu-wordmark {
        grid-area: brand;
      }
      .school {
        grid-area: school;
        min-width: 0;
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        padding-left: var(--pu-space-5);
        border-left: 1px solid currentColor;
      }
      .school-name {
        font-weight: 700;
        font-size: 1.05rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .switcher {
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        min-width: 0;
        max-width: 100%;
      }
      select {
        min-width: 0;
        max-width: 100%;
        min-height: 40px;
        padding: var(--pu-space-1) var(--pu-space-3);
        border: 1px solid currentColor;
        border-radius: var(--pu-radius-s);
        background: transparent;
        color: inherit;
        font-weight: 700;
        cursor: pointer;
      }
      option {
        color: var(--pu-ink);
        background: var(--pu-surface);
      }
      .account {
        grid-area: account;
        display: flex;
        align-items: center;
        gap: var(--pu-space-3);
      }
      .person {
        grid-area: person;
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        min-width: 0;
      }
      .avatar {
        flex: none;
        display: grid;
        place-items: center;
        width: 36px;
        height: 36px;
        border-radius: 50%;
        border: 2px solid currentColor;
        font-weight: 700;
        font-size: var(--pu-text-s);
      }
      .who {
        display: grid;
        line-height: 1.25;
        min-width: 0;
      }
      .who .name {
        font-weight: 700;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .who .profile {
        font-size: var(--pu-text-s);
        white-space: nowrap;
      }
      .button.bar {
        min-height: 40px;
        padding-inline: var(--pu-space-3);
        background: transparent;
        color: inherit;
        border-color: currentColor;
        text-decoration: none;
      }
      .button.bar:hover {
        background: rgb(127 127 127 / 18%);
      }
      .switch-status {
        grid-column: 1 / -1;
        font-size: var(--pu-text-s);
        font-weight: 600;
      }
      .switch-status:empty {
        display: none;
      }
      @media (max-width: 900px) {
        .inner {
          grid-template-columns: minmax(0, 1fr) auto;
          grid-template-areas:
            'brand account'
            'school person';
          padding: var(--pu-space-3) var(--pu-space-4);
        }
        .school {
          padding-left: 0;
          border-left: 0;
        }
        .switcher,
        .school select {
          flex: 1;
        }
      }
      @media (max-width: 640px) {
        .inner {
          grid-template-areas:
            'brand account'
            'school school'
            'person person';
          gap: var(--pu-space-2) var(--pu-space-3);
        }
        .school-name {
          white-space: normal;
        }
        .avatar {
          width: 28px;
          height: 28px;
          font-size: 0.75rem;
        }
        .who {
          display: flex;
          flex-wrap: wrap;
          column-gap: var(--pu-space-2);
        }
        .who .profile::before {
          content: '·';
          margin-right: var(--pu-space-2);
        }
        .short {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0 0 0 0);
          white-space: nowrap;
        }
        .account {
          gap: var(--pu-space-2);
        }
      }
    `,
  ];

  @property({ attribute: false }) me!: MeDto;
  @property({ type: Boolean }) switching = false;
  @property() switchError = '';
  /** The membership picked in the switcher, not yet opened. */
  @state() private _picked = '';

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const t = i18n.t;
    const { me } = this;
    const school = me.current.school;
    const brand = isHexColour(school.branding.color) ? school.branding.color : DEFAULT_BRAND;
    const profile = sentenceCase(profileLabel(me.current.profile, me.current.staffFunction, t));
    const fullName = `${me.firstName} ${me.lastName}`;
    const currentKey = membershipKey({ uai: school.uai, profile: me.current.profile });
    const labels = switcherLabels(me.memberships, t);
    return html`<header style=${styleMap({ '--pu-brand': brand, '--pu-brand-ink': inkOn(brand) })}>
      <div class="inner">
        <pu-wordmark></pu-wordmark>
        <div class="school">
          ${me.memberships.length > 1
            ? html`<form class="switcher" @submit=${this.onSwitch}>
                <label class="visually-hidden" for="switch">${t('header.switchLabel')}</label>
                <select
                  id="switch"
                  ?disabled=${this.switching}
                  data-testid="school-switcher"
                  @change=${(e: Event) => (this._picked = (e.target as HTMLSelectElement).value)}
                >
                  ${me.memberships.map(
                    (m, i) => html`<option value=${membershipKey(m)} .selected=${membershipKey(m) === currentKey}>
                      ${labels[i]}
                    </option>`,
                  )}
                </select>
                ${this._picked && this._picked !== currentKey
                  ? html`<button class="button bar" type="submit" ?disabled=${this.switching}>${t('header.switchGo')}</button>`
                  : nothing}
              </form>`
            : html`<span class="visually-hidden">${t('header.schoolLabel')} :</span>
                <span class="school-name" data-testid="school-name">${school.name}</span>`}
        </div>
        <div class="person" title=${`${fullName} — ${profile}`}>
          <span class="avatar" aria-hidden="true">${initials(me.firstName, me.lastName)}</span>
          <span class="who">
            <span class="name">${fullName}</span>
            <span class="profile" data-testid="profile">${profile}</span>
          </span>
        </div>
        <div class="account">
          <pw-locale-toggle></pw-locale-toggle>
          <a class="button bar" href="/api/me/export" download data-testid="my-data" title=${t('header.myDataHint')}>
            ${icon('download', 18)}<span class="short">${t('header.myData')}</span>
          </a>
          <button class="button bar" type="button" @click=${this.onLogout}>
            ${icon('logout', 18)}<span class="short">${t('header.logout')}</span>
          </button>
        </div>
        <div class="switch-status" role="status">${this.switching
          ? t('header.switching')
          : this.switchError || nothing}</div>
      </div>
    </header>`;
  }

  // opening another school waits for a button press: a select that navigates on change
  // would switch schools at every arrow key (WCAG 3.2.2)
  private onSwitch(e: SubmitEvent): void {
    e.preventDefault();
    const [uai, profile] = this._picked.split('|');
    this._picked = '';
    const detail = { uai, profile } as SwitchRequest;
    this.dispatchEvent(new CustomEvent<SwitchRequest>('pw-switch', { detail, bubbles: true, composed: true }));
  }

  private onLogout(): void {
    this.dispatchEvent(new CustomEvent('pw-logout', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-app-header': AppHeader;
  }
}
