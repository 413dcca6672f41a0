import type { LabelContext } from '../lib/absence-labels';
import type { AbsencesStore } from '../lib/absences-store';
import { i18n } from '../i18n';
import { StoreView } from './store-view';

/**
 * The absences pages (roll call, dashboard, family absences, justifications, teacher absences):
 * a store view with the flash region they focus, the labels' context and the school's API path.
 */
export abstract class AbsencesPage extends StoreView<AbsencesStore> {
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
