import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { i18n } from '../i18n';

/** Switches French / English; the button names the other language in that language. */
@customElement('pn-locale-button')
export class LocaleButton extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: inline-block;
        color: inherit;
      }
      .button {
        min-height: 40px;
        padding-inline: var(--pu-space-3);
        border-color: currentColor;
        background: transparent;
        color: inherit;
      }
      .button:hover {
        background: rgb(127 127 127 / 15%);
      }
    `,
  ];

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const other = i18n.locale === 'fr' ? 'en' : 'fr';
    return html`<button class="button" type="button" lang=${other} aria-label=${i18n.t('locale.otherLabel')} @click=${() => i18n.setLocale(other)}>
      ${i18n.t('locale.other')}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pn-locale-button': LocaleButton;
  }
}
