import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { FlashDto } from '../../../../server/contracts/signage';
import { ApiError, api } from '../../../shared/api';
import { ClockController } from '../../../shared/clock-controller';
import { LocaleController } from '../../../shared/i18n';
import { base, cardSection } from '../../../shared/styles';
import { hubClock } from '../lib/hub-clock';
import { emptyFlashDraft, flashPayload, flashProblems, flashRemaining, type FlashDraft, type Problems } from '../lib/signage-forms';
import { describeSignageError } from '../lib/signage-errors';
import { instantLabel, zonesLabel } from '../lib/signage-labels';
import { i18n } from '../i18n';
import { zonesFieldset } from './zones-fieldset';
import { reportSessionLoss } from '../views/session-loss';
import { absencesStyles } from './absences-styles';
import { charCounter } from './char-counter';
import { icon } from './icons';
import { newsStyles } from './news-styles';
import { signageStyles } from './signage-styles';
import { loadingNotice, retryNotice, saveOutcome } from './status-notices';

/**
 * « Messages défilants »: the short messages of the screens' ticker, with who may see them
 * (every screen or some zones) and until when; staff, direction and admins add and remove them.
 */
@customElement('pw-flash-ticker')
export class FlashTicker extends LitElement {
  static override styles = [
    base,
    cardSection,
    newsStyles,
    absencesStyles,
    signageStyles,
    css`
      :host {
        display: block;
      }
      .flashes {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-2);
      }
      .flashes li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--pu-space-2) var(--pu-space-3);
        padding: var(--pu-space-2) var(--pu-space-3);
        border: 1px solid var(--pu-border);
        border-left: 4px solid var(--pu-primary);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
      }
      .flashes .text {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .flashes .meta {
        display: block;
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      form {
        display: grid;
        gap: var(--pu-space-4);
        padding-top: var(--pu-space-4);
        border-top: 1px solid var(--pu-border);
      }
      h3 {
        font-size: 1.05rem;
      }
      .until {
        max-width: 320px;
      }
      h2:focus {
        outline: none;
      }
    `,
  ];

  /** The school's path in the API: `/schools/<uai>`. */
  @property() schoolPath = '';
  @property() timeZone = 'Europe/Paris';

  @state() private _flashes: FlashDto[] | null = null;
  @state() private _loadError = '';
  @state() private _draft!: FlashDraft;
  @state() private _problems: Problems = new Map();
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _done = '';

  private readonly locale = new LocaleController(this, i18n);
  // a message past its hour leaves the list by itself
  private readonly clock = new ClockController(this, 30_000);

