import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { base } from '../../../shared/styles';
import { newsStyles } from './news-styles';

export interface ConfirmRequest {
  title: string;
  text: string;
  confirm: string;
  cancel: string;
  /** Lines read before deciding (what an alert will show), in a framed list under the text. */
  details?: string[];
}

/**
 * A yes/no question in a native modal <dialog>: the browser traps focus, closes on Escape and
 * hides the page behind from screen readers; focus starts on the harmless choice.
 */
@customElement('pw-confirm-dialog')
export class ConfirmDialog extends LitElement {
  static override styles = [
    base,
    newsStyles,
    css`
      dialog {
        width: min(92vw, 460px);
        padding: var(--pu-space-5);
        border: 0;
        border-radius: var(--pu-radius-l);
        box-shadow: 0 12px 48px rgb(22 27 38 / 30%);
        color: var(--pu-ink);
      }
      dialog::backdrop {
        background: rgb(22 27 38 / 50%);
      }
      h2 {
        font-size: var(--pu-text-l);
      }
      p {
        margin-top: var(--pu-space-3);
        color: var(--pu-ink-muted);
      }
      ul {
        margin: var(--pu-space-3) 0 0;
        padding: var(--pu-space-3) var(--pu-space-4);
        list-style: none;
        display: grid;
        gap: var(--pu-space-1);
        border-left: 4px solid var(--pu-danger);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
        overflow-wrap: anywhere;
      }
      li:first-child {
        font-weight: 700;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: var(--pu-space-2);
        margin-top: var(--pu-space-5);
      }
    `,
  ];

  @state() private _request: ConfirmRequest | null = null;
  @query('dialog') private _dialog!: HTMLDialogElement;
  @query('.cancel') private _cancel!: HTMLButtonElement;

  private resolve?: (ok: boolean) => void;

  /** Opens the dialog; resolves true when the person confirms. */
  async ask(request: ConfirmRequest): Promise<boolean> {
    this.resolve?.(false);
    this._request = request;
    await this.updateComplete;
    this._dialog.showModal();
    this._cancel.focus();
    return new Promise<boolean>((resolve) => (this.resolve = resolve));
  }

  override render() {
    const r = this._request;
    return html`<dialog aria-labelledby="confirm-title" aria-describedby="confirm-text" @close=${this.onClose}>
      <h2 id="confirm-title">${r?.title ?? ''}</h2>
      <div id="confirm-text">
        <p>${r?.text ?? ''}</p>
        ${r?.details?.length ? html`<ul data-testid="confirm-details">${r.details.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
      </div>
      <div class="actions">
        <button class="button cancel" type="button" @click=${() => this.finish(false)}>${r?.cancel ?? ''}</button>
        <button class="button danger solid" type="button" data-testid="confirm" @click=${() => this.finish(true)}>${r?.confirm ?? ''}</button>
      </div>
    </dialog>`;
  }

  private finish(ok: boolean): void {
    const resolve = this.resolve;
    this.resolve = undefined;
    if (this._dialog.open) this._dialog.close();
    resolve?.(ok);
  }

  // Escape closes the dialog without a button: that is a "no"
  private onClose(): void {
    this.finish(false);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-confirm-dialog': ConfirmDialog;
  }
}
