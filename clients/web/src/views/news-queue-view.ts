import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { NewsSummaryDto } from '../../../../server/contracts/news';
import { icon } from '../components/icons';
import { formatTime } from '../lib/format-time';
import { categoryLabel } from '../lib/news-labels';
import { routeHref } from '../lib/routes';
import { i18n } from '../i18n';
import { NewsListView } from './news-list-view';

/** « À valider »: items waiting for direction, oldest first, each with who wrote it and whom it addresses. */
@customElement('pw-news-queue-view')
export class NewsQueueView extends NewsListView {
  protected readonly source = 'queue';
  protected readonly empty = { icon: 'check', message: 'queue.empty' } as const;

  protected changesList(e: EventEnvelope): boolean {
    return ['news.submitted', 'news.reviewed', 'news.published', 'news.withdrawn'].includes(e.type);
  }

  override render() {
    const t = i18n.t;
    return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${t('queue.title')}</h1>
          <p class="lead">${t('queue.intro')}</p>
        </div>
      </div>
      ${this.renderList()}`;
  }

  protected renderRow(r: NewsSummaryDto, now: Date) {
    const t = i18n.t;
    const when = formatTime(r.updatedAt, { t, locale: i18n.locale, timeZone: this.timeZone, now });
    const href = routeHref({ name: 'item', id: r.id });
    return html`<li class="card row" data-testid="queue-item">
      <div>
        <div class="tags">
          <span class="tag tone-${r.category}">${categoryLabel(r.category, t)}</span>
          ${r.visibility === 'public' ? html`<span class="marker">${icon('globe', 14)}${t('news.public')}</span>` : nothing}
        </div>
        <h2><a href=${href}>${r.title}</a></h2>
        ${r.excerpt ? html`<p class="excerpt">${r.excerpt}</p>` : nothing}
        <div class="meta">
          <span>${icon('pen', 16)}${t('queue.submittedBy', { name: r.authorName })}</span>
          ${r.audienceLabel ? html`<span>${icon('users', 16)}${r.audienceLabel}</span>` : nothing}
          <span>${icon('clock', 16)}<time datetime=${when.iso} title=${when.absolute}>${when.relative}</time></span>
        </div>
      </div>
      <div class="row-actions">
        <a class="button primary" href=${href} aria-label=${t('queue.openLabel', { title: r.title })}>${t('queue.open')}</a>
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-news-queue-view': NewsQueueView;
  }
}
