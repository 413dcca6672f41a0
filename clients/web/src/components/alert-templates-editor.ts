import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AlertTemplateDto } from '../../../../server/contracts/signage';
import { alertResponses, type AlertResponse } from '../../../../server/contracts/signage-rules';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { SIGNAGE_LIMITS, templateProblems, templatesPayload, type Problems, type TemplateDraft } from '../lib/signage-forms';
import { describeSignageError, signageFieldErrors } from '../lib/signage-errors';
import { alertResponseLabel } from '../lib/signage-labels';
import { i18n } from '../i18n';
import { reportSessionLoss } from '../views/session-loss';
import { absencesStyles } from './absences-styles';
import { icon } from './icons';
import { newsStyles } from './news-styles';
import { signageStyles } from './signage-styles';
import { saveOutcome } from './status-notices';

const toDraft = (t: Pick<AlertTemplateDto, 'name' | 'responseType' | 'headline' | 'instruction'>): TemplateDraft => ({
  name: t.name,
  responseType: t.responseType,
  headline: t.headline,
  instruction: t.instruction,
});

/**
 * « Modèles d'alerte » (direction, admins): the texts offered when triggering (Confinement,
 * Évacuation, Fin d'alerte…), edited as one list and saved at once. Tells the page the saved
 * list with `pw-templates-saved`.
 */
@customElement('pw-alert-templates-editor')
export class AlertTemplatesEditor extends LitElement {
  static override styles = [
    base,
    newsStyles,
    absencesStyles,
    signageStyles,
    css`
      :host {
        display: block;
      }
      details > summary {
        cursor: pointer;
        padding: var(--pu-space-4) var(--pu-space-5);
        font-weight: 700;
        font-size: var(--pu-text-l);
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        min-height: 48px;
      }
      details > .panel {
        padding-top: 0;
      }
      form {
        display: grid;
        gap: var(--pu-space-4);
      }
      .template {
        margin: 0;
        padding: var(--pu-space-3) var(--pu-space-4);
        border: 1px solid var(--pu-border);
        border-radius: var(--pu-radius-s);
        display: grid;
        gap: var(--pu-space-3);
      }
      .template legend {
        padding: 0 var(--pu-space-1);
      }
    `,
  ];

  @property() schoolPath = '';
  /** The school's templates as the hub has them. */
  @property({ attribute: false }) templates: AlertTemplateDto[] = [];
  /** Used when the school has none yet: the built-in ones, to start from. */
  @property({ attribute: false }) fallback: TemplateDraft[] = [];

  @state() private _drafts: TemplateDraft[] = [];
  @state() private _problems: Problems = new Map();
  @state() private _hubErrors = new Map<string, string>();
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _done = '';
  private edited = false;

  private readonly locale = new LocaleController(this, i18n);

  override willUpdate(changed: PropertyValues<this>): void {
    // the hub's list replaces the form's until the person starts editing
    if ((changed.has('templates') || changed.has('fallback')) && !this.edited) {
      this._drafts = this.templates.length ? this.templates.map(toDraft) : this.fallback.map((d) => ({ ...d }));
    }
  }

  override render() {
    const t = i18n.t;
    return html`<details class="card" data-testid="alert-templates">
      <summary>${icon('file', 22)}${t('alert.templates.title')}</summary>
      <div class="panel">
        <p class="muted">${t('alert.templates.intro')}</p>
        <form novalidate @submit=${this.save}>
          ${this._drafts.map((d, i) => this.renderTemplate(d, i))}
          ${this._drafts.length < SIGNAGE_LIMITS.templates
            ? html`<p><button class="button small add" type="button" @click=${this.add}>${icon('plus', 16)}${t('alert.templates.add')}</button></p>`
            : html`<p class="muted small-text">${t('alert.templates.max')}</p>`}
          ${saveOutcome(this._error, this._done)}
          <div class="actions">
            <button class="button primary" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>${icon('check', 18)}${this._busy ? t('signage.edit.saving') : t('alert.templates.save')}</button>
          </div>
        </form>
      </div>
    </details>`;
  }

