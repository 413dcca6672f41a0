import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { SendResultDto, ThreadDto, ThreadMessageDto } from '../../../../server/contracts/messaging';
import type { Profile } from '../../../../server/contracts/profiles';
import { ApiError, api } from '../../../shared/api';
import { ClockController } from '../../../shared/clock-controller';
import { base, cardSection } from '../../../shared/styles';
import '../components/confirm-dialog';
import type { ConfirmDialog } from '../components/confirm-dialog';
import { icon } from '../components/icons';
import '../components/message-receipts';
import type { LiveRead } from '../components/message-receipts';
import '../components/message-reply';
import { messagingStyles } from '../components/messaging-styles';
import { newsFileRowStyles, newsStyles, richTextBodyStyles } from '../components/news-styles';
import { sanitizedFragment } from '../components/safe-html';
import { loadingNotice, retryNotice } from '../components/status-notices';
import { formatTime } from '../lib/format-time';
import { dayAndTime, readLabel, replyToLabel } from '../lib/messaging-labels';
import type { MessagingFlash } from '../lib/messaging-store';
import { fileKindLabel, fileSizeLabel } from '../lib/news-labels';
import { profileLabel } from '../lib/person-labels';
import { routeHref } from '../lib/routes';
import { i18n } from '../i18n';
import { MessagingView } from './messaging-view';
import { reportSessionLoss } from './session-loss';

type LoadStatus = 'loading' | 'ready' | 'notFound' | 'error';

/** One conversation: its messages in order, read receipts and recall for the author, the reply box. */
@customElement('pw-message-thread-view')
export class MessageThreadView extends MessagingView {
  static override styles = [
    base,
    cardSection,
    newsStyles,
    newsFileRowStyles,
    messagingStyles,
    richTextBodyStyles,
    css`
      .subject-head {
        display: grid;
        gap: var(--pu-space-1);
      }
      h1 {
        overflow-wrap: anywhere;
      }
      ol.messages {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-3);
      }
      article {
        padding: var(--pu-space-4) var(--pu-space-5);
        display: grid;
        gap: var(--pu-space-3);
      }
      article.mine {
        border-left: 4px solid var(--pu-primary);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--pu-space-1) var(--pu-space-3);
      }
      .author {
        font-weight: 700;
      }
      .author .muted {
        font-weight: 400;
      }
      time {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      .to {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
        overflow-wrap: anywhere;
      }
      .body {
        line-height: 1.6;
        overflow-wrap: anywhere;
        --pw-body-gap: var(--pu-space-2);
      }
      .recalled-body {
        font-style: italic;
        color: var(--pu-ink-muted);
      }
      .files {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-2);
      }
      .files a {
        color: var(--pu-primary);
        font-weight: 600;
      }
      .own {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--pu-space-2);
        padding-top: var(--pu-space-2);
        border-top: 1px solid var(--pu-border);
      }
      .read-toggle {
        min-height: 36px;
        padding: var(--pu-space-1) var(--pu-space-3);
      }
      .read-toggle.all {
        color: var(--pu-success);
        border-color: var(--pu-success);
      }
      .read-toggle[aria-expanded='true'] .icon {
        transform: rotate(180deg);
      }
      @media (max-width: 480px) {
        article {
          padding: var(--pu-space-3) var(--pu-space-4);
        }
      }
    `,
  ];

  @property() conversationId = '';
  @property() profile: Profile = 'student';

  @state() private _status: LoadStatus = 'loading';
  @state() private _thread: ThreadDto | null = null;
  @state() private _flash: MessagingFlash | null = null;
  @state() private _open = new Set<string>();
  @state() private _liveReads = new Map<string, LiveRead>();
  @state() private _busy = false;

