import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ContactDto } from '../../../../server/contracts/messaging';
import type { Profile } from '../../../../server/contracts/profiles';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { addRecipient, moveActive, removeRecipient, type Recipient } from '../lib/messaging-composer';
import { contactDetail } from '../lib/messaging-labels';
import { i18n } from '../i18n';
import { framedField } from './form-styles';
import { icon } from './icons';
import { newsFieldStyles, newsStyles } from './news-styles';

// one query per pause in typing, not per key: the address book is a search over the directory
const SEARCH_DEBOUNCE_MS = 250;
const LIMIT = 20;

/**
 * The address book as a combobox (WAI-ARIA 1.2 pattern): typing searches the people the person
 * may write to, arrows move in the list, Enter picks, Escape closes; picked people show as
 * removable chips. With `single`, a pick is reported and the field empties (suspend, add a member).
 * It renders its own label, hint and error because aria references do not cross shadow roots.
 */
@customElement('pw-contact-picker')
export class ContactPicker extends LitElement {
  static override styles = [
    base,
    newsStyles,
    newsFieldStyles,
    framedField('.box'),
    css`
      :host {
        display: grid;
        gap: var(--pu-space-1);
      }
      .box {
        position: relative;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--pu-space-1) var(--pu-space-2);
        min-height: 44px;
        padding: var(--pu-space-1) var(--pu-space-2);
      }
      .chips {
        display: contents;
        list-style: none;
      }
      .person-chip {
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-1);
        max-width: 100%;
        padding: 2px 2px 2px var(--pu-space-3);
        border-radius: 999px;
        background: var(--pu-primary-soft);
        color: var(--pu-primary-hover);
        font-weight: 600;
        font-size: var(--pu-text-s);
      }
      .person-chip.closed {
        background: var(--pu-warning-soft);
        color: var(--pu-warning);
      }
      .person-chip span {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .person-chip button {
        display: grid;
        place-items: center;
        width: 28px;
        height: 28px;
        border: 0;
        border-radius: 50%;
        background: transparent;
        color: inherit;
        cursor: pointer;
      }
      .person-chip button:hover {
        background: rgb(22 27 38 / 10%);
      }
      input {
        flex: 1 1 160px;
        min-width: 120px;
        min-height: 36px;
        border: 0;
        padding: 0 var(--pu-space-1);
        background: transparent;
      }
      input:focus,
      input:focus-visible {
        outline: none;
        box-shadow: none;
      }
      [role='listbox'] {
        position: absolute;
        z-index: 5;
        top: calc(100% + 4px);
        left: 0;
        right: 0;
        max-height: 320px;
        overflow: auto;
        margin: 0;
        padding: var(--pu-space-1);
        list-style: none;
        background: var(--pu-surface);
        border: 1px solid var(--pu-border-strong);
        border-radius: var(--pu-radius-s);
        box-shadow: 0 8px 24px rgb(22 27 38 / 18%);
      }
      [role='option'] {
        display: grid;
        gap: 2px;
        padding: var(--pu-space-2) var(--pu-space-3);
        border-radius: var(--pu-radius-s);
        cursor: pointer;
      }
      [role='option'][aria-selected='true'] {
        background: var(--pu-primary-soft);
        box-shadow: inset 3px 0 0 var(--pu-primary);
      }
      [role='option'] .name {
        font-weight: 600;
      }
      [role='option'] .detail,
      .none {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      [role='option'] .closed {
        font-size: var(--pu-text-s);
        color: var(--pu-warning);
        font-weight: 600;
      }
      .none {
        padding: var(--pu-space-2) var(--pu-space-3);
      }
      @media (forced-colors: active) {
        [role='option'][aria-selected='true'] {
          outline: 2px solid Highlight;
        }
      }
    `,
  ];

