import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type {
  AbsenceDto,
  BoardSnapshotDto,
  FollowedStudentDto,
  GroupCourseChangeDto,
  JustificationReviewItemDto,
} from '../../../../server/contracts/absences';
import type { EventEnvelope } from '../../../../server/contracts/events';
import { api } from '../../../shared/api';
import { ClockController } from '../../../shared/clock-controller';
import type { LiveStatus } from '../../../shared/live-connection';
import { base } from '../../../shared/styles';
import { absencesStyles } from '../components/absences-styles';
import '../components/live-status';
import { icon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import {
  absenceWhen,
  clockTime,
  dayLabel,
  dispositionLabel,
  groupChangeLabel,
  instantDayLabel,
  kindLabel,
  reasonText,
  statusLabel,
  statusOf,
} from '../lib/absence-labels';
import { describeAbsenceError } from '../lib/absences-errors';
import {
  applyCourseChangeEvent,
  applyFamilyEvent,
  changesByGroup,
  changeKey,
  groupByChild,
  justifiable,
  replaceAbsences,
  type ChildAbsences,
  type CourseChangesUpdate,
  type FamilyChange,
  type GroupChanges,
} from '../lib/family-absences';
import { hubClock } from '../lib/hub-clock';
import { fileSizeLabel } from '../lib/news-labels';
import { i18n } from '../i18n';
import { AbsencesPage } from './absences-page';
import { JustifyPanel } from './justify-panel';
import { reportSessionLoss } from './session-loss';

type Status = 'loading' | 'ready' | 'error';

/**
 * « Absences » of a guardian (their children's, with acknowledge and justify) or of a student
 * (their own, to read). Every child has their list, « Aucune absence » included. New alerts arrive
 * live at the top of the child's list and are announced; the family's courses changed by a
 * teacher absence (« Cours modifiés ») show above, per group, until they end by the hub's clock.
 */
@customElement('pw-family-absences-view')
export class FamilyAbsencesView extends AbsencesPage {
  static override styles = [
    base,
    newsStyles,
    absencesStyles,
    css`
      .child {
        display: grid;
        gap: var(--pu-space-3);
      }
      .child > header {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--pu-space-2);
      }
      .child h2 {
        font-size: var(--pu-text-l);
      }
      .absence {
        padding: var(--pu-space-4) var(--pu-space-5);
        display: grid;
        gap: var(--pu-space-2);
      }
      .absence.unseen {
        border: 2px solid var(--pu-danger);
      }
      .absence .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--pu-space-2);
      }
      .absence .kind {
        font-size: 1.125rem;
        font-weight: 800;
      }
      .absence .when {
        font-weight: 600;
      }
      .justification {
        display: grid;
        gap: var(--pu-space-1);
        padding: var(--pu-space-3);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
        font-size: var(--pu-text-s);
      }
      .justification a {
        color: var(--pu-primary);
        font-weight: 600;
      }
      .ack-done {
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-1);
        color: var(--pu-success);
        font-weight: 600;
      }
      .justify-panel {
        padding: var(--pu-space-5);
        border: 2px solid var(--pu-primary);
      }
      .change-group {
        display: grid;
        gap: var(--pu-space-2);
      }
      .change-group h3 {
        font-size: 1rem;
        margin: 0;
      }
      ul.plain.changes {
        gap: var(--pu-space-2);
      }
      .changes li {
        display: grid;
        gap: 2px;
        padding: var(--pu-space-3) var(--pu-space-4);
        border-left: 4px solid var(--pu-warning);
        background: var(--pu-warning-soft);
        border-radius: var(--pu-radius-s);
        overflow-wrap: anywhere;
      }
      .changes li.cancelled {
        border-left-color: var(--pu-danger);
        background: var(--pu-danger-soft);
      }
      .changes strong {
        font-size: 1.05rem;
      }
      .child-none {
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        margin: 0;
        padding: var(--pu-space-3) var(--pu-space-4);
        border: 1px dashed var(--pu-border-strong);
        border-radius: var(--pu-radius-m);
        color: var(--pu-ink-muted);
        font-weight: 600;
      }
      @media (max-width: 480px) {
        .absence,
        .justify-panel {
          padding: var(--pu-space-4);
        }
        .absence .actions .button {
          flex: 1 1 100%;
        }
      }
    `,
  ];

  /** The live link's state: this page follows it, the person should know whether it is up. */
  @property() liveStatus: LiveStatus = 'connecting';
  @property({ type: Boolean }) reconnecting = false;
  /** Guardians acknowledge and justify; students read. */
  @property() profile: 'guardian' | 'student' = 'guardian';

  @state() private _status: Status = 'loading';
  @state() private _list: AbsenceDto[] = [];
  @state() private _students: FollowedStudentDto[] = [];
  @state() private _changes: GroupCourseChangeDto[] = [];
  @state() private _changesError = '';
  @state() private _changedKeys = new Set<string>();
  @state() private _arrived = new Set<string>();
  @state() private _busy = new Set<string>();
  @state() private _errors = new Map<string, string>();
  @state() private _justify: { studentId: string; initial: string[]; from: string } | null = null;
  @state() private _flash = '';
  @state() private _announce = '';

  // a changed course drops off at its end: the page moves on with the clock
  private readonly clock = new ClockController(this, 30_000);
  private readonly justifyPanel = new JustifyPanel(this);
  private generation = 0;
  /** Live events received while a load is under way: applied again over its answer, which may predate them. */
  private buffered: EventEnvelope[] | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = [this.store.onEvent((e) => this.onLiveEvent(e)), this.store.onResync(() => void this.load())];
    void this.load();
  }

  private get base(): string {
    return `${this.schoolPath}/absences`;
  }

  private get guardian(): boolean {
    return this.profile === 'guardian';
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.buffered = [];
    if (!hubClock.synced) void this.syncHubClock();
    // the course changes are a convenience next to the absences: their failure does not hide them
    const changes = api.get<GroupCourseChangeDto[]>(`${this.base}/course-changes`).then(
      (list) => ({ list, error: '' }),
      (err: unknown) => ({ list: null, error: describeAbsenceError(err, 'load', i18n.t) }),
    );
    try {
      const [list, students, loadedChanges] = await Promise.all([api.get<AbsenceDto[]>(this.base), api.get<FollowedStudentDto[]>(`${this.base}/students`), changes]);
      if (generation !== this.generation) return;
      this._list = list;
      this._students = students;
      if (loadedChanges.list) this._changes = loadedChanges.list;
      this._changesError = loadedChanges.error;
      this._status = 'ready';
      // what arrived meanwhile may be newer than the answers: folded in again, silently (it was announced)
      for (const e of this.buffered ?? []) this.fold(e);
    } catch (err) {
      if (generation !== this.generation) return;
      reportSessionLoss(this, err);
      this._status = 'error';
    } finally {
      if (generation === this.generation) this.buffered = null;
    }
  }

  /**
   * Families cannot read the timetable that carries the hub's time: the board's snapshot (what
   * the hall screens show, open to every member) does, for when changed courses end.
   */
  private async syncHubClock(): Promise<void> {
    try {
      const board = await api.get<BoardSnapshotDto>(`${this.schoolPath}/board`);
      hubClock.sync(board.generatedAt);
      this.clock.touch();
    } catch {
      // the device's clock will do
    }
  }

  /** Applies a live event to what the page holds; what changed, for the announcements. */
  private fold(e: EventEnvelope): { course: CourseChangesUpdate } | { absences: FamilyChange } | null {
    const course = applyCourseChangeEvent(this._changes, e);
    if (course) {
      this._changes = course.list;
      return { course };
    }
    const result = applyFamilyEvent(this._list, e);
    if (!result) return null;
    this._list = result.list;
    return { absences: result.change };
  }

  private onLiveEvent(e: EventEnvelope): void {
    const t = i18n.t;
    this.buffered?.push(e);
    const folded = this.fold(e);
    if (!folded) return;
    if ('course' in folded) {
      const update = folded.course;
      const now = hubClock.now().getTime();
      const current = update.changes.filter((c) => Date.parse(c.endsAt) > now);
      if (current.length === 0) return;
      const first = current[0];
      const course = groupChangeLabel(first, this.ctx);
      if (update.kind === 'restored') {
        // the course vanishes from « Cours modifiés »: say why, on the page too
        this._flash = t('family.announce.restored', { course });
        this._announce = this._flash;
      } else {
        this._changedKeys = new Set([...this._changedKeys, ...current.map(changeKey)]);
        this._announce = t('family.announce.change', { course, change: dispositionLabel(first, t) });
      }
      return;
    }
    const change = folded.absences;
    if (change.kind === 'added' || change.kind === 'updated') this._arrived = new Set([...this._arrived, ...change.absenceIds]);
    if (change.kind === 'added' && change.absence) {
      const a = change.absence;
      this._announce = t('family.announce.added', { name: a.studentName, kind: kindLabel(a.kind, a.lateMinutes, t), when: absenceWhen(a, this.ctx) });
    } else if (change.kind === 'updated' && change.absence) {
      this._announce = t('family.announce.updated', { name: change.studentName, kind: kindLabel(change.absence.kind, change.absence.lateMinutes, t) });
    } else if (change.kind === 'removed') {
      this._flash = t('family.removed', { name: change.studentName });
      this._announce = this._flash;
      if (this._justify) this._justify = { ...this._justify, initial: this._justify.initial.filter((id) => !change.absenceIds.includes(id)) };
    } else if (change.kind === 'reviewed') {
      // « justification envoyée » is old news once vie scolaire has answered
      this._flash = '';
      const a = this._list.find((x) => x.id === change.absenceIds[0])!;
      this._announce = t(a.justificationStatus === 'justified' ? 'family.announce.accepted' : 'family.announce.refused', { name: change.studentName });
    }
  }

  private async acknowledge(a: AbsenceDto): Promise<void> {
    if (this._busy.has(a.id)) return;
    const t = i18n.t;
    this._busy = new Set([...this._busy, a.id]);
    this._errors = new Map([...this._errors].filter(([id]) => id !== a.id));
    try {
      const updated = await api.post<AbsenceDto>(`${this.base}/${encodeURIComponent(a.id)}/acknowledge`);
      this._list = replaceAbsences(this._list, [{ ...updated, acknowledgedAt: updated.acknowledgedAt ?? new Date().toISOString() }]);
      this._announce = t('family.ack.done', { name: a.studentName });
      await this.updateComplete;
      // the button is gone: focus stays on the card's next action, or the card's confirmation
      this.renderRoot.querySelector<HTMLElement>(`[data-absence="${a.id}"] .justify-button, [data-absence="${a.id}"] .ack-done`)?.focus();
    } catch (err) {
      reportSessionLoss(this, err);
      this._errors = new Map([...this._errors, [a.id, describeAbsenceError(err, 'acknowledge', t)]]);
    } finally {
      const busy = new Set(this._busy);
      busy.delete(a.id);
      this._busy = busy;
    }
  }

  private async openJustify(child: ChildAbsences, a: AbsenceDto, from: string): Promise<void> {
    this._flash = '';
    this._justify = { studentId: child.studentId, initial: [a.id], from };
    await this.justifyPanel.opened();
  }

  private async closeJustify(): Promise<void> {
    const from = this._justify?.from;
    this._justify = null;
    await this.updateComplete;
    if (from) this.renderRoot.querySelector<HTMLElement>(`[data-justify-from="${from}"]`)?.focus();
  }

  private async onJustified(e: CustomEvent<JustificationReviewItemDto>): Promise<void> {
    const item = e.detail;
    const ids = new Set(item.absences.map((a) => a.id));
    // the hub's answer carries the absences as they now stand (pending review)
    this._list = replaceAbsences(
      this._list.map((a) => (ids.has(a.id) ? { ...a, justificationStatus: 'pending' as const, justification: item.justification } : a)),
      item.absences.map((a) => ({ ...a, acknowledgedAt: a.acknowledgedAt ?? this._list.find((x) => x.id === a.id)?.acknowledgedAt ?? null })),
    );
    const n = ids.size;
    this._flash = i18n.t(n > 1 ? 'family.justified.other' : 'family.justified.one', { n, name: item.studentName });
    this._justify = null;
    await this.focusFlash();
  }

  override render() {
    const t = i18n.t;
    return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${t('family.title')}</h1>
          <p class="lead">${t(this.guardian ? 'family.leadGuardian' : 'family.leadStudent')}</p>
          <pw-live-status .status=${this.liveStatus} ?reconnecting=${this.reconnecting}></pw-live-status>
        </div>
      </div>
      ${this.renderChanges()}
      <div class="flash" role="status">${this._flash ? html`<p class="notice success" tabindex="-1">${this._flash}</p>` : nothing}</div>
      ${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite" data-testid="family-announce">${this._announce}</div>`;
  }

  private renderChanges() {
    const t = i18n.t;
    // the controller's tick re-renders; the hub's clock says which courses are over
    void this.clock;
    const groups = changesByGroup(this._changes, this._students, hubClock.now());
    if (groups.length === 0 && !this._changesError) return nothing;
    return html`<section class="card panel" aria-labelledby="changes-title" data-testid="course-changes">
      <h2 id="changes-title">${icon('calendar', 22)}${t('family.changes')}</h2>
      ${this._changesError ? html`<p class="notice error">${this._changesError}</p>` : nothing}
      ${groups.map((g) => this.renderChangeGroup(g))}
    </section>`;
  }

  private renderChangeGroup(g: GroupChanges) {
    const t = i18n.t;
    const names = new Intl.ListFormat(i18n.locale === 'fr' ? 'fr-FR' : 'en-GB', { type: 'conjunction' }).format(g.students.map((s) => s.name));
    // a student reads their own classes' changes: their name would add nothing
    const heading = this.guardian && names ? t('family.child', { name: names, group: g.groupName }) : g.groupName;
    const headingId = `changes-${g.groupId}`;
    return html`<div class="change-group" data-testid="change-group">
      <h3 id=${headingId}>${heading}</h3>
      <ul class="plain changes" aria-labelledby=${headingId}>
        ${repeat(
          g.changes,
          (c) => changeKey(c),
          (c) => html`<li class="${c.disposition} ${this._changedKeys.has(changeKey(c)) ? 'arrived' : ''}" data-testid="course-change">
            <strong>${dispositionLabel(c, t)}</strong>
            <span
              >${t('courseChange.when', {
                day: dayLabel(c.date, this.ctx),
                slot: c.slotCode,
                start: clockTime(c.startsAt, this.ctx),
                end: clockTime(c.endsAt, this.ctx),
                subject: c.subject,
                teacher: c.teacherName,
              })}</span
            >
          </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderBody() {
    const t = i18n.t;
    if (this._status === 'loading') return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('family.loading')}</p>`;
    if (this._status === 'error')
      return html`<div class="notice error" role="alert">
        <p>${t('family.error')}</p>
        <p><button class="button small" type="button" @click=${() => this.load()}>${t('feed.retry')}</button></p>
      </div>`;
    const children = groupByChild(this._list, this._students);
    // a student with nothing, or a guardian with no child known here: one line says it all
    if (children.length === 0 || (!this.guardian && children.every((c) => c.absences.length === 0)))
      return html`<div class="empty">${icon('check', 32)}<p>${t(this.guardian ? 'family.emptyGuardian' : 'family.emptyStudent')}</p></div>`;
    return html`${children.map((c) => this.renderChild(c, children.length > 1 || this.guardian))}`;
  }

  private renderChild(child: ChildAbsences, titled: boolean) {
    const t = i18n.t;
    const open = justifiable(child.absences).length;
    const form = this._justify?.studentId === child.studentId ? this._justify : null;
    const headingId = `child-${child.studentId}`;
    return html`<section class="child" aria-labelledby=${headingId} data-testid="child-absences">
      <header>
        <h2 id=${headingId} class=${titled ? '' : 'visually-hidden'}>${child.className ? t('family.child', { name: child.studentName, group: child.className }) : child.studentName}</h2>
        ${child.absences.length === 0
          ? nothing
          : html`<span class="muted small-text">${open === 0 ? t('family.allHandled') : t(open > 1 ? 'family.toJustify.other' : 'family.toJustify.one', { n: open })}</span>`}
      </header>
      ${form
        ? html`<div class="card justify-panel">
            ${this.justifyPanel.render({
              childName: child.studentName,
              absences: justifiable(child.absences),
              initial: form.initial,
              onJustified: this.onJustified,
              onCancel: this.closeJustify,
            })}
          </div>`
        : nothing}
      ${child.absences.length === 0
        ? html`<p class="child-none" data-testid="child-none">${icon('check', 20)}${t('family.childNone')}</p>`
        : html`<ol class="plain" aria-label=${t('family.listLabel', { name: child.studentName })}>
            ${repeat(
              child.absences,
              (a) => a.id,
              (a) => this.renderAbsence(child, a),
            )}
          </ol>`}
    </section>`;
  }

  private renderAbsence(child: ChildAbsences, a: AbsenceDto) {
    const t = i18n.t;
    const status = statusOf(a);
    const unseen = this.guardian && !a.acknowledgedAt;
    const arrived = this._arrived.has(a.id);
    const error = this._errors.get(a.id);
    const canJustify = this.guardian && a.justificationStatus === 'unjustified';
    const when = absenceWhen(a, this.ctx);
    return html`<li class="card absence ${unseen ? 'unseen' : ''} ${arrived ? 'arrived' : ''}" data-testid="absence-card" data-absence=${a.id}>
      <div class="top">
        ${arrived ? html`<span class="status new">${t('family.new')}</span>` : nothing}
        <span class="kind">${kindLabel(a.kind, a.lateMinutes, t)}</span>
        <span class="status ${status}" data-testid="absence-status">${statusLabel(status, t)}</span>
      </div>
      <p class="when">${when}</p>
      ${a.recordedByName ? html`<p class="small-text muted">${t('absences.recordedBy', { name: a.recordedByName })}</p>` : nothing}
      ${a.justification ? this.renderJustification(a) : nothing}
      ${error ? html`<p class="notice error" role="alert">${error}</p>` : nothing}
      ${this.guardian
        ? html`<div class="actions">
            ${a.acknowledgedAt
              ? html`<span class="ack-done" tabindex="-1">${icon('check', 18)}${t('family.ack.seen', {
                  day: instantDayLabel(a.acknowledgedAt, this.ctx),
                  time: clockTime(a.acknowledgedAt, this.ctx),
                })}</span>`
              : html`<button class="button primary" type="button" aria-disabled=${this._busy.has(a.id) ? 'true' : 'false'} @click=${() => this.acknowledge(a)}>
                  ${this._busy.has(a.id) ? html`<span class="spinner" aria-hidden="true"></span>` : icon('eye', 18)}${t('family.ack.button')}<span class="visually-hidden"
                    >${t('family.ack.context', { when })}</span
                  >
                </button>`}
            ${canJustify
              ? html`<button
                  class="button justify-button"
                  type="button"
                  data-justify-from=${a.id}
                  @click=${() => this.openJustify(child, a, a.id)}
                >
                  ${icon('pen', 18)}${t('family.justify')}<span class="visually-hidden">${t('family.ack.context', { when })}</span>
                </button>`
              : nothing}
          </div>`
        : nothing}
    </li>`;
  }

  private renderJustification(a: AbsenceDto) {
    const t = i18n.t;
    const j = a.justification!;
    return html`<div class="justification">
      <span><strong>${t('family.reason')}</strong> ${reasonText(j, t)}</span>
      ${j.comment ? html`<span>«\u00a0${j.comment}\u00a0»</span>` : nothing}
      ${j.document
        ? html`<span>${icon('paperclip', 14)} <a href=${j.document.url} target="_blank" rel="noopener">${j.document.name}</a> (${fileSizeLabel(j.document.size, i18n.locale, t)})</span>`
        : nothing}
      ${j.decision === 'refused'
        ? html`<span class="error-text">${t('family.refused', { comment: j.reviewComment ?? '' })}</span>`
        : j.decision === 'pending'
          ? html`<span>${t('family.pendingReview')}</span>`
          : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-family-absences-view': FamilyAbsencesView;
  }
}
