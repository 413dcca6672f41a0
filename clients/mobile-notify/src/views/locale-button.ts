import { customElement } from 'lit/decorators.js';
import { LocaleToggleBase } from '../../../shared/locale-toggle';
import { i18n } from '../i18n';

/** Switches French / English; the button names the other language in that language. */
@customElement('pn-locale-button')
export class LocaleButton extends LocaleToggleBase {
  constructor() {
    super(i18n);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pn-locale-button': LocaleButton;
  }
}
