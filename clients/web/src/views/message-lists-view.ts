import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { StaticListDto } from '../../../../server/contracts/messaging';
import { MESSAGE_LIMITS } from '../../../../server/contracts/messaging-rules';
import { api } from '../../../shared/api';
import { base, cardSection } from '../../../shared/styles';
import '../components/confirm-dialog';
import type { ConfirmDialog } from '../components/confirm-dialog';
import '../components/contact-picker';
import { icon } from '../components/icons';
import { messagingStyles } from '../components/messaging-styles';
import { newsFieldStyles, newsStyles } from '../components/news-styles';
import { loadFailedNotice, loadingNotice } from '../components/status-notices';
import type { Recipient } from '../lib/messaging-composer';
import { i18n } from '../i18n';
import { MessagingToolView } from './messaging-view';
import { pageHead } from './page-head';
import { reportSessionLoss } from './session-loss';

interface Edit {
  name: string;
  members: Recipient[];
}

const sameMembers = (a: readonly { id: string }[], b: readonly { id: string }[]) =>
  a.length === b.length && a.every((p, i) => p.id === b[i].id);

/**
 * « Listes de diffusion »: the static lists of their author (a club, a project group), built from
 * the address book; they then appear among the lists of the composer.
 */
@customElement('pw-message-lists-view')
export class MessageListsView extends MessagingToolView {
  static override styles = [
    base,
    cardSection,
    newsStyles,
    newsFieldStyles,
    messagingStyles,
    css`
      .lists {
        display: grid;
        gap: var(--pu-space-4);
      }
      .list-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--pu-space-2);
      }
      .list-head h2 {
        overflow-wrap: anywhere;
      }
    `,
  ];