  private readonly clock = new ClockController(this, 15_000);
  private readonly bodies = new Map<string, string>();
  private generation = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this._flash = this.store.takeFlash();
    this.unsubscribe.push(
      this.store.onEvent((e) => this.onLiveEvent(e)),
      this.store.onResync(() => void this.load()),
    );
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') && this.conversationId) void this.load();
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    try {
      const thread = await api.get<ThreadDto>(`${this.base}/threads/${encodeURIComponent(this.conversationId)}`);
      if (generation !== this.generation) return;
      const first = !this._thread;
      this._thread = thread;
      this._status = 'ready';
      // opening it read the person's copies: the badge follows
      void this.store.refreshCounts();
      if (first) void this.focusHeading();
    } catch (err) {
      if (generation !== this.generation) return;
      reportSessionLoss(this, err);
      if (!this._thread) this._status = err instanceof ApiError && (err.status === 404 || err.status === 403) ? 'notFound' : 'error';
    }
  }

  private onLiveEvent(e: EventEnvelope): void {
    const data = e.data as { conversationId?: string; messageId?: string };
    if (data.conversationId !== this.conversationId || !this._thread) return;
    switch (e.type) {
      case 'message.read': {
        const d = e.data as EventEnvelope<'message.read'>['data'];
        // the count moves at once, the open receipts panel marks the reader
        this._thread = {
          ...this._thread,
          messages: this._thread.messages.map((m) => (m.id === d.messageId ? { ...m, read: Math.max(m.read, d.read), recipients: d.recipients } : m)),
        };
        this._liveReads = new Map(this._liveReads).set(d.messageId, { readerId: d.readerId, readAt: d.readAt });
        break;
      }
      case 'message.received':
      case 'message.recalled':
      case 'message.sent':
        void this.load();
        break;
    }
  }

  override render() {
    const t = i18n.t;
    return html`<a class="back" href=${routeHref({ name: 'messages' })}>${icon('arrow-left', 18)}${t('messaging.back')}</a>
      <div class="flash" role="status">${this.flashNotice(this._flash, 'thread-flash')}</div>
      ${this.renderContent()}
      <pw-confirm-dialog></pw-confirm-dialog>`;
  }

  private renderContent() {
    const t = i18n.t;
    if (this._status === 'loading') return loadingNotice(t('messaging.loading'));
    if (this._status === 'notFound') return html`<h1 tabindex="-1" class="visually-hidden">${t('messaging.thread')}</h1><p class="notice warning">${t('messaging.notFound')}</p>`;
    if (this._status === 'error' || !this._thread)
      return html`<h1 tabindex="-1" class="visually-hidden">${t('messaging.thread')}</h1>
        ${retryNotice(t('messaging.loadFailed'), t('feed.retry'), () => this.load())}`;
    const th = this._thread;
    return html`<div class="subject-head">
        <h1 tabindex="-1">${th.subject || t('messaging.noSubject')}</h1>
        ${th.kind === 'broadcast' ? html`<p class="muted">${t('messaging.thread.broadcast')}</p>` : nothing}
      </div>
      ${th.notices.map((n) => html`<p class="notice info with-icon" data-testid="thread-notice">${icon('clock', 18)}<span>${n}</span></p>`)}
      <ol class="messages" aria-label=${t('messaging.thread.messages')}>
        ${repeat(th.messages, (m) => m.id, (m) => html`<li>${this.renderMessage(m)}</li>`)}
      </ol>
      ${th.replyTo.length > 0
        ? html`<pw-message-reply
            base=${this.base}
            conversationId=${this.conversationId}
            replyTo=${replyToLabel(th, t)}
            @pw-replied=${this.onReplied}
          ></pw-message-reply>`
        : nothing}`;
  }

  private renderMessage(m: ThreadMessageDto) {
    const t = i18n.t;
    const ctx = this.ctx(this.clock.now);
    const when = formatTime(m.at, ctx);
    const recallable = m.mine && !m.recalled && m.recallableUntil && Date.parse(m.recallableUntil) > this.clock.now.getTime();
    return html`<article class="card ${m.mine ? 'mine' : ''}" data-testid="thread-message" aria-labelledby="author-${m.id}">
      <div class="meta">
        <span class="author" id="author-${m.id}"
          >${m.mine ? t('messaging.thread.me') : m.author.name} <span class="muted">· ${profileLabel(m.author.profile, null, t)}</span></span
        >
        <time datetime=${when.iso} title=${when.absolute}>${when.relative}</time>
      </div>
      ${m.to ? html`<p class="to">${t('messaging.thread.to', { to: m.to })}</p>` : nothing}
      ${m.status === 'scheduled' || m.status === 'held' ? html`<div class="chips">${this.statusChip(m)}</div>` : nothing}
      ${m.recalled || m.bodyHtml === null
        ? html`<p class="recalled-body" data-testid="recalled">${t(m.mine ? 'messaging.thread.recalledMine' : 'messaging.thread.recalled')}</p>`
        : html`<div class="body" data-testid="message-body">${unsafeHTML(this.cleanBody(m.bodyHtml))}</div>`}
      ${m.attachments.length && !m.recalled
        ? html`<ul class="files" aria-label=${t('messaging.thread.attachments')}>
            ${m.attachments.map(
              (a) => html`<li class="file-row">
                ${icon('file', 22)}
                <div>
                  <a class="name" href=${a.url} download=${a.name}>${a.name}</a>
                  <div class="details">${fileKindLabel(a.mimeType, t)} · ${fileSizeLabel(a.size, i18n.locale, t)}</div>
                </div>
                ${icon('download', 20)}
              </li>`,
            )}
          </ul>`
        : nothing}
      ${m.mine && m.status === 'sent' && !m.recalled ? this.renderOwn(m, !!recallable) : nothing}
    </article>`;
  }

  /**
   * The hub sanitised every body it stored; it goes through DOMPurify again here, as the news
   * pages do, once per body: the same string on the next render leaves the DOM (and a selection) alone.
   */
  private cleanBody(raw: string): string {
    let clean = this.bodies.get(raw);
    if (clean === undefined) {
      const holder = document.createElement('div');
      holder.append(sanitizedFragment(raw));
      clean = holder.innerHTML;
      this.bodies.set(raw, clean);
    }
    return clean;
  }

  private statusChip(m: ThreadMessageDto) {
    const t = i18n.t;
    if (m.status === 'held') return html`<span class="chip held">${t('messaging.chip.held')}</span>`;
    return html`<span class="chip scheduled">${t('messaging.chip.scheduledAt', dayAndTime(m.at, this.ctx()))}</span>`;
  }

  private renderOwn(m: ThreadMessageDto, recallable: boolean) {
    const t = i18n.t;
    const open = this._open.has(m.id);
    const all = m.recipients > 0 && m.read >= m.recipients;
    return html`<div class="own">
        ${m.recipients > 0
          ? html`<button
              class="button read-toggle ${all ? 'all' : ''}"
              type="button"
              aria-expanded=${open ? 'true' : 'false'}
              aria-controls="receipts-${m.id}"
              data-testid="read-receipt"
              @click=${() => this.toggleReceipts(m.id)}
            >
              ${icon(all ? 'check' : 'eye', 16)}<span aria-live="polite" aria-atomic="true">${readLabel(m.read, m.recipients, t)}</span>
            </button>`
          : nothing}
        ${recallable
          ? html`<button class="button small danger" type="button" aria-disabled=${this._busy ? 'true' : 'false'} @click=${() => this.recall(m)}>
              ${icon('return', 16)}${t('messaging.recall')}
            </button>`
          : nothing}
      </div>
      ${open
        ? html`<pw-message-receipts
            id="receipts-${m.id}"
            base=${this.base}
            messageId=${m.id}
            timeZone=${this.timeZone}
            .liveRead=${this._liveReads.get(m.id) ?? null}
          ></pw-message-receipts>`
        : nothing}`;
  }

  private toggleReceipts(id: string): void {
    const next = new Set(this._open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this._open = next;
  }

  private async recall(m: ThreadMessageDto): Promise<void> {
    if (this._busy) return;
    const t = i18n.t;
    const ok = await this.renderRoot.querySelector<ConfirmDialog>('pw-confirm-dialog')!.ask({
      title: t('messaging.recall.title'),
      text: t('messaging.recall.text'),
      confirm: t('messaging.recall.confirm'),
      cancel: t('item.cancel'),
    });
    if (!ok) return;
    this._busy = true;
    try {
      const r = await api.post<{ removed: number; recalled: number }>(`${this.base}/messages/${encodeURIComponent(m.id)}/recall`);
      this._flash = { kind: 'success', text: t('messaging.recall.done', { removed: r.removed, recalled: r.recalled }) };
      await this.load();
    } catch (err) {
      this._flash = { kind: 'warning', text: this.failure(err) };
      if (err instanceof ApiError && err.code === 'recall_expired') await this.load();
    } finally {
      this._busy = false;
    }
    await this.focusFlash();
  }

  private async onReplied(e: CustomEvent<SendResultDto>): Promise<void> {
    const r = e.detail;
    const t = i18n.t;
    const notes = [...r.deferred.map((d) => d.notice), ...(r.notice ? [r.notice] : [])];
    const flash: MessagingFlash = { kind: r.status === 'held' ? 'warning' : 'success', text: t(r.status === 'held' ? 'messaging.sent.held' : 'messaging.reply.sent'), notes };
    // a reply to a list send starts a private conversation with its sender: it is shown there
    if (r.conversationId && r.conversationId !== this.conversationId) {
      this.store.setFlash(flash);
      location.hash = routeHref({ name: 'thread', id: r.conversationId });
      return;
    }
    this._flash = flash;
    await this.load();
    await this.focusFlash();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-message-thread-view': MessageThreadView;
  }
}
