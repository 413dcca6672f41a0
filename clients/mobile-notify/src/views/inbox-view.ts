import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { NotificationDto } from '../../../../server/contracts/notifications';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base, emptyState, iconBubble } from '../../../shared/styles';
import type { SessionStore } from '../../../web/src/lib/session-store';
import '../components/push-card';
import { icon } from '../components/icons';
import { i18n } from '../i18n';
import { awaitsAcknowledgement, CATEGORY_ICONS, markLocally, openUrl, receivedAt, sortInbox, unseenCount } from '../lib/inbox';
import { PUSH_RECEIVED_EVENT } from '../lib/page-events';

/** The person's notifications in the current school: unread first, critical ones to acknowledge. */
@customElement('pn-inbox')
export class InboxView extends LitElement {
  static override styles = [
    base,
    emptyState,
    iconBubble,
    css`
      :host {
        display: grid;
        gap: var(--pu-space-4);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0 var(--pu-space-3);
      }
      .head .link-button {
        padding: 0;
      }
      h1 {
        font-size: var(--pu-text-l);
      }
      .count {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      .link-button {
        min-height: 44px;
        padding: 0 var(--pu-space-2);
        border: 0;
        background: none;
        color: var(--pu-primary);
        font-weight: 600;
        cursor: pointer;
        text-decoration: underline;
        text-underline-offset: 3px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-3);
      }
      .item {
        position: relative;
        display: grid;
        grid-template-columns: auto 1fr;
        gap: var(--pu-space-3);
        padding: var(--pu-space-4);
        border-left: 4px solid transparent;
      }
      .item.unseen {
        border-left-color: var(--pu-primary);
      }
      .item.critical {
        border-color: var(--pu-danger);
        border-left-width: 4px;
      }
      .item:has(a:focus-visible) {
        outline: 3px solid var(--pu-focus);
        outline-offset: 2px;
      }
      .critical .bubble {
        color: var(--pu-danger);
        background: var(--pu-danger-soft);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-1) var(--pu-space-2);
        align-items: center;
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      .tag {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        padding: 0 var(--pu-space-2);
        border-radius: 999px;
        font-weight: 700;
        font-size: 0.8rem;
        color: var(--pu-primary);
        background: var(--pu-primary-soft);
      }
      .tag.important {
        color: var(--pu-danger);
        background: var(--pu-danger-soft);
      }
      .tag.unseen::before {
        content: '';
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: currentColor;
      }
      .title {
        display: block;
        margin-top: 2px;
        color: var(--pu-ink);
        font-weight: 700;
        text-decoration: none;
        line-height: 1.35;
      }
      .item:not(.unseen) .title {
        font-weight: 600;
      }
      /* the whole card opens the item; the acknowledge button stays above this layer */
      .title::after {
        content: '';
        position: absolute;
        inset: 0;
        border-radius: inherit;
      }
      .title:focus-visible {
        outline: none;
        box-shadow: none;
      }
      .body {
        margin-top: var(--pu-space-1);
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
        display: -webkit-box;
        -webkit-line-clamp: 3;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .ack {
        position: relative;
        z-index: 1;
        grid-column: 1 / -1;
        display: grid;
        gap: var(--pu-space-1);
      }
      .ack .button {
        width: 100%;
        border-color: var(--pu-danger);
        background: var(--pu-danger);
        color: #fff;
      }
      .ack .hint,
      .acknowledged {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      .acknowledged {
        grid-column: 1 / -1;
        display: flex;
        align-items: center;
        gap: var(--pu-space-1);
        color: var(--pu-success);
      }
      .errors:empty {
        display: none;
      }
      .skeleton {
        height: 96px;
        border-radius: var(--pu-radius-m);
        background: linear-gradient(90deg, var(--pu-surface) 0, var(--pu-surface-sunken) 50%, var(--pu-surface) 100%);
        border: 1px solid var(--pu-border);
      }
    `,
  ];

  @property() uai = '';
  @property() timeZone = 'Europe/Paris';
  @property({ attribute: false }) session?: SessionStore;

  @state() private _items: NotificationDto[] | null = null;
  @state() private _failed = false;
  @state() private _actionFailed = false;
  @state() private _now = new Date();

