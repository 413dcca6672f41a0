import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RollCallSheetDto, RollCallStudentDto } from '../../../../server/contracts/absences';
import type { DayDto, OccurrenceDto } from '../../../../server/contracts/timetable';
import { ApiError, api } from '../../../shared/api';
import { base } from '../../../shared/styles';
import { absencesStyles } from '../components/absences-styles';
import { icon, type UiIcon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import { clockTime, dayLabel, dispositionLabel, markLabel } from '../lib/absence-labels';
import { describeAbsenceError } from '../lib/absences-errors';
import { hubClock } from '../lib/hub-clock';
import {
  draftKey,
  gridMove,
  LATE_CHOICES,
  marksOfSheet,
  nextMark,
  opensAt,
  parseLateMinutes,
  pickCurrentOccurrence,
  restoreDraft,
  sameMarks,
  serializeDraft,
  sheetState,
  sortOccurrences,
  summarize,
  toSubmission,
  withMark,
  type Mark,
} from '../lib/roll-call';
import { routeHref } from '../lib/routes';
import { i18n } from '../i18n';
import { AbsencesPage } from './absences-page';
import { rollCallStyles } from './roll-call-styles';
import { reportSessionLoss } from './session-loss';

type DayStatus = 'loading' | 'ready' | 'error';
type SheetStatus = 'none' | 'loading' | 'ready' | 'cancelled' | 'error';

const MARK_ICONS: Record<'present' | 'absent' | 'late' | 'excluded', UiIcon> = { present: 'check', absent: 'x', late: 'clock', excluded: 'ban' };
// beyond this many courses (vie scolaire sees the whole school's day) a list of links gives way to a menu
const LINKS_MAX = 8;
const TICK_MS = 20_000;

/**
 * « Appel »: the course due now by the hub's clock (or the one the route names), its class as
 * large tiles — one tap or key cycles présent → absent → retard → exclu — and one button that
 * sends the whole sheet. Marks not yet accepted by the hub stay on screen and on the device.
 */
@customElement('pw-roll-call-view')
export class RollCallView extends AbsencesPage {
  static override styles = [base, newsStyles, absencesStyles, rollCallStyles];

  /** The whole school's courses (vie scolaire) or the person's own (teachers). */
  @property() scope: 'mine' | 'school' = 'mine';
  @property() courseId = '';
  @property() date = '';

  @state() private _dayStatus: DayStatus = 'loading';
  @state() private _day: DayDto | null = null;
  @state() private _selected: OccurrenceDto | null = null;
  @state() private _sheetStatus: SheetStatus = 'none';
  @state() private _sheetError = '';
  @state() private _sheet: RollCallSheetDto | null = null;
  @state() private _marks: Map<string, Mark> = new Map();
  @state() private _saved: Map<string, Mark> = new Map();
  @state() private _restored = false;
  @state() private _submitting = false;
  @state() private _submitError = '';
  @state() private _justSent = false;
  @state() private _focusIndex = 0;
  @state() private _announce = '';
  /** The late student whose « Autre » field is open. */
  @state() private _otherFor: string | null = null;
  @state() private _otherError = '';

  private generation = 0;
  private ticker?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.unsubscribe = [
      this.store.onResync(() => void this.loadDay()),
      this.store.onEvent((e) => {
        // a colleague (or vie scolaire) submitted the sheet on screen: show theirs unless marks are being changed here
        if (e.type === 'rollcall.submitted' && this._sheet && !this.dirty) {
          const o = (e.data as { occurrence?: OccurrenceDto }).occurrence;
          if (o?.courseId === this._sheet.occurrence.courseId && o.date === this._sheet.occurrence.date) void this.loadSheet(o);
        }
        if (e.type.startsWith('teacher_absence.')) void this.loadDay();
      }),
    ];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  /**
   * The page may stay open through the break: the next course is picked when its roll call
   * opens, and a sheet shown before its opening becomes editable then.
   */
  private tick(): void {
    if (!this._day || this._submitting) return;
    const now = hubClock.now();
    if (!this.courseId && !this._selected) this.select();
    else if (this._sheet && this._sheetStatus === 'ready' && !this._sheet.open && now >= opensAt(this._sheet.occurrence) && now.getTime() <= Date.parse(this._sheet.closesAt)) {
      void this.loadSheet(this._sheet.occurrence);
    } else this.requestUpdate();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('courseId') || changed.has('date') || changed.has('scope')) {
      const sameDay = this._day && (this.date || this._day.date) === this._day.date && !changed.has('scope');
      if (sameDay) this.select();
      else void this.loadDay();
    }
  }

  private get dirty(): boolean {
    return !sameMarks(this._marks, this._saved);
  }

  // ---- loading ----

  private async loadDay(): Promise<void> {
    const generation = ++this.generation;
    this._dayStatus = 'loading';
    const query = new URLSearchParams({ scope: this.scope });
    if (this.date) query.set('date', this.date);
    try {
      const day = await api.get<DayDto>(`${this.schoolPath}/timetable/day?${query}`);
      if (generation !== this.generation) return;
      hubClock.sync(day.now);
      this._day = day;
      this._dayStatus = 'ready';
      this.select();
    } catch (err) {
      if (generation !== this.generation) return;
      reportSessionLoss(this, err);
      this._dayStatus = 'error';
    }
  }

  /** The course of the route, else the one due now by the hub's clock, else none (the list to choose from). */
  private select(): void {
    const occurrences = this._day?.occurrences ?? [];
    const chosen = this.courseId
      ? (occurrences.find((o) => o.courseId === this.courseId && o.date === (this.date || o.date)) ?? null)
      : pickCurrentOccurrence(occurrences, hubClock.now());
    if (this.courseId && !chosen) {
      // not in this person's day (vie scolaire from an old link, a teacher replacing): the sheet knows
      void this.loadSheet({ courseId: this.courseId, date: this.date || this._day!.date } as OccurrenceDto);
      return;
    }
    this._selected = chosen;
    if (!chosen) {
      this._sheet = null;
      this._sheetStatus = 'none';
      return;
    }
    if (this._sheet && this._sheet.occurrence.courseId === chosen.courseId && this._sheet.occurrence.date === chosen.date && this._sheetStatus === 'ready') return;
    if (chosen.change?.disposition === 'cancelled') {
      this._sheet = null;
      this._sheetStatus = 'cancelled';
      return;
    }
    void this.loadSheet(chosen);
  }

  private async loadSheet(o: Pick<OccurrenceDto, 'courseId' | 'date'>): Promise<void> {
    const generation = ++this.generation;
    const switching = !this._sheet || this._sheet.occurrence.courseId !== o.courseId || this._sheet.occurrence.date !== o.date;
    if (switching) {
      this._sheetStatus = 'loading';
      this._submitError = '';
      this._justSent = false;
      this._otherFor = null;
    }
    try {
      const sheet = await api.get<RollCallSheetDto>(`${this.schoolPath}/roll-calls/${encodeURIComponent(o.courseId)}/${o.date}`);
      if (generation !== this.generation) return;
      this.showSheet(sheet, { restore: switching });
    } catch (err) {
      if (generation !== this.generation) return;
      reportSessionLoss(this, err);
      if (err instanceof ApiError && err.code === 'conflict') {
        this._sheetStatus = 'cancelled';
        this._sheet = null;
        return;
      }
      this._sheetStatus = 'error';
      this._sheetError = describeAbsenceError(err, 'rollCall', i18n.t);
    }
  }

  private showSheet(sheet: RollCallSheetDto, opts: { restore: boolean }): void {
    if (sheet.occurrence.change?.disposition === 'cancelled') {
      // the hub shows a cancelled course's sheet closed; there is nothing to take
      this._selected = sheet.occurrence;
      this._sheet = null;
      this._sheetStatus = 'cancelled';
      return;
    }
    const saved = marksOfSheet(sheet);
    this._sheet = sheet;
    this._saved = saved;
    this._selected = sheet.occurrence;
    this._sheetStatus = 'ready';
    let marks: Map<string, Mark> = saved;
    this._restored = false;
    if (opts.restore && sheet.open) {
      // marks left on this device by a submit that did not go through (a reload, a lost connection)
      const draft = restoreDraft(this.readDraft(), sheet);
      if (draft && !sameMarks(draft, saved)) {
        marks = draft;
        this._restored = true;
      } else this.clearDraft();
    }
    this._marks = marks;
    if (opts.restore) this._focusIndex = 0;
  }

  // ---- marks ----

  private tap(student: RollCallStudentDto, index: number): void {
    this._focusIndex = index;
    if (!this.editable) return;
    const mark = nextMark(this._marks.get(student.id));
    this.setMark(student, mark);
    if (mark?.kind === 'late') this._otherFor = null;
  }

  private setMark(student: RollCallStudentDto, mark: Mark | null): void {
    this._marks = withMark(this._marks, student.id, mark);
    this._submitError = '';
    this._justSent = false;
    this._announce = i18n.t('rollCall.announce.mark', { name: `${student.firstName} ${student.lastName}`, state: markLabel(mark, i18n.t) });
    this.saveDraft();
  }

  private chooseMinutes(student: RollCallStudentDto, minutes: number): void {
    this._otherFor = null;
    this._otherError = '';
    this.setMark(student, { kind: 'late', lateMinutes: minutes });
  }

  private async openOther(student: RollCallStudentDto): Promise<void> {
    this._otherFor = student.id;
    this._otherError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#other-${student.id}`)?.focus();
  }

  private confirmOther(student: RollCallStudentDto): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#other-${student.id}`);
    const minutes = parseLateMinutes(input?.value ?? '');
    if (minutes === null) {
      this._otherError = i18n.t('rollCall.late.invalid');
      input?.focus();
      return;
    }
    this.chooseMinutes(student, minutes);
    this.focusTile(this._sheet!.students.indexOf(student));
  }

  private get editable(): boolean {
    return !!this._sheet?.open && !this._submitting;
  }

  private onGridKey(e: KeyboardEvent): void {
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (!target?.classList.contains('tile')) return;
    const tiles = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.tile')];
    const index = tiles.indexOf(target as HTMLButtonElement);
    // the columns are whatever the screen's width made of the grid: count the tiles on the first row
    const top = tiles[0]?.getBoundingClientRect().top ?? 0;
    const columns = tiles.filter((t) => Math.abs(t.getBoundingClientRect().top - top) < 4).length || 1;
    const next = gridMove(index, e.key, tiles.length, columns);
    if (next === null) return;
    e.preventDefault();
    this.focusTile(next);
  }

  private async focusTile(index: number): Promise<void> {
    this._focusIndex = index;
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLButtonElement>('.tile')[index]?.focus();
  }

  // ---- submit ----

  private async submit(): Promise<void> {
    const sheet = this._sheet;
    if (!sheet || this._submitting) return;
    const t = i18n.t;
    const summary = summarize(sheet.students, this._marks);
    if (summary.missingMinutes.length > 0) {
      const student = sheet.students.find((s) => s.id === summary.missingMinutes[0])!;
      this._submitError = t('rollCall.error.minutes', { name: `${student.firstName} ${student.lastName}` });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>(`[data-late-for="${student.id}"] .button`)?.focus();
      return;
    }
    this._submitting = true;
    this._submitError = '';
    this._justSent = false;
    try {
      // the tiles are locked while this is on its way: what is sent is what is on screen
      const updated = await api.put<RollCallSheetDto>(
        `${this.schoolPath}/roll-calls/${encodeURIComponent(sheet.occurrence.courseId)}/${sheet.occurrence.date}`,
        toSubmission(sheet.students, this._marks),
      );
      this.showSheet(updated, { restore: false });
      this.clearDraft();
      this._justSent = true;
      this._restored = false;
      this._announce = t('rollCall.sentAt', { time: clockTime(updated.submittedAt ?? hubClock.now(), this.ctx) });
    } catch (err) {
      reportSessionLoss(this, err);
      this._submitError = describeAbsenceError(err, 'rollCall', t);
      if (err instanceof ApiError && err.code === 'roll_call_closed') this._sheet = { ...sheet, open: false };
      if (err instanceof ApiError && err.code === 'conflict') void this.loadDay();
    } finally {
      this._submitting = false;
    }
  }

  private readDraft(): string | null {
    try {
      return this._sheet ? sessionStorage.getItem(draftKey(this._sheet.occurrence.courseId, this._sheet.occurrence.date)) : null;
    } catch {
      return null;
    }
  }

  private saveDraft(): void {
    if (!this._sheet) return;
    try {
      const key = draftKey(this._sheet.occurrence.courseId, this._sheet.occurrence.date);
      if (this.dirty) sessionStorage.setItem(key, serializeDraft(this._marks, new Date()));
      else sessionStorage.removeItem(key);
    } catch {
      // storage refused: the marks stay on screen, only a reload would lose them
    }
  }

  private clearDraft(): void {
    try {
      if (this._sheet) sessionStorage.removeItem(draftKey(this._sheet.occurrence.courseId, this._sheet.occurrence.date));
    } catch {
      // nothing kept, nothing to clear
    }
  }

  // ---- rendering ----

  override render() {
    const t = i18n.t;
    if (this._dayStatus === 'loading' && !this._day) {
      return html`<h1 tabindex="-1">${t('rollCall.title')}</h1>
        <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('rollCall.loadingDay')}</p>`;
    }
    if (this._dayStatus === 'error' && !this._day) {
      return html`<h1 tabindex="-1">${t('rollCall.title')}</h1>
        <div class="notice error" role="alert">
          <p>${t('rollCall.error.day')}</p>
          <p><button class="button small" type="button" @click=${() => this.loadDay()}>${t('feed.retry')}</button></p>
        </div>`;
    }
    return html`${this.renderHead()} ${this.renderCourses()} ${this.renderSheet()}
      <div class="visually-hidden" role="status" aria-live="polite">${this._announce}</div>`;
  }

  private renderHead() {
    const t = i18n.t;
    const o = this._selected;
    const day = this._day ? dayLabel(this._day.date, this.ctx) : '';
    if (!o) {
      return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${t('rollCall.title')}</h1>
          <p class="lead">${t('rollCall.noCurrent', { day })}</p>
        </div>
      </div>`;
    }
    return html`<div class="sheet-head">
      <h1 tabindex="-1">${t('rollCall.heading', { group: o.groupName, subject: o.subject })}</h1>
      <p class="facts">
        <span>${icon('calendar', 18)}${dayLabel(o.date, this.ctx)}</span>
        <span>${icon('clock', 18)}${t('rollCall.slot', { slot: o.slotCode, start: clockTime(o.startsAt, this.ctx), end: clockTime(o.endsAt, this.ctx) })}</span>
        ${o.room ? html`<span>${icon('school', 18)}${t('rollCall.room', { room: o.change?.disposition === 'moved' && o.change.room ? o.change.room : o.room })}</span>` : nothing}
        ${this.scope === 'school' ? html`<span>${icon('users', 18)}${o.teacherName}</span>` : nothing}
      </p>
      ${o.change && o.change.disposition !== 'cancelled'
        ? html`<p class="notice warning">${dispositionLabel(o.change, t)}</p>`
        : nothing}
    </div>`;
  }

  private renderCourses() {
    const t = i18n.t;
    const list = sortOccurrences(this._day?.occurrences ?? []);
    if (list.length === 0) {
      return html`<div class="empty">${icon('calendar', 32)}<p>${t(this.scope === 'school' ? 'rollCall.noCoursesSchool' : 'rollCall.noCourses')}</p></div>`;
    }
    const current = this._selected;
    const heading = current && list.length > 1 ? t('rollCall.otherCourses') : t('rollCall.chooseCourse');
    if (list.length > LINKS_MAX) {
      return html`<div class="field course-select">
        <label for="course">${heading}</label>
        <select id="course" class="input" @change=${this.onCourseSelect}>
          ${current ? nothing : html`<option value="" selected>${t('rollCall.choosePlaceholder')}</option>`}
          ${list.map(
            (o) => html`<option value=${`${o.courseId}|${o.date}`} ?selected=${current?.courseId === o.courseId && current.date === o.date}>
              ${this.courseOptionLabel(o)}
            </option>`,
          )}
        </select>
      </div>`;
    }
    return html`<nav aria-label=${heading}>
      <p class="muted small-text" aria-hidden="true">${heading}</p>
      <ul class="courses">
        ${list.map((o) => {
          const isCurrent = current?.courseId === o.courseId && current.date === o.date;
          const cancelled = o.change?.disposition === 'cancelled';
          return html`<li>
            <a
              class="course-link ${cancelled ? 'cancelled' : ''}"
              href=${routeHref({ name: 'rollCall', courseId: o.courseId, date: o.date })}
              aria-current=${isCurrent ? 'page' : nothing}
            >
              <span class="top">${o.slotCode} · ${o.groupName}</span>
              <span class="sub">${this.courseSubLabel(o)}</span>
            </a>
          </li>`;
        })}
      </ul>
    </nav>`;
  }

  private courseSubLabel(o: OccurrenceDto): string {
    const t = i18n.t;
    const parts = [`${clockTime(o.startsAt, this.ctx)} · ${o.subject}`];
    if (o.change?.disposition === 'cancelled') parts.push(t('courseChange.cancelled'));
    else if (o.rollCall) parts.push(t('rollCall.done'));
    return parts.join(' — ');
  }

  private courseOptionLabel(o: OccurrenceDto): string {
    return `${o.slotCode} ${clockTime(o.startsAt, this.ctx)} · ${o.groupName} · ${o.subject} · ${o.teacherName} — ${this.courseSubLabel(o).split(' — ')[1] ?? i18n.t('rollCall.notDone')}`;
  }

  private onCourseSelect(e: Event): void {
    const [courseId, date] = (e.target as HTMLSelectElement).value.split('|');
    if (courseId && date) location.hash = routeHref({ name: 'rollCall', courseId, date });
  }

  private renderSheet() {
    const t = i18n.t;
    switch (this._sheetStatus) {
      case 'none':
        return nothing;
      case 'loading':
        return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('rollCall.loadingSheet')}</p>`;
      case 'cancelled':
        return html`<div class="notice warning state-banner" role="status" data-testid="rollcall-cancelled">
          ${icon('ban', 22)}
          <div><p><strong>${t('courseChange.cancelled')}</strong></p><p>${t('rollCall.cancelledHint')}</p></div>
        </div>`;
      case 'error':
        return html`<div class="notice error" role="alert">
          <p>${this._sheetError}</p>
          ${this._selected ? html`<p><button class="button small" type="button" @click=${() => this.loadSheet(this._selected!)}>${t('feed.retry')}</button></p>` : nothing}
        </div>`;
      case 'ready':
        return this.renderStudents(this._sheet!);
    }
  }

  private renderStudents(sheet: RollCallSheetDto) {
    const t = i18n.t;
    const now = hubClock.now();
    const stateNow = sheetState(sheet, now);
    const summary = summarize(sheet.students, this._marks);
    const readOnly = !this.editable;
    return html`
      ${this.renderSheetState(sheet, stateNow)}
      ${this._restored ? html`<p class="notice warning" role="status">${t('rollCall.restored')}</p>` : nothing}
      ${sheet.students.length === 0
        ? html`<div class="empty">${icon('users', 32)}<p>${t('rollCall.noStudents')}</p></div>`
        : html`${sheet.open ? html`<p class="hint-keys" id="keys-hint">${t('rollCall.hint')}</p>` : nothing}
            <ul
              class="students"
              aria-label=${t('rollCall.listLabel', { group: sheet.occurrence.groupName, n: sheet.students.length })}
              aria-describedby=${sheet.open ? 'keys-hint' : nothing}
              @keydown=${this.onGridKey}
            >
              ${repeat(
                sheet.students,
                (s) => s.id,
                (s, i) => this.renderTile(s, i, readOnly),
              )}
            </ul>`}
      ${this.renderBar(sheet, summary)}
    `;
  }

  private renderSheetState(sheet: RollCallSheetDto, stateNow: ReturnType<typeof sheetState>) {
    const t = i18n.t;
    const sentLine = sheet.submittedAt
      ? t(sheet.takenByName ? 'rollCall.sentBy' : 'rollCall.sentAt', { time: clockTime(sheet.submittedAt, this.ctx), name: sheet.takenByName ?? '' })
      : null;
    if (stateNow === 'closed') {
      return html`<div class="notice warning state-banner" data-testid="rollcall-closed">
        ${icon('lock', 22)}
        <div>
          <p><strong>${t('rollCall.closed', { time: clockTime(sheet.closesAt, this.ctx) })}</strong></p>
          <p>${sentLine ?? t('rollCall.closedNotTaken')} ${t('rollCall.closedHint')}</p>
        </div>
      </div>`;
    }
    if (stateNow === 'notYetOpen') {
      return html`<div class="notice warning state-banner">
        ${icon('clock', 22)}
        <p>${t('rollCall.notYetOpen', { time: clockTime(opensAt(sheet.occurrence), this.ctx) })}</p>
      </div>`;
    }
    if (sheet.submittedAt) {
      return html`<p class="muted" data-testid="rollcall-taken">${sentLine} · ${t('rollCall.correctUntil', { time: clockTime(sheet.closesAt, this.ctx) })}</p>`;
    }
    return nothing;
  }

  private renderTile(s: RollCallStudentDto, index: number, readOnly: boolean) {
    const t = i18n.t;
    const mark = this._marks.get(s.id) ?? null;
    const kind = mark?.kind ?? 'present';
    const stateText = markLabel(mark, t);
    const late = mark?.kind === 'late' && !readOnly;
    return html`<li>
      <button
        class="tile ${kind}"
        type="button"
        data-testid="student-tile"
        data-student=${s.id}
        tabindex=${index === this._focusIndex ? 0 : -1}
        aria-pressed=${mark ? 'true' : 'false'}
        aria-disabled=${readOnly ? 'true' : 'false'}
        @click=${() => this.tap(s, index)}
        @focus=${() => (this._focusIndex = index)}
      >
        <span class="mark-icon" aria-hidden="true">${icon(MARK_ICONS[kind], 24)}</span>
        <span class="who">
          <span class="last">${s.lastName}</span>
          <span class="first">${s.firstName}</span>
          <span class="state"><span class="visually-hidden">, </span>${stateText}</span>
        </span>
      </button>
      ${late ? this.renderLateChoice(s, mark!) : nothing}
    </li>`;
  }

  private renderLateChoice(s: RollCallStudentDto, mark: Mark) {
    const t = i18n.t;
    const minutes = mark.lateMinutes;
    const other = minutes !== null && !(LATE_CHOICES as readonly number[]).includes(minutes);
    const name = `${s.firstName} ${s.lastName}`;
    return html`<div class="late-choice" role="group" aria-label=${t('rollCall.late.label', { name })} data-late-for=${s.id}>
      <span class="ask" aria-hidden="true">${minutes === null ? t('rollCall.late.ask') : t('rollCall.late.minutes')}</span>
      ${LATE_CHOICES.map(
        (n) => html`<button class="button" type="button" aria-pressed=${minutes === n ? 'true' : 'false'} @click=${() => this.chooseMinutes(s, n)}>
          ${t('rollCall.late.choice', { n })}
        </button>`,
      )}
      ${this._otherFor === s.id
        ? html`<label class="visually-hidden" for=${`other-${s.id}`}>${t('rollCall.late.otherLabel', { name })}</label>
            <input
              id=${`other-${s.id}`}
              class="input"
              type="number"
              inputmode="numeric"
              min="1"
              max="240"
              .value=${other ? String(minutes) : ''}
              aria-invalid=${this._otherError ? 'true' : 'false'}
              aria-describedby=${this._otherError ? `other-error-${s.id}` : nothing}
              @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.confirmOther(s)}
            />
            <button class="button primary" type="button" @click=${() => this.confirmOther(s)}>${t('rollCall.late.ok')}</button>
            ${this._otherError ? html`<span class="error-text" id=${`other-error-${s.id}`} role="alert">${this._otherError}</span>` : nothing}`
        : html`<button class="button" type="button" aria-pressed=${other ? 'true' : 'false'} @click=${() => this.openOther(s)}>
            ${other ? t('rollCall.late.otherValue', { n: minutes! }) : t('rollCall.late.other')}
          </button>`}
    </div>`;
  }

  private renderBar(sheet: RollCallSheetDto, summary: ReturnType<typeof summarize>) {
    const t = i18n.t;
    const dirty = this.dirty;
    const canSend = sheet.open && (dirty || !sheet.submittedAt);
    const label = this._submitting ? t('rollCall.sending') : sheet.submittedAt ? t('rollCall.submitCorrection') : t('rollCall.submit');
    return html`<div class="bar" data-testid="rollcall-bar">
      <ul class="counts" aria-label=${t('rollCall.summaryLabel')} data-testid="rollcall-counts">
        <li class="count absent"><strong>${summary.absent}</strong> ${t(summary.absent > 1 ? 'rollCall.count.absent.other' : 'rollCall.count.absent.one')}</li>
        <li class="count late"><strong>${summary.late}</strong> ${t(summary.late > 1 ? 'rollCall.count.late.other' : 'rollCall.count.late.one')}</li>
        ${summary.excluded > 0
          ? html`<li class="count excluded"><strong>${summary.excluded}</strong> ${t(summary.excluded > 1 ? 'rollCall.count.excluded.other' : 'rollCall.count.excluded.one')}</li>`
          : nothing}
        <li class="count"><strong>${summary.present}</strong> ${t(summary.present > 1 ? 'rollCall.count.present.other' : 'rollCall.count.present.one', { total: summary.total })}</li>
      </ul>
      <div class="bar-actions">
        ${this._submitError
          ? html`<div class="notice error" role="alert" data-testid="rollcall-error">
              <p>${this._submitError}</p>
              ${canSend ? html`<p class="small-text">${t('rollCall.error.kept')}</p>` : nothing}
            </div>`
          : nothing}
        ${this._justSent && !dirty && sheet.submittedAt
          ? html`<p class="sent" role="status" data-testid="rollcall-sent">${icon('check', 22)}${t('rollCall.sentAt', { time: clockTime(sheet.submittedAt, this.ctx) })}</p>`
          : nothing}
        ${canSend
          ? html`<button class="button primary big" type="button" aria-disabled=${this._submitting ? 'true' : 'false'} @click=${this.submit}>
              ${this._submitting ? html`<span class="spinner" aria-hidden="true"></span>` : icon('send', 20)}
              ${this._submitError && !this._submitting ? t('rollCall.retry') : label}
            </button>`
          : nothing}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-roll-call-view': RollCallView;
  }
}
