import { css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ScreenDto } from '../../../../server/contracts/signage';
import { normalisePairingCode, screenLayouts, screenZones, type ScreenLayout, type ScreenZone } from '../../../../server/contracts/signage-rules';
import { ApiError, api } from '../../../shared/api';
import { base } from '../../../shared/styles';
import { absencesStyles } from '../components/absences-styles';
import { icon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import { signageStyles } from '../components/signage-styles';
import { routeHref } from '../lib/routes';
import { formatPairingInput, nameProblem, pairingCodeProblem, SIGNAGE_LIMITS, type Problems } from '../lib/signage-forms';
import { signageFieldErrors } from '../lib/signage-errors';
import { layoutLabel, zoneLabel } from '../lib/signage-labels';
import { i18n } from '../i18n';
import { pageHead } from './page-head';
import { SignagePage } from './signage-page';

/**
 * « Appairer un écran » (admins): the code the kiosk shows (prefilled when its QR code opened
 * the page), the screen's name, zone and orientation. Once paired, back to the list.
 */
@customElement('pw-screen-pair-view')
export class ScreenPairView extends SignagePage {
  static override styles = [
    base,
    newsStyles,
    absencesStyles,
    signageStyles,
    css`
      form {
        display: grid;
        gap: var(--pu-space-4);
        max-width: 640px;
      }
      #code {
        max-width: 14ch;
        font-family: var(--pu-font-mono);
        font-size: 1.6rem;
        font-weight: 700;
        letter-spacing: 0.12em;
        text-transform: uppercase;
      }
    `,
  ];

  /** The code from the address bar (« #/ecrans/appairer?code=AB3K7Z »). */
  @property() code = '';

  @state() private _code = '';
  @state() private _name = '';
  @state() private _zone: ScreenZone = 'hall';
  @state() private _layout: ScreenLayout = 'landscape';
  @state() private _problems: Problems = new Map();
  /** The hub's reasons by field, when it refused what the form let through. */
  @state() private _hubErrors = new Map<string, string>();
  @state() private _busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.code && !this._code) this._code = formatPairingInput(this.code);
  }

  override render() {
    const t = i18n.t;
    const problem = (field: string) => {
      const p = this._problems.get(field);
      return p ? t(`signage.problem.${p}`) : (this._hubErrors.get(field) ?? '');
    };
    return html`<a class="back" href=${routeHref({ name: 'screens' })}>${icon('arrow-left', 18)}${t('signage.pair.back')}</a>
      ${pageHead(t('signage.pair.title'), t('signage.pair.lead'))} ${this.renderFlash()}
      <form class="card panel" novalidate @submit=${this.submit} data-testid="pair-form">
        <div class="field">
          <label for="code">${t('signage.pair.code')}</label>
          <input
            id="code"
            class="input"
            type="text"
            inputmode="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            .value=${this._code}
            aria-describedby="code-hint code-error"
            aria-invalid=${problem('code') ? 'true' : 'false'}
            @input=${this.onCode}
          />
          <span id="code-hint" class="hint">${this.code ? t('signage.pair.fromLink') : t('signage.pair.codeHint')}</span>
          <span id="code-error" class="error-text">${problem('code')}</span>
        </div>
        <div class="field">
          <label for="name">${t('signage.pair.name')}</label>
          <input
            id="name"
            class="input"
            type="text"
            maxlength=${SIGNAGE_LIMITS.screenName}
            autocomplete="off"
            .value=${this._name}
            aria-describedby="name-hint name-error"
            aria-invalid=${problem('name') ? 'true' : 'false'}
            @input=${(e: Event) => this.edit(() => (this._name = (e.target as HTMLInputElement).value))}
          />
          <span id="name-hint" class="hint">${t('signage.pair.nameHint')}</span>
          <span id="name-error" class="error-text">${problem('name')}</span>
        </div>
        <div class="form-grid">
          <div class="field">
            <label for="zone">${t('signage.pair.zone')}</label>
            <select id="zone" class="input" aria-describedby="zone-hint" @change=${(e: Event) => (this._zone = (e.target as HTMLSelectElement).value as ScreenZone)}>
              ${screenZones.map((z) => html`<option value=${z} ?selected=${z === this._zone}>${zoneLabel(z, t)}</option>`)}
            </select>
            <span id="zone-hint" class="hint">${t('signage.pair.zoneHint')}</span>
          </div>
          <fieldset>
            <legend>${t('signage.pair.layout')}</legend>
            <div class="choices">
              ${screenLayouts.map(
                (l) => html`<label class="choice">
                  <input type="radio" name="layout" .checked=${this._layout === l} @change=${() => (this._layout = l)} />${layoutLabel(l, t)}
                </label>`,
              )}
            </div>
          </fieldset>
        </div>
        <div class="actions">
          <button class="button primary" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>
            ${icon('screen', 18)}${this._busy ? t('signage.pair.submitting') : t('signage.pair.submit')}
          </button>
          <a class="button" href=${routeHref({ name: 'screens' })}>${t('item.cancel')}</a>
        </div>
      </form>`;
  }

  private onCode(e: Event): void {
    const input = e.target as HTMLInputElement;
    const formatted = formatPairingInput(input.value);
    this.edit(() => (this._code = formatted));
    // grouping adds a space: the caret stays at the end, where the person types
    if (input.value !== formatted) input.value = formatted;
  }

  private edit(change: () => void): void {
    change();
    this._hubErrors = new Map();
    if (this._problems.size) this._problems = this.check();
  }

  private check(): Problems {
    const problems: Problems = new Map();
    const code = pairingCodeProblem(this._code);
    if (code) problems.set('code', code);
    const name = nameProblem(this._name);
    if (name) problems.set('name', name);
    return problems;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const t = i18n.t;
    this._problems = this.check();
    this._hubErrors = new Map();
    if (this._problems.size) {
      await this.say({ kind: 'error', text: t('signage.pair.fix') });
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this._busy = true;
    this._flash = null;
    try {
      const screen = await api.post<ScreenDto>(`${this.schoolPath}/screens`, {
        code: normalisePairingCode(this._code),
        name: this._name.trim(),
        zone: this._zone,
        layout: this._layout,
      });
      this.store.setNote({ text: t('signage.pair.done', { name: screen.name }), screenId: screen.id });
      location.hash = routeHref({ name: 'screens' });
    } catch (err) {
      const why = this.failure(err, 'pair');
      const fields = signageFieldErrors(err);
      // an unknown or expired code is the code field's problem: it says so under the field too
      if (err instanceof ApiError && err.code === 'pairing_not_found') fields.set('code', why);
      this._hubErrors = fields;
      await this.say({ kind: 'error', text: why });
      if (fields.size) this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-screen-pair-view': ScreenPairView;
  }
}
