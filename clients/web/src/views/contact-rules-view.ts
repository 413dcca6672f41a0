import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ContactRuleDto } from '../../../../server/contracts/messaging';
import { contactProfiles, pairKey, relationOf, type ContactReach } from '../../../../server/contracts/messaging-rules';
import type { Profile } from '../../../../server/contracts/profiles';
import { api } from '../../../shared/api';
import { base, cardSection } from '../../../shared/styles';
import { icon } from '../components/icons';
import { messagingStyles } from '../components/messaging-styles';
import { newsStyles } from '../components/news-styles';
import { loadFailedNotice, loadingNotice, saveOutcome } from '../components/status-notices';
import { changedFromDefaults, defaultGrid, gridFromRules, isDefaultCell, reachChoices, rulesBody, unsavedPairs, type RuleGrid } from '../lib/contact-rules';
import { profilePlural, reachLabel, relationCaption } from '../lib/messaging-labels';
import { i18n } from '../i18n';
import { MessagingView } from './messaging-view';
import { pageHead } from './page-head';

/**
 * « Règles de contact »: who may write to whom, as a table of profiles (rows write to columns).
 * Admins edit it; direction reads it. Cells that differ from the national defaults are marked.
 */
@customElement('pw-contact-rules-view')
export class ContactRulesView extends MessagingView {
  static override styles = [
    base,
    cardSection,
    newsStyles,
    messagingStyles,
    css`
      .card.block {
        padding: var(--pu-space-4);
      }
      thead th {
        text-align: center;
        vertical-align: bottom;
        font-size: 0.8rem;
      }
      thead th:first-child {
        text-align: left;
      }
      /* the row's profile stays in view when the table scrolls sideways */
      tbody th,
      thead th:first-child {
        position: sticky;
        left: 0;
        z-index: 1;
        background: var(--pu-surface-sunken);
      }
      tbody th {
        white-space: nowrap;
      }
      th,
      td {
        padding: 6px;
      }
      td {
        min-width: 92px;
      }
      .to-label {
        display: none;
      }
      td.changed {
        background: var(--pu-warning-soft);
      }
      td .cell {
        display: grid;
        gap: var(--pu-space-1);
      }
      td select.input {
        min-height: 40px;
        padding: var(--pu-space-1) var(--pu-space-1);
        font-size: var(--pu-text-s);
      }
      .value {
        font-weight: 600;
      }
      .caption {
        font-size: 0.8rem;
        color: var(--pu-ink-muted);
        line-height: 1.3;
      }
      .changed-mark {
        justify-self: start;
        font-size: 0.75rem;
        font-weight: 700;
        color: var(--pu-warning);
      }
      .axis {
        font-weight: 400;
        font-size: 0.8rem;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--pu-space-2) var(--pu-space-4);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-2) var(--pu-space-4);
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      /* on a phone each row becomes a block: « Élèves peuvent écrire aux » then one line per profile */
      @media (max-width: 640px) {
        .table-wrap {
          border: 0;
          overflow: visible;
        }
        table,
        tbody,
        tr,
        th,
        td {
          display: block;
        }
        thead {
          display: none;
        }
        tbody tr {
          margin-bottom: var(--pu-space-4);
          border: 1px solid var(--pu-border);
          border-radius: var(--pu-radius-s);
          overflow: hidden;
        }
        tbody th {
          position: static;
        }
        td {
          display: grid;
          grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr);
          align-items: center;
          gap: var(--pu-space-2);
          min-width: 0;
          border-bottom: 1px solid var(--pu-border);
        }
        .to-label {
          display: block;
          font-weight: 600;
        }
        tbody tr td:last-child {
          border-bottom: 0;
        }
      }
      .swatch {
        display: inline-block;
        width: 14px;
        height: 14px;
        vertical-align: -2px;
        margin-right: var(--pu-space-1);
        border-radius: 3px;
        background: var(--pu-warning-soft);
        border: 1px solid var(--pu-warning);
      }
    `,
  ];

  /** Admins change the rules; direction only reads them. */
  @property({ type: Boolean }) editable = false;

