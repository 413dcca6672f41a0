import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { ReadStatsDto } from '../../../../server/contracts/news';
import { LocaleController } from '../../../shared/i18n';
import { base, cardSection } from '../../../shared/styles';
import { percent } from '../lib/news-labels';
import { profileLabel } from '../lib/person-labels';
import { i18n } from '../i18n';
import { icon } from './icons';
import { newsStyles } from './news-styles';

/** « Lu par 212 / 250 »: who read an item, by class, and who has not yet; for its author and direction. */
@customElement('pw-news-stats')
export class NewsStats extends LitElement {
  static override styles = [
    base,
    cardSection,
    newsStyles,
    css`
      .headline {
        display: grid;
        gap: var(--pu-space-2);
      }
      .big {
        font-size: var(--pu-text-l);
        font-weight: 800;
      }
      .bar {
        height: 10px;
        border-radius: 999px;
        background: var(--pu-surface-sunken);
        border: 1px solid var(--pu-border);
        overflow: hidden;
      }
      .bar span {
        display: block;
        height: 100%;
        background: var(--pu-success);
        transition: width var(--pu-duration) ease;
      }
      .line {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: var(--pu-text-s);
      }
      caption {
        text-align: left;
        font-weight: 700;
        font-size: var(--pu-text-m);
        padding-bottom: var(--pu-space-2);
      }
      th,
      td {
        padding: var(--pu-space-2) var(--pu-space-1);
        border-bottom: 1px solid var(--pu-border);
        text-align: right;
      }
      th:first-child,
      td:first-child {
        text-align: left;
        overflow-wrap: anywhere;
      }
      td {
        white-space: nowrap;
      }
      thead th {
        color: var(--pu-ink-muted);
        font-weight: 600;
      }
      details {
        border: 1px solid var(--pu-border);
        border-radius: var(--pu-radius-s);
      }
      summary {
        cursor: pointer;
        padding: var(--pu-space-3);
        font-weight: 700;
      }
      details ul {
        list-style: none;
        margin: 0;
        padding: 0 var(--pu-space-3) var(--pu-space-2);
        max-height: 320px;
        overflow: auto;
      }
      details li {
        padding: var(--pu-space-2) 0;
        border-top: 1px solid var(--pu-border);
        display: grid;
      }
      details li .who {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      .all-read {
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        color: var(--pu-success);
        font-weight: 600;
      }
      @media (max-width: 480px) {
        .card {
          padding: var(--pu-space-4);
        }
      }
    `,
  ];

  @property({ attribute: false }) stats: ReadStatsDto | null = null;
  @property() status: 'loading' | 'ready' | 'error' | 'unpublished' = 'loading';
  /** The item was withdrawn: nobody reads it any more, the figures no longer move. */
  @property({ type: Boolean }) final = false;

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const t = i18n.t;
    return html`<section class="card" aria-labelledby="stats-title" data-testid="news-stats">
      <h2 id="stats-title">${icon('chart', 22)}${t('stats.title')}</h2>
      ${this.final ? html`<p class="line" data-testid="stats-final">${t('stats.final')}</p>` : nothing}
      ${this.status === 'unpublished'
        ? html`<p class="line">${t('stats.notPublished')}</p>`
        : this.status === 'error'
          ? html`<p class="notice error" role="alert">${t('stats.error')}</p>`
          : !this.stats
            ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('stats.loading')}</p>`
            : this.renderStats(this.stats)}
    </section>`;
  }

  private renderStats(s: ReadStatsDto) {
    const t = i18n.t;
    const share = percent(s.read, s.recipients);
    // the count is a polite live region: an author watching the page hears it move
    return html`<div class="headline">
        <p class="big" aria-live="polite" aria-atomic="true" data-testid="read-count">
          ${t('stats.readBy', { read: s.read, recipients: s.recipients })}
          <span class="line">(${t('stats.percent', { n: share })})</span>
        </p>
        <div class="bar" aria-hidden="true"><span style=${styleMap({ width: `${share}%` })}></span></div>
        ${s.ackMode !== 'none' ? html`<p class="line">${t('stats.acknowledged', { n: s.acknowledged, recipients: s.recipients })}</p>` : nothing}
        ${s.studentsCovered
          ? html`<p class="line">${t('stats.studentsCovered', { covered: s.studentsCovered.covered, total: s.studentsCovered.total })}</p>`
          : nothing}
      </div>
      ${s.byGroup.length > 0
        ? html`<table>
            <caption>${t('stats.byGroup')}</caption>
            <thead>
              <tr>
                <th scope="col">${t('stats.group')}</th>
                <th scope="col">${t('stats.read')}</th>
                <th scope="col"><span class="visually-hidden">${t('stats.share')}</span><span aria-hidden="true">%</span></th>
              </tr>
            </thead>
            <tbody>
              ${s.byGroup.map(
                (g) => html`<tr>
                  <th scope="row">${g.group}</th>
                  <td>${g.read} / ${g.recipients}</td>
                  <td>${t('stats.percent', { n: percent(g.read, g.recipients) })}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
      ${s.notRead.length === 0
        ? s.recipients > 0
          ? html`<p class="all-read">${icon('check', 18)}${t('stats.everyoneRead')}</p>`
          : nothing
        : html`<details>
            <summary>${t('stats.notRead', { n: s.recipients - s.read })}</summary>
            <ul>
              ${s.notRead.map(
                (p) => html`<li>
                  <span>${p.name}</span>
                  <span class="who"
                    >${p.children?.length ? t('stats.guardianOf', { names: p.children.join(', ') }) : profileLabel(p.profile, null, t)}</span
                  >
                </li>`,
              )}
            </ul>
          </details>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-news-stats': NewsStats;
  }
}
