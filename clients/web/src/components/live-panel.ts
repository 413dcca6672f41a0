import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { ClockController } from '../../../shared/clock-controller';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { EventEnvelope } from '../../../../server/contracts/events';
import { LocaleController } from '../../../shared/i18n';
import type { LiveStatus } from '../../../shared/live-connection';
import { base, cardSection, emptyState, iconBubble } from '../../../shared/styles';
import { formatEvent, type EventContext } from '../lib/format-event';
import { i18n } from '../i18n';
import { icon } from './icons';
import './live-status';

/** What the panel needs to put events in words, besides the clock it keeps itself. */
export type FeedContext = Omit<EventContext, 't' | 'now' | 'locale'>;


/** "Fil en direct": the events arriving on the person's channels, newest first. */
@customElement('pw-live-panel')
export class LivePanel extends LitElement {
  static override styles = [
    base,
    cardSection,
    iconBubble,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--pu-space-2) var(--pu-space-4);
      }
      .hint {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-2);
      }
      li {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: var(--pu-space-3);
        align-items: start;
        padding: var(--pu-space-3) var(--pu-space-4);
        border: 1px solid var(--pu-border);
        border-radius: var(--pu-radius-m);
        background: var(--pu-surface);
        animation: arrive 1.6s ease-out;
      }
      @keyframes arrive {
        from {
          background: var(--pu-primary-soft);
          transform: translateY(-4px);
        }
        30% {
          transform: none;
        }
      }
      .bubble.alert,
      .bubble.absence {
        color: var(--pu-danger);
        background: var(--pu-danger-soft);
      }
      .bubble.directory,
      .bubble.membership {
        color: var(--pu-success);
        background: var(--pu-success-soft);
      }
      .body {
        min-width: 0;
        display: grid;
        gap: 2px;
      }
      .title {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .title a {
        color: inherit;
      }
      .description {
        color: var(--pu-ink-muted);
        overflow-wrap: anywhere;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--pu-space-1) var(--pu-space-3);
        margin-top: var(--pu-space-1);
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      .channel {
        padding: 0 var(--pu-space-2);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
        border: 1px solid var(--pu-border);
        color: var(--pu-ink);
      }
      ${emptyState}
      @media (max-width: 480px) {
        .card {
          padding: var(--pu-space-4);
        }
        li {
          padding: var(--pu-space-3);
        }
      }
    `,
  ];

  @property({ attribute: false }) events: EventEnvelope[] = [];
  @property({ attribute: false }) context!: FeedContext;
  @property() status: LiveStatus = 'connecting';
  @property({ type: Boolean }) reconnecting = false;
  /** Set after the hub could not replay everything missed and the page reloaded its data. */
  @property({ type: Boolean }) resynced = false;
  /** The panel's title; on the « Fil en direct » page, whose own title says the rest, a shorter one. */
  @property() heading = '';

  @state() private _announcement = '';

  private readonly locale = new LocaleController(this, i18n);
  private readonly clock = new ClockController(this);

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('events')) return;
    this.clock.touch();
    const previous = changed.get('events') as EventEnvelope[] | undefined;
    const newest = this.events[0];
    // announce only what arrived, not the whole list, and not the list a view starts with
    if (previous && newest && previous[0] !== newest && this.context) {
      const title = formatEvent(newest, this.formatContext()).title;
      this._announcement = i18n.t('live.announceNew', { title });
    }
  }

  override render() {
    const ctx = this.formatContext();
    return html`<section class="card" aria-labelledby="live-title">
      <header>
        <h2 id="live-title">${icon('activity', 22)}${this.heading || i18n.t('live.title')}</h2>
        <pw-live-status .status=${this.status} ?reconnecting=${this.reconnecting}></pw-live-status>
      </header>
      ${this.status === 'disconnected' ? html`<p class="hint">${i18n.t('live.offlineHint')}</p>` : nothing}
      ${this.resynced ? html`<p class="notice warning" role="status">${i18n.t('live.resynced')}</p>` : nothing}
      ${this.events.length === 0
        ? html`<div class="empty">${icon('activity', 32)}<p>${i18n.t('live.empty')}</p></div>`
        : html`<ol aria-label=${i18n.t('live.listLabel')}>
            ${repeat(
              this.events,
              (e) => `${e.channel}#${e.seq}`,
              (e) => {
                const f = formatEvent(e, ctx);
                return html`<li data-testid="live-event" data-event-type=${f.type}>
                  <span class="bubble ${f.icon}">${icon(f.icon, 22)}</span>
                  <div class="body">
                    <span class="title">${f.href ? html`<a href=${f.href}>${f.title}</a>` : f.title}</span>
                    ${f.description ? html`<span class="description">${f.description}</span>` : nothing}
                    <span class="meta">
                      <span class="channel">${f.channel}</span>
                      <time datetime=${f.time.iso} title=${f.time.absolute}>${f.time.relative}</time>
                    </span>
                  </div>
                </li>`;
              },
            )}
          </ol>`}
      <div class="visually-hidden" aria-live="polite">${this._announcement}</div>
    </section>`;
  }

  private formatContext(): EventContext {
    return { ...this.context, t: i18n.t, locale: i18n.locale, now: this.clock.now };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-live-panel': LivePanel;
  }
}