  @state() private _status: 'loading' | 'ready' | 'error' = 'loading';
  @state() private _saved: RuleGrid = defaultGrid();
  @state() private _grid: RuleGrid = defaultGrid();
  @state() private _saving = false;
  @state() private _error = '';
  @state() private _done = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const rules = await api.get<ContactRuleDto[]>(`${this.base}/rules`);
      this._saved = gridFromRules(rules);
      this._grid = { ...this._saved };
      this._status = 'ready';
    } catch (err) {
      this._error = this.failure(err);
      this._status = 'error';
    }
  }

  override render() {
    const t = i18n.t;
    return html`${pageHead(t('messaging.rules.title'), t(this.editable ? 'messaging.rules.intro' : 'messaging.rules.introReadOnly'))}
      ${this._status === 'loading'
        ? loadingNotice(t('messaging.loading'))
        : this._status === 'error'
          ? loadFailedNotice(this._error || t('messaging.loadFailed'))
          : this.renderTable()}`;
  }

  private renderTable() {
    const t = i18n.t;
    const changed = changedFromDefaults(this._grid);
    const unsaved = unsavedPairs(this._saved, this._grid).length;
    return html`<section class="card block" aria-labelledby="rules-table-title">
      <div class="bar">
        <h2 id="rules-table-title">${icon('list-check', 22)}${t('messaging.rules.table')}</h2>
        <p class="legend">
          <span><span class="swatch" aria-hidden="true"></span>${t('messaging.rules.legendChanged')}</span>
          <span data-testid="rules-changed">${t(changed === 0 ? 'messaging.rules.allDefault' : changed > 1 ? 'messaging.rules.changed.other' : 'messaging.rules.changed.one', { n: changed })}</span>
        </p>
      </div>
      ${this.editable ? html`<p class="muted">${t('messaging.rules.legendReach')}</p>` : nothing}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="rules-table-title">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('messaging.rules.from')} <span class="axis">↓</span> / ${t('messaging.rules.to')} <span class="axis">→</span></th>
              ${contactProfiles.map((p) => html`<th scope="col">${profilePlural(p, t)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${contactProfiles.map(
              (from) => html`<tr>
                <th scope="row">${profilePlural(from, t)}<span class="to-label">${t('messaging.rules.rowWrites')}</span></th>
                ${contactProfiles.map((to) => this.renderCell(from, to))}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.editable
        ? html`${saveOutcome(this._error, this._done)}
            <div class="actions">
              <button class="button primary" type="button" aria-disabled=${this._saving || unsaved === 0 ? 'true' : 'false'} @click=${this.save}>
                ${icon('check', 18)}${this._saving ? t('composer.saving') : t('messaging.rules.save')}
              </button>
              <button class="button" type="button" ?disabled=${changed === 0} @click=${this.resetDefaults}>${icon('return', 18)}${t('messaging.rules.reset')}</button>
              ${unsaved > 0
                ? html`<span class="muted" data-testid="rules-unsaved">${t(unsaved > 1 ? 'messaging.rules.unsaved.other' : 'messaging.rules.unsaved.one', { n: unsaved })}</span>`
                : nothing}
            </div>`
        : nothing}
    </section>`;
  }

  private renderCell(from: (typeof contactProfiles)[number], to: (typeof contactProfiles)[number]) {
    const t = i18n.t;
    const key = pairKey(from, to);
    const reach = this._grid[key];
    const relation = relationOf[key] ?? null;
    const caption = relation ? relationCaption({ from, to, relation }, t) : null;
    const isDefault = isDefaultCell(this._grid, from, to);
    const id = `r-${from}-${to}`;
    return html`<td class=${isDefault ? '' : 'changed'} data-testid="rule-${from}-${to}">
      <span class="to-label" aria-hidden="true">${profilePlural(to, t)}</span>
      <div class="cell">
        ${this.editable
          ? html`<label class="visually-hidden" for=${id}>${t('messaging.rules.cellLabel', { from: profilePlural(from, t), to: profilePlural(to, t) })}</label>
              <select
                id=${id}
                class="input"
                aria-describedby=${caption ? `${id}-caption` : nothing}
                @change=${(e: Event) => this.setCell(from, to, (e.target as HTMLSelectElement).value as ContactReach)}
              >
                ${reachChoices(from, to).map((r) => html`<option value=${r} ?selected=${r === reach}>${t(`messaging.reach.short.${r}`)}</option>`)}
              </select>`
          : html`<span class="value">${reachLabel(reach, t)}</span>`}
        ${caption ? html`<span class="caption" id="${id}-caption">${t('messaging.rules.relatedMeans', { relation: caption })}</span>` : nothing}
        ${isDefault ? nothing : html`<span class="changed-mark">${t('messaging.rules.changedMark')}</span>`}
      </div>
    </td>`;
  }

  private setCell(from: Profile, to: Profile, reach: ContactReach): void {
    this._grid = { ...this._grid, [pairKey(from, to)]: reach };
    this._done = '';
    this._error = '';
  }

  private resetDefaults(): void {
    this._grid = defaultGrid();
    this._done = i18n.t('messaging.rules.resetDone');
    this._error = '';
  }

  private async save(): Promise<void> {
    if (this._saving || unsavedPairs(this._saved, this._grid).length === 0) return;
    const t = i18n.t;
    this._saving = true;
    this._error = '';
    this._done = '';
    try {
      const rules = await api.put<ContactRuleDto[]>(`${this.base}/rules`, rulesBody(this._grid));
      this._saved = gridFromRules(rules);
      this._grid = { ...this._saved };
      this._done = t('messaging.rules.saved');
    } catch (err) {
      this._error = this.failure(err);
    } finally {
      this._saving = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-contact-rules-view': ContactRulesView;
  }
}
