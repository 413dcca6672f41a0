import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { MeDto } from '../../../../server/contracts/auth';
import type { EventEnvelope } from '../../../../server/contracts/events';
import { newsCategories } from '../../../../server/contracts/news-rules';
import type { ScreenDto } from '../../../../server/contracts/signage';
import { screenCommands, screenLayouts, screenZones, type ScreenCommand, type ScreenLayout, type ScreenZone } from '../../../../server/contracts/signage-rules';
import { api } from '../../../shared/api';
import { ClockController } from '../../../shared/clock-controller';
import { base } from '../../../shared/styles';
import { absencesStyles } from '../components/absences-styles';
import '../components/confirm-dialog';
import type { ConfirmDialog } from '../components/confirm-dialog';
import { icon, type UiIcon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import { signageStyles } from '../components/signage-styles';
import { loadingNotice, retryNotice } from '../components/status-notices';
import { formatDuration, formatTime } from '../lib/format-time';
import { categoryLabel } from '../lib/news-labels';
import { routeHref } from '../lib/routes';
import { signageFieldErrors } from '../lib/signage-errors';
import { screenDraft, screenDraftProblems, screenPatch, SIGNAGE_LIMITS, type ClosedDraft, type DayDraft, type Problems, type ScreenDraft } from '../lib/signage-forms';
import { isSignage } from '../lib/signage-live';
import { behindLabel, commandLabel, layoutLabel, screenStateLabel, screenStateTone, zoneLabel } from '../lib/signage-labels';
import { i18n } from '../i18n';
import { pageHead } from './page-head';
import { SignagePage } from './signage-page';

const COMMAND_ICONS: Record<ScreenCommand, UiIcon> = { reload: 'return', identify: 'eye', blank: 'eye-off', wake: 'eye' };
/** A clock further off than this is worth a word: the screen's « 10:42 » would be wrong. */
const CLOCK_OFF_MS = 5_000;

/**
 * One screen (admins): its state and last heartbeat, the commands sent to it from afar, its
 * settings (name, zone, orientation, what it shows, when it is lit) and its revocation.
 */
@customElement('pw-screen-detail-view')
export class ScreenDetailView extends SignagePage {
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
      .days {
        display: grid;
        gap: var(--pu-space-2);
      }
      .day {
        display: grid;
        grid-template-columns: minmax(150px, 200px) repeat(2, minmax(110px, 160px));
        align-items: end;
        gap: var(--pu-space-2) var(--pu-space-3);
        padding: var(--pu-space-2) var(--pu-space-3);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
      }
      .day .choice {
        font-weight: 700;
      }
      .day .off {
        grid-column: 2 / -1;
        color: var(--pu-ink-muted);
        align-self: center;
      }
      .day .error-text {
        grid-column: 1 / -1;
      }
      .field.compact label {
        font-size: var(--pu-text-s);
      }
      .closed {
        display: grid;
        gap: var(--pu-space-2);
      }
      .period {
        display: grid;
        grid-template-columns: repeat(2, minmax(140px, 180px)) minmax(160px, 1fr) auto;
        align-items: end;
        gap: var(--pu-space-2) var(--pu-space-3);
        margin: 0;
        padding: var(--pu-space-2) var(--pu-space-3);
        border: 1px solid var(--pu-border);
        border-radius: var(--pu-radius-s);
      }
      .period legend {
        font-size: var(--pu-text-s);
        margin-bottom: 0;
        padding: 0 var(--pu-space-1);
      }
      .period .error-text {
        grid-column: 1 / -1;
      }
      .commands {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-2);
      }
      .revoke {
        border-color: var(--pu-danger);
      }
      .sub {
        margin: 0;
        display: grid;
        gap: var(--pu-space-3);
      }
      .sub legend {
        margin-bottom: var(--pu-space-1);
      }
      @media (max-width: 640px) {
        .day,
        .period {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
        .day .choice {
          grid-column: 1 / -1;
        }
        .day .off {
          grid-column: 1 / -1;
        }
      }
    `,
  ];

  @property() screenId = '';
  @property({ attribute: false }) me!: MeDto;

  @state() private _screen: ScreenDto | null = null;
  @state() private _status: 'loading' | 'ready' | 'missing' | 'error' = 'loading';
  @state() private _loadError = '';
  @state() private _draft: ScreenDraft | null = null;
  @state() private _problems: Problems = new Map();
  @state() private _hubErrors = new Map<string, string>();
  @state() private _saving = false;
  @state() private _sending: ScreenCommand | null = null;

  @query('pw-confirm-dialog') private _confirm!: ConfirmDialog;

  private readonly clock = new ClockController(this, 30_000);

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe.push(
      this.store.onEvent((e) => this.onLiveEvent(e)),
      this.store.onResync(() => void this.load()),
    );
    void this.load();
  }

  // the API lists a school's screens; one screen is read from the list
  private async load(): Promise<void> {
    try {
      const screens = await api.get<ScreenDto[]>(`${this.schoolPath}/screens`);
      const screen = screens.find((s) => s.id === this.screenId) ?? null;
      this.take(screen);
      this._status = screen ? 'ready' : 'missing';
    } catch (err) {
      this._loadError = this.failure(err, 'load');
      if (!this._screen) this._status = 'error';
    }
  }

  /** A fresher copy of the screen: the form follows it unless the person has started editing. */
  private take(screen: ScreenDto | null): void {
    const pristine = !this._draft || !this._screen || JSON.stringify(this._draft) === JSON.stringify(screenDraft(this._screen));
    this._screen = screen;
    if (screen && pristine) this._draft = screenDraft(screen);
  }

  private onLiveEvent(e: EventEnvelope): void {
    if (isSignage(e, 'screen.status_changed') && e.data.screen?.id === this.screenId) {
      this.take(e.data.screen);
      this._status = 'ready';
      this.clock.touch();
    } else if (isSignage(e, 'screen.revoked') && e.data.screenId === this.screenId) {
      this._screen = null;
      this._status = 'missing';
    }
  }

  override render() {
    const t = i18n.t;
    const back = html`<a class="back" href=${routeHref({ name: 'screens' })}>${icon('arrow-left', 18)}${t('signage.pair.back')}</a>`;
    if (this._status === 'loading') return html`${back} ${loadingNotice(t('signage.screens.loading'))}`;
    if (this._status === 'error') return html`${back} ${retryNotice(this._loadError, t('signage.retry'), () => void this.load())}`;
    if (this._status === 'missing' || !this._screen || !this._draft) {
      return html`${back}
        <div>
          <h1 tabindex="-1">${t('signage.screens.title')}</h1>
        </div>
        ${this.renderFlash()}
        <p class="notice warning" data-testid="screen-missing">${t('signage.screen.notFound')}</p>`;
    }
    const s = this._screen;
    return html`${back} ${pageHead(s.name, t('signage.screen.lead', { zone: zoneLabel(s.zone, t), layout: layoutLabel(s.layout, t) }))} ${this.renderFlash()}
      ${this.renderState(s)} ${this.renderCommands(s)} ${this.renderSettings(this._draft)} ${this.renderRevoke(s)}
      <pw-confirm-dialog></pw-confirm-dialog>`;
  }

  private renderState(s: ScreenDto) {
    const t = i18n.t;
    void this.clock;
    const ctx = this.timeContext();
    const seen = s.lastSeenAt ? formatTime(s.lastSeenAt, ctx) : null;
    const paired = formatTime(s.pairedAt, ctx);
    const hb = s.heartbeat;
    return html`<section class="card panel" aria-labelledby="state-title" data-testid="screen-detail-state">
      <h2 id="state-title">${icon('activity', 22)}${t('signage.screen.statusTitle')}</h2>
      <p><span class="status ${screenStateTone(s.state)}" data-testid="screen-state" data-state=${s.state}>${screenStateLabel(s.state, t)}</span></p>
      <dl class="facts">
        <dt>${t('signage.screen.lastSeen')}</dt>
        <dd>${seen ? html`<time datetime=${seen.iso} title=${seen.absolute}>${seen.relative}</time>` : t('signage.screens.neverSeen')}</dd>
        ${hb
          ? html`<dt>${t('signage.screen.shows')}</dt>
              <dd>${t(`signage.display.${hb.display}`)}</dd>
              <dt>${t('signage.screen.version')}</dt>
              <dd>${hb.version || '—'}</dd>
              <dt>${t('signage.screen.viewport')}</dt>
              <dd>${t('signage.screen.viewportValue', { width: hb.viewport.width, height: hb.viewport.height })}</dd>
              <dt>${t('signage.screen.uptime')}</dt>
              <dd>${formatDuration(hb.uptimeSeconds, t)}</dd>
              <dt>${t('signage.screen.clock')}</dt>
              <dd>
                ${Math.abs(hb.clockOffsetMs) > CLOCK_OFF_MS
                  ? t('signage.screen.clockOff', { n: Math.round(hb.clockOffsetMs / 1000) })
                  : t('signage.screen.clockOk')}
              </dd>`
          : nothing}
        <dt>${t('signage.screen.paired')}</dt>
        <dd>
          ${s.pairedByName
            ? t('signage.screen.pairedBy', { when: paired.relative, name: s.pairedByName })
            : html`<time datetime=${paired.iso} title=${paired.absolute}>${paired.relative}</time>`}
        </dd>
      </dl>
      ${hb ? nothing : html`<p class="muted">${t('signage.screen.noHeartbeat')}</p>`}
      ${s.behind.length
        ? html`<div class="notice warning" data-testid="screen-behind">
            <p><strong>${t('signage.screen.behindTitle')}</strong></p>
            <ul>
              ${s.behind.map((b) => html`<li>${behindLabel(b, { t, me: this.me })}</li>`)}
            </ul>
          </div>`
        : nothing}
    </section>`;
  }

  private renderCommands(s: ScreenDto) {
    const t = i18n.t;
    return html`<section class="card panel" aria-labelledby="commands-title">
      <h2 id="commands-title">${icon('send', 22)}${t('signage.screen.commandsTitle')}</h2>
      <p class="muted">${t('signage.screen.commandsIntro')}</p>
      <div class="commands">
        ${screenCommands.map(
          (c) => html`<button
            class="button"
            type="button"
            data-command=${c}
            aria-disabled=${this._sending ? 'true' : 'false'}
            @click=${() => this.send(s, c)}
          >
            ${icon(COMMAND_ICONS[c], 18)}${this._sending === c ? t('signage.busy') : commandLabel(c, t)}
          </button>`,
        )}
      </div>
    </section>`;
  }

  private renderSettings(d: ScreenDraft) {
    const t = i18n.t;
    const problem = (field: string) => {
      const p = this._problems.get(field);
      return p ? t(`signage.problem.${p}`) : (this._hubErrors.get(field) ?? '');
    };
    return html`<section class="card panel" aria-labelledby="settings-title">
      <h2 id="settings-title">${icon('pen', 22)}${t('signage.edit.title')}</h2>
      <form novalidate @submit=${this.save} data-testid="screen-settings">
        <div class="form-grid">
          <div class="field">
            <label for="name">${t('signage.edit.name')}</label>
            <input
              id="name"
              class="input"
              type="text"
              maxlength=${SIGNAGE_LIMITS.screenName}
              .value=${d.name}
              aria-describedby="name-error"
              aria-invalid=${problem('name') ? 'true' : 'false'}
              @input=${(e: Event) => this.edit({ name: (e.target as HTMLInputElement).value })}
            />
            <span id="name-error" class="error-text">${problem('name')}</span>
          </div>
          <div class="field">
            <label for="zone">${t('signage.edit.zone')}</label>
            <select id="zone" class="input" @change=${(e: Event) => this.edit({ zone: (e.target as HTMLSelectElement).value as ScreenZone })}>
              ${screenZones.map((z) => html`<option value=${z} ?selected=${z === d.zone}>${zoneLabel(z, t)}</option>`)}
            </select>
          </div>
          <fieldset>
            <legend>${t('signage.edit.layout')}</legend>
            <div class="choices">
              ${screenLayouts.map(
                (l: ScreenLayout) => html`<label class="choice">
                  <input type="radio" name="layout" .checked=${d.layout === l} @change=${() => this.edit({ layout: l })} />${layoutLabel(l, t)}
                </label>`,
              )}
            </div>
          </fieldset>
        </div>
        ${this.renderContent(d)} ${this.renderSchedule(d, problem)}
        <div class="actions">
          <button class="button primary" type="submit" aria-disabled=${this._saving ? 'true' : 'false'}>
            ${icon('check', 18)}${this._saving ? t('signage.edit.saving') : t('signage.edit.save')}
          </button>
        </div>
      </form>
    </section>`;
  }

  private renderContent(d: ScreenDraft) {
    const t = i18n.t;
    const content = (patch: Partial<ScreenDraft['content']>) => this.edit({ content: { ...d.content, ...patch } });
    const toggleCategory = (c: string, on: boolean) =>
      content({ newsCategories: on ? [...d.content.newsCategories, c] : d.content.newsCategories.filter((x) => x !== c) });
    return html`<fieldset aria-describedby="content-hint">
      <legend>${t('signage.edit.content')}</legend>
      <p id="content-hint" class="muted small-text">${t('signage.edit.contentHint')}</p>
      <div class="choices">
        <label class="choice"><input type="checkbox" .checked=${d.content.board} @change=${(e: Event) => content({ board: (e.target as HTMLInputElement).checked })} />${t('signage.edit.board')}</label>
        <label class="choice"><input type="checkbox" .checked=${d.content.news} @change=${(e: Event) => content({ news: (e.target as HTMLInputElement).checked })} />${t('signage.edit.news')}</label>
        <label class="choice"><input type="checkbox" .checked=${d.content.ticker} @change=${(e: Event) => content({ ticker: (e.target as HTMLInputElement).checked })} />${t('signage.edit.ticker')}</label>
      </div>
      ${d.content.news
        ? html`<fieldset class="sub" aria-describedby="categories-hint">
            <legend>${t('signage.edit.categories')}</legend>
            <span id="categories-hint" class="muted small-text">${t('signage.edit.categoriesHint')}</span>
            <div class="choices">
              ${newsCategories.map(
                (c) => html`<label class="choice">
                  <input type="checkbox" .checked=${d.content.newsCategories.includes(c)} @change=${(e: Event) => toggleCategory(c, (e.target as HTMLInputElement).checked)} />${categoryLabel(c, t)}
                </label>`,
              )}
            </div>
          </fieldset>`
        : nothing}
    </fieldset>`;
  }

  private renderSchedule(d: ScreenDraft, problem: (field: string) => string) {
    const t = i18n.t;
    const setDay = (i: number, patch: Partial<DayDraft>) => this.edit({ days: d.days.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
    const setClosed = (i: number, patch: Partial<ClosedDraft>) => this.edit({ closed: d.closed.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
    return html`<fieldset aria-describedby="schedule-hint">
        <legend>${t('signage.edit.schedule')}</legend>
        <p id="schedule-hint" class="muted small-text">${t('signage.edit.scheduleHint')}</p>
        <div class="days">
          ${d.days.map((day, i) => {
            const name = t(`signage.day.${i}` as 'signage.day.0');
            const err = problem(`days.${i}`);
            return html`<div class="day" data-testid="schedule-day">
              <label class="choice">
                <input type="checkbox" .checked=${day.on} aria-label=${t('signage.edit.dayOn', { day: name })} @change=${(e: Event) => setDay(i, { on: (e.target as HTMLInputElement).checked })} />${name}
              </label>
              ${day.on
                ? html`<div class="field compact">
                      <label for="on-${i}">${t('signage.edit.from')}</label>
                      <input
                        id="on-${i}"
                        class="input"
                        type="time"
                        .value=${day.from}
                        aria-label=${t('signage.edit.fromLabel', { day: name })}
                        aria-describedby="day-error-${i}"
                        aria-invalid=${err ? 'true' : 'false'}
                        @input=${(e: Event) => setDay(i, { from: (e.target as HTMLInputElement).value })}
                      />
                    </div>
                    <div class="field compact">
                      <label for="off-${i}">${t('signage.edit.to')}</label>
                      <input
                        id="off-${i}"
                        class="input"
                        type="time"
                        .value=${day.to}
                        aria-label=${t('signage.edit.toLabel', { day: name })}
                        aria-describedby="day-error-${i}"
                        aria-invalid=${err ? 'true' : 'false'}
                        @input=${(e: Event) => setDay(i, { to: (e.target as HTMLInputElement).value })}
                      />
                    </div>`
                : html`<span class="off">${t('signage.edit.offAllDay')}</span>`}
              <span id="day-error-${i}" class="error-text">${err}</span>
            </div>`;
          })}
        </div>
      </fieldset>
      <fieldset aria-describedby="closed-hint">
        <legend>${t('signage.edit.closed')}</legend>
        <p id="closed-hint" class="muted small-text">${t('signage.edit.closedHint')}</p>
        <div class="closed">
          ${d.closed.length === 0 ? html`<p class="muted">${t('signage.edit.closedNone')}</p>` : nothing}
          ${d.closed.map((c, i) => {
            const err = problem(`closed.${i}`);
            return html`<fieldset class="period" data-testid="closed-period">
              <legend>${t('signage.edit.closedGroup', { n: i + 1 })}</legend>
              <div class="field compact">
                <label for="closed-from-${i}">${t('signage.edit.closedFrom')}</label>
                <input id="closed-from-${i}" class="input" type="date" .value=${c.from} aria-describedby="closed-error-${i}" aria-invalid=${err ? 'true' : 'false'} @input=${(e: Event) => setClosed(i, { from: (e.target as HTMLInputElement).value })} />
              </div>
              <div class="field compact">
                <label for="closed-until-${i}">${t('signage.edit.closedUntil')}</label>
                <input id="closed-until-${i}" class="input" type="date" .value=${c.until} aria-describedby="closed-error-${i}" aria-invalid=${err ? 'true' : 'false'} @input=${(e: Event) => setClosed(i, { until: (e.target as HTMLInputElement).value })} />
              </div>
              <div class="field compact">
                <label for="closed-label-${i}">${t('signage.edit.closedLabel')}</label>
                <input id="closed-label-${i}" class="input" type="text" maxlength=${SIGNAGE_LIMITS.closedLabel} .value=${c.label} @input=${(e: Event) => setClosed(i, { label: (e.target as HTMLInputElement).value })} />
              </div>
              <button class="button small danger" type="button" aria-label=${t('signage.edit.closedRemoveLabel', { n: i + 1 })} @click=${() => this.removeClosed(i)}>
                ${icon('x', 16)}${t('signage.edit.closedRemove')}
              </button>
              <span id="closed-error-${i}" class="error-text">${err}</span>
            </fieldset>`;
          })}
          ${d.closed.length < SIGNAGE_LIMITS.closedPeriods
            ? html`<p><button class="button small add-closed" type="button" @click=${this.addClosed}>${icon('plus', 16)}${t('signage.edit.closedAdd')}</button></p>`
            : nothing}
        </div>
      </fieldset>`;
  }

  private renderRevoke(s: ScreenDto) {
    const t = i18n.t;
    return html`<section class="card panel revoke" aria-labelledby="revoke-title">
      <h2 id="revoke-title">${icon('ban', 22)}${t('signage.revoke.title')}</h2>
      <p class="muted">${t('signage.revoke.explain')}</p>
      <div class="actions">
        <button class="button danger" type="button" data-testid="revoke" @click=${() => this.revoke(s)}>${icon('ban', 18)}${t('signage.revoke.button')}</button>
      </div>
    </section>`;
  }

  private edit(patch: Partial<ScreenDraft>): void {
    if (!this._draft) return;
    this._draft = { ...this._draft, ...patch };
    this._hubErrors = new Map();
    if (this._problems.size) this._problems = screenDraftProblems(this._draft);
  }

  private async addClosed(): Promise<void> {
    if (!this._draft) return;
    this.edit({ closed: [...this._draft.closed, { from: '', until: '', label: '' }] });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#closed-from-${this._draft.closed.length - 1}`)?.focus();
  }

  private async removeClosed(i: number): Promise<void> {
    if (!this._draft) return;
    this.edit({ closed: this._draft.closed.filter((_, j) => j !== i) });
    // the row is gone with its button: the next one's, the add button otherwise
    await this.updateComplete;
    const next = this.renderRoot.querySelector<HTMLElement>(`#closed-from-${Math.min(i, this._draft.closed.length - 1)}`);
    (next ?? this.renderRoot.querySelector<HTMLElement>('.add-closed'))?.focus();
  }

  private async send(s: ScreenDto, command: ScreenCommand): Promise<void> {
    if (this._sending) return;
    const t = i18n.t;
    this._sending = command;
    try {
      await api.post<void>(`${this.schoolPath}/screens/${encodeURIComponent(s.id)}/commands`, { command });
      const done = t(`signage.command.done.${command}`, { name: s.name });
      this._flash = s.state === 'offline' ? { kind: 'warning', text: `${done} ${t('signage.command.offlineNote')}` } : { kind: 'success', text: done };
    } catch (err) {
      this._flash = { kind: 'error', text: this.failure(err, 'command') };
    } finally {
      this._sending = null;
    }
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    if (this._saving || !this._screen || !this._draft) return;
    const t = i18n.t;
    this._problems = screenDraftProblems(this._draft);
    this._hubErrors = new Map();
    if (this._problems.size) {
      await this.say({ kind: 'error', text: t('signage.edit.fix') });
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const patch = screenPatch(this._screen, this._draft);
    if (!patch) {
      await this.say({ kind: 'success', text: t('signage.edit.unchanged') });
      return;
    }
    this._saving = true;
    try {
      const screen = await api.patch<ScreenDto>(`${this.schoolPath}/screens/${encodeURIComponent(this._screen.id)}`, patch);
      this._screen = screen;
      this._draft = screenDraft(screen);
      await this.say({ kind: 'success', text: t('signage.edit.saved') });
    } catch (err) {
      this._hubErrors = hubFieldErrors(err);
      await this.say({ kind: 'error', text: this.failure(err, 'update') });
    } finally {
      this._saving = false;
    }
  }

  private async revoke(s: ScreenDto): Promise<void> {
    const t = i18n.t;
    const ok = await this._confirm.ask({
      title: t('signage.revoke.confirmTitle', { name: s.name }),
      text: t('signage.revoke.confirmText'),
      confirm: t('signage.revoke.confirm'),
      cancel: t('item.cancel'),
    });
    if (!ok) return;
    try {
      await api.delete<void>(`${this.schoolPath}/screens/${encodeURIComponent(s.id)}`);
      this.store.setNote({ text: t('signage.revoke.done', { name: s.name }) });
      location.hash = routeHref({ name: 'screens' });
    } catch (err) {
      await this.say({ kind: 'error', text: this.failure(err, 'revoke') });
    }
  }
}

/** The hub's reasons keyed as the form's fields: « schedule.days.2.off » is the form's « days.2 ». */
function hubFieldErrors(err: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, message] of signageFieldErrors(err)) {
    const key = path.replace(/^schedule\./, '').replace(/^((?:days|closed)\.\d+)\..*$/, '$1');
    if (!out.has(key)) out.set(key, message);
  }
  return out;
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-screen-detail-view': ScreenDetailView;
  }
}
