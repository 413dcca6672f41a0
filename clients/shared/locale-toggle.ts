import { LitElement, css, html, type TemplateResult } from 'lit';
import { LocaleController, type I18n, type Locale } from './i18n';
import { base } from './styles';

/**
 * Switches between French and English; the button names the other language in that language.
 * Each client subclasses it with its own translator (and may draw the label its own way).
 */
export abstract class LocaleToggleBase extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: inline-block;
        /* sits on the sign-in page and on the school-coloured bar: takes the colour around it */
        color: inherit;
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

  constructor(protected readonly i18n: I18n<'locale.other' | 'locale.otherLabel'>) {
    super();
    new LocaleController(this, i18n);
  }

  /** What the button shows: the other language's name. */
  protected label(_other: Locale): TemplateResult | string {
    return this.i18n.t('locale.other');
  }

  override render() {
    const other = this.i18n.locale === 'fr' ? 'en' : 'fr';
    return html`<button class="button" type="button" lang=${other} aria-label=${this.i18n.t('locale.otherLabel')} @click=${() => this.i18n.setLocale(other)}>
      ${this.label(other)}
    </button>`;
  }
}
