import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { NewsDto } from '../../../../server/contracts/news';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { formatTime } from '../lib/format-time';
import { categoryLabel, fileKindLabel, fileSizeLabel, statusChip, statusLabel } from '../lib/news-labels';
import { i18n } from '../i18n';
import { icon } from './icons';
import { newsFileRowStyles, newsStyles, richTextBodyStyles } from './news-styles';

/** What the article shows: a saved item, or the composer's unsaved one for its preview. */
export type ArticleData = Pick<
  NewsDto,
  'title' | 'category' | 'status' | 'reviewComment' | 'publishedAt' | 'publishAt' | 'updatedAt' | 'version' | 'expireAt' | 'authorName' | 'visibility' | 'pinned' | 'imageUrl' | 'attachments'
>;

/**
 * An item as its readers see it. The body arrives already rendered: the item page gives the
 * hub's sanitised HTML, the composer's preview a fragment it sanitised itself.
 */
@customElement('pw-news-article')
export class NewsArticle extends LitElement {
  static override styles = [
    base,
    newsStyles,
    newsFileRowStyles,
    richTextBodyStyles,
    css`
      :host {
        display: block;
      }
      article {
        display: grid;
        gap: var(--pu-space-4);
      }
      .tags {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-2);
      }
      h1,
      h2.title {
        font-size: clamp(1.5rem, 1.2rem + 1.2vw, 2rem);
        line-height: 1.2;
        overflow-wrap: anywhere;
      }
      .dates {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-1) var(--pu-space-4);
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      .dates span {
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-1);
      }
      .image {
        width: 100%;
        max-height: 420px;
        object-fit: cover;
        border-radius: var(--pu-radius-m);
        background: var(--pu-surface-sunken);
      }
      .body {
        font-size: 1.0625rem;
        line-height: 1.65;
        overflow-wrap: anywhere;
        max-width: 72ch;
      }
      .body h2,
      .body h3 {
        margin: var(--pu-space-5) 0 var(--pu-space-2);
        font-size: 1.2rem;
      }
      .body a[href] {
        text-decoration: underline;
      }
      .body blockquote {
        padding-left: var(--pu-space-4);
        border-left: 4px solid var(--pu-border);
        color: var(--pu-ink-muted);
      }
      h2.files {
        font-size: var(--pu-text-m);
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
      }
      ul.attachments {
        list-style: none;
        margin: var(--pu-space-2) 0 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-2);
      }
      .attachment .icon {
        color: var(--pu-primary);
      }
      @media (max-width: 480px) {
        .attachment {
          grid-template-columns: minmax(0, 1fr) auto;
        }
        .attachment > .icon {
          display: none;
        }
        .download-label {
          display: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) news!: ArticleData;
  /** The rendered body (see the class comment). */
  @property({ attribute: false }) body: unknown = nothing;
  @property() timeZone = 'Europe/Paris';
  /** Shows the workflow state (for the author and direction). */
  @property({ type: Boolean }) showStatus = false;
  /** 1 on the item page; 2 inside the composer, whose own title is the page's h1. */
  @property({ type: Number }) level: 1 | 2 = 1;

  private readonly locale = new LocaleController(this, i18n);

  /** Moves focus to the title, for a page that has just opened. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  override render() {
    const t = i18n.t;
    const n = this.news;
    const time = (at: string) => formatTime(at, { t, locale: i18n.locale, timeZone: this.timeZone, now: new Date() }).absolute;
    const published = n.publishedAt ?? (n.status === 'published' ? n.updatedAt : null);
    return html`<article>
      <div class="tags">
        ${this.showStatus ? this.renderStatus() : nothing} ${n.pinned ? html`<span class="marker pinned">${icon('pin', 14)}${t('news.pinned')}</span>` : nothing}
        <span class="tag tone-${n.category}">${categoryLabel(n.category, t)}</span>
        ${n.visibility === 'public' ? html`<span class="marker">${icon('globe', 14)}${t('news.public')}</span>` : nothing}
      </div>
      ${this.level === 1
        ? html`<h1 tabindex="-1" data-testid="news-title">${n.title}</h1>`
        : html`<h2 class="title" data-testid="news-title">${n.title}</h2>`}
      <div class="dates">
        ${published
          ? html`<span>${icon('clock', 16)}${t('item.published', { date: time(published) })}</span>`
          : n.publishAt
            ? html`<span>${icon('clock', 16)}${t('item.scheduledFor', { date: time(n.publishAt) })}</span>`
            : nothing}
        <span>${icon('users', 16)}${t('item.author', { name: n.authorName })}</span>
        ${n.version > 1 ? html`<span>${icon('pen', 16)}${t('item.updated', { date: time(n.updatedAt) })}</span>` : nothing}
        ${n.expireAt ? html`<span>${icon('archive', 16)}${t('item.expires', { date: time(n.expireAt) })}</span>` : nothing}
      </div>
      ${n.imageUrl ? html`<img class="image" src=${n.imageUrl} alt="" />` : nothing}
      <div class="body" data-testid="news-body">${this.body}</div>
      ${n.attachments.length > 0 ? this.renderAttachments() : nothing}
    </article>`;
  }

  private renderStatus() {
    const chip = statusChip(this.news.status, this.news.reviewComment);
    return html`<span class="chip ${chip}" data-testid="news-status">${statusLabel(chip, i18n.t)}</span>`;
  }

  private renderAttachments() {
    const t = i18n.t;
    return html`<section aria-labelledby="files-title">
      <h2 class="files" id="files-title">${icon('paperclip', 18)}${t('item.attachments')}</h2>
      <ul class="attachments">
        ${this.news.attachments.map((a) => {
          const details = `${fileKindLabel(a.mimeType, t)} · ${fileSizeLabel(a.size, i18n.locale, t)}`;
          return html`<li class="attachment file-row">
            ${icon('file', 22)}
            <div>
              <div class="name">${a.name}</div>
              <div class="details">${details}</div>
            </div>
            <a class="button small" href=${a.url} download=${a.name} aria-label=${t('item.downloadLabel', { name: a.name, details })}>
              ${icon('download', 18)}<span class="download-label">${t('item.download')}</span>
            </a>
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-news-article': NewsArticle;
  }
}
