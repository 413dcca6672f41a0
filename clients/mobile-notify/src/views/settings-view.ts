import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { NotificationCategory, NotificationChannel, NotificationMode, NotificationSettings, PreferenceDto } from '../../../../server/contracts/notifications';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import type { SessionStore } from '../../../web/src/lib/session-store';
import '../components/push-card';
import { icon } from '../components/icons';
import { i18n } from '../i18n';
import { preferenceRows, quietHoursText, withPreference } from '../lib/preferences';

/** This device's push, the school's quiet hours, and the category × channel preferences. */
@customElement('pn-settings')
export class SettingsView extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        gap: var(--pu-space-4);
      }
      h1 {
        font-size: var(--pu-text-l);
      }
      h2 {
        font-size: var(--pu-text-m);
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
      }
      .card {
        padding: var(--pu-space-4);
        display: grid;
        gap: var(--pu-space-3);
      }
      .muted {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      .quiet {
        background: var(--pu-surface-sunken);
      }
      fieldset {
        margin: 0;
        padding: var(--pu-space-3) 0 0;
        border: 0;
        border-top: 1px solid var(--pu-border);
        display: grid;
        gap: var(--pu-space-2);
        min-width: 0;
      }
      legend {
        padding: 0;
        font-weight: 700;
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
      }
      .cells {
        display: grid;
        gap: var(--pu-space-2);
      }
      .cell {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 13rem);
        align-items: center;
        gap: var(--pu-space-3);
      }
      .cell label,
      .cell .label {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      select.input {
        min-height: 44px;
        padding: var(--pu-space-1) var(--pu-space-2);
        font-size: var(--pu-text-s);
      }
      .locked {
        display: flex;
        align-items: center;
        gap: 4px;
        min-height: 44px;
        padding: 0 var(--pu-space-2);
        border: 1px dashed var(--pu-border-strong);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
        font-size: var(--pu-text-s);
        font-weight: 600;
      }
      .status:empty {
        display: none;
      }
    `,
  ];

  @property() uai = '';
  @property({ attribute: false }) session?: SessionStore;

  @state() private _prefs: PreferenceDto[] | null = null;
  @state() private _settings: Pick<NotificationSettings, 'quietHours'> | null = null;
  @state() private _failed = false;
  @state() private _status: 'saved' | 'failed' | null = null;

  private readonly locale = new LocaleController(this, i18n);

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('uai') && this.uai) void this.load();
  }

  private async load(): Promise<void> {
    const uai = this.uai;
    try {
      const [prefs, settings] = await Promise.all([
        api.get<PreferenceDto[]>(`/schools/${uai}/notifications/preferences`),
        api.get<NotificationSettings>(`/schools/${uai}/notifications/settings`),
      ]);
      if (uai !== this.uai) return;
      this._prefs = prefs;
      this._settings = settings;
      this._failed = false;
    } catch (err) {
      this.session?.expireOn401(err);
      this._failed = true;
    }
  }

  override render() {
    const t = i18n.t;
    return html`
      <h1 tabindex="-1">${t('nav.settings')}</h1>
      <pn-push-card></pn-push-card>
      ${this._settings ? this.renderQuietHours() : nothing}
      ${this._failed ? html`<p class="notice error" role="alert">${t('prefs.loadFailed')}</p>` : nothing}
      ${this._prefs ? this.renderPreferences(this._prefs) : nothing}
    `;
  }

  private renderQuietHours() {
    const t = i18n.t;
    const q = quietHoursText(this._settings!.quietHours, i18n.locale);
    return html`<section class="card quiet" aria-labelledby="quiet-title" data-testid="quiet-hours">
      <h2 id="quiet-title">${icon('clock', 20)}${t('quiet.title')}</h2>
      <p>${t(q.weekends ? 'quiet.textWeekends' : 'quiet.text', { start: q.start, end: q.end })}</p>
      <p class="muted">${t('quiet.critical')}</p>
    </section>`;
  }

  private renderPreferences(prefs: PreferenceDto[]) {
    const t = i18n.t;
    return html`<section class="card" aria-labelledby="prefs-title" data-testid="preferences">
      <div>
        <h2 id="prefs-title">${t('prefs.title')}</h2>
        <p class="muted">${t('prefs.intro')}</p>
      </div>
      ${preferenceRows(prefs).map(
        (row) => html`<fieldset>
          <legend>${row.critical ? icon('lock', 16) : nothing}${t(`category.${row.category}`)}</legend>
          <div class="cells">
            ${row.cells.map((cell) => {
              const category = t(`category.${cell.category}`);
              const channel = t(`channel.${cell.channel}`);
              const id = `pref-${cell.category}-${cell.channel}`;
              if (cell.locked) {
                return html`<div class="cell">
                  <span class="label" aria-hidden="true">${channel}</span>
                  <span class="locked" role="img" aria-label=${t('prefs.lockedLabel', { category, channel })} data-testid="locked-cell">
                    ${icon('lock', 14)}${t('prefs.locked')}
                  </span>
                </div>`;
              }
              return html`<div class="cell">
                <label for=${id}>${channel}</label>
                <select
                  id=${id}
                  class="input"
                  aria-label=${t('prefs.cellLabel', { category, channel })}
                  @change=${(e: Event) => this.onChange(cell.category, cell.channel, (e.target as HTMLSelectElement).value as NotificationMode)}
                >
                  ${cell.allowed.map((mode) => html`<option value=${mode} ?selected=${mode === cell.mode}>${t(`mode.${mode}`)}</option>`)}
                </select>
              </div>`;
            })}
          </div>
        </fieldset>`,
      )}
      <p class="muted">${t('prefs.lockedNote')}</p>
      <div class="status" role="status">${this._status === 'saved'
        ? html`<p class="notice success">${t('prefs.saved')}</p>`
        : this._status === 'failed'
          ? html`<p class="notice error">${t('prefs.saveFailed')}</p>`
          : nothing}</div>
    </section>`;
  }

  private async onChange(category: NotificationCategory, channel: NotificationChannel, mode: NotificationMode): Promise<void> {
    const before = this._prefs ?? [];
    const next = withPreference(before, category, channel, mode);
    if (!next) return;
    this._prefs = next;
    this._status = null;
    try {
      this._prefs = await api.put<PreferenceDto[]>(`/schools/${this.uai}/notifications/preferences`, { preferences: [{ category, channel, mode }] });
      this._status = 'saved';
    } catch (err) {
      this.session?.expireOn401(err);
      this._prefs = before;
      this._status = 'failed';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pn-settings': SettingsView;
  }
}
