import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import type { MessagingLabelContext } from '../lib/messaging-labels';
import type { MessagingStore } from '../lib/messaging-store';
import { i18n } from '../i18n';

/**
 * What the messagerie pages have in common: the store and the school's time zone the shell
 * gives them, the store subscriptions they drop on leaving, the heading the shell focuses and
 * the labels' context.
 */
export abstract class MessagingView extends LitElement {
  @property({ attribute: false }) store!: MessagingStore;
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

  protected ctx(now = new Date()): MessagingLabelContext {
    return { t: i18n.t, locale: i18n.locale, timeZone: this.timeZone, now };
  }

  /** The messagerie's path in the API: `/schools/<uai>/messaging`. */
  get base(): string {
    return this.store.base;
  }
}
