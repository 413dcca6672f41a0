import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CourseDto, DayDto, TimetableDto, TimetableImportReport } from '../../../../server/contracts/timetable';
import { toZonedDate } from '../../../../server/contracts/zoned-time';
import { api, ApiError } from '../../../shared/api';
import { uploadFile } from '../../../shared/upload';
import { base } from '../../../shared/styles';
import { absencesStyles } from '../components/absences-styles';
import { fieldsetStyles } from '../components/form-styles';
import { icon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import { dayLabel } from '../lib/absence-labels';
import { describeAbsenceError, fieldSentences } from '../lib/absences-errors';
import { hubClock } from '../lib/hub-clock';
import { fileSizeLabel } from '../lib/news-labels';
import { coursesByDay, groupOptions, IMPORT_KINDS, isMonday, refusedReport, weekdayName, weekLetter, type ImportKind } from '../lib/timetable';
import { i18n } from '../i18n';
import { AbsencesPage } from './absences-page';
import { reportSessionLoss } from './session-loss';

/** One of the two import files: its bytes, read once so that what was checked is what gets imported. */
interface ImportState {
  name: string;
  size: number;
  bytes: ArrayBuffer | null;
  busy: 'check' | 'apply' | null;
  /** The last answer for these bytes: a dry run, an import, or a refusal. */
  report: TimetableImportReport | null;
  /** A clean dry run of these very bytes: « Importer » may go. */
  checked: boolean;
  error: string;
}

/** The files' columns (docs/timetable-import.md), as the file's header line spells them. */
const KIND_COLUMNS: Record<ImportKind, string> = { slots: 'code;debut;fin', courses: 'classe;matiere;enseignant;jour;creneau;salle;semaine' };

const emptyImport = (): ImportState => ({ name: '', size: 0, bytes: null, busy: null, report: null, checked: false, error: '' });

/**
 * « Emploi du temps »: direction and admins see the school's slots and standard week (filtered
 * by class), import the two CSV files (slots, then courses) after a dry run of each, and set the
 * Monday of a week A from which A and B weeks alternate.
 */
@customElement('pw-timetable-view')
export class TimetableView extends AbsencesPage {
  static override styles = [
    base,
    newsStyles,
    absencesStyles,
    fieldsetStyles,
    css`
      .panel > p.muted {
        margin: 0;
      }
      .top-grid {
        display: grid;
        grid-template-columns: minmax(260px, 1fr) minmax(300px, 2fr);
        gap: var(--pu-space-5);
        align-items: start;
      }
      @media (max-width: 900px) {
        .top-grid {
          grid-template-columns: 1fr;
        }
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      caption {
        text-align: left;
      }
      th,
      td {
        padding: var(--pu-space-2) var(--pu-space-3);
        text-align: left;
        border-bottom: 1px solid var(--pu-border);
      }
      thead th {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      tbody th {
        font-weight: 700;
      }
      .filter {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--pu-space-2) var(--pu-space-4);
      }
      .filter .field {
        min-width: 220px;
      }
      .filter [role='status'] {
        position: static;
        padding-bottom: var(--pu-space-2);
      }
      .week {
        display: grid;
        align-items: start;
        grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
        gap: var(--pu-space-3);
      }
      .day {
        display: grid;
        align-content: start;
        gap: var(--pu-space-2);
        padding: var(--pu-space-3);
        border: 1px solid var(--pu-border);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
        min-width: 0;
      }
      .day h3 {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--pu-space-2);
        font-size: 1rem;
        text-transform: capitalize;
      }
      .day h3 .small-text {
        text-transform: none;
        font-weight: 400;
      }
      .day ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-2);
      }
      .course {
        display: grid;
        gap: 2px;
        padding: var(--pu-space-2);
        border-left: 4px solid var(--pu-primary);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface);
        font-size: var(--pu-text-s);
        overflow-wrap: anywhere;
      }
      .course .line1 {
        display: flex;
        justify-content: space-between;
        gap: var(--pu-space-2);
        font-weight: 700;
      }
      .course .subject {
        font-size: 0.95rem;
        font-weight: 600;
      }
      .course .when {
        font-variant-numeric: tabular-nums;
      }
      .week-mark {
        flex: none;
        align-self: flex-start;
        min-width: 22px;
        padding: 0 6px;
        border-radius: 999px;
        border: 1px solid currentColor;
        line-height: 20px;
        text-align: center;
        color: var(--pu-warning);
        background: var(--pu-warning-soft);
      }
      .imports {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
        gap: var(--pu-space-4);
      }
      .import {
        display: grid;
        align-content: start;
        gap: var(--pu-space-3);
        padding: var(--pu-space-4);
        border: 1px solid var(--pu-border);
        border-radius: var(--pu-radius-s);
      }
      .import h3 {
        font-size: 1.05rem;
      }
      .import code {
        font-size: var(--pu-text-s);
        overflow-wrap: anywhere;
      }
      input[type='file'].input {
        padding: var(--pu-space-2);
        min-height: 48px;
        cursor: pointer;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-2);
      }
      .report [role='status'] {
        position: static;
      }
      .report .notice {
        margin: 0;
      }
      .bad-lines {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: var(--pu-space-1);
        max-height: 320px;
        overflow-y: auto;
        font-size: var(--pu-text-s);
      }
      .bad-lines li {
        padding: var(--pu-space-1) var(--pu-space-2);
        border-left: 4px solid var(--pu-danger);
        background: var(--pu-danger-soft);
        border-radius: var(--pu-radius-s);
      }
      .bad-lines strong {
        margin-right: var(--pu-space-2);
      }
      .week-form {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--pu-space-3);
      }
      .week-form .field {
        min-width: 220px;
      }
    `,
  ];

  @state() private _timetable: TimetableDto | null = null;
  @state() private _loadError = '';
  @state() private _group = '';
  @state() private _imports: Record<ImportKind, ImportState> = { slots: emptyImport(), courses: emptyImport() };
  @state() private _weekA = '';
  @state() private _weekBusy = false;
  @state() private _weekError = '';
  @state() private _weekDone = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void this.syncClock();
  }

  /** This week's letter goes by the hub's date, not the device's. */
  private async syncClock(): Promise<void> {
    if (hubClock.synced) return;
    try {
      hubClock.sync((await api.get<DayDto>(`${this.schoolPath}/timetable/day?scope=mine`)).now);
      this.requestUpdate();
    } catch {
      // the device's date will do
    }
  }

  private async load(): Promise<void> {
    try {
      const tt = await api.get<TimetableDto>(`${this.schoolPath}/timetable`);
      this._timetable = tt;
      this._weekA = tt.weekAStart ?? '';
      this._loadError = '';
      if (this._group && !tt.courses.some((c) => c.groupId === this._group)) this._group = '';
    } catch (err) {
      reportSessionLoss(this, err);
      this._loadError = describeAbsenceError(err, 'load', i18n.t);
    }
  }

  private patchImport(kind: ImportKind, patch: Partial<ImportState>): void {
    this._imports = { ...this._imports, [kind]: { ...this._imports[kind], ...patch } };
  }

  private async pickFile(kind: ImportKind, e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    // a new file (or none) forgets the previous check
    this.patchImport(kind, { ...emptyImport(), name: file?.name ?? '', size: file?.size ?? 0 });
    if (!file) return;
    try {
      const bytes = await file.arrayBuffer();
      this.patchImport(kind, { bytes });
    } catch {
      this.patchImport(kind, { error: i18n.t('timetable.error.read') });
    }
  }

  private async runImport(kind: ImportKind, dryRun: boolean): Promise<void> {
    const s = this._imports[kind];
    if (s.busy) return;
    if (!s.bytes) {
      this.patchImport(kind, { error: i18n.t('timetable.import.chooseFirst'), report: null });
      return;
    }
    if (!dryRun && !s.checked) return;
    this.patchImport(kind, { busy: dryRun ? 'check' : 'apply', error: '' });
    try {
      const url = `/api${this.schoolPath}/timetable/imports?kind=${kind}${dryRun ? '&dryRun=1' : ''}`;
      const report = await uploadFile<TimetableImportReport>(url, new Blob([s.bytes], { type: 'text/csv' }));
      this.patchImport(kind, { busy: null, report, checked: dryRun && report.errors.length === 0 });
      if (!dryRun) await this.load();
    } catch (err) {
      reportSessionLoss(this, err);
      const refused = refusedReport(err);
      this.patchImport(kind, { busy: null, checked: false, report: refused, error: refused ? '' : this.importError(err) });
    }
  }

  private importError(err: unknown): string {
    const t = i18n.t;
    if (err instanceof ApiError && err.code === 'payload_too_large') return t('timetable.error.tooLarge');
    if (err instanceof ApiError && err.code === 'unsupported_media_type') return t('timetable.error.type');
    return describeAbsenceError(err, 'settings', t);
  }

  private async saveWeekA(clear: boolean): Promise<void> {
    if (this._weekBusy) return;
    const t = i18n.t;
    this._weekError = '';
    this._weekDone = '';
    const value = clear ? null : this._weekA;
    if (value !== null) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        this._weekError = t('timetable.weekA.invalid');
        return;
      }
      if (!isMonday(value)) {
        this._weekError = t('timetable.weekA.notMonday', { date: dayLabel(value, this.ctx, true) });
        return;
      }
    }
    this._weekBusy = true;
    try {
      await api.patch(`${this.schoolPath}/timetable/settings`, { weekAStart: value });
      this._weekDone = t(clear ? 'timetable.weekA.cleared' : 'timetable.weekA.saved');
      await this.load();
    } catch (err) {
      reportSessionLoss(this, err);
      const fields = fieldSentences(err);
      this._weekError = fields.get('weekAStart') ?? describeAbsenceError(err, 'settings', t);
    } finally {
      this._weekBusy = false;
    }
  }

  override render() {
    const t = i18n.t;
    return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${t('timetable.title')}</h1>
          <p class="lead">${t('timetable.lead')}</p>
        </div>
      </div>
      ${this._loadError ? html`<p class="notice error" role="alert">${this._loadError}</p>` : nothing}
      ${this._timetable
        ? html`<div class="top-grid">${this.renderSlots(this._timetable)} ${this.renderWeekA(this._timetable)}</div>
            ${this.renderCourses(this._timetable)}`
        : this._loadError
          ? nothing
          : html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('timetable.loading')}</p>`}
      ${this.renderImports()}`;
  }

  private renderSlots(tt: TimetableDto) {
    const t = i18n.t;
    return html`<section class="card panel" aria-labelledby="slots-title">
      <h2 id="slots-title">${icon('clock', 22)}${t('timetable.slots')}</h2>
      ${tt.slots.length === 0
        ? html`<p class="muted">${t('timetable.slotsNone')}</p>`
        : html`<table data-testid="timetable-slots">
            <caption class="visually-hidden">${t('timetable.slotsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">${t('timetable.slot.code')}</th>
                <th scope="col">${t('timetable.slot.start')}</th>
                <th scope="col">${t('timetable.slot.end')}</th>
              </tr>
            </thead>
            <tbody>
              ${repeat(
                tt.slots,
                (s) => s.id,
                (s) => html`<tr data-testid="timetable-slot">
                  <th scope="row">${s.code}</th>
                  <td>${s.startTime}</td>
                  <td>${s.endTime}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;
  }

  private renderWeekA(tt: TimetableDto) {
    const t = i18n.t;
    const letter = weekLetter(tt.weekAStart, toZonedDate(hubClock.now(), this.timeZone));
    const invalid = !!this._weekError;
    return html`<section class="card panel" aria-labelledby="weeka-title">
      <h2 id="weeka-title">${icon('calendar', 22)}${t('timetable.weekA.title')}</h2>
      <p class="muted">${t('timetable.weekA.intro')}</p>
      <p data-testid="week-letter"><strong>${letter ? t('timetable.weekA.current', { letter }) : t('timetable.weekA.off')}</strong></p>
      <form class="week-form" novalidate @submit=${(e: Event) => (e.preventDefault(), void this.saveWeekA(false))}>
        <div class="field">
          <label for="week-a">${t('timetable.weekA.label')}</label>
          <input
            id="week-a"
            class="input"
            type="date"
            .value=${this._weekA}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${invalid ? 'week-a-hint week-a-error' : 'week-a-hint'}
            @input=${(e: Event) => ((this._weekA = (e.target as HTMLInputElement).value), (this._weekDone = ''))}
          />
          <span class="hint" id="week-a-hint">${t('timetable.weekA.hint')}</span>
        </div>
        <div class="actions">
          <button class="button primary" type="submit" aria-disabled=${this._weekBusy ? 'true' : 'false'}>${t('timetable.weekA.save')}</button>
          ${tt.weekAStart
            ? html`<button class="button" type="button" aria-disabled=${this._weekBusy ? 'true' : 'false'} @click=${() => void this.saveWeekA(true)}>
                ${t('timetable.weekA.clear')}
              </button>`
            : nothing}
        </div>
      </form>
      <div role="alert" id="week-a-error">${this._weekError ? html`<p class="notice error">${this._weekError}</p>` : nothing}</div>
      <div role="status">${this._weekDone ? html`<p class="notice success">${this._weekDone}</p>` : nothing}</div>
    </section>`;
  }

  private renderCourses(tt: TimetableDto) {
    const t = i18n.t;
    const groups = groupOptions(tt.courses);
    const days = coursesByDay(tt.courses, tt.slots, this._group);
    const shown = days.reduce((n, d) => n + d.courses.length, 0);
    return html`<section class="card panel" aria-labelledby="courses-title">
      <h2 id="courses-title">${icon('list-check', 22)}${t('timetable.courses')}</h2>
      <div class="filter">
        <div class="field">
          <label for="group-filter">${t('timetable.filter')}</label>
          <select id="group-filter" class="input" @change=${(e: Event) => (this._group = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this._group}>${t('timetable.filterAll')}</option>
            ${groups.map((g) => html`<option value=${g.id} ?selected=${g.id === this._group}>${g.name}</option>`)}
          </select>
        </div>
        <p role="status" class="muted small-text" data-testid="courses-shown">
          ${shown === 0 ? t('timetable.shown.none') : t(shown > 1 ? 'timetable.shown.other' : 'timetable.shown.one', { n: shown })}
        </p>
      </div>
      <div class="week" data-testid="timetable-week">
        ${days.map((d) => {
          const name = weekdayName(d.weekday, i18n.locale);
          return html`<section class="day" aria-labelledby=${`day-${d.weekday}`} data-testid="timetable-day" data-weekday=${d.weekday}>
            <h3 id=${`day-${d.weekday}`}>
              ${name}
              <span class="small-text muted">${d.courses.length ? t(d.courses.length > 1 ? 'timetable.dayCount.other' : 'timetable.dayCount.one', { n: d.courses.length }) : ''}</span>
            </h3>
            ${d.courses.length
              ? html`<ul>
                  ${repeat(
                    d.courses,
                    (c) => c.id,
                    (c) => this.renderCourse(c, tt),
                  )}
                </ul>`
              : html`<p class="small-text muted">${t('timetable.dayNone')}</p>`}
          </section>`;
        })}
      </div>
    </section>`;
  }

  private renderCourse(c: CourseDto, tt: TimetableDto) {
    const t = i18n.t;
    const slot = tt.slots.find((s) => s.id === c.slotId);
    return html`<li class="course" data-testid="timetable-course">
      <span class="line1">
        <span class="group">${c.groupName}</span>
        ${c.week !== 'all'
          ? html`<span class="week-mark" title=${t(`timetable.week.${c.week}`)} aria-hidden="true">${t(`timetable.weekShort.${c.week}`)}</span
              ><span class="visually-hidden">, ${t(`timetable.week.${c.week}`)}</span>`
          : nothing}
      </span>
      <span class="subject">${c.subject}</span>
      <span class="when"><strong>${c.slotCode}</strong>${slot ? ` · ${slot.startTime}–${slot.endTime}` : ''}</span>
      <span class="muted">${c.teacherName} · ${c.room ? t('timetable.room', { room: c.room }) : t('timetable.noRoom')}</span>
    </li>`;
  }

  private renderImports() {
    const t = i18n.t;
    return html`<section class="card panel" aria-labelledby="imports-title">
      <h2 id="imports-title">${icon('download', 22)}${t('timetable.import.title')}</h2>
      <p class="muted">${t('timetable.import.intro')}</p>
      <div class="imports">${IMPORT_KINDS.map((k) => this.renderImport(k))}</div>
    </section>`;
  }

  private renderImport(kind: ImportKind) {
    const t = i18n.t;
    const s = this._imports[kind];
    const id = `file-${kind}`;
    return html`<section class="import" aria-labelledby=${`${id}-title`} data-testid=${`import-${kind}`}>
      <h3 id=${`${id}-title`}>${t(`timetable.import.${kind}`)}</h3>
      <p class="small-text muted" id=${`${id}-format`}>${t('timetable.import.columns')} <code>${KIND_COLUMNS[kind]}</code></p>
      <div class="field">
        <label for=${id}>${t('timetable.import.file')} — ${t(`timetable.import.${kind}`).toLocaleLowerCase(i18n.locale)}</label>
        <input
          id=${id}
          class="input"
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-describedby=${`${id}-format`}
          @change=${(e: Event) => void this.pickFile(kind, e)}
        />
        ${s.name ? html`<span class="hint">${t('timetable.import.fileChosen', { name: s.name, size: fileSizeLabel(s.size, i18n.locale, t) })}</span>` : nothing}
      </div>
      <div class="actions">
        <button class="button ${s.checked ? '' : 'primary'}" type="button" aria-disabled=${s.busy ? 'true' : 'false'} @click=${() => void this.runImport(kind, true)}>
          ${s.busy === 'check' ? html`<span class="spinner" aria-hidden="true"></span>${t('timetable.import.checking')}` : html`${icon('list-check', 18)}${t('timetable.import.check')}`}
        </button>
        <button
          class="button ${s.checked ? 'primary' : ''}"
          type="button"
          ?disabled=${!s.checked || s.busy !== null}
          aria-describedby=${s.checked ? nothing : `${id}-apply-hint`}
          @click=${() => void this.runImport(kind, false)}
        >
          ${s.busy === 'apply' ? html`<span class="spinner" aria-hidden="true"></span>${t('timetable.import.applying')}` : html`${icon('check', 18)}${t('timetable.import.apply')}`}
        </button>
      </div>
      ${s.checked ? nothing : html`<p class="small-text muted" id=${`${id}-apply-hint`}>${t('timetable.import.applyHint')}</p>`}
      <div class="report" data-testid=${`import-report-${kind}`}>
        <div role="status" aria-live="polite">${s.report ? this.renderReportSummary(s.report) : nothing}</div>
        <div role="alert">${s.error ? html`<p class="notice error">${s.error}</p>` : nothing}</div>
        ${s.report && s.report.errors.length
          ? html`<ul class="bad-lines" aria-label=${t('timetable.import.errorsLabel')} data-testid="import-errors">
              ${s.report.errors.map(
                (e) => html`<li data-testid="import-error" data-line=${e.line}><strong>${t('timetable.import.line', { line: e.line })}</strong>${e.reason}</li>`,
              )}
            </ul>`
          : nothing}
      </div>
    </section>`;
  }

  private renderReportSummary(r: TimetableImportReport) {
    const t = i18n.t;
    if (r.errors.length) {
      return html`<p class="notice error">${t(r.errors.length > 1 ? 'timetable.import.refused.other' : 'timetable.import.refused.one', { n: r.errors.length })}</p>`;
    }
    const counts = t('timetable.import.counts', { created: r.created, updated: r.updated, unchanged: r.unchanged, removed: r.removed });
    return html`<p class="notice success">${t(r.applied ? 'timetable.import.applied' : 'timetable.import.checked', { rows: r.rows })} ${counts}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-timetable-view': TimetableView;
  }
}
