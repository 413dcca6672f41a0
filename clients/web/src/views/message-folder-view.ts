import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { CountsDto, DraftDto, FolderPageDto, MessageSummaryDto } from '../../../../server/contracts/messaging';
import type { Folder } from '../../../../server/contracts/messaging-rules';
import { api } from '../../../shared/api';
import { ClockController } from '../../../shared/clock-controller';
import { base, cardSection } from '../../../shared/styles';
import '../components/confirm-dialog';
import type { ConfirmDialog } from '../components/confirm-dialog';
import { icon } from '../components/icons';
import { messagingStyles } from '../components/messaging-styles';
import { newsStyles } from '../components/news-styles';
import { loadingNotice, retryNotice } from '../components/status-notices';
import { formatTime } from '../lib/format-time';
import { FreshMarks } from '../lib/fresh-marks';
import { folderLabel, rowCorrespondent, summaryChips } from '../lib/messaging-labels';
import { folderAfter, markConversationRead, mergeSummaries, nextCursor } from '../lib/messaging-live';
import type { MessagingFlash } from '../lib/messaging-store';
import { routeHref } from '../lib/routes';
import { i18n, type WebKey } from '../i18n';
import { MessagingView } from './messaging-view';
import { newsListStyles } from './news-list-styles';
import { reportSessionLoss } from './session-loss';

const PAGE = 30;
// a burst of messages (a list send to a class) makes one fetch of the first page
const REFETCH_MS = 400;

const EMPTY: Record<Folder, WebKey> = {
  inbox: 'messaging.empty.inbox',
  sent: 'messaging.empty.sent',
  drafts: 'messaging.empty.drafts',
  trash: 'messaging.empty.trash',
};

/** One folder of the messagerie, kept live, with the full-text search over one's own messages. */
@customElement('pw-message-folder-view')
export class MessageFolderView extends MessagingView {
  static override styles = [
    base,
    cardSection,
    newsStyles,
    newsListStyles,
    messagingStyles,
    css`
      .head-row {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        justify-content: space-between;
        gap: var(--pu-space-3);
      }
      form[role='search'] {
        display: flex;
        gap: var(--pu-space-2);
        flex: 1 1 280px;
        max-width: 440px;
      }
      form[role='search'] .field {
        flex: 1;
      }
      form[role='search'] .button {
        align-self: end;
      }
      .row {
        padding: var(--pu-space-3) var(--pu-space-4);
        gap: var(--pu-space-2) var(--pu-space-4);
        border-left: 4px solid transparent;
      }
      .row .content {
        display: grid;
        gap: var(--pu-space-1);
        min-width: 0;
      }
      .row.unread {
        border-left-color: var(--pu-primary);
      }
      .row.fresh {
        background: var(--pu-primary-soft);
      }
      .row .top {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 0 var(--pu-space-3);
      }
      .correspondent {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .row.unread .correspondent,
      .row.unread h2 a {
        font-weight: 800;
      }
      .row h2 {
        font-size: var(--pu-text-m);
        font-weight: 600;
        margin: 0;
      }
      .row h2 a {
        font-weight: 600;
      }
      time {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
        white-space: nowrap;
      }
      .excerpt {
        margin: 0;
        font-size: var(--pu-text-s);
        -webkit-line-clamp: 1;
      }
      .clip {
        display: inline-flex;
        align-items: center;
        gap: 2px;
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      .row-actions {
        align-self: center;
      }
      .results {
        display: grid;
        gap: var(--pu-space-3);
      }
      .results-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--pu-space-2);
      }
      .results-head h2 {
        font-size: var(--pu-text-l);
      }
      .more {
        justify-self: center;
      }
      @media (max-width: 480px) {
        form[role='search'] {
          max-width: none;
        }
      }
    `,
  ];

  @property() folder: Folder = 'inbox';
  @property() meId = '';

  @state() private _items: MessageSummaryDto[] = [];
  @state() private _status: 'loading' | 'ready' | 'error' = 'loading';
  @state() private _hasMore = false;
  @state() private _loadingMore = false;
  @state() private _moreFailed = false;
  @state() private _announcement = '';
  @state() private _flash: MessagingFlash | null = null;
  @state() private _busy = new Set<string>();
  @state() private _counts: CountsDto | null = null;
  @state() private _query = '';
  @state() private _queryError = '';
  @state() private _results: MessageSummaryDto[] | null = null;
  @state() private _resultsFor = '';
  @state() private _searching = false;

