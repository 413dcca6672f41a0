import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AbsenceDto } from '../../../../server/contracts/absences';
import type { PersonDto } from '../../../../server/contracts/directory';
import { fromZonedInput } from '../../../../server/contracts/zoned-time';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { ABSENCE_LIMITS } from '../lib/absences-constants';
import { describeAbsenceError, fieldErrors } from '../lib/absences-errors';
import { spanProblem } from '../lib/teacher-absence-form';
import { i18n } from '../i18n';
import { absencesFormStyles, absencesStyles } from './absences-styles';
import { icon } from './icons';
import { newsStyles } from './news-styles';

const SEARCH_DELAY_MS = 250;

/**
 * Vie scolaire records an absence over a period (a morning, a day, a trip) for one or more
 * students: the guardians are told as for a roll call. Reports `pw-period-recorded`.
 */
@customElement('pw-period-absence-form')
export class PeriodAbsenceForm extends LitElement {
  static override styles = [
    base,
    newsStyles,
    absencesStyles,
    absencesFormStyles,
    css`
      .results,
      .picked {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-2);
      }
      .results .button {
        min-height: 40px;
      }
      .pick {
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-1);
        padding: var(--pu-space-1) var(--pu-space-1) var(--pu-space-1) var(--pu-space-3);
        border-radius: 999px;
        background: var(--pu-primary-soft);
        color: var(--pu-primary-hover);
        font-weight: 600;
      }
      .pick button {
        display: grid;
        place-items: center;
        width: 36px;
        height: 36px;
        border: 0;
        border-radius: 50%;
        background: transparent;
        color: inherit;
        cursor: pointer;
      }
      .pick button:hover {
        background: var(--pu-surface);
      }
    `,
  ];

  @property() uai = '';
  @property() timeZone = 'Europe/Paris';
  /** The day the dashboard shows: the period starts on it by default. */
  @property() date = '';

  @state() private _query = '';
  @state() private _results: PersonDto[] | null = null;
  @state() private _searching = false;
  @state() private _picked: PersonDto[] = [];
  @state() private _kind: 'absent' | 'excluded' = 'absent';
  @state() private _from = '';
  @state() private _to = '';
  @state() private _note = '';
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _fieldErrors = new Map<string, string>();
  @state() private _done = '';

