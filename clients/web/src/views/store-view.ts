import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { i18n } from '../i18n';

/**
 * What the pages of a domain with a store of its own (absences, messagerie) have in common: the
 * store and the school's time zone the shell gives them, the store subscriptions they drop on
 * leaving, and the heading the shell focuses.
 */
export abstract class StoreView<Store> extends LitElement {
  @property({ attribute: false }) store!: Store;
  @property() timeZone = 'Europe/Paris';

  private readonly locale = new LocaleController(this, i18n);
  /** Undone when the page leaves the document: what `store.onEvent`, `store.onResync`… returned. */
  protected unsubscribe: Array<() => void> = [];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe.forEach((u) => u());
    this.unsubscribe = [];
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }
}