  private renderTemplate(d: TemplateDraft, i: number) {
    const t = i18n.t;
    const problem = (field: string) => {
      const p = this._problems.get(`${i}.${field}`);
      return p ? t(`signage.problem.${p}`) : (this._hubErrors.get(`templates.${i}.${field}`) ?? '');
    };
    const field = (name: 'name' | 'headline', label: string, max: number) => html`<div class="field">
      <label for="tpl-${name}-${i}">${label}</label>
      <input
        id="tpl-${name}-${i}"
        class="input"
        type="text"
        maxlength=${max}
        .value=${d[name]}
        aria-describedby="tpl-${name}-error-${i}"
        aria-invalid=${problem(name) ? 'true' : 'false'}
        @input=${(e: Event) => this.edit(i, { [name]: (e.target as HTMLInputElement).value })}
      />
      <span id="tpl-${name}-error-${i}" class="error-text">${problem(name)}</span>
    </div>`;
    return html`<fieldset class="template" data-testid="template">
      <legend>${t('alert.templates.item', { n: i + 1 })}${d.name.trim() ? ` — ${d.name.trim()}` : ''}</legend>
      <div class="form-grid">
        ${field('name', t('alert.templates.name'), SIGNAGE_LIMITS.templateName)}
        <div class="field">
          <label for="tpl-response-${i}">${t('alert.templates.response')}</label>
          <select id="tpl-response-${i}" class="input" @change=${(e: Event) => this.edit(i, { responseType: (e.target as HTMLSelectElement).value as AlertResponse })}>
            ${alertResponses.map((r) => html`<option value=${r} ?selected=${r === d.responseType}>${alertResponseLabel(r, t)}</option>`)}
          </select>
        </div>
      </div>
      ${field('headline', t('alert.templates.headline'), SIGNAGE_LIMITS.headline)}
      <div class="field">
        <label for="tpl-instruction-${i}">${t('alert.templates.instruction')}</label>
        <textarea
          id="tpl-instruction-${i}"
          class="input"
          rows="3"
          maxlength=${SIGNAGE_LIMITS.instruction}
          .value=${d.instruction}
          aria-describedby="tpl-instruction-error-${i}"
          aria-invalid=${problem('instruction') ? 'true' : 'false'}
          @input=${(e: Event) => this.edit(i, { instruction: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
        <span id="tpl-instruction-error-${i}" class="error-text">${problem('instruction')}</span>
      </div>
      ${this._drafts.length > 1
        ? html`<div class="actions">
            <button class="button small danger" type="button" aria-label=${t('alert.templates.removeLabel', { n: i + 1 })} @click=${() => this.removeTemplate(i)}>
              ${icon('x', 16)}${t('alert.templates.remove')}
            </button>
          </div>`
        : nothing}
    </fieldset>`;
  }

  private edit(i: number, patch: Partial<TemplateDraft>): void {
    this.edited = true;
    this._drafts = this._drafts.map((d, j) => (j === i ? { ...d, ...patch } : d));
    this._hubErrors = new Map();
    this._done = '';
    if (this._problems.size) this._problems = templateProblems(this._drafts);
  }

  private async add(): Promise<void> {
    this.edited = true;
    this._drafts = [...this._drafts, { name: '', responseType: 'shelter', headline: '', instruction: '' }];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tpl-name-${this._drafts.length - 1}`)?.focus();
  }

  private async removeTemplate(i: number): Promise<void> {
    this.edited = true;
    this._drafts = this._drafts.filter((_, j) => j !== i);
    this._problems = this._problems.size ? templateProblems(this._drafts) : this._problems;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tpl-name-${Math.min(i, this._drafts.length - 1)}`)?.focus();
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const t = i18n.t;
    this._error = '';
    this._done = '';
    this._problems = templateProblems(this._drafts);
    if (this._problems.size) {
      this._error = t('alert.templates.fix');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this._busy = true;
    try {
      const url = `${this.schoolPath}/alerts/templates`;
      const answer = await api.put<AlertTemplateDto[] | { templates?: AlertTemplateDto[] } | undefined>(url, templatesPayload(this._drafts));
      // the hub answers with the saved list; read it again if it did not
      const saved = Array.isArray(answer) ? answer : Array.isArray(answer?.templates) ? answer.templates : await api.get<AlertTemplateDto[]>(url);
      this.edited = false;
      this.templates = saved;
      this._done = t('alert.templates.saved');
      this.dispatchEvent(new CustomEvent<AlertTemplateDto[]>('pw-templates-saved', { detail: saved, bubbles: true, composed: true }));
    } catch (err) {
      reportSessionLoss(this, err);
      this._hubErrors = signageFieldErrors(err);
      this._error = describeSignageError(err, 'templates', t);
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-alert-templates-editor': AlertTemplatesEditor;
  }
}