  private readonly locale = new LocaleController(this, i18n);
  private readonly reload = () => void this.load();
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') void this.load();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(PUSH_RECEIVED_EVENT, this.reload);
    document.addEventListener('visibilitychange', this.onVisible);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(PUSH_RECEIVED_EVENT, this.reload);
    document.removeEventListener('visibilitychange', this.onVisible);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('uai') && this.uai) {
      this._items = null;
      void this.load();
    }
  }

  async load(): Promise<void> {
    const uai = this.uai;
    try {
      const items = await api.get<NotificationDto[]>(`/schools/${uai}/notifications`);
      if (uai !== this.uai) return;
      this._items = sortInbox(items);
      this._now = new Date();
      this._failed = false;
    } catch (err) {
      this.session?.expireOn401(err);
      this._failed = true;
    }
  }

  override render() {
    const t = i18n.t;
    const items = this._items;
    const unseen = items ? unseenCount(items) : 0;
    return html`
      <pn-push-card only-when-off></pn-push-card>
      <div class="head">
        <div>
          <h1 id="inbox-title" tabindex="-1">${t('inbox.title')}</h1>
          ${items
            ? html`<p class="count" data-testid="unseen-count">
                ${unseen === 0 ? t('inbox.unseen.none') : unseen === 1 ? t('inbox.unseen.one') : t('inbox.unseen.many', { n: unseen })}
              </p>`
            : nothing}
        </div>
        ${unseen > 0 ? html`<button class="link-button" type="button" @click=${this.onMarkAll}>${t('inbox.markAll')}</button>` : nothing}
      </div>
      <div class="errors" role="alert">${this._failed
        ? html`<p class="notice error">${t('inbox.loadFailed')} <button class="link-button" type="button" @click=${this.reload}>${t('inbox.refresh')}</button></p>`
        : this._actionFailed
          ? html`<p class="notice error">${t('inbox.actionFailed')}</p>`
          : nothing}</div>
      ${items === null
        ? this._failed
          ? nothing
          : html`<div class="skeleton" aria-hidden="true"></div><div class="skeleton" aria-hidden="true"></div><p class="visually-hidden" role="status">${t('app.loading')}</p>`
        : items.length === 0
          ? html`<div class="empty">
              <span class="icon">${icon('inbox', 40)}</span>
              <p><strong>${t('inbox.empty')}</strong></p>
              <p>${t('inbox.emptyHint')}</p>
            </div>`
          : html`<ul aria-labelledby="inbox-title">
              ${items.map((n) => this.renderItem(n))}
            </ul>`}
    `;
  }

  private renderItem(n: NotificationDto) {
    const t = i18n.t;
    const unseen = n.seenAt === null;
    const toAck = awaitsAcknowledgement(n);
    return html`<li class="card item ${unseen ? 'unseen' : ''} ${toAck ? 'critical' : ''}" data-testid="notification" data-id=${n.id}>
      <span class="bubble">${icon(CATEGORY_ICONS[n.category], 22)}</span>
      <div>
        <div class="meta">
          ${toAck ? html`<span class="tag important">${t('inbox.critical')}</span>` : nothing}
          ${unseen ? html`<span class="tag unseen">${t('inbox.new')}</span>` : nothing}
          <span>${t(`category.${n.category}`)}</span>
          <span aria-hidden="true">·</span>
          <time datetime=${n.createdAt}>${receivedAt(n.createdAt, this._now, i18n.locale, this.timeZone)}</time>
        </div>
        <a class="title" href=${openUrl(n, location.origin)} @click=${(e: MouseEvent) => this.onOpen(e, n)}>${n.title}</a>
        ${n.body ? html`<p class="body">${n.body}</p>` : nothing}
      </div>
      ${toAck
        ? html`<div class="ack">
            <button class="button" type="button" @click=${() => this.onAcknowledge(n)}>${icon('check', 18)}${t('inbox.acknowledge')}</button>
            <span class="hint">${t('inbox.acknowledgeHint')}</span>
          </div>`
        : n.critical
          ? html`<p class="acknowledged">${icon('check', 16)}${t('inbox.acknowledged')}</p>`
          : nothing}
    </li>`;
  }

  private async onOpen(e: MouseEvent, n: NotificationDto): Promise<void> {
    // a new tab keeps this page: let the browser do it, the inbox reloads when it is back in view
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    if (n.seenAt === null) {
      try {
        await api.post(`/schools/${this.uai}/notifications/seen`, { ids: [n.id] });
      } catch (err) {
        // opening the item matters more than the mark; the web client marks it too
        this.session?.expireOn401(err);
      }
    }
    location.assign(openUrl(n, location.origin));
  }

  private async onAcknowledge(n: NotificationDto): Promise<void> {
    this._actionFailed = false;
    try {
      await api.post(`/schools/${this.uai}/notifications/acknowledge`, { ids: [n.id] });
      this._items = markLocally(this._items ?? [], [n.id], new Date(), true);
    } catch (err) {
      this.session?.expireOn401(err);
      this._actionFailed = true;
    }
  }

  private async onMarkAll(): Promise<void> {
    const ids = (this._items ?? []).filter((n) => n.seenAt === null).map((n) => n.id);
    if (ids.length === 0) return;
    this._actionFailed = false;
    try {
      await api.post(`/schools/${this.uai}/notifications/seen`, { ids: ids.slice(0, 200) });
      this._items = markLocally(this._items ?? [], ids.slice(0, 200), new Date());
    } catch (err) {
      this.session?.expireOn401(err);
      this._actionFailed = true;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pn-inbox': InboxView;
  }
}
