import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { adoptDocumentStyles, base, pageStyles, tokens } from '../../shared/styles';
import '../../shared/wordmark';
import { i18n } from './i18n';

// until a screen is paired it does not know its school: the hub's own time zone is France's
const TIME_ZONE = 'Europe/Paris';

/** A kiosk screen not yet paired to a school: a large clock and what to do next. */
@customElement('ps-app')
export class SignageApp extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        position: fixed;
        inset: 0;
        display: grid;
        grid-template-rows: auto 1fr auto;
        padding: 4vmin 5vmin;
        background: radial-gradient(ellipse at 50% 30%, #1a2340 0%, #0b0f1a 70%);
        color: #f4f6fb;
        overflow: hidden;
        cursor: none;
        user-select: none;
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 2vmin;
        font-size: clamp(1rem, 2.4vmin, 2rem);
      }
      pu-wordmark {
        font-size: clamp(1.4rem, 3.6vmin, 3rem);
      }
      .label {
        color: #b8c0d6;
        font-weight: 600;
      }
      .middle {
        display: grid;
        place-content: center;
        justify-items: center;
        text-align: center;
        gap: 3vmin;
      }
      time {
        font-size: clamp(4rem, 24vmin, 22rem);
        font-weight: 700;
        line-height: 1;
        letter-spacing: -0.03em;
        font-variant-numeric: tabular-nums;
      }
      .date {
        font-size: clamp(1.2rem, 4.2vmin, 3.5rem);
        color: #d7dcea;
      }
      .date::first-letter {
        text-transform: uppercase;
      }
      h1 {
        margin-top: 3vmin;
        font-size: clamp(1.3rem, 4.6vmin, 3.8rem);
        font-weight: 700;
        max-width: 30ch;
      }
      .instructions {
        font-size: clamp(1rem, 2.8vmin, 2.2rem);
        color: #b8c0d6;
        max-width: 48ch;
      }
      .waiting {
        display: inline-flex;
        align-items: center;
        gap: 1.5vmin;
        padding: 1vmin 2.5vmin;
        border: 1px solid #3b4566;
        border-radius: 999px;
        font-size: clamp(0.9rem, 2.2vmin, 1.8rem);
        color: #ffd27a;
      }
      .dot {
        width: 1.6vmin;
        height: 1.6vmin;
        min-width: 10px;
        min-height: 10px;
        border-radius: 50%;
        background: currentColor;
        animation: pulse 2s ease-in-out infinite;
      }
      @keyframes pulse {
        50% {
          opacity: 0.2;
        }
      }
      footer {
        text-align: center;
        font-size: clamp(0.85rem, 1.9vmin, 1.5rem);
        color: #8f98b3;
      }
    `,
  ];

  @state() private _now = new Date();
  private timer?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => (this._now = new Date()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override render() {
    const lang = i18n.locale === 'fr' ? 'fr-FR' : 'en-GB';
    const clock = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(this._now);
    const date = new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: TIME_ZONE }).format(this._now);
    return html`
      <div class="top">
        <pu-wordmark></pu-wordmark>
        <span class="label">${i18n.t('screen.label')}</span>
      </div>
      <main class="middle">
        <time datetime=${this._now.toISOString()} aria-label=${i18n.t('clock.label')}>${clock}</time>
        <div class="date">${date}</div>
        <h1>${i18n.t('screen.title')}</h1>
        <p class="instructions">${i18n.t('screen.instructions')}</p>
        <span class="waiting"><span class="dot" aria-hidden="true"></span>${i18n.t('screen.waiting')}</span>
      </main>
      <footer>${i18n.t('screen.privacy')}</footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-app': SignageApp;
  }
}

adoptDocumentStyles(tokens, pageStyles);
document.title = i18n.t('screen.label') + ' — Préau';
document.body.append(document.createElement('ps-app'));
