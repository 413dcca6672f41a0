import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Profile } from '../../../../server/contracts/profiles';
import type { LabelContext } from '../lib/absence-labels';
import { hubClock } from '../lib/hub-clock';
import type { TimeContext } from '../lib/format-time';
import { describeSignageError, type SignageAction } from '../lib/signage-errors';
import type { SignageStore } from '../lib/signage-store';
import { i18n } from '../i18n';
import { reportSessionLoss } from './session-loss';
import { StoreView } from './store-view';

/** What a page has just done, or why it could not. */
export interface SignageFlash {
  kind: 'success' | 'warning' | 'error';
  text: string;
}

/**
 * The screens and alert pages: a store view with the profile whose rights it shows, the API
 * path, the labels' and times' contexts, and the flash region where it says how an action went.
 */
export abstract class SignagePage extends StoreView<SignageStore> {
  @property() profile: Profile = 'teacher';

  @state() protected _flash: SignageFlash | null = null;

  /** The school's path in the API: `/schools/<uai>`. */
  get schoolPath(): string {
    return this.store.schoolPath;
  }

  protected get labels(): LabelContext {
    return { t: i18n.t, locale: i18n.locale, timeZone: this.timeZone };
  }

  /** The school's time, for « vu il y a 2 min » against the hub's own timestamps. */
  protected timeContext(): TimeContext {
    return { t: i18n.t, locale: i18n.locale, timeZone: this.timeZone, now: hubClock.now() };
  }

  /** A failed call in words the person can act on; a lost session is reported to the shell first. */
  protected failure(err: unknown, action: SignageAction): string {
    reportSessionLoss(this, err);
    return describeSignageError(err, action, i18n.t);
  }

  protected renderFlash() {
    const f = this._flash;
    // the refusal is announced at once, what went well politely; both regions stay in the page
    const notice = (shown: boolean) => (f && shown ? html`<p class="notice ${f.kind}" tabindex="-1" data-testid="signage-flash">${f.text}</p>` : nothing);
    return html`<div class="flash" role="alert">${notice(f?.kind === 'error')}</div>
      <div class="flash" role="status">${notice(f?.kind !== 'error')}</div>`;
  }

  /** Says `flash` in the page's flash region and moves focus there, so that it is read. */
  protected async say(flash: SignageFlash | null): Promise<void> {
    this._flash = flash;
    if (!flash) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.flash .notice')?.focus();
  }
}
