import { css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { AvailabilityDto } from '../../../../server/contracts/messaging';
import { api } from '../../../shared/api';
import { base, cardSection } from '../../../shared/styles';
import { icon } from '../components/icons';
import { messagingStyles } from '../components/messaging-styles';
import { newsFieldStyles, newsStyles } from '../components/news-styles';
import { loadFailedNotice, loadingNotice, saveOutcome } from '../components/status-notices';
import { weekdayName } from '../lib/messaging-labels';
import { sentenceCase } from '../lib/person-labels';
import { i18n } from '../i18n';
import { MessagingView } from './messaging-view';
import { pageHead } from './page-head';
import { reportSessionLoss } from './session-loss';

const DAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * « Mes horaires » (droit à la déconnexion): the hours a teacher receives families' messages.
 * Outside them, messages wait and are delivered at the next opening; senders are told when.
 */
@customElement('pw-message-hours-view')
export class MessageHoursView extends MessagingView {
  static override styles = [
    base,
    cardSection,
    newsStyles,
    newsFieldStyles,
    messagingStyles,
    css`
      form {
        max-width: 640px;
      }
      .days {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-2) var(--pu-space-4);
      }
      .times {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 200px));
        gap: var(--pu-space-4);
      }
      [disabled] + span,
      fieldset[disabled] {
        opacity: 0.6;
      }
      @media (max-width: 480px) {
        .times {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
      }
    `,
  ];

  @state() private _value: AvailabilityDto | null = null;
  @state() private _status: 'loading' | 'ready' | 'error' = 'loading';
  @state() private _saving = false;
  @state() private _error = '';
  @state() private _saved = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this._value = await api.get<AvailabilityDto>(`${this.base}/availability`);
      this._status = 'ready';
    } catch (err) {
      reportSessionLoss(this, err);
      this._status = 'error';
    }
  }

  private patch(p: Partial<AvailabilityDto>): void {
    if (!this._value) return;
    this._value = { ...this._value, ...p };
    this._saved = '';
    this._error = '';
  }

  override render() {
    const t = i18n.t;
    return html`${pageHead(t('messaging.hours.title'), t('messaging.hours.intro'))}
      ${this._status === 'loading'
        ? loadingNotice(t('messaging.loading'))
        : this._status === 'error' || !this._value
          ? loadFailedNotice(t('messaging.loadFailed'))
          : this.renderForm(this._value)}`;
  }

  private renderForm(v: AvailabilityDto) {
    const t = i18n.t;
    const off = !v.enabled;
    return html`<form class="card block" novalidate @submit=${this.save} aria-labelledby="hours-title">
      <h2 id="hours-title">${icon('clock', 22)}${t('messaging.hours.section')}</h2>
      <label class="choice">
        <input type="checkbox" id="h-enabled" .checked=${v.enabled} @change=${(e: Event) => this.patch({ enabled: (e.target as HTMLInputElement).checked })} />
        <span>${t('messaging.hours.enabled')}<span class="hint">${t('messaging.hours.enabledHint')}</span></span>
      </label>
      <fieldset ?disabled=${off}>
        <legend>${t('messaging.hours.days')}</legend>
        <div class="days">
          ${DAYS.map(
            (d) => html`<label class="choice">
              <input
                type="checkbox"
                .checked=${v.days.includes(d)}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  this.patch({ days: on ? [...v.days.filter((x) => x !== d), d].sort((a, b) => a - b) : v.days.filter((x) => x !== d) });
                }}
              />
              <span>${sentenceCase(weekdayName(d, i18n.locale))}</span>
            </label>`,
          )}
        </div>
      </fieldset>
      <div class="times">
        <div class="field">
          <label for="h-opens">${t('messaging.hours.opensAt')}</label>
          <input id="h-opens" class="input" type="time" ?disabled=${off} .value=${v.opensAt} @change=${(e: Event) => this.patch({ opensAt: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="h-closes">${t('messaging.hours.closesAt')}</label>
          <input id="h-closes" class="input" type="time" ?disabled=${off} .value=${v.closesAt} @change=${(e: Event) => this.patch({ closesAt: (e.target as HTMLInputElement).value })} />
        </div>
      </div>
      <p class="muted">${t('messaging.hours.note', { zone: this.timeZone })}</p>
      ${saveOutcome(this._error, this._saved)}
      <div class="actions">
        <button class="button primary" type="submit" aria-disabled=${this._saving ? 'true' : 'false'}>
          ${icon('check', 18)}${this._saving ? t('composer.saving') : t('messaging.hours.save')}
        </button>
      </div>
    </form>`;
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const v = this._value;
    if (!v || this._saving) return;
    const t = i18n.t;
    if (v.enabled && v.days.length === 0) {
      this._error = t('messaging.hours.error.days');
      return;
    }
    if (v.opensAt >= v.closesAt) {
      this._error = t('messaging.hours.error.order');
      return;
    }
    this._saving = true;
    try {
      this._value = await api.put<AvailabilityDto>(`${this.base}/availability`, {
        enabled: v.enabled,
        days: v.days,
        opensAt: v.opensAt.slice(0, 5),
        closesAt: v.closesAt.slice(0, 5),
      });
      this._saved = t(this._value.enabled ? 'messaging.hours.saved' : 'messaging.hours.savedOff');
    } catch (err) {
      this._error = this.failure(err);
    } finally {
      this._saving = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-message-hours-view': MessageHoursView;
  }
}
