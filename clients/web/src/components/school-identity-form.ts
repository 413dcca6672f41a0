import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { SchoolDto } from '../../../../server/contracts/directory';
import { ApiError, api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base, cardSection } from '../../../shared/styles';
import { inkOn, isHexColour } from '../../../shared/brand-colour';
import { schoolChanges } from '../lib/school-changes';
import { i18n } from '../i18n';
import { icon } from './icons';

/** Direction and admins set the school's name and colour; members see the change live. */
@customElement('pw-school-identity-form')
export class SchoolIdentityForm extends LitElement {
  static override styles = [
    base,
    cardSection,
    css`
      .intro {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
        margin-top: var(--pu-space-1);
      }
      form {
        display: grid;
        gap: var(--pu-space-4);
      }
      .colour-row {
        display: flex;
        gap: var(--pu-space-2);
      }
      .colour-row .input {
        flex: 1;
        font-family: var(--pu-font-mono);
        text-transform: uppercase;
      }
      input[type='color'] {
        flex: none;
        width: 52px;
        min-height: 44px;
        padding: 4px;
        border: 1px solid var(--pu-border-strong);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface);
        cursor: pointer;
      }
      .preview {
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        padding: var(--pu-space-3) var(--pu-space-4);
        border-radius: var(--pu-radius-s);
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .error-text {
        color: var(--pu-danger);
        font-size: var(--pu-text-s);
        font-weight: 600;
      }
      .status:empty {
        display: none;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
      }
      @media (max-width: 480px) {
        .card {
          padding: var(--pu-space-4);
        }
        .actions .button {
          width: 100%;
        }
      }
    `,
  ];

  @property({ attribute: false }) school!: SchoolDto;

  @state() private _name = '';
  @state() private _color = '';
  @state() private _dirty = false;
  @state() private _saving = false;
  @state() private _nameError = '';
  @state() private _colorError = '';
  @state() private _result: { kind: 'success' | 'error' | 'warning'; text: string } | null = null;

  private readonly locale = new LocaleController(this, i18n);

  override willUpdate(changed: PropertyValues<this>): void {
    // a change saved elsewhere shows up here, unless the person is in the middle of editing
    if (changed.has('school') && this.school && !this._dirty) {
      this._name = this.school.name;
      this._color = this.school.branding.color.toLowerCase();
    }
  }

  override render() {
    const t = i18n.t;
    const previewColour = isHexColour(this._color) ? this._color : this.school.branding.color;
    return html`<section class="card" aria-labelledby="identity-title">
      <div>
        <h2 id="identity-title">${icon('palette', 22)}${t('identity.title')}</h2>
        <p class="intro">${t('identity.intro')}</p>
      </div>
      <form novalidate @submit=${this.onSubmit}>
        <div class="field">
          <label for="school-name">${t('identity.name')}</label>
          <input
            id="school-name"
            class="input"
            name="name"
            maxlength="120"
            required
            aria-invalid=${this._nameError ? 'true' : 'false'}
            aria-describedby=${this._nameError ? 'name-error' : nothing}
            .value=${this._name}
            @input=${(e: Event) => this.edit(() => (this._name = (e.target as HTMLInputElement).value))}
          />
          ${this._nameError ? html`<span id="name-error" class="error-text">${this._nameError}</span>` : nothing}
        </div>
        <div class="field">
          <label for="school-colour">${t('identity.color')}</label>
          <div class="colour-row">
            <input
              type="color"
              aria-label=${t('identity.colorPicker')}
              .value=${previewColour.toLowerCase()}
              @input=${(e: Event) => this.edit(() => (this._color = (e.target as HTMLInputElement).value))}
            />
            <input
              id="school-colour"
              class="input"
              name="color"
              maxlength="7"
              autocomplete="off"
              spellcheck="false"
              aria-invalid=${this._colorError ? 'true' : 'false'}
              aria-describedby=${this._colorError ? 'colour-hint colour-error' : 'colour-hint'}
              .value=${this._color}
              @input=${(e: Event) => this.edit(() => (this._color = (e.target as HTMLInputElement).value.trim()))}
            />
          </div>
          <span id="colour-hint" class="hint">${t('identity.colorHint')}</span>
          ${this._colorError ? html`<span id="colour-error" class="error-text">${this._colorError}</span>` : nothing}
        </div>
        <div class="field">
          <span class="hint">${t('identity.preview')}</span>
          <div class="preview" style=${styleMap({ background: previewColour, color: inkOn(previewColour) })}>
            ${icon('school', 20)}<span>${this._name.trim() || this.school.name}</span>
          </div>
        </div>
        <div class="status" role="status">${this._result
          ? html`<p class="notice ${this._result.kind}">${this._result.text}</p>`
          : nothing}</div>
        <div class="actions">
          <button class="button primary" type="submit" aria-disabled=${this._saving ? 'true' : 'false'}>
            ${this._saving ? t('identity.saving') : t('identity.save')}
          </button>
        </div>
      </form>
    </section>`;
  }

  private edit(apply: () => void): void {
    apply();
    this._dirty = true;
    this._result = null;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._saving) return;
    const t = i18n.t;
    const name = this._name.trim();
    this._nameError = name.length < 2 || name.length > 120 ? t('identity.error.name') : '';
    this._colorError = isHexColour(this._color) ? '' : t('identity.error.color');
    if (this._nameError || this._colorError) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(this._nameError ? '#school-name' : '#school-colour')?.focus();
      return;
    }
    const update = schoolChanges(this.school, name, this._color);
    if (!update) {
      this._result = { kind: 'warning', text: t('identity.unchanged') };
      return;
    }
    this._saving = true;
    try {
      const school = await api.patch<SchoolDto>(`/schools/${encodeURIComponent(this.school.uai)}`, update);
      this._dirty = false;
      this._result = { kind: 'success', text: t('identity.saved') };
      this.dispatchEvent(new CustomEvent<SchoolDto>('pw-school-saved', { detail: school, bubbles: true, composed: true }));
    } catch (err) {
      this._result = { kind: 'error', text: describeSaveError(err) };
      if (err instanceof ApiError && err.status === 401) {
        this.dispatchEvent(new CustomEvent('pw-session-lost', { bubbles: true, composed: true }));
      }
    } finally {
      this._saving = false;
    }
  }
}

function describeSaveError(err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.t('error.generic');
  if (err.code === 'forbidden') return i18n.t('identity.error.forbidden');
  if (err.code === 'network_error') return i18n.t('error.network');
  // validation messages from the hub are French sentences meant for this form
  return err.message || i18n.t('error.generic');
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-school-identity-form': SchoolIdentityForm;
  }
}
