import { LitElement, css, html, svg, type SVGTemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../../shared/i18n';
import { adoptDocumentStyles, base, pageStyles, tokens } from '../../shared/styles';
import '../../shared/wordmark';
import { i18n } from './i18n';

const drawings: Record<'absence' | 'message' | 'alert', SVGTemplateResult> = {
  absence: svg`<rect x="3.5" y="5" width="17" height="15" rx="2"/><path d="M3.5 10h17M8 3v4M16 3v4M9.5 13.5l5 4M14.5 13.5l-5 4"/>`,
  message: svg`<path d="M4 5h16v11H9l-5 4V5Z"/><path d="M8 9.5h8M8 12.5h5"/>`,
  alert: svg`<path d="M12 3.5 2.5 20h19L12 3.5Z"/><path d="M12 10v4.5M12 17.3v.01"/>`,
};

const featureIcon = (name: keyof typeof drawings) =>
  html`<svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${drawings[name]}</svg>`;

/** The family notifications app before sign-in: what it brings, and the way in. */
@customElement('pn-app')
export class NotifyApp extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: linear-gradient(180deg, var(--pu-primary-soft) 0, var(--pu-canvas) 320px);
      }
      .page {
        max-width: 520px;
        margin: 0 auto;
        padding: var(--pu-space-4) var(--pu-space-4) var(--pu-space-6);
        display: grid;
        gap: var(--pu-space-5);
      }
      .content {
        display: grid;
        gap: var(--pu-space-5);
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: center;
      }
      pu-wordmark {
        color: var(--pu-primary);
      }
      .lang {
        min-height: 40px;
        padding-inline: var(--pu-space-3);
        background: transparent;
      }
      h1 {
        font-size: clamp(1.5rem, 6vw, var(--pu-text-xl));
        line-height: 1.2;
      }
      .intro {
        margin-top: var(--pu-space-2);
        color: var(--pu-ink-muted);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-3);
      }
      li {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: var(--pu-space-3);
        padding: var(--pu-space-4);
      }
      .bubble {
        display: grid;
        place-items: center;
        width: 44px;
        height: 44px;
        border-radius: 50%;
        color: var(--pu-primary);
        background: var(--pu-primary-soft);
      }
      .bubble.alert {
        color: var(--pu-danger);
        background: var(--pu-danger-soft);
      }
      li strong {
        display: block;
      }
      li p {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      .cta {
        display: grid;
        gap: var(--pu-space-2);
      }
      .cta .button {
        width: 100%;
        font-size: 1.05rem;
      }
      .hint,
      .quiet {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      .quiet {
        padding-top: var(--pu-space-4);
        border-top: 1px solid var(--pu-border);
      }
    `,
  ];

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const t = i18n.t;
    const other = i18n.locale === 'fr' ? 'en' : 'fr';
    const features = [
      ['absence', t('feature.absence.title'), t('feature.absence.text')],
      ['message', t('feature.message.title'), t('feature.message.text')],
      ['alert', t('feature.alert.title'), t('feature.alert.text')],
    ] as const;
    return html`<div class="page">
      <div class="top">
        <pu-wordmark></pu-wordmark>
        <button class="button lang" type="button" lang=${other} aria-label=${t('locale.otherLabel')} @click=${() => i18n.setLocale(other)}>
          ${t('locale.other')}
        </button>
      </div>
      <main class="content">
        <div>
          <h1>${t('page.title')}</h1>
          <p class="intro">${t('page.intro')}</p>
        </div>
        <ul>
          ${features.map(
            ([name, title, text]) => html`<li class="card">
              <span class="bubble ${name}">${featureIcon(name)}</span>
              <div><strong>${title}</strong><p>${text}</p></div>
            </li>`,
          )}
        </ul>
        <div class="cta">
          <a class="button primary" href="/">${t('signIn')}</a>
          <p class="hint">${t('signIn.hint')}</p>
        </div>
        <p class="quiet">${t('quietHours')}</p>
      </main>
    </div>`;
  }

  override updated(): void {
    document.title = i18n.t('page.title');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pn-app': NotifyApp;
  }
}

adoptDocumentStyles(tokens, pageStyles);
document.body.append(document.createElement('pn-app'));