  private readonly locale = new LocaleController(this, i18n);
  private searchTimer?: ReturnType<typeof setTimeout>;
  private searchGeneration = 0;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('date') && this.date) {
      this._from = `${this.date}T08:00`;
      this._to = `${this.date}T17:30`;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  override render() {
    const t = i18n.t;
    const err = (path: string) => this._fieldErrors.get(path);
    return html`<form novalidate @submit=${this.onSubmit}>
      <div class="field">
        <label for="student-search">${t('period.search')}</label>
        <input
          id="student-search"
          class="input"
          type="search"
          autocomplete="off"
          .value=${this._query}
          aria-describedby="search-hint"
          @input=${this.onSearch}
        />
        <span class="hint" id="search-hint">${t('period.searchHint')}</span>
      </div>
      ${this.renderResults()}
      <div class="field">
        <span class="label" id="picked-label"><strong>${t('period.picked', { n: this._picked.length })}</strong></span>
        ${this._picked.length === 0
          ? html`<p class="muted small-text">${t('period.noneChosen')}</p>`
          : html`<ul class="picked" aria-labelledby="picked-label">
              ${this._picked.map(
                (p) => html`<li class="pick">
                  ${p.firstName} ${p.lastName}${p.groups.length ? ` (${p.groups[0]})` : ''}
                  <button type="button" aria-label=${t('period.unpick', { name: `${p.firstName} ${p.lastName}` })} @click=${() => this.unpick(p)}>
                    ${icon('x', 16)}
                  </button>
                </li>`,
              )}
            </ul>`}
        ${err('studentIds') ? html`<span class="error-text">${err('studentIds')}</span>` : nothing}
      </div>
      <fieldset>
        <legend>${t('period.kind')}</legend>
        <div class="choices">
          <label class="choice"><input type="radio" name="kind" .checked=${this._kind === 'absent'} @change=${() => (this._kind = 'absent')} />${t('absences.kind.absent')}</label>
          <label class="choice"><input type="radio" name="kind" .checked=${this._kind === 'excluded'} @change=${() => (this._kind = 'excluded')} />${t('absences.kind.excluded')}</label>
        </div>
      </fieldset>
      <div class="form-grid">
        <div class="field">
          <label for="from">${t('period.from')}</label>
          <input id="from" class="input" type="datetime-local" .value=${this._from} aria-invalid=${err('startsAt') ? 'true' : 'false'} @input=${(e: Event) => (this._from = (e.target as HTMLInputElement).value)} />
          ${err('startsAt') ? html`<span class="error-text">${err('startsAt')}</span>` : nothing}
        </div>
        <div class="field">
          <label for="to">${t('period.to')}</label>
          <input id="to" class="input" type="datetime-local" .value=${this._to} aria-invalid=${err('endsAt') ? 'true' : 'false'} @input=${(e: Event) => (this._to = (e.target as HTMLInputElement).value)} />
          ${err('endsAt') ? html`<span class="error-text">${err('endsAt')}</span>` : nothing}
        </div>
      </div>
      <p class="hint muted small-text">${t('period.timeZoneHint', { zone: this.timeZone })}</p>
      <div class="field">
        <label for="note">${t('period.note')}</label>
        <textarea id="note" class="input" maxlength=${ABSENCE_LIMITS.note} .value=${this._note} @input=${(e: Event) => (this._note = (e.target as HTMLTextAreaElement).value)}></textarea>
        <span class="hint">${t('period.noteHint')}</span>
      </div>
      <div role="alert">${this._error ? html`<p class="notice error">${this._error}</p>` : nothing}</div>
      <div role="status">${this._done ? html`<p class="notice success">${this._done}</p>` : nothing}</div>
      <div class="actions">
        <button class="button primary" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>
          ${this._busy ? html`<span class="spinner" aria-hidden="true"></span>${t('period.saving')}` : html`${icon('plus', 18)}${t('period.save')}`}
        </button>
      </div>
    </form>`;
  }

  private renderResults() {
    const t = i18n.t;
    if (this._query.trim().length < 2) return nothing;
    if (this._searching && !this._results) return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('period.searching')}</p>`;
    const results = (this._results ?? []).filter((p) => !this._picked.some((x) => x.id === p.id));
    return html`<div role="status" class="small-text muted">${t('period.results', { n: results.length })}</div>
      ${results.length
        ? html`<ul class="results" aria-label=${t('period.resultsLabel')}>
            ${results.map(
              (p) => html`<li>
                <button class="button small" type="button" @click=${() => this.pick(p)}>
                  ${icon('plus', 16)}${p.firstName} ${p.lastName}${p.groups.length ? ` · ${p.groups.join(', ')}` : ''}
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }

  private onSearch(e: Event): void {
    this._query = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    if (this._query.trim().length < 2) {
      this._results = null;
      return;
    }
    this.searchTimer = setTimeout(() => void this.search(this._query.trim()), SEARCH_DELAY_MS);
  }

  private async search(q: string): Promise<void> {
    const generation = ++this.searchGeneration;
    this._searching = true;
    try {
      const query = new URLSearchParams({ profile: 'student', q, limit: '20' });
      const people = await api.get<PersonDto[]>(`/schools/${encodeURIComponent(this.uai)}/people?${query}`);
      if (generation === this.searchGeneration) this._results = people;
    } catch (err) {
      if (generation === this.searchGeneration) {
        this._results = [];
        this._error = describeAbsenceError(err, 'load', i18n.t);
      }
    } finally {
      if (generation === this.searchGeneration) this._searching = false;
    }
  }

  private pick(p: PersonDto): void {
    if (this._picked.length >= ABSENCE_LIMITS.periodStudents) {
      this._error = i18n.t('period.tooMany', { max: ABSENCE_LIMITS.periodStudents });
      return;
    }
    this._picked = [...this._picked, p];
    this._done = '';
    // ready for the next name
    this._query = '';
    this._results = null;
    this.renderRoot.querySelector<HTMLInputElement>('#student-search')?.focus();
  }

  private unpick(p: PersonDto): void {
    this._picked = this._picked.filter((x) => x.id !== p.id);
    this.renderRoot.querySelector<HTMLInputElement>('#student-search')?.focus();
  }

  private async onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const t = i18n.t;
    this._error = '';
    this._done = '';
    this._fieldErrors = new Map();
    const startsAt = fromZonedInput(this._from, this.timeZone);
    const endsAt = fromZonedInput(this._to, this.timeZone);
    const problems = new Map<string, string>();
    if (this._picked.length === 0) problems.set('studentIds', t('period.error.students'));
    const span = spanProblem(startsAt, endsAt, ABSENCE_LIMITS.periodDays);
    if (span === 'missing') problems.set(startsAt ? 'endsAt' : 'startsAt', t('period.error.missing'));
    if (span === 'order') problems.set('endsAt', t('period.error.order'));
    if (span === 'tooLong') problems.set('endsAt', t('period.error.tooLong', { days: ABSENCE_LIMITS.periodDays }));
    if (problems.size > 0) {
      this._fieldErrors = problems;
      this._error = t('period.error.fix');
      return;
    }
    this._busy = true;
    try {
      const recorded = await api.post<AbsenceDto[]>(`/schools/${encodeURIComponent(this.uai)}/absences/periods`, {
        studentIds: this._picked.map((p) => p.id),
        kind: this._kind,
        startsAt,
        endsAt,
        note: this._note.trim(),
      });
      this._done = t(recorded.length > 1 ? 'period.done.other' : 'period.done.one', { n: recorded.length });
      this._picked = [];
      this._query = '';
      this._results = null;
      this._note = '';
      this.dispatchEvent(new CustomEvent<AbsenceDto[]>('pw-period-recorded', { detail: recorded, bubbles: true, composed: true }));
    } catch (err) {
      this._fieldErrors = fieldErrors(err);
      this._error = describeAbsenceError(err, 'period', t);
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-period-absence-form': PeriodAbsenceForm;
  }
}
