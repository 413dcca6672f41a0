import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ScreenSnapshotDto } from '../../../../server/contracts/signage';
import { inkOn, isHexColour, DEFAULT_BRAND } from '../../../shared/brand-colour';
import { i18n, t } from '../i18n';
import { capitalised, clockText, dateText } from '../lib/school-time';
import { kioskTokens } from './kiosk-styles';
import './stale-badge';

/** The band across the top: the school's name, logo and colour, its date and clock. */
@customElement('ps-school-header')
export class SchoolHeader extends LitElement {
  static override styles = [
    kioskTokens,
    css`
      :host {
        display: block;
      }
      header {
        display: grid;
        grid-template-columns: auto 1fr auto;
        align-items: center;
        gap: calc(2.4 * var(--u));
        padding: calc(1.6 * var(--u) + var(--bleed, 0px)) calc(3 * var(--u) + var(--bleed, 0px)) calc(1.6 * var(--u));
        background: var(--brand);
        color: var(--brand-ink);
      }
      .logo {
        height: calc(8 * var(--u));
        max-width: calc(22 * var(--u));
        object-fit: contain;
        border-radius: calc(0.8 * var(--u));
        background: #fff;
        padding: calc(0.6 * var(--u));
      }
      .middle {
        min-width: 0;
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: calc(2 * var(--u));
      }
      ps-stale-badge {
        flex: none;
      }
      .name {
        min-width: 0;
        font-size: calc(4.4 * var(--u));
        font-weight: 800;
        line-height: 1.1;
        letter-spacing: -0.01em;
        overflow: hidden;
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
      }
      .when {
        display: flex;
        align-items: baseline;
        gap: calc(2.4 * var(--u));
        white-space: nowrap;
      }
      .date {
        font-size: calc(3.4 * var(--u));
        font-weight: 600;
      }
      time {
        font-size: calc(7.2 * var(--u));
        font-weight: 800;
        line-height: 1;
        font-variant-numeric: tabular-nums;
        letter-spacing: -0.02em;
      }
      /* portrait: the name takes the first row, date and clock the second */
      :host([layout='portrait']) header {
        grid-template-columns: auto 1fr;
        row-gap: calc(1 * var(--u));
      }
      :host([layout='portrait']) .when {
        grid-column: 1 / -1;
        justify-content: space-between;
      }
      :host([layout='portrait']) time {
        font-size: calc(8 * var(--u));
      }
    `,
  ];

  @property({ attribute: false }) school!: ScreenSnapshotDto['school'];
  @property({ type: Number }) now = 0;
  @property({ reflect: true }) layout: 'landscape' | 'portrait' = 'landscape';
  /** Off when the body shows a big clock already. */
  @property({ type: Boolean }) clock = true;
  /** Hub time of the data shown when it is stale: the badge sits in the header, clear of the content. */
  @property({ attribute: false }) staleAt: number | null = null;
  @state() private _logoFailed = false;
  private logoUrl: string | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('school')) return;
    // schools pick any colour: the text is whichever of black or white reads on it
    const brand = isHexColour(this.school.color) ? this.school.color : DEFAULT_BRAND;
    this.style.setProperty('--brand', brand);
    this.style.setProperty('--brand-ink', inkOn(brand));
    if (this.school.logoUrl !== this.logoUrl) {
      this.logoUrl = this.school.logoUrl;
      this._logoFailed = false;
    }
  }

  override render() {
    const s = this.school;
    const locale = i18n.locale;
    return html`<header>
      ${s.logoUrl && !this._logoFailed
        ? html`<img class="logo" src=${s.logoUrl} alt="" @error=${() => (this._logoFailed = true)} />`
        : html`<span></span>`}
      <div class="middle">
        <h1 class="name">${s.name}</h1>
        ${this.staleAt !== null ? html`<ps-stale-badge .since=${this.staleAt} timeZone=${s.timeZone}></ps-stale-badge>` : nothing}
      </div>
      ${this.clock
        ? html`<div class="when">
            <span class="date">${capitalised(dateText(this.now, s.timeZone, locale))}</span>
            <time data-testid="clock" datetime=${new Date(this.now).toISOString()} aria-label=${t('clock.label')}>${clockText(this.now, s.timeZone, locale)}</time>
          </div>`
        : nothing}
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-school-header': SchoolHeader;
  }
}