  override connectedCallback(): void {
    super.connectedCallback();
    this._draft ??= emptyFlashDraft(hubClock.now(), this.timeZone);
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this._flashes = await api.get<FlashDto[]>(`${this.schoolPath}/signage/flashes`);
      this._loadError = '';
    } catch (err) {
      reportSessionLoss(this, err);
      this._loadError = describeSignageError(err, 'load', i18n.t);
    }
  }

  override render() {
    const t = i18n.t;
    return html`<section class="card" aria-labelledby="flash-title" data-testid="flash-ticker">
      <h2 id="flash-title" tabindex="-1">${icon('activity', 22)}${t('flash.title')}</h2>
      <p class="muted">${t('flash.intro')}</p>
      ${saveOutcome(this._error, this._done)} ${this.renderList()} ${this.renderForm()}
    </section>`;
  }

  private renderList() {
    const t = i18n.t;
    if (this._flashes === null) return this._loadError ? retryNotice(t('flash.loadFailed'), t('signage.retry'), () => void this.load()) : loadingNotice(t('flash.loading'));
    void this.clock;
    const now = hubClock.now().getTime();
    const current = this._flashes.filter((f) => Date.parse(f.until) > now).sort((a, b) => a.until.localeCompare(b.until));
    if (current.length === 0) return html`<p class="muted" data-testid="flash-empty">${t('flash.empty')}</p>`;
    return html`<ul class="flashes" aria-label=${t('flash.listLabel')}>
      ${repeat(
        current,
        (f) => f.id,
        (f) => html`<li data-testid="flash-row" data-id=${f.id}>
          <span>
            <span class="text">${f.text}</span>
            <span class="meta">${t('flash.where', { zones: zonesLabel(f.zones, t) })} · ${t('flash.until', { when: this.untilLabel(f.until) })}</span>
          </span>
          <button class="button small danger" type="button" aria-label=${t('flash.deleteLabel', { text: f.text })} @click=${() => this.removeFlash(f)}>
            ${icon('x', 16)}${t('flash.delete')}
          </button>
        </li>`,
      )}
    </ul>`;
  }

  private untilLabel(until: string): string {
    return instantLabel(until, { t: i18n.t, locale: i18n.locale, timeZone: this.timeZone }, hubClock.now());
  }

  private renderForm() {
    const t = i18n.t;
    const d = this._draft;
    const remaining = flashRemaining(d.text);
    const problem = (field: string) => {
      const p = this._problems.get(field);
      return p ? t(`signage.problem.${p}`) : '';
    };
    return html`<form novalidate @submit=${this.add} data-testid="flash-form">
      <h3>${t('flash.addTitle')}</h3>
      <div class="field">
        <label for="flash-text">${t('flash.text')}</label>
        <textarea
          id="flash-text"
          class="input"
          rows="2"
          .value=${d.text}
          aria-describedby="flash-count flash-text-error"
          aria-invalid=${this._problems.has('text') ? 'true' : 'false'}
          @input=${(e: Event) => this.edit({ text: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
        ${charCounter('flash-count', remaining, t)}
        <span id="flash-text-error" class="error-text">${problem('text')}</span>
      </div>
      ${zonesFieldset({
        name: 'flash',
        legend: t('flash.zones'),
        allLabel: t('flash.allZones'),
        someLabel: t('flash.someZones'),
        draft: d,
        error: problem('zones'),
        t,
        onChange: (patch) => this.edit(patch),
      })}
      <div class="field until">
        <label for="flash-until">${t('flash.untilField')}</label>
        <input
          id="flash-until"
          class="input"
          type="datetime-local"
          .value=${d.until}
          aria-describedby="flash-until-hint flash-until-error"
          aria-invalid=${this._problems.has('until') ? 'true' : 'false'}
          @input=${(e: Event) => this.edit({ until: (e.target as HTMLInputElement).value })}
        />
        <span id="flash-until-hint" class="hint">${t('flash.untilHint')}</span>
        <span id="flash-until-error" class="error-text">${problem('until')}</span>
      </div>
      <div class="actions">
        <button class="button primary" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>${icon('plus', 18)}${this._busy ? t('signage.busy') : t('flash.add')}</button>
      </div>
    </form>`;
  }

  private edit(patch: Partial<FlashDraft>): void {
    this._draft = { ...this._draft, ...patch };
    // a problem shown goes away as soon as it is fixed, not at the next send
    if (this._problems.size) this._problems = flashProblems(this._draft, this.timeZone, hubClock.now());
  }


  private async add(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const t = i18n.t;
    this._error = '';
    this._done = '';
    const problems = flashProblems(this._draft, this.timeZone, hubClock.now());
    this._problems = problems;
    if (problems.size) {
      this._error = t('flash.fix');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], fieldset input')?.focus();
      return;
    }
    this._busy = true;
    try {
      const flash = await api.post<FlashDto>(`${this.schoolPath}/signage/flashes`, flashPayload(this._draft, this.timeZone));
      this._flashes = [...(this._flashes ?? []).filter((f) => f.id !== flash.id), flash];
      this._draft = { ...emptyFlashDraft(hubClock.now(), this.timeZone), allZones: this._draft.allZones, zones: this._draft.zones, until: this._draft.until };
      this._done = t('flash.added');
    } catch (err) {
      reportSessionLoss(this, err);
      this._error = describeSignageError(err, 'flash', t);
    } finally {
      this._busy = false;
    }
  }

  private async removeFlash(flash: FlashDto): Promise<void> {
    const t = i18n.t;
    this._error = '';
    this._done = '';
    try {
      await api.delete<void>(`${this.schoolPath}/signage/flashes/${encodeURIComponent(flash.id)}`);
      this._done = t('flash.deleted');
    } catch (err) {
      reportSessionLoss(this, err);
      this._error = describeSignageError(err, 'flashDelete', t);
      // already gone (past its hour, or removed by a colleague): the list drops it all the same
      if (!(err instanceof ApiError && err.status === 404)) return;
    }
    this._flashes = (this._flashes ?? []).filter((f) => f.id !== flash.id);
    // the button pressed is gone: the section's title keeps the focus in place, the outcome is read from its region
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#flash-title')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-flash-ticker': FlashTicker;
  }
}