  @property() label = '';
  @property() hint = '';
  @property() error = '';
  @property({ type: Boolean }) required = false;
  /** The school's messagerie API path (`/schools/<uai>/messaging`). */
  @property() base = '';
  /** Only this profile, when the page needs one (e.g. members of a list). */
  @property() profile: Profile | '' = '';
  /** One person at a time, reported with `pw-pick`: no chips. */
  @property({ type: Boolean }) single = false;
  @property({ attribute: false }) selected: Recipient[] = [];
  /** People not to offer (already members, oneself). */
  @property({ attribute: false }) exclude: string[] = [];

  @state() private _query = '';
  @state() private _options: ContactDto[] = [];
  @state() private _open = false;
  @state() private _active = -1;
  @state() private _status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';

  @query('input') private _input!: HTMLInputElement;

  private readonly locale = new LocaleController(this, i18n);
  private timer?: ReturnType<typeof setTimeout>;
  private generation = 0;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override focus(): void {
    this._input?.focus();
  }

  private get visibleOptions(): ContactDto[] {
    const taken = new Set([...this.exclude, ...(this.single ? [] : this.selected.map((p) => p.id))]);
    return this._options.filter((o) => !taken.has(o.id));
  }

  override render() {
    const t = i18n.t;
    const options = this.visibleOptions;
    const expanded = this._open && (options.length > 0 || this._status === 'ready' || this._status === 'error');
    const activeId = expanded && this._active >= 0 && options[this._active] ? `opt-${options[this._active].id}` : '';
    const described = ['hint', this.error ? 'error' : ''].filter((x) => x && (x !== 'hint' || this.hint)).join(' ');
    return html`<label class="label" for="search">${this.label}${this.required ? ' *' : ''}</label>
      ${this.hint ? html`<span class="hint" id="hint">${this.hint}</span>` : nothing}
      <div class="box ${this.error ? 'invalid' : ''}" @click=${(e: Event) => e.target === e.currentTarget && this._input.focus()}>
        ${this.single ? nothing : this.renderChips()}
        <input
          id="search"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-haspopup="listbox"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-controls="listbox"
          aria-activedescendant=${activeId || nothing}
          aria-describedby=${described || nothing}
          aria-invalid=${this.error ? 'true' : 'false'}
          placeholder=${t('messaging.picker.placeholder')}
          .value=${this._query}
          @input=${this.onInput}
          @keydown=${this.onKey}
          @focus=${() => this._query && (this._open = true)}
          @blur=${this.onBlur}
        />
        ${expanded ? this.renderListbox(options) : nothing}
      </div>
      ${this.error ? html`<span class="error-text" id="error">${this.error}</span>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.statusText(options)}</div>`;
  }

  private renderChips() {
    const t = i18n.t;
    if (this.selected.length === 0) return nothing;
    return html`<ul class="chips" aria-label=${t('messaging.picker.picked')}>
      ${repeat(
        this.selected,
        (p) => p.id,
        (p) => html`<li class="person-chip ${p.closedUntil ? 'closed' : ''}" data-testid="recipient-chip">
          <span title=${p.detail ? contactDetail({ profile: p.profile, staffFunction: p.staffFunction ?? null, detail: p.detail }, t) : p.name}>${p.name}</span>
          <button type="button" aria-label=${t('messaging.picker.remove', { name: p.name })} @click=${() => this.unpick(p.id)}>${icon('x', 16)}</button>
        </li>`,
      )}
    </ul>`;
  }

  private renderListbox(options: ContactDto[]) {
    const t = i18n.t;
    return html`<ul id="listbox" role="listbox" aria-label=${t('messaging.picker.results')} @mousedown=${(e: Event) => e.preventDefault()}>
      ${options.length === 0
        ? html`<li class="none" role="presentation">${this._status === 'error' ? t('messaging.picker.error') : t('messaging.picker.none')}</li>`
        : options.map(
            (o, i) => html`<li
              id="opt-${o.id}"
              role="option"
              aria-selected=${i === this._active ? 'true' : 'false'}
              data-testid="contact-option"
              @click=${() => this.pick(o)}
              @mousemove=${() => i !== this._active && (this._active = i)}
            >
              <span class="name">${o.name}</span>
              <span class="detail">${contactDetail(o, t)}</span>
              ${o.closedUntil ? html`<span class="closed">${t('messaging.picker.closed')}</span>` : nothing}
            </li>`,
          )}
    </ul>`;
  }

  private statusText(options: ContactDto[]): string {
    const t = i18n.t;
    if (!this._open || this._status !== 'ready') return '';
    if (options.length === 0) return t('messaging.picker.none');
    return t(options.length > 1 ? 'messaging.picker.count.other' : 'messaging.picker.count.one', { n: options.length });
  }

  private onInput(e: Event): void {
    this._query = (e.target as HTMLInputElement).value;
    this._open = true;
    this._active = -1;
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this._status = 'loading';
    this.timer = setTimeout(() => void this.search(), SEARCH_DEBOUNCE_MS);
  }

  private async search(): Promise<void> {
    const generation = ++this.generation;
    const params = new URLSearchParams({ q: this._query.trim(), limit: String(LIMIT) });
    if (this.profile) params.set('profile', this.profile);
    try {
      const found = await api.get<ContactDto[]>(`${this.base}/contacts?${params}`);
      if (generation !== this.generation) return;
      this._options = found;
      this._status = 'ready';
      // the first match is highlighted, so that Enter picks it as people expect
      this._active = this.visibleOptions.length > 0 && this._query.trim() ? 0 : -1;
    } catch {
      if (generation === this.generation) {
        this._options = [];
        this._status = 'error';
      }
    }
  }

  private onKey(e: KeyboardEvent): void {
    const options = this.visibleOptions;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        e.preventDefault();
        if (!this._open || this._status === 'idle') {
          // an empty field opens on the first people of the address book
          this._open = true;
          if (this._status === 'idle') this.schedule();
          return;
        }
        this._active = moveActive(this._active, e.key, options.length);
        void this.scrollActive();
        return;
      case 'Home':
      case 'End':
        if (!this._open || options.length === 0) return;
        e.preventDefault();
        this._active = moveActive(this._active, e.key, options.length);
        void this.scrollActive();
        return;
      case 'Enter':
        if (this._open && this._active >= 0 && options[this._active]) {
          e.preventDefault();
          this.pick(options[this._active]);
        }
        return;
      case 'Escape':
        if (this._open) {
          e.preventDefault();
          e.stopPropagation();
          this._open = false;
          this._active = -1;
        } else if (this._query) {
          this._query = '';
        }
        return;
      case 'Backspace':
        if (!this.single && !this._query && this.selected.length > 0) this.unpick(this.selected[this.selected.length - 1].id, false);
        return;
    }
  }

  private async scrollActive(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector('[role="option"][aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }

  private onBlur(): void {
    // a click on an option keeps focus (mousedown is cancelled): losing it means leaving the field
    this._open = false;
    this._active = -1;
  }

  private pick(contact: ContactDto): void {
    const recipient: Recipient = {
      id: contact.id,
      name: contact.name,
      profile: contact.profile,
      staffFunction: contact.staffFunction,
      detail: contact.detail,
      closedUntil: contact.closedUntil,
    };
    this._query = '';
    this._active = -1;
    this._open = false;
    this._status = 'idle';
    this._options = [];
    if (this.single) {
      this.dispatchEvent(new CustomEvent<ContactDto>('pw-pick', { detail: contact, bubbles: true, composed: true }));
    } else {
      this.emit(addRecipient(this.selected, recipient));
    }
    this._input.focus();
  }

  private unpick(id: string, refocus = true): void {
    this.emit(removeRecipient(this.selected, id));
    if (refocus) this._input.focus();
  }

  private emit(people: Recipient[]): void {
    this.selected = people;
    this.dispatchEvent(new CustomEvent<Recipient[]>('pw-change', { detail: people, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-contact-picker': ContactPicker;
  }
}
