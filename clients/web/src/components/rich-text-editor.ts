import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { linkFromInput } from '../lib/rich-text';
import { i18n, type WebKey } from '../i18n';
import { framedField } from './form-styles';
import { icon, type UiIcon } from './icons';
import { newsFieldStyles, newsStyles } from './news-styles';
import { sanitizedFragment } from './safe-html';

type Command = 'bold' | 'italic' | 'insertUnorderedList' | 'insertOrderedList' | 'link' | 'unlink';
const TOOLS: Array<{ command: Command; label: WebKey; icon: UiIcon; shortcut?: string; toggles: boolean }> = [
  { command: 'bold', label: 'editor.bold', icon: 'bold', shortcut: 'Ctrl+B', toggles: true },
  { command: 'italic', label: 'editor.italic', icon: 'italic', shortcut: 'Ctrl+I', toggles: true },
  { command: 'insertUnorderedList', label: 'editor.bulletList', icon: 'list-ul', toggles: true },
  { command: 'insertOrderedList', label: 'editor.numberedList', icon: 'list-ol', toggles: true },
  { command: 'link', label: 'editor.link', icon: 'link', shortcut: 'Ctrl+K', toggles: false },
  { command: 'unlink', label: 'editor.unlink', icon: 'unlink', toggles: false },
];

/**
 * A small rich-text field: a contenteditable area with a toolbar (bold, italic, lists, link).
 * It renders its own label, hint and error because aria references do not cross shadow roots.
 * Pasting keeps the text only: formatting from word processors is noise, and a risk.
 */
@customElement('pw-rich-text-editor')
export class RichTextEditor extends LitElement {
  static override styles = [
    base,
    newsStyles,
    newsFieldStyles,
    framedField('.frame'),
    css`
      :host {
        display: grid;
        gap: var(--pu-space-1);
      }
      .frame {
        overflow: hidden;
      }
      [role='toolbar'] {
        display: flex;
        flex-wrap: wrap;
        gap: 2px;
        padding: var(--pu-space-1);
        border-bottom: 1px solid var(--pu-border);
        background: var(--pu-surface-sunken);
      }
      .tool {
        display: grid;
        place-items: center;
        width: 40px;
        height: 40px;
        border: 1px solid transparent;
        border-radius: var(--pu-radius-s);
        background: transparent;
        cursor: pointer;
      }
      .tool:hover {
        background: var(--pu-surface);
        border-color: var(--pu-border);
      }
      .tool[aria-pressed='true'] {
        color: var(--pu-primary-hover);
        background: var(--pu-primary-soft);
        border-color: var(--pu-primary);
      }
      .sep {
        width: 1px;
        margin: 6px 4px;
        background: var(--pu-border);
      }
      .link-form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--pu-space-2);
        padding: var(--pu-space-3);
        border-bottom: 1px solid var(--pu-border);
        background: var(--pu-primary-soft);
      }
      .link-form .field {
        flex: 1 1 240px;
      }
      .area {
        min-height: 220px;
        max-height: 60vh;
        overflow: auto;
        padding: var(--pu-space-3) var(--pu-space-4);
        line-height: 1.6;
        overflow-wrap: anywhere;
      }
      .area:focus,
      .area:focus-visible {
        outline: none;
        box-shadow: none;
      }
      .area p,
      .area ul,
      .area ol {
        margin: 0 0 var(--pu-space-2);
      }
      .area a {
        color: var(--pu-primary);
      }
    `,
  ];

  @property() label = '';
  @property() hint = '';
  @property() error = '';
  @property({ type: Boolean }) required = false;
  /** The HTML to start from; later edits are reported through pw-input, not written back. */
  @property() value = '';

  @state() private _active = new Set<Command>();
  @state() private _linkOpen = false;
  @state() private _linkError = '';
  @state() private _focusIndex = 0;

  @query('.area') private _area!: HTMLElement;
  @query('#link-url') private _linkInput?: HTMLInputElement;

  private readonly locale = new LocaleController(this, i18n);
  private savedRange: Range | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('selectionchange', this.onSelectionChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('selectionchange', this.onSelectionChange);
  }

  override updated(changed: PropertyValues<this>): void {
    // writes the starting HTML when it is given, never over what the person is typing
    if (!changed.has('value') || (this.value && this.value === this._area.innerHTML)) return;
    this._area.replaceChildren(sanitizedFragment(this.value));
    // an empty area would take the first line as a bare text node: start inside a paragraph
    if (!this._area.firstElementChild) this._area.innerHTML = '<p><br></p>';
  }

  /** Puts the caret in the text, for an error summary's link. */
  override focus(): void {
    this._area?.focus();
  }

