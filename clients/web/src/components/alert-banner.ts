import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AlertDto } from '../../../../server/contracts/signage';
import { ClockController } from '../../../shared/clock-controller';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { clockTime } from '../lib/absence-labels';
import { hubClock } from '../lib/hub-clock';
import { routeHref } from '../lib/routes';
import { isAlertLive } from '../lib/signage-live';
import { alertBannerText } from '../lib/signage-labels';
import { i18n } from '../i18n';
import { icon } from './icons';
import { signageStyles } from './signage-styles';

/**
 * The PPMS alert across the top of every page for teachers and staff while it lasts
 * (« EXERCICE — Confinement : … » and what to do), announced at once to screen readers; then,
 * once it ended, a quieter notice that the danger is over, until dismissed.
 */
@customElement('pw-alert-banner')
export class AlertBanner extends LitElement {
  static override styles = [
    base,
    signageStyles,
    css`
      :host {
        display: block;
      }
      .banner {
        background: var(--alert-bg);
        color: var(--alert-ink);
        /* the focus ring shows on the banner's own colours */
        --pu-focus: var(--alert-ink);
        --pu-focus-halo: var(--alert-bg);
        border-bottom: 4px solid rgb(0 0 0 / 35%);
      }
      .inner {
        max-width: 1160px;
        margin: 0 auto;
        padding: var(--pu-space-3) var(--pu-space-5);
        display: grid;
        grid-template-columns: auto minmax(0, 1fr) auto;
        align-items: center;
        gap: var(--pu-space-2) var(--pu-space-4);
      }
      .text {
        display: grid;
        gap: 2px;
        overflow-wrap: anywhere;
      }
      .line {
        font-size: 1.2rem;
        font-weight: 800;
        line-height: 1.3;
      }
      .instruction {
        font-weight: 600;
      }
      .since {
        font-size: var(--pu-text-s);
      }
      a.follow,
      button {
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-2);
        min-height: 44px;
        padding: var(--pu-space-2) var(--pu-space-4);
        border: 2px solid currentColor;
        border-radius: var(--pu-radius-s);
        background: transparent;
        color: inherit;
        font: inherit;
        font-weight: 700;
        text-decoration: none;
        white-space: nowrap;
        cursor: pointer;
      }
      a.follow:hover,
      button:hover {
        background: rgb(255 255 255 / 15%);
      }
      .ended {
        background: var(--pu-success-soft);
        color: var(--pu-success);
        --pu-focus: var(--pu-success);
        --pu-focus-halo: var(--pu-success-soft);
        border-bottom: 1px solid var(--pu-success);
      }
      .ended.cancelled {
        background: var(--pu-surface-sunken);
        color: var(--pu-ink);
        --pu-focus: var(--pu-ink);
        border-bottom-color: var(--pu-border-strong);
      }
      .ended .line {
        font-size: 1rem;
      }
      @media (max-width: 640px) {
        .inner {
          grid-template-columns: auto minmax(0, 1fr);
          padding: var(--pu-space-3);
        }
        a.follow,
        button {
          grid-column: 1 / -1;
          justify-self: start;
        }
      }
      @media (forced-colors: active) {
        .banner {
          border: 4px solid CanvasText;
        }
      }
    `,
  ];

  @property({ attribute: false }) alert: AlertDto | null = null;
  /** The alert that just ended, for the notice that the danger is over. */
  @property({ attribute: false }) ended: AlertDto | null = null;
  @property() timeZone = 'Europe/Paris';
  /** Direction and admins get a link to the alert page. */
  @property({ type: Boolean }) follow = false;

  private readonly locale = new LocaleController(this, i18n);
  // an alert past its expiry leaves the page by itself
  private readonly clock = new ClockController(this, 15_000);

  override render() {
    void this.clock;
    const now = hubClock.now();
    if (this.alert && isAlertLive(this.alert, now)) return this.renderLive(this.alert);
    if (this.ended) return this.renderEnded(this.ended);
    return nothing;
  }

  private renderLive(alert: AlertDto) {
    const t = i18n.t;
    const ctx = { locale: i18n.locale, timeZone: this.timeZone };
    return html`<section class="banner kind-${alert.status}" aria-label=${t('alert.banner.label')}>
      <div class="inner" role="alert" data-testid="alert-banner" data-status=${alert.status} data-alert=${alert.id}>
        ${icon('alert', 32)}
        <div class="text">
          <p class="line">${alertBannerText(alert, t)}</p>
          <p class="instruction">${alert.instruction}</p>
          <p class="since">${t('alert.banner.since', { time: clockTime(alert.sentAt, ctx) })}</p>
        </div>
        ${this.follow ? html`<a class="follow" href=${routeHref({ name: 'alert' })}>${t('alert.banner.follow')}</a>` : nothing}
      </div>
    </section>`;
  }

  private renderEnded(alert: AlertDto) {
    const t = i18n.t;
    const time = clockTime(alert.endedAt ?? alert.updatedAt, { locale: i18n.locale, timeZone: this.timeZone });
    const cancelled = alert.endKind === 'cancel';
    return html`<section class="banner ended ${cancelled ? 'cancelled' : ''}" aria-label=${t('alert.banner.label')}>
      <div class="inner" role="status" data-testid="alert-ended" data-kind=${alert.endKind ?? ''}>
        ${icon(cancelled ? 'x' : 'check', 28)}
        <p class="line">${cancelled ? t('alert.banner.cancelled', { time }) : t(`alert.banner.ended.${alert.status}`, { time })}</p>
        <button type="button" @click=${this.dismiss}>${icon('x', 16)}${t('alert.banner.dismiss')}</button>
      </div>
    </section>`;
  }

  private dismiss(): void {
    this.dispatchEvent(new CustomEvent('pw-dismiss-ended', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-alert-banner': AlertBanner;
  }
}
