import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CourseChangeDto, TeacherAbsenceDto } from '../../../../server/contracts/absences';
import type { PersonDto } from '../../../../server/contracts/directory';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { DayDto } from '../../../../server/contracts/timetable';
import { fromZonedInput, toZonedDate } from '../../../../server/contracts/zoned-time';
import { api } from '../../../shared/api';
import { base } from '../../../shared/styles';
import { absencesStyles } from '../components/absences-styles';
import '../components/board-settings-form';
import '../components/confirm-dialog';
import type { ConfirmDialog } from '../components/confirm-dialog';
import { icon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import { clockTime, dayLabel, dispositionChoice, dispositionLabel, instantDayLabel } from '../lib/absence-labels';
import { ABSENCE_LIMITS, COURSE_DISPOSITIONS, type CourseDisposition } from '../lib/absences-constants';
import { describeAbsenceError, fieldErrors, fieldSentences } from '../lib/absences-errors';
import { hubClock } from '../lib/hub-clock';
import { changeInput, changesPayload, decisionOf, decisionProblems, initialDecisions, occurrenceKey, spanProblem, type Decision } from '../lib/teacher-absence-form';
import { i18n } from '../i18n';
import { AbsencesPage } from './absences-page';
import { reportSessionLoss } from './session-loss';

/** A recorded course's decision being changed, by change id. */
interface ChangeEdit {
  decision: Decision;
  busy: boolean;
  /** The hub's refusal when no field shows it. */
  error: string;
  fieldErrors: Map<string, string>;
}

/**
 * « Absences enseignants »: vie scolaire or direction enters who is away and when, sees the
 * courses it affects before confirming and decides each one (cancelled, replaced by a
 * colleague, moved to another room); the current absences with their cancel, and each affected
 * course's decision can be changed afterwards. Direction and admins also set how the hall
 * screens show them.
 */
@customElement('pw-teacher-absences-view')
export class TeacherAbsencesView extends AbsencesPage {
  static override styles = [
    base,
    newsStyles,
    absencesStyles,
    css`
      form,
      .preview {
        display: grid;
        gap: var(--pu-space-4);
      }
      .preview h3 {
        font-size: 1.125rem;
      }
      .affected {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-3);
      }
      .affected > li {
        display: grid;
        gap: var(--pu-space-2);
        padding: var(--pu-space-3) var(--pu-space-4);
        border: 1px solid var(--pu-border);
        border-left: 6px solid var(--pu-warning);
        border-radius: var(--pu-radius-s);
      }
      .affected .course {
        font-weight: 700;
      }
      .affected .sub {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      .decision {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--pu-space-2) var(--pu-space-4);
      }
      .decision .field {
        min-width: 220px;
      }
      .current {
        padding: var(--pu-space-4);
        display: grid;
        gap: var(--pu-space-2);
      }
      .current .top {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: flex-start;
        gap: var(--pu-space-2);
      }
      .current h3 {
        font-size: 1.05rem;
      }
      .changes {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-2);
      }
      .changes > li {
        display: grid;
        gap: var(--pu-space-2);
        padding: var(--pu-space-2) var(--pu-space-3);
        border-left: 4px solid var(--pu-border-strong);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
      }
      .changes > li.editing {
        border-left-color: var(--pu-primary);
        background: var(--pu-surface);
        box-shadow: inset 0 0 0 1px var(--pu-border);
      }
      .change-line {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--pu-space-1) var(--pu-space-3);
        font-size: var(--pu-text-s);
      }
      .change-edit {
        display: grid;
        gap: var(--pu-space-3);
      }
      .change-edit .field {
        max-width: 360px;
      }
    `,
  ];

  /** Vie scolaire and direction record absences; direction and admins set the board. */
  @property({ type: Boolean }) manages = false;
  @property({ type: Boolean }) setsBoard = false;

  @state() private _teachers: PersonDto[] | null = null;
  @state() private _teacherId = '';
  @state() private _from = '';
  @state() private _to = '';
  @state() private _reason = '';
  @state() private _preview: CourseChangeDto[] | null = null;
  @state() private _decisions = new Map<string, Decision>();
  @state() private _showProblems = false;
  @state() private _busy: 'preview' | 'save' | null = null;
  @state() private _error = '';
  @state() private _fieldErrors = new Map<string, string>();
  @state() private _flash = '';
  @state() private _list: TeacherAbsenceDto[] | null = null;
  @state() private _listError = '';
  @state() private _edits = new Map<string, ChangeEdit>();

  @query('pw-confirm-dialog') private _confirm!: ConfirmDialog;

  private reloadTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.manages) return;
    this.unsubscribe = [this.store.onEvent((e) => this.onLiveEvent(e)), this.store.onResync(() => void this.loadList())];
    void this.loadTeachers();
    void this.loadList();
    void this.initSpan();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.reloadTimer);
  }

  /** Today at school, from the start of the morning to the end of the afternoon. */
  private async initSpan(): Promise<void> {
    if (!hubClock.synced) {
      try {
        hubClock.sync((await api.get<DayDto>(`${this.schoolPath}/timetable/day?scope=mine`)).now);
      } catch {
        // the device's date will do for a default
      }
    }
    const today = toZonedDate(hubClock.now(), this.timeZone);
    if (!this._from) this._from = `${today}T08:00`;
    if (!this._to) this._to = `${today}T18:00`;
  }

  private async loadTeachers(): Promise<void> {
    try {
      this._teachers = await api.get<PersonDto[]>(`${this.schoolPath}/people?profile=teacher&limit=500`);
    } catch (err) {
      reportSessionLoss(this, err);
      this._error = describeAbsenceError(err, 'load', i18n.t);
    }
  }

  private async loadList(): Promise<void> {
    try {
      this._list = await api.get<TeacherAbsenceDto[]>(`${this.schoolPath}/teacher-absences`);
      this._listError = '';
    } catch (err) {
      reportSessionLoss(this, err);
      this._listError = describeAbsenceError(err, 'load', i18n.t);
    }
  }

  private onLiveEvent(e: EventEnvelope): void {
    if (!e.type.startsWith('teacher_absence.')) return;
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.loadList(), 300);
  }

  private teacherName(id: string): string {
    const p = this._teachers?.find((x) => x.id === id);
    return p ? `${p.firstName} ${p.lastName}` : '';
  }

  /** A change to who or when makes the list of courses stale. */
  private edit(patch: { teacherId?: string; from?: string; to?: string }): void {
    if (patch.teacherId !== undefined) this._teacherId = patch.teacherId;
    if (patch.from !== undefined) this._from = patch.from;
    if (patch.to !== undefined) this._to = patch.to;
    if (this._preview) {
      this._preview = null;
      this._flash = '';
      this._error = i18n.t('teacherAbs.previewStale');
    }
  }

  private span(): { startsAt: string | null; endsAt: string | null } {
    return { startsAt: fromZonedInput(this._from, this.timeZone), endsAt: fromZonedInput(this._to, this.timeZone) };
  }

  private checkForm(): boolean {
    const t = i18n.t;
    const problems = new Map<string, string>();
    if (!this._teacherId) problems.set('teacherId', t('teacherAbs.error.teacher'));
    const { startsAt, endsAt } = this.span();
    const span = spanProblem(startsAt, endsAt, ABSENCE_LIMITS.teacherAbsenceDays);
    if (span === 'missing') problems.set(startsAt ? 'endsAt' : 'startsAt', t('period.error.missing'));
    if (span === 'order') problems.set('endsAt', t('period.error.order'));
    if (span === 'tooLong') problems.set('endsAt', t('period.error.tooLong', { days: ABSENCE_LIMITS.teacherAbsenceDays }));
    this._fieldErrors = problems;
    if (problems.size > 0) this._error = t('period.error.fix');
    return problems.size === 0;
  }

  private async preview(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    this._error = '';
    this._flash = '';
    if (!this.checkForm()) return;
    this._busy = 'preview';
    try {
      const { startsAt, endsAt } = this.span();
      const preview = await api.post<CourseChangeDto[]>(`${this.schoolPath}/teacher-absences/preview`, { teacherId: this._teacherId, startsAt, endsAt });
      this._preview = preview;
      this._decisions = initialDecisions(preview);
      this._showProblems = false;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#affected-title')?.focus();
    } catch (err) {
      reportSessionLoss(this, err);
      this._fieldErrors = fieldErrors(err);
      this._error = describeAbsenceError(err, 'teacherAbsence', i18n.t);
    } finally {
      this._busy = null;
    }
  }

  private decide(key: string, patch: Partial<Decision>): void {
    const current = this._decisions.get(key) ?? { disposition: 'cancelled' as const, replacementTeacherId: '', room: '' };
    this._decisions = new Map([...this._decisions, [key, { ...current, ...patch }]]);
    // the summary of what is missing goes once nothing is; each course keeps its own message until then
    if (this._showProblems && this._preview && decisionProblems(this._preview, this._decisions).size === 0) this._error = '';
  }

  private async confirm(): Promise<void> {
    if (this._busy || !this._preview) return;
    const t = i18n.t;
    this._error = '';
    const problems = decisionProblems(this._preview, this._decisions);
    if (problems.size > 0) {
      this._showProblems = true;
      this._error = t('teacherAbs.error.decisions');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    if (!this.checkForm()) return;
    this._busy = 'save';
    try {
      const { startsAt, endsAt } = this.span();
      const saved = await api.post<TeacherAbsenceDto>(`${this.schoolPath}/teacher-absences`, {
        teacherId: this._teacherId,
        startsAt,
        endsAt,
        reason: this._reason.trim(),
        changes: changesPayload(this._preview, this._decisions),
      });
      const n = saved.changes.length;
      this._flash = t(n > 1 ? 'teacherAbs.saved.other' : n === 1 ? 'teacherAbs.saved.one' : 'teacherAbs.saved.none', { name: saved.teacherName, n });
      this._preview = null;
      this._reason = '';
      this._teacherId = '';
      this._list = [saved, ...(this._list ?? []).filter((a) => a.id !== saved.id)];
      await this.focusFlash();
    } catch (err) {
      reportSessionLoss(this, err);
      this._fieldErrors = fieldErrors(err);
      this._error = describeAbsenceError(err, 'teacherAbsence', t);
    } finally {
      this._busy = null;
    }
  }

  private async cancelAbsence(a: TeacherAbsenceDto): Promise<void> {
    const t = i18n.t;
    const ok = await this._confirm.ask({
      title: t('teacherAbs.cancel.title'),
      text: t('teacherAbs.cancel.text', { name: a.teacherName, n: a.changes.length }),
      confirm: t('teacherAbs.cancel.confirm'),
      cancel: t('teacherAbs.cancel.keep'),
    });
    if (!ok) return;
    try {
      await api.delete<void>(`${this.schoolPath}/teacher-absences/${encodeURIComponent(a.id)}`);
      this._list = (this._list ?? []).filter((x) => x.id !== a.id);
      this._flash = t('teacherAbs.cancel.done', { name: a.teacherName });
    } catch (err) {
      reportSessionLoss(this, err);
      this._listError = describeAbsenceError(err, 'teacherAbsence', t);
    }
  }

  private setEdit(changeId: string, edit: ChangeEdit | null): void {
    const next = new Map(this._edits);
    if (edit) next.set(changeId, edit);
    else next.delete(changeId);
    this._edits = next;
  }

  private async startEdit(c: CourseChangeDto): Promise<void> {
    if (!c.id) return;
    this._flash = '';
    this.setEdit(c.id, { decision: decisionOf(c), busy: false, error: '', fieldErrors: new Map() });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`[data-change="${c.id}"] input[type=radio]:checked`)?.focus();
  }

  private editDecision(changeId: string, patch: Partial<Decision>): void {
    const edit = this._edits.get(changeId);
    if (edit) this.setEdit(changeId, { ...edit, decision: { ...edit.decision, ...patch }, error: '', fieldErrors: new Map() });
  }

  private async stopEdit(changeId: string): Promise<void> {
    this.setEdit(changeId, null);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-change="${changeId}"] .edit-button`)?.focus();
  }

  /** PUT the course's new decision; the hub answers with the whole absence as it now stands. */
  private async saveChange(a: TeacherAbsenceDto, c: CourseChangeDto): Promise<void> {
    const t = i18n.t;
    const edit = c.id ? this._edits.get(c.id) : undefined;
    if (!c.id || !edit || edit.busy) return;
    const changeId = c.id;
    this.setEdit(changeId, { ...edit, busy: true, error: '', fieldErrors: new Map() });
    try {
      const updated = await api.put<TeacherAbsenceDto>(
        `${this.schoolPath}/teacher-absences/${encodeURIComponent(a.id)}/changes/${encodeURIComponent(changeId)}`,
        changeInput(edit.decision),
      );
      this._list = (this._list ?? []).map((x) => (x.id === updated.id ? updated : x));
      const now = updated.changes.find((x) => x.id === changeId) ?? c;
      this._flash = t('teacherAbs.change.saved', { course: `${now.groupName} · ${now.subject}`, day: dayLabel(now.date, this.ctx), change: dispositionLabel(now, t) });
      await this.stopEdit(changeId);
    } catch (err) {
      reportSessionLoss(this, err);
      // the hub's checks (« indiquez la nouvelle salle ») go under the field they are about, the rest under the row
      const shown = new Map(
        [...fieldSentences(err)].filter(([path]) => (path === 'replacementTeacherId' && edit.decision.disposition === 'replaced') || (path === 'room' && edit.decision.disposition === 'moved')),
      );
      this.setEdit(changeId, { ...edit, busy: false, fieldErrors: shown, error: shown.size ? '' : describeAbsenceError(err, 'courseChange', t) });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-change="${changeId}"] [aria-invalid="true"]`)?.focus();
      // a course or an absence gone meanwhile: the list is stale
      if (!shown.size) void this.loadList();
    }
  }

  override render() {
    const t = i18n.t;
    return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${t('teacherAbs.title')}</h1>
          <p class="lead">${t(this.manages ? 'teacherAbs.lead' : 'teacherAbs.leadBoard')}</p>
        </div>
      </div>
      <div class="flash" role="status">${this._flash ? html`<p class="notice success" tabindex="-1">${this._flash}</p>` : nothing}</div>
      ${this.manages ? html`${this.renderForm()} ${this.renderList()}` : nothing}
      ${this.setsBoard ? html`<pw-board-settings-form uai=${this.store.uai}></pw-board-settings-form>` : nothing}
      <pw-confirm-dialog></pw-confirm-dialog>`;
  }

  private renderForm() {
    const t = i18n.t;
    const err = (p: string) => this._fieldErrors.get(p);
    return html`<section class="card panel" aria-labelledby="new-title">
      <h2 id="new-title">${icon('plus', 22)}${t('teacherAbs.new')}</h2>
      <form novalidate @submit=${this.preview}>
        <div class="form-grid">
          <div class="field">
            <label for="teacher">${t('teacherAbs.teacher')} <span class="required" aria-hidden="true">*</span></label>
            <select
              id="teacher"
              class="input"
              aria-required="true"
              aria-invalid=${err('teacherId') ? 'true' : 'false'}
              @change=${(e: Event) => this.edit({ teacherId: (e.target as HTMLSelectElement).value })}
            >
              <option value="" ?selected=${!this._teacherId}>${this._teachers ? t('teacherAbs.teacherPlaceholder') : t('teacherAbs.teachersLoading')}</option>
              ${(this._teachers ?? []).map((p) => html`<option value=${p.id} ?selected=${p.id === this._teacherId}>${p.lastName.toUpperCase()} ${p.firstName}</option>`)}
            </select>
            ${err('teacherId') ? html`<span class="error-text">${err('teacherId')}</span>` : nothing}
          </div>
          <div class="field">
            <label for="ta-from">${t('period.from')} <span class="required" aria-hidden="true">*</span></label>
            <input id="ta-from" class="input" type="datetime-local" .value=${this._from} aria-invalid=${err('startsAt') ? 'true' : 'false'} @input=${(e: Event) => this.edit({ from: (e.target as HTMLInputElement).value })} />
            ${err('startsAt') ? html`<span class="error-text">${err('startsAt')}</span>` : nothing}
          </div>
          <div class="field">
            <label for="ta-to">${t('period.to')} <span class="required" aria-hidden="true">*</span></label>
            <input id="ta-to" class="input" type="datetime-local" .value=${this._to} aria-invalid=${err('endsAt') ? 'true' : 'false'} @input=${(e: Event) => this.edit({ to: (e.target as HTMLInputElement).value })} />
            ${err('endsAt') ? html`<span class="error-text">${err('endsAt')}</span>` : nothing}
          </div>
        </div>
        <p class="hint muted small-text">${t('period.timeZoneHint', { zone: this.timeZone })}</p>
        <div class="field">
          <label for="ta-reason">${t('teacherAbs.reason')}</label>
          <input id="ta-reason" class="input" maxlength=${ABSENCE_LIMITS.note} .value=${this._reason} aria-describedby="ta-reason-hint" @input=${(e: Event) => (this._reason = (e.target as HTMLInputElement).value)} />
          <span class="hint" id="ta-reason-hint">${t('teacherAbs.reasonHint')}</span>
        </div>
        <div class="actions">
          <button class="button ${this._preview ? '' : 'primary'}" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>
            ${this._busy === 'preview' ? html`<span class="spinner" aria-hidden="true"></span>${t('teacherAbs.previewing')}` : html`${icon('list-check', 18)}${t('teacherAbs.preview')}`}
          </button>
        </div>
      </form>
      <div role="alert">${this._error ? html`<p class="notice error">${this._error}</p>` : nothing}</div>
      ${this._preview ? this.renderPreview(this._preview) : nothing}
    </section>`;
  }

  private renderPreview(preview: CourseChangeDto[]) {
    const t = i18n.t;
    const problems = this._showProblems ? decisionProblems(preview, this._decisions) : new Map();
    const colleagues = (this._teachers ?? []).filter((p) => p.id !== this._teacherId);
    return html`<section class="preview" aria-labelledby="affected-title" data-testid="affected-courses">
      <h3 id="affected-title" tabindex="-1">
        ${preview.length === 0
          ? t('teacherAbs.affectedNone', { name: this.teacherName(this._teacherId) })
          : t(preview.length > 1 ? 'teacherAbs.affected.other' : 'teacherAbs.affected.one', { n: preview.length, name: this.teacherName(this._teacherId) })}
      </h3>
      ${preview.length ? html`<p class="muted small-text">${t('teacherAbs.affectedHint')}</p>` : nothing}
      ${preview.length
        ? html`<ul class="affected">
              ${repeat(
                preview,
                (c) => occurrenceKey(c),
                (c) => {
                  const key = occurrenceKey(c);
                  const d = this._decisions.get(key) ?? { disposition: 'cancelled' as const, replacementTeacherId: '', room: '' };
                  const name = `${c.groupName} · ${c.subject}`;
                  const id = key.replace(/[^a-z0-9]/gi, '');
                  return html`<li data-testid="affected-course">
                    <div>
                      <div class="course">${name}</div>
                      <div class="sub">
                        ${dayLabel(c.date, this.ctx)} · ${c.slotCode} ${clockTime(c.startsAt, this.ctx)}–${clockTime(c.endsAt, this.ctx)}${c.originalRoom ? ` · ${t('rollCall.room', { room: c.originalRoom })}` : ''}
                      </div>
                    </div>
                    <div class="decision">
                      <fieldset>
                        <legend class="visually-hidden">${t('teacherAbs.decisionFor', { course: name, day: dayLabel(c.date, this.ctx) })}</legend>
                        <div class="choices">
                          ${COURSE_DISPOSITIONS.map(
                            (disp: CourseDisposition) => html`<label class="choice">
                              <input type="radio" name=${`d-${id}`} .checked=${d.disposition === disp} @change=${() => this.decide(key, { disposition: disp })} />${dispositionChoice(disp, t)}
                            </label>`,
                          )}
                        </div>
                      </fieldset>
                      ${d.disposition === 'replaced'
                        ? html`<div class="field">
                            <label for=${`r-${id}`}>${t('teacherAbs.replacement')}</label>
                            <select
                              id=${`r-${id}`}
                              class="input"
                              aria-invalid=${problems.get(key) === 'replacement' ? 'true' : 'false'}
                              @change=${(e: Event) => this.decide(key, { replacementTeacherId: (e.target as HTMLSelectElement).value })}
                            >
                              <option value="" ?selected=${!d.replacementTeacherId}>${t('teacherAbs.teacherPlaceholder')}</option>
                              ${colleagues.map((p) => html`<option value=${p.id} ?selected=${p.id === d.replacementTeacherId}>${p.lastName.toUpperCase()} ${p.firstName}</option>`)}
                            </select>
                            ${problems.get(key) === 'replacement' ? html`<span class="error-text">${t('teacherAbs.error.replacement')}</span>` : nothing}
                          </div>`
                        : nothing}
                      ${d.disposition === 'moved'
                        ? html`<div class="field">
                            <label for=${`m-${id}`}>${t('teacherAbs.room')}</label>
                            <input
                              id=${`m-${id}`}
                              class="input"
                              maxlength=${ABSENCE_LIMITS.room}
                              .value=${d.room}
                              aria-invalid=${problems.get(key) === 'room' ? 'true' : 'false'}
                              @input=${(e: Event) => this.decide(key, { room: (e.target as HTMLInputElement).value })}
                            />
                            ${problems.get(key) === 'room' ? html`<span class="error-text">${t('teacherAbs.error.room')}</span>` : nothing}
                          </div>`
                        : nothing}
                    </div>
                  </li>`;
                },
              )}
            </ul>`
        : nothing}
      <div class="actions">
        <button class="button primary" type="button" aria-disabled=${this._busy ? 'true' : 'false'} @click=${this.confirm}>
          ${this._busy === 'save' ? html`<span class="spinner" aria-hidden="true"></span>${t('teacherAbs.saving')}` : html`${icon('check', 18)}${t('teacherAbs.confirm')}`}
        </button>
        <button class="button" type="button" @click=${() => (this._preview = null)}>${t('teacherAbs.back')}</button>
      </div>
    </section>`;
  }

  private renderList() {
    const t = i18n.t;
    return html`<section class="card panel" aria-labelledby="current-title">
      <h2 id="current-title">${icon('calendar', 22)}${t('teacherAbs.current')}</h2>
      ${this._listError ? html`<p class="notice error" role="alert">${this._listError}</p>` : nothing}
      ${this._list === null
        ? this._listError
          ? nothing
          : html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('teacherAbs.loading')}</p>`
        : this._list.length === 0
          ? html`<div class="empty">${icon('check', 32)}<p>${t('teacherAbs.none')}</p></div>`
          : html`<ul class="plain" data-testid="teacher-absences">
              ${repeat(
                this._list,
                (a) => a.id,
                (a) => html`<li class="card current" data-testid="teacher-absence">
                  <div class="top">
                    <div>
                      <h3>${a.teacherName}</h3>
                      <p class="small-text">
                        ${t('teacherAbs.span', {
                          from: `${instantDayLabel(a.startsAt, this.ctx)} ${clockTime(a.startsAt, this.ctx)}`,
                          to: `${instantDayLabel(a.endsAt, this.ctx)} ${clockTime(a.endsAt, this.ctx)}`,
                        })}
                      </p>
                      ${a.reason ? html`<p class="small-text muted">${t('teacherAbs.reasonShown', { reason: a.reason })}</p>` : nothing}
                      ${a.recordedByName ? html`<p class="small-text muted">${t('teacherAbs.recordedBy', { name: a.recordedByName })}</p>` : nothing}
                    </div>
                    <button class="button small danger" type="button" @click=${() => this.cancelAbsence(a)}>
                      ${icon('x', 16)}${t('teacherAbs.cancel.button')}<span class="visually-hidden"> — ${a.teacherName}</span>
                    </button>
                  </div>
                  ${a.changes.length
                    ? html`<ul class="changes">
                        ${repeat(
                          a.changes,
                          (c) => c.id ?? occurrenceKey(c),
                          (c) => this.renderChange(a, c),
                        )}
                      </ul>`
                    : html`<p class="small-text muted">${t('teacherAbs.noCourses')}</p>`}
                </li>`,
              )}
            </ul>`}
    </section>`;
  }

  private renderChange(a: TeacherAbsenceDto, c: CourseChangeDto) {
    const t = i18n.t;
    const edit = c.id ? this._edits.get(c.id) : undefined;
    const course = `${c.groupName} · ${c.subject}`;
    // a course over is history: its decision is no longer changed
    const over = Date.parse(c.endsAt) <= hubClock.now().getTime();
    return html`<li class=${edit ? 'editing' : ''} data-testid="course-change-row" data-change=${c.id ?? ''}>
      <div class="change-line">
        <span>${dayLabel(c.date, this.ctx)} ${c.slotCode} · ${course} — <strong>${dispositionLabel(c, t)}</strong></span>
        ${c.id && !edit && !over
          ? html`<button class="button small edit-button" type="button" @click=${() => this.startEdit(c)}>
              ${icon('pen', 16)}${t('teacherAbs.change.edit')}<span class="visually-hidden"> — ${t('teacherAbs.change.editLabel', { course, day: dayLabel(c.date, this.ctx) })}</span>
            </button>`
          : nothing}
      </div>
      ${edit && c.id ? this.renderChangeEditor(a, c, edit) : nothing}
    </li>`;
  }

  private renderChangeEditor(a: TeacherAbsenceDto, c: CourseChangeDto, edit: ChangeEdit) {
    const t = i18n.t;
    const id = c.id!.replace(/[^a-z0-9]/gi, '');
    const d = edit.decision;
    const course = `${c.groupName} · ${c.subject}`;
    const err = (p: string) => edit.fieldErrors.get(p);
    const colleagues = (this._teachers ?? []).filter((p) => p.id !== a.teacherId);
    return html`<div class="change-edit">
      <fieldset>
        <legend class="visually-hidden">${t('teacherAbs.decisionFor', { course, day: dayLabel(c.date, this.ctx) })}</legend>
        <div class="choices">
          ${COURSE_DISPOSITIONS.map(
            (disp: CourseDisposition) => html`<label class="choice">
              <input type="radio" name=${`e-${id}`} .checked=${d.disposition === disp} @change=${() => this.editDecision(c.id!, { disposition: disp })} />${dispositionChoice(disp, t)}
            </label>`,
          )}
        </div>
      </fieldset>
      ${d.disposition === 'replaced'
        ? html`<div class="field">
            <label for=${`er-${id}`}>${t('teacherAbs.replacement')}</label>
            <select
              id=${`er-${id}`}
              class="input"
              aria-invalid=${err('replacementTeacherId') ? 'true' : 'false'}
              aria-describedby=${err('replacementTeacherId') ? `er-${id}-error` : nothing}
              @change=${(e: Event) => this.editDecision(c.id!, { replacementTeacherId: (e.target as HTMLSelectElement).value })}
            >
              <option value="" ?selected=${!d.replacementTeacherId}>${t('teacherAbs.teacherPlaceholder')}</option>
              ${colleagues.map((p) => html`<option value=${p.id} ?selected=${p.id === d.replacementTeacherId}>${p.lastName.toUpperCase()} ${p.firstName}</option>`)}
            </select>
            ${err('replacementTeacherId') ? html`<span class="error-text" id=${`er-${id}-error`}>${err('replacementTeacherId')}</span>` : nothing}
          </div>`
        : nothing}
      ${d.disposition === 'moved'
        ? html`<div class="field">
            <label for=${`em-${id}`}>${t('teacherAbs.room')}</label>
            <input
              id=${`em-${id}`}
              class="input"
              maxlength=${ABSENCE_LIMITS.room}
              .value=${d.room}
              aria-invalid=${err('room') ? 'true' : 'false'}
              aria-describedby=${err('room') ? `em-${id}-error` : nothing}
              @input=${(e: Event) => this.editDecision(c.id!, { room: (e.target as HTMLInputElement).value })}
              @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.preventDefault(), this.saveChange(a, c))}
            />
            ${err('room') ? html`<span class="error-text" id=${`em-${id}-error`}>${err('room')}</span>` : nothing}
          </div>`
        : nothing}
      <div role="alert">${edit.error ? html`<p class="notice error">${edit.error}</p>` : nothing}</div>
      <div class="actions">
        <button class="button primary small" type="button" aria-disabled=${edit.busy ? 'true' : 'false'} @click=${() => this.saveChange(a, c)}>
          ${edit.busy ? html`<span class="spinner" aria-hidden="true"></span>${t('teacherAbs.change.saving')}` : html`${icon('check', 16)}${t('teacherAbs.change.save')}`}
        </button>
        <button class="button small" type="button" @click=${() => this.stopEdit(c.id!)}>${t('teacherAbs.change.cancel')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-teacher-absences-view': TeacherAbsencesView;
  }
}