  private readonly clock = new ClockController(this);
  private readonly fresh = new FreshMarks(this);
  private generation = 0;
  private refetchTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this._flash = this.store.takeFlash();
    this._counts = this.store.counts;
    this.unsubscribe.push(
      this.store.subscribe((c) => (this._counts = c)),
      this.store.onEvent((e) => this.onLiveEvent(e)),
      this.store.onResync(() => void this.load()),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.refetchTimer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('folder')) void this.load();
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    if (this._items.length === 0) this._status = 'loading';
    try {
      const page = await api.get<FolderPageDto>(`${this.base}/folders/${this.folder}?limit=${PAGE}`);
      if (generation !== this.generation) return;
      this._items = mergeSummaries([], page.items);
      this._hasMore = page.hasMore;
      this._status = 'ready';
    } catch (err) {
      if (generation !== this.generation) return;
      reportSessionLoss(this, err);
      if (this._items.length === 0) this._status = 'error';
    }
  }

  /** The first page again, merged: rows live events could only sketch get their full details. */
  private async refetchFirstPage(): Promise<void> {
    const generation = this.generation;
    try {
      const page = await api.get<FolderPageDto>(`${this.base}/folders/${this.folder}?limit=${PAGE}`);
      if (generation !== this.generation) return;
      const fresh = new Set(page.items.map((m) => m.id));
      const oldest = page.items.length ? Date.parse(page.items[page.items.length - 1].at) : Infinity;
      // rows newer than the page's oldest that the hub no longer lists went (recalled, trashed elsewhere)
      const kept = this._items.filter((m) => fresh.has(m.id) || Date.parse(m.at) < oldest);
      this._items = mergeSummaries(kept, page.items);
      if (this._items.length <= page.items.length) this._hasMore = page.hasMore;
    } catch {
      // the sketch from the event stays; the next event or visit brings the rest
    }
  }

  private async loadMore(): Promise<void> {
    const cursor = nextCursor(this._items);
    if (!cursor || this._loadingMore) return;
    const generation = this.generation;
    this._loadingMore = true;
    this._moreFailed = false;
    try {
      const page = await api.get<FolderPageDto>(`${this.base}/folders/${this.folder}?limit=${PAGE}&before=${encodeURIComponent(cursor)}`);
      if (generation !== this.generation) return;
      this._items = mergeSummaries(this._items, page.items);
      this._hasMore = page.hasMore;
    } catch (err) {
      reportSessionLoss(this, err);
      this._moreFailed = true;
    } finally {
      this._loadingMore = false;
    }
  }

  private onLiveEvent(e: EventEnvelope): void {
    const { items, change, refetch } = folderAfter(this.folder, this._items, e);
    if (change) {
      this._items = items;
      this.clock.touch();
      if (change.kind === 'added') {
        this._announcement = i18n.t('messaging.announce.received', { name: change.summary.from.name, subject: change.summary.subject });
        this.fresh.mark(change.summary.id);
      }
    }
    // another tab or device read or trashed something: the bold rows follow
    if (refetch || (this.folder === 'inbox' && e.type === 'message.unread')) {
      clearTimeout(this.refetchTimer);
      this.refetchTimer = setTimeout(() => void this.refetchFirstPage(), REFETCH_MS);
    }
  }

  override render() {
    const t = i18n.t;
    const title = folderLabel(this.folder, t);
    const unread = this.folder === 'inbox' ? (this._counts?.unread ?? 0) : 0;
    return html`<div class="head-row">
        <div>
          <h1 tabindex="-1">${title}</h1>
          ${unread > 0
            ? html`<p class="muted" data-testid="folder-unread">${t(unread > 1 ? 'messaging.unread.other' : 'messaging.unread.one', { n: unread })}</p>`
            : nothing}
        </div>
        ${this.renderSearch()}
      </div>
      <div class="flash" role="status">${this.flashNotice(this._flash)}</div>
      ${this._results ? this.renderResults(this._results) : this.renderFolder()}
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this._announcement}</div>
      <pw-confirm-dialog></pw-confirm-dialog>`;
  }

  private renderSearch() {
    const t = i18n.t;
    return html`<form role="search" novalidate @submit=${this.onSearch} aria-label=${t('messaging.search.label')}>
      <div class="field">
        <label class="visually-hidden" for="q">${t('messaging.search.label')}</label>
        <input
          id="q"
          class="input"
          type="search"
          placeholder=${t('messaging.search.placeholder')}
          .value=${this._query}
          aria-invalid=${this._queryError ? 'true' : 'false'}
          aria-describedby=${this._queryError ? 'q-error' : nothing}
          @input=${(e: Event) => {
            this._query = (e.target as HTMLInputElement).value;
            this._queryError = '';
          }}
        />
        ${this._queryError ? html`<span class="error-text" id="q-error">${this._queryError}</span>` : nothing}
      </div>
      <button class="button" type="submit" aria-disabled=${this._searching ? 'true' : 'false'}>${t('messaging.search.submit')}</button>
    </form>`;
  }

  private async onSearch(e: Event): Promise<void> {
    e.preventDefault();
    const t = i18n.t;
    const q = this._query.trim();
    if (!q) return this.clearSearch();
    if (q.length < 2) {
      this._queryError = t('messaging.search.tooShort');
      return;
    }
    this._searching = true;
    try {
      this._results = await api.get<MessageSummaryDto[]>(`${this.base}/search?q=${encodeURIComponent(q)}`);
      this._resultsFor = q;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.results-head h2')?.focus();
    } catch (err) {
      this._queryError = this.failure(err);
    } finally {
      this._searching = false;
    }
  }

  private clearSearch(): void {
    this._results = null;
    this._resultsFor = '';
    this._query = '';
    this._queryError = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#q')?.focus());
  }

  private renderResults(results: MessageSummaryDto[]) {
    const t = i18n.t;
    return html`<section class="results" aria-labelledby="results-title">
      <div class="results-head">
        <h2 id="results-title" tabindex="-1">
          ${t(results.length > 1 ? 'messaging.search.results.other' : results.length === 1 ? 'messaging.search.results.one' : 'messaging.search.results.none', {
            n: results.length,
            q: this._resultsFor,
          })}
        </h2>
        <button class="button small" type="button" @click=${this.clearSearch}>${icon('x', 16)}${t('messaging.search.clear')}</button>
      </div>
      ${results.length === 0
        ? html`<div class="empty">${icon('inbox', 32)}<p>${t('messaging.search.empty')}</p></div>`
        : html`<ol aria-labelledby="results-title">
            ${repeat(results, (m) => m.id, (m) => this.renderRow(m, true))}
          </ol>`}
    </section>`;
  }

  private renderFolder() {
    const t = i18n.t;
    if (this._status === 'loading') return loadingNotice(t('messaging.loading'));
    if (this._status === 'error') return retryNotice(t('messaging.loadFailed'), t('feed.retry'), () => this.load());
    if (this._items.length === 0) return html`<div class="empty" data-testid="folder-empty">${icon('inbox', 32)}<p>${t(EMPTY[this.folder])}</p></div>`;
    return html`<ol aria-label=${t('messaging.folder.listLabel', { folder: folderLabel(this.folder, t) })}>
        ${repeat(this._items, (m) => m.id, (m) => this.renderRow(m, false))}
      </ol>
      ${this._hasMore
        ? html`<button class="button more" type="button" aria-disabled=${this._loadingMore ? 'true' : 'false'} @click=${this.loadMore}>
            ${this._loadingMore ? t('feed.loadingMore') : t('messaging.more')}
          </button>`
        : nothing}
      ${this._moreFailed ? html`<p class="notice error" role="alert">${t('messaging.moreFailed')}</p>` : nothing}`;
  }

  private renderRow(m: MessageSummaryDto, inSearch: boolean) {
    const t = i18n.t;
    const ctx = this.ctx(this.clock.now);
    const when = formatTime(m.at, ctx);
    const href = this.rowHref(m);
    const subject = m.subject || t('messaging.noSubject');
    const chips = summaryChips(m, ctx);
    return html`<li class="row card ${m.unread ? 'unread' : ''} ${this.fresh.has(m.id) ? 'fresh' : ''}" data-testid="message-row" data-unread=${m.unread ? 'true' : 'false'}>
      <div class="content">
        <div class="top">
          <span class="correspondent">${rowCorrespondent(m, this.meId, t)}</span>
          ${m.status === 'scheduled' ? nothing : html`<time datetime=${when.iso} title=${when.absolute}>${when.relative}</time>`}
        </div>
        <h2>
          ${href
            ? html`<a href=${href} @click=${() => this.onOpen(m)}>${m.unread ? html`<span class="visually-hidden">${t('messaging.row.unread')} </span>` : nothing}${subject}</a>`
            : subject}
        </h2>
        ${m.excerpt && !m.recalled ? html`<p class="excerpt">${m.excerpt}</p>` : nothing}
        ${chips.length || m.hasAttachments || inSearch
          ? html`<div class="chips">
              ${inSearch ? html`<span class="chip list">${folderLabel(m.folder, t)}</span>` : nothing}
              ${chips.map((c) => html`<span class="chip ${c.kind}" data-testid="chip-${c.kind}">${c.text}</span>`)}
              ${m.hasAttachments ? html`<span class="clip">${icon('paperclip', 16)}${t('messaging.row.attachments')}</span>` : nothing}
            </div>`
          : nothing}
      </div>
      ${inSearch ? nothing : this.renderRowActions(m)}
    </li>`;
  }

  // the badge drops as the conversation opens, before the hub's figure arrives
  private onOpen(m: MessageSummaryDto): void {
    if (!m.unread || !m.conversationId) return;
    const { items, marked } = markConversationRead(this._items, m.conversationId);
    this._items = items;
    this.store.markRead(marked);
  }

  private rowHref(m: MessageSummaryDto): string | null {
    if (m.folder === 'drafts' || m.status === 'draft') return routeHref({ name: 'write', id: m.id });
    return m.conversationId ? routeHref({ name: 'thread', id: m.conversationId }) : null;
  }

  private renderRowActions(m: MessageSummaryDto) {
    const t = i18n.t;
    const busy = this._busy.has(m.id);
    const subject = m.subject || t('messaging.noSubject');
    const button = (label: WebKey, iconName: Parameters<typeof icon>[0], action: () => void, danger = false) =>
      html`<button
        class="button small ${danger ? 'danger' : ''}"
        type="button"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${action}
      >
        ${icon(iconName, 16)}${t(label)}<span class="visually-hidden"> — ${subject}</span>
      </button>`;
    const actions = [];
    if (m.status === 'scheduled' || m.status === 'held') actions.push(button('messaging.action.cancelSend', 'return', () => this.cancelSend(m)));
    if (this.folder === 'drafts') actions.push(button('messaging.action.deleteDraft', 'x', () => this.deleteDraft(m), true));
    else if (this.folder === 'trash') actions.push(button('messaging.action.restore', 'return', () => this.move(m, 'restore')));
    else if (m.status === 'sent') actions.push(button('messaging.action.trash', 'archive', () => this.move(m, 'trash')));
    return actions.length ? html`<div class="row-actions">${actions}</div>` : nothing;
  }

  private async act(m: MessageSummaryDto, call: () => Promise<void>): Promise<void> {
    if (this._busy.has(m.id)) return;
    this._busy = new Set([...this._busy, m.id]);
    try {
      await call();
    } catch (err) {
      this._flash = { kind: 'warning', text: this.failure(err) };
    } finally {
      const next = new Set(this._busy);
      next.delete(m.id);
      this._busy = next;
    }
  }

  private async move(m: MessageSummaryDto, to: 'trash' | 'restore'): Promise<void> {
    await this.act(m, async () => {
      await api.post<void>(`${this.base}/messages/${encodeURIComponent(m.id)}/${to}`);
      this._items = this._items.filter((x) => x.id !== m.id);
      this._flash = { kind: 'success', text: i18n.t(to === 'trash' ? 'messaging.done.trashed' : 'messaging.done.restored', { subject: m.subject }) };
      if (m.unread) void this.store.refreshCounts();
    });
    await this.focusFlash();
  }

  private async deleteDraft(m: MessageSummaryDto): Promise<void> {
    const t = i18n.t;
    const ok = await this.renderRoot.querySelector<ConfirmDialog>('pw-confirm-dialog')!.ask({
      title: t('messaging.deleteDraft.title'),
      text: t('messaging.deleteDraft.text', { subject: m.subject || t('messaging.noSubject') }),
      confirm: t('messaging.deleteDraft.confirm'),
      cancel: t('item.cancel'),
    });
    if (!ok) return;
    await this.act(m, async () => {
      await api.delete<void>(`${this.base}/drafts/${encodeURIComponent(m.id)}`);
      this._items = this._items.filter((x) => x.id !== m.id);
      this._flash = { kind: 'success', text: t('messaging.done.draftDeleted') };
      void this.store.refreshCounts();
    });
    await this.focusFlash();
  }

  private async cancelSend(m: MessageSummaryDto): Promise<void> {
    await this.act(m, async () => {
      const draft = await api.post<DraftDto>(`${this.base}/messages/${encodeURIComponent(m.id)}/cancel`);
      this.store.setFlash({ kind: 'success', text: i18n.t('messaging.done.cancelled') });
      void this.store.refreshCounts();
      location.hash = routeHref({ name: 'write', id: draft.id });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-message-folder-view': MessageFolderView;
  }
}
