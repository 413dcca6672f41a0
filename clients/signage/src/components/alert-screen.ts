import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AlertDto } from '../../../../server/contracts/signage';
import { i18n, t } from '../i18n';
import type { AlertPhase } from '../lib/alert-phase';
import { clockText } from '../lib/school-time';
import { kioskTokens } from './kiosk-styles';

const ICONS = {
  // a house with its door shut: stay inside
  shelter: svg`<path d="M6 30 32 8l26 22" /><path d="M12 25v31h40V25" /><rect x="25" y="36" width="14" height="20" /><circle cx="35" cy="46" r="1.6" fill="currentColor" />`,
  // out through the door, away from the building
  evacuate: svg`<path d="M10 8h26v48H10z" /><path d="M36 32h20M48 23l9 9-9 9" />`,
  allclear: svg`<circle cx="32" cy="32" r="24" /><path d="M21 33l8 8 15-17" />`,
};

/**
 * A PPMS alert over the whole screen: what to do in one word (« CONFINEMENT », « ÉVACUATION »),
 * the headline and instruction as direction wrote them, when it was given; a drill or a test
 * says so in bands no one can miss. « Fin d'alerte » in green after an all clear.
 */
@customElement('ps-alert')
export class AlertScreen extends LitElement {
  static override styles = [
    kioskTokens,
    css`
      :host {
        position: fixed;
        inset: 0;
        z-index: 10;
        display: block;
      }
      .alert {
        height: 100%;
        display: flex;
        flex-direction: column;
        color: #fff;
      }
      .shelter {
        background: #a3001b;
      }
      .evacuate {
        background: #9c3a00;
      }
      .allclear {
        background: #0a6630;
      }
      .band {
        flex: none;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: center;
        gap: calc(0.6 * var(--u)) calc(4 * var(--u));
        min-height: calc(14 * var(--u));
        padding: calc(1.4 * var(--u)) calc(4 * var(--u));
        text-align: center;
        background: #ffd400;
        color: #000;
        font-weight: 900;
        text-transform: uppercase;
      }
      .band strong {
        font-size: calc(10 * var(--u));
        letter-spacing: 0.14em;
        line-height: 1;
      }
      .band span {
        font-size: calc(3.2 * var(--u));
        letter-spacing: 0.02em;
        max-width: 30ch;
        line-height: 1.1;
      }
      .band.test {
        background: #fff;
      }
      .main {
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        text-align: center;
        gap: calc(2.4 * var(--u));
        padding: calc(3 * var(--u)) calc(6 * var(--u));
      }
      svg {
        width: calc(16 * var(--u));
        height: calc(16 * var(--u));
        fill: none;
        stroke: currentColor;
        stroke-width: 4;
        stroke-linecap: round;
        stroke-linejoin: round;
      }
      /* the longest word (« FIN D’ALERTE ») still fits across a portrait screen */
      .kind {
        font-size: min(calc(13 * var(--u)), 9vw);
        font-weight: 900;
        line-height: 1;
        text-transform: uppercase;
        letter-spacing: 0.04em;
      }
      h1 {
        font-size: calc(6.4 * var(--u));
        font-weight: 800;
        line-height: 1.12;
        max-width: 36ch;
      }
      .instruction {
        font-size: calc(4.6 * var(--u));
        font-weight: 600;
        line-height: 1.3;
        max-width: 44ch;
        white-space: pre-line;
      }
      footer {
        flex: none;
        display: flex;
        justify-content: space-between;
        gap: calc(3 * var(--u));
        padding: calc(2 * var(--u)) calc(4 * var(--u));
        font-size: calc(3 * var(--u));
        font-weight: 700;
        background: rgb(0 0 0 / 28%);
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @property({ attribute: false }) phase!: AlertPhase;
  @property() timeZone = 'Europe/Paris';
  @property() schoolName = '';

  override render() {
    const { kind, alert } = this.phase;
    const response = kind === 'all_clear' ? 'allclear' : alert.responseType === 'evacuate' ? 'evacuate' : 'shelter';
    const band = this.band(alert);
    return html`<div
      class="alert ${response}"
      role="alert"
      aria-live="assertive"
      data-testid="alert"
      data-alert-id=${alert.id}
      data-phase=${kind}
      data-status=${alert.status}
    >
      ${band}
      <div class="main">
        <svg viewBox="0 0 64 64" aria-hidden="true">${ICONS[response]}</svg>
        <p class="kind">${t(`alert.${response}`)}</p>
        ${kind === 'all_clear'
          ? html`<p class="instruction">${t('alert.allClearNote')}</p>`
          : html`<h1>${alert.headline}</h1>
              <p class="instruction">${alert.instruction}</p>`}
      </div>
      <footer>
        <span>${this.when(alert, kind === 'all_clear')}</span>
        <span>${this.schoolName}</span>
      </footer>
      ${band}
    </div>`;
  }

  private band(alert: AlertDto) {
    if (alert.status === 'actual') return nothing;
    const exercise = alert.status === 'exercise';
    return html`<div class="band ${alert.status}">
      <strong>${t(exercise ? 'alert.band.exercise' : 'alert.band.test')}</strong>
      <span>${t(exercise ? 'alert.band.exerciseNote' : 'alert.band.testNote')}</span>
    </div>`;
  }

  private when(alert: AlertDto, ended: boolean): string {
    const at = (iso: string) => clockText(Date.parse(iso), this.timeZone, i18n.locale);
    if (ended) return t('alert.allClearAt', { time: at(alert.endedAt ?? alert.updatedAt) });
    const sent = t('alert.sentAt', { time: at(alert.sentAt) });
    return alert.updatedAt !== alert.sentAt && at(alert.updatedAt) !== at(alert.sentAt) ? `${sent}, ${t('alert.updatedAt', { time: at(alert.updatedAt) })}` : sent;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-alert': AlertScreen;
  }
}
