import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AbsenceDto, DashboardDto, JustificationReviewItemDto } from '../../../../server/contracts/absences';
import type { OccurrenceDto } from '../../../../server/contracts/timetable';
import { api } from '../../../shared/api';
import { ClockController } from '../../../shared/clock-controller';
import type { LiveStatus } from '../../../shared/live-connection';
import { base } from '../../../shared/styles';
import { absencesStyles } from '../components/absences-styles';
import '../components/live-status';
import '../components/confirm-dialog';
import type { ConfirmDialog } from '../components/confirm-dialog';
import { icon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import '../components/period-absence-form';
import {
  absenceWhen,
  clockTime,
  dayLabel,
  dispositionLabel,
  kindLabel,
  noticeLabel,
  statusLabel,
  statusOf,
  studentWithClass,
} from '../lib/absence-labels';
import { applyDashboardEvent, dashboardCounts, groupBySlot, type CourseState } from '../lib/absences-dashboard';
import { describeAbsenceError } from '../lib/absences-errors';
import type { AbsencesStore } from '../lib/absences-store';
import { hubClock } from '../lib/hub-clock';
import { routeHref } from '../lib/routes';
import { i18n } from '../i18n';
import { AbsencesPage } from './absences-page';
import { JustifyPanel } from './justify-panel';
import { reportSessionLoss } from './session-loss';

type Status = 'loading' | 'ready' | 'error';
const ANNOUNCE_BURST_MS = 2_000;

/**
 * « Tableau de bord » of vie scolaire: the day's courses by slot with their roll calls (the
 * missing ones stand out once the slot has started), the day's absences with who was told and
 * who saw it — all kept live from the school's absences channel — and the period entry form.
 */
@customElement('pw-absences-dashboard-view')
export class AbsencesDashboardView extends AbsencesPage {
  static override styles = [
    base,
    newsStyles,
    absencesStyles,
    css`
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--pu-space-3);
      }
      .tools .field {
        min-width: 180px;
      }
      .pending-link {
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-2);
        min-height: 44px;
        padding: var(--pu-space-2) var(--pu-space-4);
        border-radius: 999px;
        border: 2px solid var(--pu-warning);
        background: var(--pu-warning-soft);
        color: var(--pu-warning);
        font-weight: 700;
        text-decoration: none;
      }
      .pending-link.none {
        border-color: var(--pu-border);
        background: var(--pu-surface);
        color: var(--pu-ink-muted);
      }
      .stats {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
        gap: var(--pu-space-3);
      }
      .stat {
        padding: var(--pu-space-3) var(--pu-space-4);
        display: grid;
        gap: 2px;
      }
      .stat .value {
        font-size: var(--pu-text-xl);
        font-weight: 800;
        line-height: 1.1;
      }
      .stat .label {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
        font-weight: 600;
      }
      .stat.alarm {
        border-color: var(--pu-danger);
        background: var(--pu-danger-soft);
      }
      .stat.alarm .value,
      .stat.alarm .label {
        color: var(--pu-danger);
      }
      .columns {
        display: grid;
        grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr);
        gap: var(--pu-space-5);
        align-items: start;
      }
      .slots {
        display: grid;
        gap: var(--pu-space-4);
      }
      ul.plain.tight {
        gap: var(--pu-space-2);
      }
      .slot {
        display: grid;
        gap: var(--pu-space-2);
      }
      .slot h3 {
        display: flex;
        align-items: baseline;
        gap: var(--pu-space-2);
        font-size: 1rem;
        margin: 0;
      }
      .slot h3 .times {
        color: var(--pu-ink-muted);
        font-weight: 600;
        font-size: var(--pu-text-s);
      }
      .course {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: var(--pu-space-1) var(--pu-space-3);
        padding: var(--pu-space-2) var(--pu-space-3);
        border: 1px solid var(--pu-border);
        border-left: 6px solid var(--pu-border-strong);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface);
      }
      .course.done {
        border-left-color: var(--pu-success);
      }
      .course.missing {
        border-left-color: var(--pu-danger);
        background: var(--pu-danger-soft);
      }
      .course.cancelled {
        border-left-color: var(--pu-ink-muted);
        background: var(--pu-surface-sunken);
      }
      .course .name {
        font-weight: 700;
      }
      .course .sub {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
        overflow-wrap: anywhere;
      }
      .course .chips {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-1);
        grid-column: 1 / -1;
      }
      .course a {
        font-weight: 600;
        font-size: var(--pu-text-s);
        color: var(--pu-primary);
        white-space: nowrap;
        min-height: 44px;
        display: inline-flex;
        align-items: center;
      }
      .absence {
        padding: var(--pu-space-3) var(--pu-space-4);
        display: grid;
        gap: var(--pu-space-1);
      }
      .absence .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--pu-space-2);
      }
      .absence .who {
        font-weight: 700;
      }
      .notices {
        list-style: none;
        margin: var(--pu-space-1) 0 0;
        padding: 0;
        display: grid;
        gap: 2px;
        font-size: var(--pu-text-s);
      }
      .notices li {
        display: flex;
        align-items: center;
        gap: var(--pu-space-1);
      }
      .notices .seen {
        color: var(--pu-success);
        font-weight: 600;
      }
      .notices .unseen {
        color: var(--pu-ink-muted);
      }
      .justify-panel {
        margin-top: var(--pu-space-2);
        padding: var(--pu-space-4);
        border: 2px solid var(--pu-primary);
        border-radius: var(--pu-radius-m);
        background: var(--pu-surface);
      }
      details.card > summary {
        cursor: pointer;
        padding: var(--pu-space-4) var(--pu-space-5);
        font-weight: 700;
        font-size: var(--pu-text-l);
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        min-height: 48px;
      }
      details.card > .panel {
        padding-top: 0;
      }
      @media (max-width: 900px) {
        .columns {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  /** The live link's state: this page follows it, the person should know whether it is up. */
  @property() liveStatus: LiveStatus = 'connecting';
  @property({ type: Boolean }) reconnecting = false;

  @state() private _status: Status = 'loading';
  @state() private _data: DashboardDto | null = null;
  /** The day asked for; empty for the hub's today. */
  @state() private _date = '';
  @state() private _pending: number | null = null;
  @state() private _arrived = new Set<string>();
  @state() private _announce = '';
  @state() private _flash = '';
  @state() private _error = '';
  /** The absence whose « Justifier » opened the form (the student's other unjustified ones of the day can be ticked). */
  @state() private _justify: { absenceId: string; initial: string[] } | null = null;

  @query('pw-confirm-dialog') private _confirm!: ConfirmDialog;

  // missing roll calls become late as slots start: the page moves on with the clock
  private readonly clock = new ClockController(this, 30_000);
  private readonly justifyPanel = new JustifyPanel(this);
  private generation = 0;
  private announcedAt = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this._pending = this.store.pendingCount;
    this.unsubscribe = [
      this.store.onEvent((e) => this.onLiveEvent(e)),
      this.store.onResync(() => void this.load()),
      this.store.onPendingCount((n) => (this._pending = n)),
    ];
    void this.load();
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    if (!this._data || this._data.date !== this._date) this._status = 'loading';
    try {
      const query = this._date ? `?date=${this._date}` : '';
      const data = await api.get<DashboardDto>(`${this.schoolPath}/absences/dashboard${query}`);
      // the hub's time, for which slots have started: the device only measures the time elapsed since
      hubClock.sync(data.now);
      if (generation !== this.generation) return;
      this._data = data;
      this._status = 'ready';
      this.store.setPending(data.pendingJustifications);
    } catch (err) {
      if (generation !== this.generation) return;
      reportSessionLoss(this, err);
      this._status = 'error';
    }
  }

  private onLiveEvent(e: Parameters<Parameters<AbsencesStore['onEvent']>[0]>[0]): void {
    if (!this._data) return;
    const result = applyDashboardEvent(this._data, e, this.timeZone);
    if (!result) return;
    this._data = result.dashboard;
    const t = i18n.t;
    const { change } = result;
    this._arrived = new Set([...this._arrived, change.id]);
    if (change.kind === 'absenceAdded') {
      const a = result.dashboard.absences.find((x) => x.id === change.id)!;
      this.announce(t('dashboard.announce.absence', { name: studentWithClass(a), kind: kindLabel(a.kind, a.lateMinutes, t) }));
    } else if (change.kind === 'rollCall') {
      const o = result.dashboard.occurrences.find((x) => x.courseId === change.id)!;
      this.announce(t('dashboard.announce.rollCall', { group: o.groupName, subject: o.subject }));
    } else if (change.kind === 'acknowledged') {
      const data = e.data as { guardianName?: string };
      this.announce(t('dashboard.announce.acknowledged', { name: data.guardianName ?? '' }));
    }
  }

  // a roll call arrives with its absences, one event each: one announcement for the burst, not the last word only
  private announce(text: string): void {
    const now = Date.now();
    this._announce = now - this.announcedAt < ANNOUNCE_BURST_MS && this._announce ? `${this._announce} ${text}.` : `${text}.`;
    this.announcedAt = now;
  }

  private onDate(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    if (!value || value === (this._date || this._data?.date)) return;
    this._date = value;
    this._arrived = new Set();
    this._justify = null;
    void this.load();
  }

  private today(): void {
    this._date = '';
    this._arrived = new Set();
    this._justify = null;
    void this.load();
  }

  private async removeAbsence(a: AbsenceDto): Promise<void> {
    const t = i18n.t;
    const ok = await this._confirm.ask({
      title: t('dashboard.remove.title'),
      text: t('dashboard.remove.text', { name: a.studentName, when: absenceWhen(a, this.ctx) }),
      confirm: t('dashboard.remove.confirm'),
      cancel: t('dashboard.remove.cancel'),
    });
    if (!ok) return;
    this._error = '';
    try {
      await api.delete<void>(`${this.schoolPath}/absences/${encodeURIComponent(a.id)}`);
      if (this._data) this._data = { ...this._data, absences: this._data.absences.filter((x) => x.id !== a.id) };
      this._flash = t('dashboard.remove.done', { name: a.studentName });
    } catch (err) {
      reportSessionLoss(this, err);
      this._error = describeAbsenceError(err, 'remove', t);
    }
  }

  private async openJustify(a: AbsenceDto): Promise<void> {
    this._flash = '';
    this._justify = { absenceId: a.id, initial: [a.id] };
    await this.justifyPanel.opened();
  }

  private async closeJustify(): Promise<void> {
    const from = this._justify?.absenceId;
    this._justify = null;
    await this.updateComplete;
    if (from) this.renderRoot.querySelector<HTMLElement>(`[data-absence="${from}"] .justify-button`)?.focus();
  }

  /** Recorded by vie scolaire, the justification is accepted at once: the hub's answer has the absences justified. */
  private async onJustified(e: CustomEvent<JustificationReviewItemDto>): Promise<void> {
    const item = e.detail;
    const byId = new Map(item.absences.map((a) => [a.id, a]));
    if (this._data) {
      const absences = this._data.absences.map((a) => {
        const updated = byId.get(a.id);
        // the dashboard's copy keeps its notices if the answer left them out
        return updated ? { ...a, ...updated, notices: updated.notices ?? a.notices } : a;
      });
      this._data = { ...this._data, absences };
    }
    const n = item.absences.length;
    this._flash = i18n.t(n > 1 ? 'dashboard.justify.done.other' : 'dashboard.justify.done.one', { n, name: item.studentName });
    this._justify = null;
    await this.focusFlash();
  }

  override render() {
    const t = i18n.t;
    const pending = this._pending ?? this._data?.pendingJustifications ?? null;
    const shownDate = this._data?.date ?? this._date;
    return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${t('dashboard.title')}</h1>
          <p class="lead">${shownDate ? t('dashboard.lead', { day: dayLabel(shownDate, this.ctx, true) }) : t('dashboard.leadToday')}</p>
          <pw-live-status .status=${this.liveStatus} ?reconnecting=${this.reconnecting}></pw-live-status>
        </div>
        ${pending !== null
          ? html`<a class="pending-link ${pending === 0 ? 'none' : ''}" href=${routeHref({ name: 'justifications' })} data-testid="pending-link">
              ${icon('inbox', 20)}${pending === 0 ? t('dashboard.pendingNone') : t(pending > 1 ? 'dashboard.pending.other' : 'dashboard.pending.one', { n: pending })}
            </a>`
          : nothing}
      </div>
      <div class="tools">
        <div class="field">
          <label for="day">${t('dashboard.day')}</label>
          <input id="day" class="input" type="date" .value=${shownDate} @change=${this.onDate} />
        </div>
        <button class="button" type="button" @click=${this.today}>${icon('calendar', 18)}${t('dashboard.today')}</button>
      </div>
      <div role="alert">${this._error ? html`<p class="notice error">${this._error}</p>` : nothing}</div>
      <div class="flash" role="status">${this._flash ? html`<p class="notice success" tabindex="-1">${this._flash}</p>` : nothing}</div>
      ${this.renderBody()}
      <details class="card">
        <summary>${icon('plus', 20)}${t('period.title')}</summary>
        <div class="panel">
          <p class="muted">${t('period.intro')}</p>
          <pw-period-absence-form uai=${this.store.uai} timeZone=${this.timeZone} date=${shownDate}></pw-period-absence-form>
        </div>
      </details>
      <div class="visually-hidden" role="status" aria-live="polite" data-testid="dashboard-announce">${this._announce}</div>
      <pw-confirm-dialog></pw-confirm-dialog>`;
  }

  private renderBody() {
    const t = i18n.t;
    if (this._status === 'loading') return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('dashboard.loading')}</p>`;
    if (this._status === 'error' || !this._data)
      return html`<div class="notice error" role="alert">
        <p>${t('dashboard.error')}</p>
        <p><button class="button small" type="button" @click=${() => this.load()}>${t('feed.retry')}</button></p>
      </div>`;
    // the controller's tick re-renders; the hub's clock says what time it is at school
    void this.clock;
    const now = hubClock.now();
    const d = this._data;
    const counts = dashboardCounts(d, now);
    return html`<ul class="stats" aria-label=${t('dashboard.statsLabel')} data-testid="dashboard-stats">
        <li class="card stat"><span class="value">${counts.done} / ${counts.expected}</span><span class="label">${t('dashboard.stat.done')}</span></li>
        <li class="card stat ${counts.missing > 0 ? 'alarm' : ''}"><span class="value">${counts.missing}</span><span class="label">${t('dashboard.stat.missing')}</span></li>
        <li class="card stat"><span class="value">${counts.absent}</span><span class="label">${t('dashboard.stat.absent')}</span></li>
        <li class="card stat"><span class="value">${counts.late}</span><span class="label">${t('dashboard.stat.late')}</span></li>
        <li class="card stat"><span class="value">${counts.excluded}</span><span class="label">${t('dashboard.stat.excluded')}</span></li>
      </ul>
      <div class="columns">
        <section class="card panel" aria-labelledby="courses-title">
          <h2 id="courses-title">${icon('calendar', 22)}${t('dashboard.courses')}</h2>
          ${this.renderSlots(d.occurrences, now)}
        </section>
        <section class="card panel" aria-labelledby="absences-title">
          <h2 id="absences-title">${icon('absence', 22)}${t('dashboard.absences', { n: d.absences.length })}</h2>
          ${d.absences.length === 0
            ? html`<div class="empty">${icon('check', 32)}<p>${t('dashboard.noAbsences')}</p></div>`
            : html`<ul class="plain" data-testid="dashboard-absences">
                ${repeat(
                  d.absences,
                  (a) => a.id,
                  (a) => this.renderAbsence(a),
                )}
              </ul>`}
        </section>
      </div>`;
  }

  private renderSlots(occurrences: OccurrenceDto[], now: Date) {
    const t = i18n.t;
    if (occurrences.length === 0) return html`<div class="empty">${icon('calendar', 32)}<p>${t('dashboard.noCourses')}</p></div>`;
    return html`<div class="slots">
      ${groupBySlot(occurrences, now).map(
        (slot) => html`<div class="slot">
          <h3>${slot.code} <span class="times">${clockTime(slot.startsAt, this.ctx)}–${clockTime(slot.endsAt, this.ctx)}</span></h3>
          <ul class="plain tight">
            ${slot.courses.map(({ occurrence: o, state }) => this.renderCourse(o, state))}
          </ul>
        </div>`,
      )}
    </div>`;
  }

  private renderCourse(o: OccurrenceDto, state: CourseState) {
    const t = i18n.t;
    const rc = o.rollCall;
    const stateChip = (() => {
      switch (state) {
        case 'done': {
          const figures = [
            rc!.absent ? t(rc!.absent > 1 ? 'rollCall.countN.absent.other' : 'rollCall.countN.absent.one', { n: rc!.absent }) : null,
            rc!.late ? t(rc!.late > 1 ? 'rollCall.countN.late.other' : 'rollCall.countN.late.one', { n: rc!.late }) : null,
            rc!.excluded ? t(rc!.excluded > 1 ? 'rollCall.countN.excluded.other' : 'rollCall.countN.excluded.one', { n: rc!.excluded }) : null,
          ].filter(Boolean);
          return html`<span class="status done">${icon('check', 14)}${t('dashboard.course.done', { time: clockTime(rc!.submittedAt, this.ctx) })}</span>
            <span class="status neutral">${figures.length ? figures.join(' · ') : t('dashboard.course.allPresent')}</span>`;
        }
        case 'missing':
          return html`<span class="status missing">${icon('alert', 14)}${t('dashboard.course.missing')}</span>`;
        case 'cancelled':
          return html`<span class="status cancelled">${t('courseChange.cancelled')}</span>`;
        case 'upcoming':
          return html`<span class="status upcoming">${t('dashboard.course.upcoming')}</span>`;
      }
    })();
    const arrived = this._arrived.has(o.courseId);
    return html`<li class="course ${state} ${arrived ? 'arrived' : ''}" data-testid="dashboard-course" data-state=${state}>
      <div>
        <span class="name">${o.groupName} · ${o.subject}</span>
        <div class="sub">${o.teacherName}${o.room ? ` · ${t('rollCall.room', { room: o.room })}` : ''}${rc?.takenByName && rc.takenByName !== o.teacherName ? ` · ${t('dashboard.course.takenBy', { name: rc.takenByName })}` : ''}</div>
      </div>
      ${state !== 'cancelled'
        ? html`<a href=${routeHref({ name: 'rollCall', courseId: o.courseId, date: o.date })} aria-label=${t('dashboard.course.openLabel', { group: o.groupName, subject: o.subject })}>
            ${t(state === 'done' ? 'dashboard.course.open' : 'dashboard.course.take')}
          </a>`
        : html`<span></span>`}
      <div class="chips">
        ${stateChip}
        ${o.change && o.change.disposition !== 'cancelled' ? html`<span class="status ${o.change.disposition}">${dispositionLabel(o.change, t)}</span>` : nothing}
      </div>
    </li>`;
  }

  private renderAbsence(a: AbsenceDto) {
    const t = i18n.t;
    const status = statusOf(a);
    const notices = a.notices ?? [];
    // the form lists the student's other unjustified absences of the day, this one ticked
    const form =
      this._justify?.absenceId === a.id && a.justificationStatus === 'unjustified'
        ? this._data!.absences.filter((x) => x.studentId === a.studentId && x.justificationStatus === 'unjustified')
        : null;
    return html`<li class="card absence ${this._arrived.has(a.id) ? 'arrived' : ''}" data-testid="dashboard-absence" data-absence=${a.id}>
      <div class="top">
        <span class="who">${studentWithClass(a)}</span>
        <span class="status ${status}">${statusLabel(status, t)}</span>
      </div>
      <div><strong>${kindLabel(a.kind, a.lateMinutes, t)}</strong> · ${absenceWhen(a, this.ctx)}</div>
      <div class="small-text muted">
        ${a.recordedByName ? t('absences.recordedBy', { name: a.recordedByName }) : nothing}${a.note ? html` · «\u00a0${a.note}\u00a0»` : nothing}
      </div>
      <ul class="notices" aria-label=${t('dashboard.noticesLabel')} data-testid="absence-notices">
        ${notices.length === 0
          ? html`<li class="unseen">${t('dashboard.noGuardians')}</li>`
          : notices.map(
              (n) => html`<li class=${n.acknowledgedAt ? 'seen' : 'unseen'}>
                ${icon(n.acknowledgedAt ? 'eye' : 'clock', 16)}${noticeLabel(n, this.ctx)}
              </li>`,
            )}
      </ul>
      <div class="actions">
        ${a.justificationStatus === 'unjustified' && !form
          ? html`<button class="button small justify-button" type="button" @click=${() => this.openJustify(a)} aria-label=${t('dashboard.justify.label', { name: a.studentName })}>
              ${icon('pen', 16)}${t('dashboard.justify.button')}
            </button>`
          : nothing}
        <button class="button small danger" type="button" @click=${() => this.removeAbsence(a)} aria-label=${t('dashboard.remove.label', { name: a.studentName })}>
          ${icon('x', 16)}${t('dashboard.remove.button')}
        </button>
      </div>
      ${form
        ? html`<div class="justify-panel">
            ${this.justifyPanel.render({
              staff: true,
              childName: a.studentName,
              absences: form,
              initial: this._justify!.initial,
              onJustified: this.onJustified,
              onCancel: this.closeJustify,
            })}
          </div>`
        : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-absences-dashboard-view': AbsencesDashboardView;
  }
}
