import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import type { LabelContext } from '../lib/absence-labels';
import type { AbsencesStore } from '../lib/absences-store';
import { i18n } from '../i18n';

/**
 * What the absences pages (roll call, dashboard, family absences, justifications, teacher
 * absences) have in common: the store and the school's time zone the shell gives them, the
 * store subscriptions they drop on leaving, the heading the shell focuses and the labels' context.
 */
export abstract class AbsencesPage extends LitElement {
  @property({ attribute: false }) store!: AbsencesStore;
  @property() timeZone = 'Europe/Paris';

  private readonly locale = new LocaleController(this, i18n);
  /** Undone when the page leaves the document: what `store.onEvent`, `store.onResync`… returned. */
  protected unsubscribe: Array<() => void> = [];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe.forEach((u) => u());
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** What the page has just said in its flash region (« Justificatif envoyé »…), focused so that it is read. */
  protected async focusFlash(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.flash p')?.focus();
  }

  protected get ctx(): LabelContext {
    return { t: i18n.t, locale: i18n.locale, timeZone: this.timeZone };
  }

  /** The school's path in the API: `/schools/<uai>`. */
  get schoolPath(): string {
    return `/schools/${encodeURIComponent(this.store.uai)}`;
  }
}
