import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { NewsSummaryDto } from '../../../../server/contracts/news';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { formatTime } from '../lib/format-time';
import { categoryLabel } from '../lib/news-labels';
import { routeHref } from '../lib/routes';
import { i18n } from '../i18n';
import { icon } from './icons';
import { newsStyles } from './news-styles';

/** One item of the feed: category, title (the link), excerpt, date and what the reader still has to do. */
@customElement('pw-news-card')
export class NewsCard extends LitElement {
  static override styles = [
    base,
    newsStyles,
    css`
      :host {
        display: block;
      }
      article {
        position: relative;
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: var(--pu-space-3) var(--pu-space-4);
        padding: var(--pu-space-4);
        border: 1px solid var(--pu-border);
        border-left: 4px solid var(--pu-border);
        border-radius: var(--pu-radius-m);
        background: var(--pu-surface);
        transition: border-color var(--pu-duration) ease, box-shadow var(--pu-duration) ease;
      }
      article.unread {
        border-left-color: var(--pu-primary);
      }
      article.pinned {
        border-left-color: var(--pu-ink);
        background: linear-gradient(var(--pu-surface-sunken), var(--pu-surface) 60%);
      }
      article:hover {
        border-color: var(--pu-border-strong);
        box-shadow: var(--pu-shadow);
      }
      article.fresh {
        animation: arrive 2.4s ease-out;
      }
      @keyframes arrive {
        from {
          background: var(--pu-primary-soft);
        }
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--pu-space-2);
      }
      h3 {
        margin: var(--pu-space-2) 0 var(--pu-space-1);
        font-size: 1.125rem;
        line-height: 1.3;
        overflow-wrap: anywhere;
      }
      article.unread h3 {
        font-weight: 800;
      }
      h3 a {
        color: var(--pu-ink);
        text-decoration: none;
      }
      /* the whole card opens the item; the link stays the one focusable, named by the title */
      h3 a::after {
        content: '';
        position: absolute;
        inset: 0;
        border-radius: var(--pu-radius-m);
      }
      h3 a:focus-visible {
        outline: none;
        box-shadow: none;
      }
      h3 a:focus-visible::after {
        outline: 3px solid var(--pu-focus);
        outline-offset: 2px;
      }
      article:hover h3 a {
        text-decoration: underline;
      }
      .excerpt {
        color: var(--pu-ink-muted);
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-line-clamp: 3;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--pu-space-1) var(--pu-space-3);
        margin-top: var(--pu-space-2);
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      .meta > * + *::before {
        content: '·';
        margin-right: var(--pu-space-3);
        color: var(--pu-ink-muted);
      }
      .thumb {
        width: 112px;
        height: 84px;
        object-fit: cover;
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
      }
      @media (max-width: 480px) {
        article {
          grid-template-columns: minmax(0, 1fr);
          padding: var(--pu-space-3);
        }
        .meta > * + *::before {
        content: '·';
        margin-right: var(--pu-space-3);
        color: var(--pu-ink-muted);
      }
      .thumb {
          grid-row: 1;
          width: 100%;
          height: 140px;
        }
      }
    `,
  ];

  @property({ attribute: false }) news!: NewsSummaryDto;
  @property({ attribute: false }) now = new Date();
  @property() timeZone = 'Europe/Paris';
  /** Just arrived live: drawn with a short highlight. */
  @property({ type: Boolean }) fresh = false;

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const t = i18n.t;
    const n = this.news;
    const when = formatTime(n.publishedAt ?? n.updatedAt, { t, locale: i18n.locale, timeZone: this.timeZone, now: this.now });
    const classes = [n.readAt ? '' : 'unread', n.pinned ? 'pinned' : '', this.fresh ? 'fresh' : ''].join(' ');
    return html`<article class=${classes} data-testid="news-card" data-news-id=${n.id}>
      <div>
        <div class="top">
          ${n.pinned ? html`<span class="marker pinned">${icon('pin', 14)}${t('news.pinned')}</span>` : nothing}
          <span class="tag tone-${n.category}"><span class="visually-hidden">${t('composer.category')}\u00a0: </span>${categoryLabel(n.category, t)}</span>
          ${n.readAt ? nothing : html`<span class="marker unread">${t('news.unread')}</span>`}
        </div>
        <h3><a href=${routeHref({ name: 'item', id: n.id })}>${n.title}</a></h3>
        ${n.excerpt ? html`<p class="excerpt">${n.excerpt}</p>` : nothing}
        <div class="meta">
          <time datetime=${when.iso} title=${when.absolute}>${when.relative}</time>
          <span>${t('event.by', { name: n.authorName })}</span>
          ${n.version > 1 ? html`<span class="marker">${icon('pen', 14)}${t('news.updatedMarker')}</span>` : nothing}
          ${n.ackRequired
            ? n.acknowledgedAt
              ? html`<span class="marker done">${icon('check', 14)}${t('news.acknowledged')}</span>`
              : html`<span class="marker ack">${icon('alert', 14)}${t('news.ackRequested')}</span>`
            : nothing}
        </div>
      </div>
      ${n.imageUrl ? html`<img class="thumb" src=${n.imageUrl} alt="" loading="lazy" />` : nothing}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-news-card': NewsCard;
  }
}
