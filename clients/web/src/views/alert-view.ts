import { css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AlertDto, AlertStatusDto, AlertTemplateDto } from '../../../../server/contracts/signage';
import { alertStatuses } from '../../../../server/contracts/signage-rules';
import { ApiError, api } from '../../../shared/api';
import { ClockController } from '../../../shared/clock-controller';
import { base } from '../../../shared/styles';
import { absencesStyles } from '../components/absences-styles';
import '../components/alert-templates-editor';
import { charCounter } from '../components/char-counter';
import '../components/confirm-dialog';
import type { ConfirmDialog } from '../components/confirm-dialog';
import { icon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import { signageStyles } from '../components/signage-styles';
import { loadingNotice, retryNotice } from '../components/status-notices';
import { clockTime } from '../lib/absence-labels';
import { formatTime } from '../lib/format-time';
import { hubClock } from '../lib/hub-clock';
import { editsAlertTemplates, triggersAlerts } from '../lib/routes';
import {
  alertTextProblems,
  charsLeft,
  draftFromChoice,
  emptyAlertDraft,
  SIGNAGE_LIMITS,
  triggerChoices,
  triggerPayload,
  triggerProblems,
  type AlertChoice,
  type AlertDraft,
  type BuiltInTexts,
  type Problems,
  type TemplateDraft,
} from '../lib/signage-forms';
import { signageFieldErrors } from '../lib/signage-errors';
import { isAlertLive, sortAlertScreens, unconfirmedScreens, type AlertScreen } from '../lib/signage-live';
import { alertBannerText, alertResponseLabel, alertStatusLabel, instantLabel, screenStateLabel, screenStateTone, triggerConfirmation, zoneLabel, zonesLabel } from '../lib/signage-labels';
import type { SignageState } from '../lib/signage-store';
import { i18n } from '../i18n';
import { zonesFieldset } from '../components/zones-fieldset';
import { pageHead } from './page-head';
import { SignagePage } from './signage-page';

/**
 * « Alerte PPMS »: direction triggers a confinement or an evacuation (real, drill or test, said
 * explicitly, confirmed in two steps), then follows which screens show it, updates its text and
 * ends it (« Fin d'alerte ») or cancels it (sent in error). Admins read the same page. Both edit
 * the templates offered at trigger time.
 */
@customElement('pw-alert-view')
export class AlertView extends SignagePage {
  static override styles = [
    base,
    newsStyles,
    absencesStyles,
    signageStyles,
    css`
      form {
        display: grid;
        gap: var(--pu-space-5);
      }
      .big-choices {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 220px), 1fr));
        gap: var(--pu-space-3);
      }
      .big-choice {
        position: relative;
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        align-items: start;
        gap: var(--pu-space-1) var(--pu-space-3);
        padding: var(--pu-space-4);
        border: 2px solid var(--pu-border-strong);
        border-radius: var(--pu-radius-m);
        background: var(--pu-surface);
        cursor: pointer;
      }
      .big-choice:hover {
        background: var(--pu-surface-sunken);
      }
      .big-choice:has(input:checked) {
        border-color: var(--pu-primary);
        box-shadow: inset 0 0 0 2px var(--pu-primary);
        background: var(--pu-primary-soft);
      }
      .big-choice:has(input:focus-visible) {
        outline: 3px solid var(--pu-focus);
        outline-offset: 2px;
      }
      .big-choice input {
        width: 22px;
        height: 22px;
        margin: 2px 0 0;
        accent-color: var(--pu-primary);
      }
      .big-choice .name {
        font-size: 1.2rem;
        font-weight: 800;
      }
      .big-choice .detail {
        grid-column: 2;
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      .big-choice .tag-line {
        grid-column: 2;
      }
      .status-choice.kind-actual:has(input:checked) {
        border-color: var(--pu-danger);
        box-shadow: inset 0 0 0 2px var(--pu-danger);
        background: var(--pu-danger-soft);
      }
      .big-choices.invalid .big-choice {
        border-color: var(--pu-danger);
      }
      .text-fields {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: var(--pu-space-4);
      }
      .expires {
        max-width: 320px;
      }
      .preview {
        display: grid;
        gap: var(--pu-space-2);
      }
      .preview h3 {
        font-size: 1rem;
      }
      .screen-like {
        padding: var(--pu-space-4) var(--pu-space-5);
        border-radius: var(--pu-radius-m);
        background: var(--alert-bg, #161b26);
        color: var(--alert-ink, #ffffff);
        display: grid;
        gap: var(--pu-space-2);
        overflow-wrap: anywhere;
      }
      .screen-like .line {
        font-size: 1.35rem;
        font-weight: 800;
        line-height: 1.25;
      }
      .screen-like .instruction {
        font-size: 1.05rem;
        white-space: pre-line;
      }
      .screen-like .placeholder {
        opacity: 0.8;
        font-style: italic;
      }
      .unconfirmed {
        display: flex;
        align-items: center;
        gap: var(--pu-space-3);
        padding: var(--pu-space-3) var(--pu-space-4);
        border-radius: var(--pu-radius-m);
        font-size: 1.2rem;
        font-weight: 800;
      }
      .unconfirmed.pending {
        color: #ffffff;
        background: var(--pu-danger);
      }
      .unconfirmed.done {
        color: var(--pu-success);
        background: var(--pu-success-soft);
        border: 1px solid var(--pu-success);
      }
      .alert-screens {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-2);
      }
      .alert-screens li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: var(--pu-space-1) var(--pu-space-3);
        padding: var(--pu-space-2) var(--pu-space-3);
        border: 1px solid var(--pu-border);
        border-left: 6px solid var(--pu-danger);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface);
      }
      .alert-screens li.displayed {
        border-left-color: var(--pu-success);
      }
      .alert-screens .name {
        font-weight: 700;
      }
      .alert-screens .sub {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--pu-space-2);
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      .shown {
        font-weight: 700;
        white-space: nowrap;
      }
      .shown.yes {
        color: var(--pu-success);
      }
      .shown.no {
        color: var(--pu-danger);
      }
      .end-choices {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 260px), 1fr));
        gap: var(--pu-space-4);
      }
      .end-choices > div {
        display: grid;
        gap: var(--pu-space-2);
        align-content: start;
      }
      .button.big {
        min-height: 52px;
        font-size: 1.05rem;
      }
    `,
  ];

  @state() private _signage: SignageState = { status: null, ended: null };
  @state() private _loadError = '';
  @state() private _templates: AlertTemplateDto[] | null = null;
  @state() private _templatesError = '';
  @state() private _draft: AlertDraft = emptyAlertDraft();
  @state() private _problems: Problems = new Map();
  @state() private _hubErrors = new Map<string, string>();
  @state() private _busy: 'trigger' | 'update' | 'end' | null = null;
  /** The update form's text, for the alert it was opened on. */
  @state() private _text: { alertId: string; headline: string; instruction: string } | null = null;
  @state() private _textProblems: Problems = new Map();
  /** A screen confirming the alert, said politely. */
  @state() private _announce = '';

  @query('pw-confirm-dialog') private _confirm!: ConfirmDialog;

  // « il y a 3 minutes » and an expiry passing move on with the page left open
  private readonly clock = new ClockController(this, 15_000);

  override connectedCallback(): void {
    super.connectedCallback();
    this._signage = this.store.state;
    this.unsubscribe.push(this.store.subscribe((s) => this.onState(s)));
    void this.loadStatus();
    void this.loadTemplates();
  }

  private get direction(): boolean {
    return triggersAlerts(this.profile);
  }

  private async loadStatus(): Promise<void> {
    try {
      await this.store.load();
      this._loadError = '';
    } catch (err) {
      this._loadError = this.failure(err, 'load');
    }
  }

  private async loadTemplates(): Promise<void> {
    try {
      this._templates = await api.get<AlertTemplateDto[]>(`${this.schoolPath}/alerts/templates`);
      this._templatesError = '';
    } catch (err) {
      // the built-in texts stand in: an alert must never wait for its templates
      this._templatesError = this.failure(err, 'load');
    }
  }

  private onState(next: SignageState): void {
    const before = this._signage.status;
    const after = next.status;
    if (before?.alert && after?.alert && before.alert.id === after.alert.id) {
      const confirmed = after.screens.filter((s) => s.displayedAt && !before.screens.find((b) => b.id === s.id)?.displayedAt);
      if (confirmed.length) {
        this._announce = confirmed
          .map((s) => i18n.t('signage.labelled', { name: s.name, value: i18n.t('alert.screen.displayed', { time: clockTime(s.displayedAt!, this.labels) }) }))
          .join('. ');
      }
    }
    if (this._text && this._text.alertId !== after?.alert?.id) this._text = null;
    this._signage = next;
    this.clock.touch();
  }

  private builtIn(): BuiltInTexts {
    const t = i18n.t;
    return {
      shelter: { name: t('alert.builtin.shelter.name'), headline: t('alert.builtin.shelter.headline'), instruction: t('alert.builtin.shelter.instruction') },
      evacuate: { name: t('alert.builtin.evacuate.name'), headline: t('alert.builtin.evacuate.headline'), instruction: t('alert.builtin.evacuate.instruction') },
    };
  }

  /** The built-in texts as templates, for a school that has none yet. */
  private fallbackTemplates(): TemplateDraft[] {
    const b = this.builtIn();
    return (['shelter', 'evacuate'] as const).map((r) => ({ responseType: r, ...b[r] }));
  }

  override render() {
    const t = i18n.t;
    const status = this._signage.status;
    // past its expiry an alert is over even before the hub says so: the clock's tick re-renders
    void this.clock;
    return html`${pageHead(t('alert.title'), this.direction ? t('alert.leadDirection') : t('alert.leadAdmin'))} ${this.renderFlash()}
      ${this.direction ? nothing : html`<p class="notice warning">${t('alert.readOnly')}</p>`}
      ${status === null
        ? this._loadError
          ? retryNotice(this._loadError, t('signage.retry'), () => void this.loadStatus())
          : loadingNotice(t('alert.loading'))
        : status.alert && isAlertLive(status.alert, hubClock.now())
          ? this.renderActive(status.alert, status.screens)
          : this.direction
            ? this.renderTrigger()
            : html`<div class="empty" data-testid="no-alert">${icon('check', 32)}<p>${t('alert.none')}</p></div>`}
      ${editsAlertTemplates(this.profile)
        ? html`<pw-alert-templates-editor
            schoolPath=${this.schoolPath}
            .templates=${this._templates ?? []}
            .fallback=${this.fallbackTemplates()}
            @pw-templates-saved=${(e: CustomEvent<AlertTemplateDto[]>) => (this._templates = e.detail)}
          ></pw-alert-templates-editor>`
        : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" data-testid="alert-announce">${this._announce}</div>
      <pw-confirm-dialog></pw-confirm-dialog>`;
  }

  // ---- trigger ----------------------------------------------------------------------------

  private renderTrigger() {
    const t = i18n.t;
    const d = this._draft;
    const choices = triggerChoices(this._templates ?? [], this.builtIn());
    const problem = (field: string) => {
      const p = this._problems.get(field);
      return p ? t(`signage.problem.${p}`) : (this._hubErrors.get(field) ?? '');
    };
    return html`<form class="card panel" novalidate @submit=${this.askTrigger} data-testid="trigger-form">
      <h2>${icon('alert', 22)}${t('alert.form.title')}</h2>
      ${this._templatesError ? html`<p class="muted small-text">${t('alert.templates.fallback')}</p>` : nothing}
      <fieldset aria-describedby="choice-error">
        <legend>${t('alert.form.choice')}</legend>
        <div class="big-choices ${problem('choice') ? 'invalid' : ''}">
          ${choices.map((c) => this.renderChoice(c, d))}
        </div>
        <span id="choice-error" class="error-text">${problem('choice')}</span>
      </fieldset>
      <fieldset aria-describedby="status-error">
        <legend>${t('alert.form.status')}</legend>
        <div class="big-choices ${problem('status') ? 'invalid' : ''}">
          ${alertStatuses.map(
            (s) => html`<label class="big-choice status-choice kind-${s}">
              <input type="radio" name="status" value=${s} .checked=${d.status === s} aria-describedby="status-hint-${s}" @change=${() => this.edit({ status: s })} />
              <span class="name">${alertStatusLabel(s, t)}</span>
              <span class="detail" id="status-hint-${s}">${t(`alert.statusHint.${s}`)}</span>
            </label>`,
          )}
        </div>
        <span id="status-error" class="error-text">${problem('status')}</span>
      </fieldset>
      ${zonesFieldset({
        name: 'alert',
        legend: t('alert.form.zones'),
        allLabel: t('alert.form.allZones'),
        someLabel: t('alert.form.someZones'),
        draft: d,
        error: problem('zones'),
        t,
        onChange: (patch) => this.edit(patch),
      })}
      <div class="text-fields">
        ${this.textFields('trigger', d.headline, d.instruction, problem, (patch) => this.edit(patch))}
        <p class="muted small-text">${t('alert.form.textHint')}</p>
      </div>
      <div class="field expires">
        <label for="expires">${t('alert.form.expires')}</label>
        <input
          id="expires"
          class="input"
          type="datetime-local"
          .value=${d.expires}
          aria-describedby="expires-hint expires-error"
          aria-invalid=${problem('expires') ? 'true' : 'false'}
          @input=${(e: Event) => this.edit({ expires: (e.target as HTMLInputElement).value })}
        />
        <span id="expires-hint" class="hint">${t('alert.form.expiresHint')}</span>
        <span id="expires-error" class="error-text">${problem('expires')}</span>
      </div>
      ${this.renderPreview(d)}
      <div class="actions">
        <button class="button danger solid big" type="submit" data-testid="trigger" aria-disabled=${this._busy ? 'true' : 'false'}>
          ${icon('alert', 20)}${this._busy === 'trigger' ? t('signage.busy') : t('alert.form.trigger')}
        </button>
      </div>
    </form>`;
  }

  private renderChoice(c: AlertChoice, d: AlertDraft) {
    const t = i18n.t;
    return html`<label class="big-choice" data-testid="alert-choice">
      <input type="radio" name="choice" value=${c.id} .checked=${d.choiceId === c.id} aria-describedby="choice-detail-${c.id}" @change=${() => this.choose(c)} />
      <span class="name">${c.name}</span>
      <span class="tag-line"><span class="tag">${alertResponseLabel(c.responseType, t)}</span></span>
      <span class="detail" id="choice-detail-${c.id}">${c.headline}</span>
    </label>`;
  }

  /** What the screens will show, as it is typed: the kind first, then the instruction. */
  private renderPreview(d: AlertDraft) {
    const t = i18n.t;
    const kind = d.status ?? 'test';
    return html`<div class="preview">
      <h3>${t('alert.form.preview')}</h3>
      <div class="screen-like kind-${d.status ?? 'none'}" data-testid="alert-preview">
        ${d.choiceId && d.status
          ? html`<p class="line">${alertBannerText({ status: kind, responseType: d.responseType, headline: d.headline.trim() }, t)}</p>
              <p class="instruction">${d.instruction.trim()}</p>
              <p class="small-text">${zonesLabel(d.allZones ? null : d.zones, t)}</p>`
          : html`<p class="placeholder">${t(d.choiceId ? 'signage.problem.statusRequired' : 'signage.problem.choiceRequired')}</p>`}
      </div>
    </div>`;
  }

  /** The headline and instruction fields, with their counters: the trigger's and the update's. */
  private textFields(
    prefix: string,
    headline: string,
    instruction: string,
    problem: (field: string) => string,
    onEdit: (patch: { headline?: string; instruction?: string }) => void,
  ) {
    const t = i18n.t;
    return html`<div class="field">
        <label for="${prefix}-headline">${t('alert.form.headline')}</label>
        <input
          id="${prefix}-headline"
          class="input"
          type="text"
          .value=${headline}
          aria-describedby="${prefix}-headline-count ${prefix}-headline-error"
          aria-invalid=${problem('headline') ? 'true' : 'false'}
          @input=${(e: Event) => onEdit({ headline: (e.target as HTMLInputElement).value })}
        />
        ${charCounter(`${prefix}-headline-count`, charsLeft(headline, SIGNAGE_LIMITS.headline), t)}
        <span id="${prefix}-headline-error" class="error-text">${problem('headline')}</span>
      </div>
      <div class="field">
        <label for="${prefix}-instruction">${t('alert.form.instruction')}</label>
        <textarea
          id="${prefix}-instruction"
          class="input"
          rows="3"
          .value=${instruction}
          aria-describedby="${prefix}-instruction-count ${prefix}-instruction-error"
          aria-invalid=${problem('instruction') ? 'true' : 'false'}
          @input=${(e: Event) => onEdit({ instruction: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
        ${charCounter(`${prefix}-instruction-count`, charsLeft(instruction, SIGNAGE_LIMITS.instruction), t)}
        <span id="${prefix}-instruction-error" class="error-text">${problem('instruction')}</span>
      </div>`;
  }

  private choose(choice: AlertChoice): void {
    this.edit(draftFromChoice(choice, this._draft));
  }


  private edit(patch: Partial<AlertDraft>): void {
    this._draft = { ...this._draft, ...patch };
    this._hubErrors = new Map();
    if (this._problems.size) this._problems = triggerProblems(this._draft, this.timeZone, hubClock.now());
  }

  /** Step one: check the form, then show what will be sent; step two, in the dialog, sends it. */
  private async askTrigger(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const t = i18n.t;
    const now = hubClock.now();
    this._problems = triggerProblems(this._draft, this.timeZone, now);
    this._hubErrors = new Map();
    if (this._problems.size) {
      await this.say({ kind: 'error', text: t('alert.form.fix') });
      this.renderRoot.querySelector<HTMLElement>('.invalid input, [aria-invalid="true"]')?.focus();
      return;
    }
    const draft = this._draft;
    const ok = await this._confirm.ask(triggerConfirmation(draft, this.labels, now));
    if (!ok) return;
    this._busy = 'trigger';
    try {
      const alert = await api.post<AlertDto>(`${this.schoolPath}/alerts`, triggerPayload(draft, this.timeZone));
      this.store.applyAlert(alert);
      this._draft = emptyAlertDraft();
      this._problems = new Map();
      await this.say({ kind: 'success', text: t('alert.triggered', { time: clockTime(alert.sentAt, this.labels) }) });
    } catch (err) {
      this._hubErrors = signageFieldErrors(err);
      await this.say({ kind: 'error', text: this.failure(err, 'trigger') });
      // another alert went out meanwhile (from another post of the direction): show it
      if (err instanceof ApiError && err.code === 'alert_active') void this.loadStatus();
    } finally {
      this._busy = null;
    }
  }

  // ---- alert in course --------------------------------------------------------------------

  private renderActive(alert: AlertDto, screens: AlertStatusDto['screens']) {
    const t = i18n.t;
    void this.clock;
    const ctx = this.timeContext();
    const sent = formatTime(alert.sentAt, ctx);
    return html`<section class="card panel" aria-labelledby="active-title" data-testid="alert-active" data-status=${alert.status}>
        <h2 id="active-title">${icon('alert', 22)}${t('alert.active.title')}</h2>
        <div class="screen-like kind-${alert.status}">
          <p class="line" data-testid="alert-line">${alertBannerText(alert, t)}</p>
          <p class="instruction">${alert.instruction}</p>
        </div>
        <dl class="facts">
          <dt>${alertStatusLabel(alert.status, t)}</dt>
          <dd>
            ${t('alert.active.sent', { time: clockTime(alert.sentAt, this.labels), name: alert.sentByName })}
            (<time datetime=${sent.iso} title=${sent.absolute}>${sent.relative}</time>)
          </dd>
          ${alert.updatedAt !== alert.sentAt && alert.msgType === 'update'
            ? html`<dt>${t('alert.update.title')}</dt>
                <dd>${t('alert.active.updated', { time: clockTime(alert.updatedAt, this.labels) })}</dd>`
            : nothing}
          <dt>${t('alert.form.zones')}</dt>
          <dd>${zonesLabel(alert.zones, t)}</dd>
          ${alert.expiresAt
            ? html`<dt>${t('alert.form.expires')}</dt>
                <dd>${t('alert.active.expires', { time: instantLabel(alert.expiresAt, this.labels, hubClock.now()) })}</dd>`
            : nothing}
        </dl>
      </section>
      ${this.renderScreens(screens)} ${this.direction ? html`${this.renderUpdate(alert)} ${this.renderEnd(alert)}` : nothing}`;
  }

  private renderScreens(screens: readonly AlertScreen[]) {
    const t = i18n.t;
    const pending = unconfirmedScreens(this._signage.status).length;
    return html`<section class="card panel" aria-labelledby="alert-screens-title">
      <h2 id="alert-screens-title">${icon('screen', 22)}${t('alert.screens.title')}</h2>
      ${screens.length === 0
        ? html`<p class="notice warning" data-testid="alert-no-screens">${t('alert.screens.none')}</p>`
        : html`<p class="unconfirmed ${pending ? 'pending' : 'done'}" data-testid="unconfirmed-count" data-count=${pending}>
              ${icon(pending ? 'alert' : 'check', 24)}
              ${pending ? t(pending > 1 ? 'alert.unconfirmed.other' : 'alert.unconfirmed.one', { n: pending }) : t('alert.unconfirmed.none')}
            </p>
            ${pending ? html`<p class="muted">${t('alert.unconfirmed.hint')}</p>` : nothing}
            <ul class="alert-screens" aria-label=${t('alert.screens.listLabel')}>
              ${repeat(
                sortAlertScreens(screens),
                (s) => s.id,
                (s) => html`<li class=${s.displayedAt ? 'displayed' : 'pending'} data-testid="alert-screen-row" data-id=${s.id} data-displayed=${s.displayedAt ? 'true' : 'false'}>
                  <span>
                    <span class="name">${s.name}</span>
                    <span class="sub">${zoneLabel(s.zone, t)} <span class="status ${screenStateTone(s.state)}">${screenStateLabel(s.state, t)}</span></span>
                  </span>
                  ${s.displayedAt
                    ? html`<span class="shown yes">${icon('check', 18)} ${t('alert.screen.displayed', { time: clockTime(s.displayedAt, this.labels) })}</span>`
                    : html`<span class="shown no">${icon('clock', 18)} ${t('alert.screen.pending')}</span>`}
                </li>`,
              )}
            </ul>`}
    </section>`;
  }

  private renderUpdate(alert: AlertDto) {
    const t = i18n.t;
    const text = this._text?.alertId === alert.id ? this._text : { alertId: alert.id, headline: alert.headline, instruction: alert.instruction };
    const problem = (field: string) => {
      const p = this._textProblems.get(field);
      return p ? t(`signage.problem.${p}`) : '';
    };
    return html`<section class="card panel" aria-labelledby="update-title">
      <h2 id="update-title">${icon('pen', 22)}${t('alert.update.title')}</h2>
      <form novalidate @submit=${(e: Event) => this.saveText(e, alert)} data-testid="alert-update">
        ${this.textFields('update', text.headline, text.instruction, problem, (patch) => this.editText(alert, patch))}
        <div class="actions">
          <button class="button primary" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>${icon('send', 18)}${this._busy === 'update' ? t('signage.busy') : t('alert.update.save')}</button>
        </div>
      </form>
    </section>`;
  }

  private renderEnd(alert: AlertDto) {
    const t = i18n.t;
    return html`<section class="card panel" aria-labelledby="end-title">
      <h2 id="end-title">${icon('check', 22)}${t('alert.end.title')}</h2>
      <div class="end-choices">
        <div>
          <button class="button primary big" type="button" data-testid="end-all-clear" aria-describedby="all-clear-hint" aria-disabled=${this._busy ? 'true' : 'false'} @click=${() => this.end(alert, 'all_clear')}>
            ${icon('check', 20)}${t('alert.end.allClear')}
          </button>
          <p id="all-clear-hint" class="muted small-text">${t('alert.end.allClearHint')}</p>
        </div>
        <div>
          <button class="button danger big" type="button" data-testid="end-cancel" aria-describedby="cancel-hint" aria-disabled=${this._busy ? 'true' : 'false'} @click=${() => this.end(alert, 'cancel')}>
            ${icon('x', 20)}${t('alert.end.cancel')}
          </button>
          <p id="cancel-hint" class="muted small-text">${t('alert.end.cancelHint')}</p>
        </div>
      </div>
    </section>`;
  }

  private editText(alert: AlertDto, patch: { headline?: string; instruction?: string }): void {
    const base = this._text?.alertId === alert.id ? this._text : { alertId: alert.id, headline: alert.headline, instruction: alert.instruction };
    this._text = { ...base, ...patch };
    if (this._textProblems.size) this._textProblems = alertTextProblems(this._text.headline, this._text.instruction);
  }

  private async saveText(e: Event, alert: AlertDto): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const t = i18n.t;
    const text = this._text?.alertId === alert.id ? this._text : null;
    if (!text) {
      await this.say({ kind: 'success', text: t('alert.update.unchanged') });
      return;
    }
    this._textProblems = alertTextProblems(text.headline, text.instruction);
    if (this._textProblems.size) {
      await this.say({ kind: 'error', text: t('signage.edit.fix') });
      this.renderRoot.querySelector<HTMLElement>('[data-testid="alert-update"] [aria-invalid="true"]')?.focus();
      return;
    }
    const patch: { headline?: string; instruction?: string } = {};
    if (text.headline.trim() !== alert.headline) patch.headline = text.headline.trim();
    if (text.instruction.trim() !== alert.instruction) patch.instruction = text.instruction.trim();
    if (!Object.keys(patch).length) {
      await this.say({ kind: 'success', text: t('alert.update.unchanged') });
      return;
    }
    this._busy = 'update';
    try {
      const updated = await api.patch<AlertDto>(`${this.schoolPath}/alerts/${encodeURIComponent(alert.id)}`, patch);
      this.store.applyAlert(updated);
      this._text = null;
      await this.say({ kind: 'success', text: t('alert.update.done') });
    } catch (err) {
      await this.say({ kind: 'error', text: this.failure(err, 'alertUpdate') });
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) void this.loadStatus();
    } finally {
      this._busy = null;
    }
  }

  private async end(alert: AlertDto, kind: 'all_clear' | 'cancel'): Promise<void> {
    if (this._busy) return;
    const t = i18n.t;
    const ok = await this._confirm.ask(
      kind === 'all_clear'
        ? { title: t('alert.end.confirmAllClearTitle'), text: t('alert.end.confirmAllClearText'), details: [alertBannerText(alert, t)], confirm: t('alert.end.confirmAllClear'), cancel: t('alert.end.keep') }
        : { title: t('alert.end.confirmCancelTitle'), text: t('alert.end.confirmCancelText'), details: [alertBannerText(alert, t)], confirm: t('alert.end.confirmCancel'), cancel: t('alert.end.keep') },
    );
    if (!ok) return;
    this._busy = 'end';
    try {
      const ended = await api.post<AlertDto>(`${this.schoolPath}/alerts/${encodeURIComponent(alert.id)}/end`, { kind, confirmed: true });
      this.store.applyAlert(ended);
      const time = clockTime(ended.endedAt ?? hubClock.now(), this.labels);
      await this.say({ kind: 'success', text: t(kind === 'all_clear' ? 'alert.end.doneAllClear' : 'alert.end.doneCancel', { time }) });
    } catch (err) {
      await this.say({ kind: 'error', text: this.failure(err, 'end') });
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) void this.loadStatus();
    } finally {
      this._busy = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-alert-view': AlertView;
  }
}
