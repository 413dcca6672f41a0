import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { Locale } from '../../../shared/i18n';
import { LocaleToggleBase } from '../../../shared/locale-toggle';
import { i18n } from '../i18n';
import { icon } from './icons';

/** The locale switch of the web client: a globe, and the language's code alone on narrow screens. */
@customElement('pw-locale-toggle')
export class LocaleToggle extends LocaleToggleBase {
  static override styles = [
    ...LocaleToggleBase.styles,
    css`
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
    `,
  ];

  constructor() {
    super(i18n);
  }

  protected override label(other: Locale) {
    return html`${icon('globe', 18)}<span class="long">${i18n.t('locale.other')}</span><span class="short">${other.toUpperCase()}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-locale-toggle': LocaleToggle;
  }
}
