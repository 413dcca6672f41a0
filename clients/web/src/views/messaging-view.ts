import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { describeMessagingError } from '../lib/messaging-errors';
import type { MessagingFlash, MessagingStore } from '../lib/messaging-store';
import type { MessagingLabelContext } from '../lib/messaging-labels';
import { i18n } from '../i18n';
import { reportSessionLoss } from './session-loss';
import { StoreView } from './store-view';

/** The messagerie pages: a store view with the labels' context, the API path and the way they tell outcomes. */
export abstract class MessagingView extends StoreView<MessagingStore> {
  protected ctx(now = new Date()): MessagingLabelContext {
    return { t: i18n.t, locale: i18n.locale, timeZone: this.timeZone, now };
  }

  /** The messagerie's path in the API: `/schools/<uai>/messaging`. */
  get base(): string {
    return this.store.base;
  }

  /** A failed call in words the person can act on; a lost session is reported to the shell first. */
  protected failure(err: unknown): string {
    reportSessionLoss(this, err);
    return describeMessagingError(err, i18n.t);
  }

  /** A flash the store carried over (a send, a cancelled send) or the page's own, with its notes. */
  protected flashNotice(f: MessagingFlash | null, testId?: string) {
    if (!f) return nothing;
    return html`<div class="notice ${f.kind}" tabindex="-1" data-testid=${testId ?? nothing}>
      <p>${f.text}</p>
      ${f.notes?.length ? html`<ul>${f.notes.map((n) => html`<li>${n}</li>`)}</ul>` : nothing}
    </div>`;
  }

  /** What the page has just said in its flash region, focused so that it is read. */
  protected async focusFlash(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.flash .notice')?.focus();
  }
}

/** A tool page (lists, safety) that does one thing at a time and says how it went in its flash region. */
export abstract class MessagingToolView extends MessagingView {
  @state() protected _busy = false;
  @state() protected _flash: { kind: 'success' | 'warning'; text: string } | null = null;

  protected renderFlash() {
    return html`<div class="flash" role="status">${this._flash ? html`<p class="notice ${this._flash.kind}" tabindex="-1">${this._flash.text}</p>` : nothing}</div>`;
  }

  /** Runs `call` unless another one is running; what it returns, or why it failed, goes to the flash. True when it succeeded. */
  protected async act(call: () => Promise<string>): Promise<boolean> {
    if (this._busy) return false;
    this._busy = true;
    let ok = false;
    try {
      this._flash = { kind: 'success', text: await call() };
      ok = true;
    } catch (err) {
      this._flash = { kind: 'warning', text: this.failure(err) };
    } finally {
      this._busy = false;
    }
    await this.focusFlash();
    return ok;
  }
}
