import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { NewsSummaryDto } from '../../../../server/contracts/news';
import { icon } from '../components/icons';
import { formatTime } from '../lib/format-time';
import { categoryLabel, statusChip, statusLabel } from '../lib/news-labels';
import { routeHref } from '../lib/routes';
import { i18n } from '../i18n';
import { NewsListView } from './news-list-view';

/** « Mes publications »: the author's items in every state, a sent-back one with the direction's comment. */
@customElement('pw-news-mine-view')
export class NewsMineView extends NewsListView {
  protected readonly source = 'mine';
  protected readonly empty = { icon: 'pen', message: 'mine.empty' } as const;

  protected changesList(e: EventEnvelope): boolean {
    return e.type !== 'news.read';
  }

  override render() {
    const t = i18n.t;
    return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${t('mine.title')}</h1>
          <p class="lead">${t('mine.intro')}</p>
        </div>
        <a class="button primary" href=${routeHref({ name: 'compose' })}>${icon('plus', 18)}${t('mine.new')}</a>
      </div>
      ${this.renderList()}`;
  }

  protected renderRow(r: NewsSummaryDto, now: Date) {
    const t = i18n.t;
    const chip = statusChip(r.status, r.reviewComment);
    const at = r.status === 'published' && r.publishedAt ? r.publishedAt : r.updatedAt;
    const when = formatTime(at, { t, locale: i18n.locale, timeZone: this.timeZone, now });
    // what the author waits for is the day it goes out, not the day they last saved it
    const planned = r.status === 'scheduled' && r.publishAt ? formatTime(r.publishAt, { t, locale: i18n.locale, timeZone: this.timeZone, now }) : null;
    const href = routeHref({ name: 'item', id: r.id });
    const editable = r.status !== 'archived';
    return html`<li class="card row" data-testid="mine-item">
      <div>
        <div class="tags">
          <span class="chip ${chip}">${statusLabel(chip, t)}</span>
          <span class="tag tone-${r.category}">${categoryLabel(r.category, t)}</span>
        </div>
        <h2><a href=${href}>${r.title}</a></h2>
        <div class="meta">
          ${planned
            ? html`<span data-testid="mine-planned">${icon('clock', 16)}<time datetime=${planned.iso}
                  >${t('item.scheduledFor', { date: planned.absolute })}</time
                ></span>`
            : html`<span>${icon('clock', 16)}${t(r.status === 'published' ? 'mine.publishedAt' : 'mine.savedAt', { when: '' })}<time
                  datetime=${when.iso}
                  title=${when.absolute}
                  >${when.relative}</time
                ></span>`}
          ${r.version > 1 ? html`<span>${icon('pen', 16)}${t('news.updatedMarker')}</span>` : nothing}
        </div>
        ${chip === 'returned' ? html`<p class="notice error comment">${t('mine.returnedBy', { comment: r.reviewComment ?? '' })}</p>` : nothing}
      </div>
      <div class="row-actions">
        <a class="button" href=${href}>${t('mine.view')}</a>
        ${editable
          ? html`<a class="button" href=${routeHref({ name: 'compose', id: r.id })} aria-label=${t('mine.editLabel', { title: r.title })}
              >${icon('pen', 18)}${t('mine.edit')}</a
            >`
          : nothing}
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-news-mine-view': NewsMineView;
  }
}
