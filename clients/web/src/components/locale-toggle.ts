import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { i18n } from '../i18n';
import { icon } from './icons';

/** Switches between French and English; the button names the other language in that language. */
@customElement('pw-locale-toggle')
export class LocaleToggle extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: inline-block;
        /* sits on the sign-in page and on the school-coloured bar: takes the colour around it */
        color: inherit;
      }
      .short {
        display: none;
      }
      @media (max-width: 640px) {
        .long {
          display: none;
        }
        .short {
          display: inline;
        }
      }
      .button {
        border-color: currentColor;
        background: transparent;
        color: inherit;
        min-height: 40px;
        padding-inline: var(--pu-space-3);
      }
      .button:hover {
        background: rgb(127 127 127 / 15%);
      }
    `,
  ];

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const other = i18n.locale === 'fr' ? 'en' : 'fr';
    return html`<button
      class="button"
      type="button"
      lang=${other}
      aria-label=${i18n.t('locale.otherLabel')}
      @click=${() => i18n.setLocale(other)}
    >
      ${icon('globe', 18)}<span class="long">${i18n.t('locale.other')}</span><span class="short">${other.toUpperCase()}</span>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-locale-toggle': LocaleToggle;
  }
}