  override render() {
    const t = i18n.t;
    const describedBy = ['hint', this.error ? 'error' : ''].filter(Boolean).join(' ');
    return html`<span class="label" id="label">${this.label}${this.required ? ' *' : ''}</span>
      ${this.hint ? html`<span class="hint" id="hint">${this.hint}</span>` : nothing}
      <div class="frame ${this.error ? 'invalid' : ''}">
        <div role="toolbar" aria-label=${t('editor.toolbar')} aria-controls="area" @keydown=${this.onToolbarKey}>
          ${TOOLS.map((tool, i) => html`${i === 4 ? html`<span class="sep" aria-hidden="true"></span>` : nothing}
            <button
              class="tool"
              type="button"
              tabindex=${i === this._focusIndex ? 0 : -1}
              aria-label=${t(tool.label)}
              title=${tool.shortcut ? `${t(tool.label)} (${tool.shortcut})` : t(tool.label)}
              aria-pressed=${tool.toggles ? (this._active.has(tool.command) ? 'true' : 'false') : nothing}
              @mousedown=${(e: Event) => e.preventDefault()}
              @click=${() => this.run(tool.command)}
            >
              ${icon(tool.icon, 20)}
            </button>`)}
        </div>
        ${this._linkOpen ? this.renderLinkForm() : nothing}
        <div
          id="area"
          class="area"
          contenteditable="true"
          role="textbox"
          aria-multiline="true"
          aria-labelledby="label"
          aria-describedby=${describedBy || nothing}
          aria-required=${this.required ? 'true' : 'false'}
          aria-invalid=${this.error ? 'true' : 'false'}
          spellcheck="true"
          data-testid="editor"
          @input=${this.onInput}
          @paste=${this.onPaste}
          @keydown=${this.onAreaKey}
          @focus=${() => document.execCommand('defaultParagraphSeparator', false, 'p')}
        ></div>
      </div>
      ${this.error ? html`<span class="error-text" id="error">${this.error}</span>` : nothing}`;
  }

  private renderLinkForm() {
    const t = i18n.t;
    return html`<form class="link-form" novalidate @submit=${this.applyLink} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.closeLink()}>
      <div class="field">
        <label for="link-url">${t('editor.linkUrl')}</label>
        <input
          id="link-url"
          class="input"
          type="text"
          inputmode="url"
          autocomplete="url"
          aria-describedby=${this._linkError ? 'link-hint link-error' : 'link-hint'}
          aria-invalid=${this._linkError ? 'true' : 'false'}
        />
        <span class="hint" id="link-hint">${t('editor.linkHint')}</span>
        ${this._linkError ? html`<span class="error-text" id="link-error" role="alert">${this._linkError}</span>` : nothing}
      </div>
      <button class="button primary small" type="submit">${t('editor.linkApply')}</button>
      <button class="button small" type="button" @click=${() => this.closeLink()}>${t('item.cancel')}</button>
    </form>`;
  }

  private selectionInArea(): Range | null {
    const root = this.shadowRoot as ShadowRoot & { getSelection?: () => Selection | null };
    const selection = root.getSelection?.() ?? document.getSelection();
    if (!selection || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    return this._area?.contains(range.commonAncestorContainer) ? range : null;
  }

  private run(command: Command): void {
    if (command === 'link') return void this.openLink();
    if (!this.selectionInArea()) this._area.focus();
    document.execCommand(command, false);
    this.report();
    this.refreshState();
  }

  private async openLink(): Promise<void> {
    this.savedRange = this.selectionInArea()?.cloneRange() ?? null;
    this._linkOpen = true;
    this._linkError = '';
    await this.updateComplete;
    this._linkInput?.focus();
  }

  private async closeLink(): Promise<void> {
    this._linkOpen = false;
    await this.updateComplete;
    this.restoreRange();
  }

  private restoreRange(): void {
    this._area.focus();
    if (!this.savedRange) return;
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(this.savedRange);
  }

  private async applyLink(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const href = linkFromInput(this._linkInput?.value ?? '');
    if (!href) {
      this._linkError = i18n.t('editor.linkInvalid');
      this._linkInput?.focus();
      return;
    }
    const range = this.savedRange;
    this._linkOpen = false;
    await this.updateComplete;
    this.restoreRange();
    if (range && !range.collapsed) document.execCommand('createLink', false, href);
    else {
      // nothing selected: the address becomes the link's text
      const a = document.createElement('a');
      a.href = href;
      a.textContent = href.replace(/^mailto:/, '');
      document.execCommand('insertHTML', false, a.outerHTML);
    }
    this.report();
  }

  private onInput(): void {
    this.report();
  }

  private report(): void {
    const value = this._area.innerHTML;
    this.dispatchEvent(new CustomEvent<string>('pw-input', { detail: value, bubbles: true, composed: true }));
  }

  private onPaste(e: ClipboardEvent): void {
    e.preventDefault();
    const text = e.clipboardData?.getData('text/plain') ?? '';
    document.execCommand('insertText', false, text);
  }

  private onAreaKey(e: KeyboardEvent): void {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      void this.openLink();
    }
  }

  // one tab stop for the toolbar, arrows between its buttons (WAI-ARIA toolbar pattern)
  private onToolbarKey(e: KeyboardEvent): void {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, Home: -TOOLS.length, End: TOOLS.length };
    if (!(e.key in moves)) return;
    e.preventDefault();
    this._focusIndex = Math.max(0, Math.min(TOOLS.length - 1, this._focusIndex + moves[e.key]));
    void this.updateComplete.then(() => this.renderRoot.querySelectorAll<HTMLButtonElement>('.tool')[this._focusIndex]?.focus());
  }

  private readonly onSelectionChange = () => {
    if (this.selectionInArea()) this.refreshState();
  };

  private refreshState(): void {
    const active = new Set<Command>();
    for (const c of ['bold', 'italic', 'insertUnorderedList', 'insertOrderedList'] as const) {
      if (document.queryCommandState(c)) active.add(c);
    }
    this._active = active;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-rich-text-editor': RichTextEditor;
  }
}
