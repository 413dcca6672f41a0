import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AbsenceSettings } from '../../../../server/contracts/absences';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { boardName } from '../lib/absence-labels';
import { BOARD_NAME_FORMATS, type BoardNameFormat } from '../lib/absences-constants';
import { describeAbsenceError } from '../lib/absences-errors';
import { i18n } from '../i18n';
import { absencesCardStyles } from './absences-styles';
import { icon } from './icons';

// the example the school sees its choice on; a teacher without a known civilité shows their initial
const EXAMPLE = { firstName: 'Jeanne', lastName: 'Dupont', civility: 'mme' as const };
const EXAMPLE_NO_CIVILITY = { firstName: 'Jeanne', lastName: 'Dupont', civility: null };

/**
 * How the hall screens name an absent teacher (« Mme Dupont », « J. D. »…) and from what time
 * they also show tomorrow's changes: direction and admins, with a live example.
 */
@customElement('pw-board-settings-form')
export class BoardSettingsForm extends LitElement {
  static override styles = [
    absencesCardStyles,
    css`
      .example {
        padding: var(--pu-space-3) var(--pu-space-4);
        border-radius: var(--pu-radius-m);
        background: #161b26;
        color: #ffffff;
        font-size: 1.25rem;
        font-weight: 700;
      }
      .example .sub {
        display: block;
        font-size: var(--pu-text-s);
        font-weight: 500;
        color: #d7dce6;
      }
      .time {
        max-width: 360px;
      }
    `,
  ];

  @property() uai = '';

  @state() private _settings: AbsenceSettings | null = null;
  @state() private _format: BoardNameFormat = 'civility_last';
  @state() private _from = '12:00';
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _done = '';

  private readonly locale = new LocaleController(this, i18n);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get url(): string {
    return `/schools/${encodeURIComponent(this.uai)}/absences/settings`;
  }

  private async load(): Promise<void> {
    try {
      this.apply(await api.get<AbsenceSettings>(this.url));
    } catch (err) {
      this._error = describeAbsenceError(err, 'load', i18n.t);
    }
  }

  private apply(s: AbsenceSettings): void {
    this._settings = s;
    this._format = s.boardNameFormat;
    this._from = s.boardTomorrowFrom;
  }

  override render() {
    const t = i18n.t;
    if (!this._settings && !this._error) {
      return html`<section class="card"><p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('board.loading')}</p></section>`;
    }
    return html`<section class="card" aria-labelledby="board-title">
      <h2 id="board-title">${icon('screen', 22)}${t('board.title')}</h2>
      <p class="muted">${t('board.intro')}</p>
      <form novalidate @submit=${this.save}>
        <fieldset>
          <legend>${t('board.format')}</legend>
          ${BOARD_NAME_FORMATS.map(
            (f) => html`<label class="choice">
              <input type="radio" name="format" .checked=${this._format === f} @change=${() => (this._format = f)} />
              <span>${t(`board.format.${f}`)} — <strong>${boardName(EXAMPLE, f)}</strong></span>
            </label>`,
          )}
        </fieldset>
        <div class="example" aria-live="polite" data-testid="board-example">
          <span class="sub">${t('board.exampleLabel')}</span>
          ${t('board.exampleLine', { name: boardName(EXAMPLE, this._format) })}
          <span class="sub">${t('board.exampleNoCivility', { name: boardName(EXAMPLE_NO_CIVILITY, this._format) })}</span>
        </div>
        <div class="field time">
          <label for="tomorrow">${t('board.tomorrowFrom')}</label>
          <input id="tomorrow" class="input" type="time" step="900" .value=${this._from} aria-describedby="tomorrow-hint" @input=${(e: Event) => (this._from = (e.target as HTMLInputElement).value)} />
          <span class="hint" id="tomorrow-hint">${t('board.tomorrowHint')}</span>
        </div>
        <div role="alert">${this._error ? html`<p class="notice error">${this._error}</p>` : nothing}</div>
        <div role="status">${this._done ? html`<p class="notice success">${this._done}</p>` : nothing}</div>
        <div class="actions">
          <button class="button primary" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>${t('board.save')}</button>
        </div>
      </form>
    </section>`;
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const t = i18n.t;
    this._error = '';
    this._done = '';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(this._from)) {
      this._error = t('board.error.time');
      return;
    }
    this._busy = true;
    try {
      this.apply(await api.patch<AbsenceSettings>(this.url, { boardNameFormat: this._format, boardTomorrowFrom: this._from }));
      this._done = t('board.saved');
    } catch (err) {
      this._error = describeAbsenceError(err, 'settings', t);
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-board-settings-form': BoardSettingsForm;
  }
}