  @state() private _lists: StaticListDto[] = [];
  @state() private _status: 'loading' | 'ready' | 'error' = 'loading';
  @state() private _edits: Record<string, Edit> = {};
  @state() private _new: Edit = { name: '', members: [] };
  @state() private _newError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.setLists(await api.get<StaticListDto[]>(`${this.base}/lists/static`));
      this._status = 'ready';
    } catch (err) {
      reportSessionLoss(this, err);
      this._status = 'error';
    }
  }

  /** The hub's lists; `saved` (or every list, on a load) shows as saved, the others keep what is being typed. */
  private setLists(lists: StaticListDto[], saved?: string): void {
    this._lists = lists;
    this._edits = Object.fromEntries(
      lists.map((l) => [l.id, saved !== undefined && l.id !== saved && this._edits[l.id] ? this._edits[l.id] : { name: l.name, members: [...l.members] }]),
    );
  }

  override render() {
    const t = i18n.t;
    return html`${pageHead(t('messaging.lists.title'), t('messaging.lists.intro'))}
      ${this.renderFlash()}
      ${this.renderNew()}
      ${this._status === 'loading'
        ? loadingNotice(t('messaging.loading'))
        : this._status === 'error'
          ? loadFailedNotice(t('messaging.loadFailed'))
          : this._lists.length === 0
            ? html`<div class="empty">${icon('users', 32)}<p>${t('messaging.lists.empty')}</p></div>`
            : html`<div class="lists">${repeat(this._lists, (l) => l.id, (l) => this.renderList(l))}</div>`}
      <pw-confirm-dialog></pw-confirm-dialog>`;
  }

  private renderNew() {
    const t = i18n.t;
    return html`<form class="card block" novalidate aria-labelledby="new-title" @submit=${this.create}>
      <h2 id="new-title">${icon('plus', 22)}${t('messaging.lists.new')}</h2>
      <div class="field">
        <label for="new-name">${t('messaging.lists.name')} *</label>
        <input
          id="new-name"
          class="input"
          maxlength=${MESSAGE_LIMITS.listName}
          .value=${this._new.name}
          aria-invalid=${this._newError ? 'true' : 'false'}
          aria-describedby=${this._newError ? 'new-error' : nothing}
          @input=${(e: Event) => {
            this._new = { ...this._new, name: (e.target as HTMLInputElement).value };
            this._newError = '';
          }}
        />
        ${this._newError ? html`<span class="error-text" id="new-error">${this._newError}</span>` : nothing}
      </div>
      <pw-contact-picker
        label=${t('messaging.lists.members')}
        hint=${t('messaging.lists.membersHint')}
        base=${this.base}
        .selected=${this._new.members}
        @pw-change=${(e: CustomEvent<Recipient[]>) => (this._new = { ...this._new, members: e.detail })}
      ></pw-contact-picker>
      <div class="actions">
        <button class="button primary" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>${icon('plus', 18)}${t('messaging.lists.create')}</button>
      </div>
    </form>`;
  }

  private renderList(l: StaticListDto) {
    const t = i18n.t;
    const edit = this._edits[l.id] ?? { name: l.name, members: l.members };
    const dirty = edit.name.trim() !== l.name || !sameMembers(edit.members, l.members);
    const n = edit.members.length;
    return html`<section class="card block" aria-labelledby="list-${l.id}" data-testid="static-list">
      <div class="list-head">
        <h2 id="list-${l.id}">${icon('users', 22)}${l.name}</h2>
        <span class="muted">${t(n > 1 ? 'messaging.people.other' : 'messaging.people.one', { n })}</span>
      </div>
      <div class="field">
        <label for="name-${l.id}">${t('messaging.lists.rename')}</label>
        <input
          id="name-${l.id}"
          class="input"
          maxlength=${MESSAGE_LIMITS.listName}
          .value=${edit.name}
          @input=${(e: Event) => this.patchEdit(l.id, { name: (e.target as HTMLInputElement).value })}
        />
      </div>
      <pw-contact-picker
        label=${t('messaging.lists.members')}
        base=${this.base}
        .selected=${edit.members}
        @pw-change=${(e: CustomEvent<Recipient[]>) => this.patchEdit(l.id, { members: e.detail })}
      ></pw-contact-picker>
      <div class="actions">
        <button class="button primary" type="button" aria-disabled=${this._busy || !dirty ? 'true' : 'false'} @click=${() => this.save(l)}>
          ${icon('check', 18)}${t('messaging.lists.save')}<span class="visually-hidden"> — ${l.name}</span>
        </button>
        <button class="button danger" type="button" aria-disabled=${this._busy ? 'true' : 'false'} @click=${() => this.deleteList(l)}>
          ${icon('x', 18)}${t('messaging.lists.delete')}<span class="visually-hidden"> — ${l.name}</span>
        </button>
        ${dirty ? html`<span class="muted">${t('messaging.lists.unsaved')}</span>` : nothing}
      </div>
    </section>`;
  }

  private patchEdit(id: string, p: Partial<Edit>): void {
    const current = this._edits[id];
    if (!current) return;
    this._edits = { ...this._edits, [id]: { ...current, ...p } };
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const t = i18n.t;
    const name = this._new.name.trim();
    if (!name) {
      this._newError = t('messaging.lists.error.name');
      this.renderRoot.querySelector<HTMLElement>('#new-name')?.focus();
      return;
    }
    const ok = await this.act(async () => {
      const created = await api.post<StaticListDto>(`${this.base}/lists/static`, { name, members: this._new.members.map((p) => p.id) });
      this.setLists([created, ...this._lists.filter((l) => l.id !== created.id)], created.id);
      return t('messaging.lists.created', { name: created.name });
    });
    if (ok) this._new = { name: '', members: [] };
  }

  private async save(l: StaticListDto): Promise<void> {
    const edit = this._edits[l.id];
    if (!edit) return;
    const t = i18n.t;
    if (!edit.name.trim()) {
      this._flash = { kind: 'warning', text: t('messaging.lists.error.name') };
      return;
    }
    await this.act(async () => {
      const saved = await api.put<StaticListDto>(`${this.base}/lists/static/${encodeURIComponent(l.id)}`, {
        name: edit.name.trim(),
        members: edit.members.map((p) => p.id),
      });
      this.setLists(this._lists.map((x) => (x.id === saved.id ? saved : x)), saved.id);
      return t('messaging.lists.saved', { name: saved.name });
    });
  }

  private async deleteList(l: StaticListDto): Promise<void> {
    const t = i18n.t;
    const ok = await this.renderRoot.querySelector<ConfirmDialog>('pw-confirm-dialog')!.ask({
      title: t('messaging.lists.deleteConfirm.title', { name: l.name }),
      text: t('messaging.lists.deleteConfirm.text'),
      confirm: t('messaging.lists.delete'),
      cancel: t('item.cancel'),
    });
    if (!ok) return;
    await this.act(async () => {
      await api.delete<void>(`${this.base}/lists/static/${encodeURIComponent(l.id)}`);
      this.setLists(this._lists.filter((x) => x.id !== l.id), l.id);
      return t('messaging.lists.deleted', { name: l.name });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-message-lists-view': MessageListsView;
  }
}
