import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AbsenceDto, DocumentDto, JustificationReviewItemDto, ReasonDto } from '../../../../server/contracts/absences';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { uploadFile } from '../../../shared/upload';
import { absenceWhen, kindLabel, type LabelContext } from '../lib/absence-labels';
import { ABSENCE_LIMITS, DOCUMENT_TYPES } from '../lib/absences-constants';
import { describeAbsenceError, fieldErrors } from '../lib/absences-errors';
import { fileKindLabel, fileSizeLabel } from '../lib/news-labels';
import { i18n } from '../i18n';
import { absencesFormStyles, absencesStyles } from './absences-styles';
import { icon } from './icons';
import { newsFileRowStyles, newsStyles } from './news-styles';

/** A document's type from the browser, else from its extension (phones often leave it blank for HEIC). */
function documentType(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  const byExt: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', heic: 'image/heic' };
  return byExt[ext] ?? '';
}

/**
 * A guardian justifies one or more absences of one child: a reason from the school's list, a
 * comment, and optionally a document (a certificate, a photo of a note) sent with progress.
 * Vie scolaire uses it too (`staff`): the confidential reasons are offered apart, and the hub
 * accepts the justification at once. Reports `pw-justified` with the hub's answer, or `pw-cancel`.
 */
@customElement('pw-justify-form')
export class JustifyForm extends LitElement {
  static override styles = [
    base,
    newsStyles,
    newsFileRowStyles,
    absencesStyles,
    absencesFormStyles,
    css`
      h3 {
        font-size: var(--pu-text-l);
        margin: 0;
      }
      .absence-choice {
        align-items: flex-start;
        padding: var(--pu-space-2) 0;
      }
      .absence-choice input {
        margin-top: 2px;
      }
      progress {
        width: 100%;
        height: 8px;
        accent-color: var(--pu-primary);
      }
      input[type='file'] {
        display: none;
      }
    `,
  ];

  @property() uai = '';
  @property() timeZone = 'Europe/Paris';
  @property() childName = '';
  /** The child's absences that can be justified. */
  @property({ attribute: false }) absences: AbsenceDto[] = [];
  /** Those ticked when the form opens. */
  @property({ attribute: false }) initial: string[] = [];
  /** The reasons the person may choose (null while they load). */
  @property({ attribute: false }) reasons: ReasonDto[] | null = null;
  @property() reasonsError = '';
  /** Vie scolaire recording it (a call, a note): confidential reasons offered, accepted at once. */
  @property({ type: Boolean }) staff = false;

  @state() private _selected = new Set<string>();
  @state() private _reasonId = '';
  @state() private _comment = '';
  @state() private _document: DocumentDto | null = null;
  @state() private _progress: number | null = null;
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _fieldErrors = new Map<string, string>();
  @state() private _uploaded = '';

  private readonly locale = new LocaleController(this, i18n);
  private uploadAbort?: AbortController;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('initial')) this._selected = new Set(this.initial);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.uploadAbort?.abort();
  }

  /** Focus for a form that has just opened: its title, so it is read from the top. */
  async focusTitle(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private get ctx(): LabelContext {
    return { t: i18n.t, locale: i18n.locale, timeZone: this.timeZone };
  }

  override render() {
    const t = i18n.t;
    const err = (p: string) => this._fieldErrors.get(p);
    const usable = (this.reasons ?? []).filter((r) => r.active);
    return html`<form novalidate @submit=${this.onSubmit} aria-labelledby="justify-title">
      <h3 id="justify-title" tabindex="-1">${t('justify.title', { name: this.childName })}</h3>
      ${this.staff ? html`<p class="hint small-text">${t('justify.staffIntro')}</p>` : nothing}
      <fieldset>
        <legend>${t('justify.which')}</legend>
        ${this.absences.map(
          (a) => html`<label class="choice absence-choice">
            <input type="checkbox" .checked=${this._selected.has(a.id)} @change=${(e: Event) => this.toggle(a.id, (e.target as HTMLInputElement).checked)} />
            <span><strong>${kindLabel(a.kind, a.lateMinutes, t)}</strong> — ${absenceWhen(a, this.ctx)}</span>
          </label>`,
        )}
        ${err('absenceIds') ? html`<span class="error-text">${err('absenceIds')}</span>` : nothing}
      </fieldset>
      <div class="field">
        <label for="reason">${t('justify.reason')} <span class="required" aria-hidden="true">*</span></label>
        ${this.reasons === null && !this.reasonsError
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('justify.reasonsLoading')}</p>`
          : html`<select
              id="reason"
              class="input"
              required
              aria-required="true"
              aria-invalid=${err('reasonId') ? 'true' : 'false'}
              aria-describedby=${err('reasonId') ? 'reason-error' : nothing}
              @change=${(e: Event) => (this._reasonId = (e.target as HTMLSelectElement).value)}
            >
              <option value="" ?selected=${!this._reasonId}>${t('justify.reasonPlaceholder')}</option>
              ${this.renderReasons(usable)}
            </select>`}
        ${this.reasonsError ? html`<span class="error-text">${this.reasonsError}</span>` : nothing}
        ${err('reasonId') ? html`<span class="error-text" id="reason-error">${err('reasonId')}</span>` : nothing}
      </div>
      <div class="field">
        <label for="comment">${t('justify.comment')}</label>
        <textarea
          id="comment"
          class="input"
          maxlength=${ABSENCE_LIMITS.comment}
          aria-describedby="comment-hint"
          .value=${this._comment}
          @input=${(e: Event) => (this._comment = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <span class="hint" id="comment-hint">${t(this.staff ? 'justify.staffCommentHint' : 'justify.commentHint')}</span>
      </div>
      ${this.renderDocument()}
      <div role="alert">${this._error ? html`<p class="notice error">${this._error}</p>` : nothing}</div>
      <div class="actions">
        <button class="button primary" type="submit" aria-disabled=${this._busy || this._progress !== null ? 'true' : 'false'}>
          ${this._busy ? html`<span class="spinner" aria-hidden="true"></span>${t('justify.sending')}` : html`${icon(this.staff ? 'check' : 'send', 18)}${t(this.staff ? 'justify.staffSubmit' : 'justify.submit')}`}
        </button>
        <button class="button" type="button" @click=${this.cancel}>${t('justify.cancel')}</button>
      </div>
    </form>`;
  }

  private renderReasons(usable: ReasonDto[]) {
    const t = i18n.t;
    const option = (r: ReasonDto) => html`<option value=${r.id} ?selected=${r.id === this._reasonId}>${r.label}</option>`;
    const confidential = usable.filter((r) => !r.visibleToGuardians);
    // families are only ever offered the visible ones; vie scolaire sees which reasons the family will not read
    if (!this.staff || confidential.length === 0) return usable.map(option);
    return html`<optgroup label=${t('justify.reasonsVisible')}>${usable.filter((r) => r.visibleToGuardians).map(option)}</optgroup>
      <optgroup label=${t('justify.reasonsConfidential')}>${confidential.map(option)}</optgroup>`;
  }

  private renderDocument() {
    const t = i18n.t;
    const accept = Object.keys(DOCUMENT_TYPES).join(',') + ',.pdf,.jpg,.jpeg,.png,.webp,.heic';
    return html`<div class="field">
      <span class="label" id="doc-label"><strong>${t('justify.document')}</strong></span>
      <span class="hint" id="doc-hint">${t('justify.documentHint')}</span>
      ${this._document
        ? html`<div class="file-row">
            ${icon('file', 22)}
            <div>
              <div class="name">${this._document.name}</div>
              <div class="details">${fileKindLabel(this._document.mimeType, i18n.t)} · ${fileSizeLabel(this._document.size, i18n.locale, i18n.t)}</div>
            </div>
            <button class="button small" type="button" aria-label=${t('justify.documentRemove', { name: this._document.name })} @click=${this.removeDocument}>
              ${icon('x', 16)}
            </button>
          </div>`
        : this._progress !== null
          ? html`<div class="file-row">
              ${icon('paperclip', 20)}
              <div>
                <progress max="100" value=${Math.round(this._progress * 100)} aria-label=${t('justify.uploading', { percent: Math.round(this._progress * 100) })}></progress>
              </div>
              <span class="details">${Math.round(this._progress * 100)}\u00a0%</span>
            </div>`
          : html`<div>
              <button class="button choose" type="button" aria-describedby="doc-label doc-hint" @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}>
                ${icon('paperclip', 18)}${t('justify.documentChoose')}
              </button>
            </div>`}
      <input type="file" accept=${accept} tabindex="-1" aria-hidden="true" @change=${this.onPick} />
      <div class="visually-hidden" role="status">${this._uploaded}</div>
    </div>`;
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this._selected);
    if (on) next.add(id);
    else next.delete(id);
    this._selected = next;
  }

  private async onPick(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const t = i18n.t;
    this._error = '';
    const type = documentType(file);
    if (!Object.keys(DOCUMENT_TYPES).includes(type)) {
      this._error = t('justify.documentType', { name: file.name });
      return;
    }
    if (file.size > ABSENCE_LIMITS.documentBytes) {
      this._error = t('justify.documentTooLarge', { name: file.name });
      return;
    }
    if (file.size === 0) {
      this._error = t('upload.error.empty', { name: file.name });
      return;
    }
    this._progress = 0;
    this.uploadAbort = new AbortController();
    try {
      const typed = file.type ? file : new File([file], file.name, { type });
      this._document = await uploadFile<DocumentDto>(
        `/api/schools/${encodeURIComponent(this.uai)}/absences/documents?name=${encodeURIComponent(file.name.slice(-ABSENCE_LIMITS.documentName))}`,
        typed,
        { onProgress: (p) => (this._progress = p), signal: this.uploadAbort.signal },
      );
      this._uploaded = t('justify.uploaded', { name: file.name });
    } catch (err) {
      if ((err as Error)?.name !== 'AbortError') this._error = describeAbsenceError(err, 'upload', t);
    } finally {
      this._progress = null;
    }
  }

  private removeDocument(): void {
    this._document = null;
    this._uploaded = '';
    this.renderRoot.querySelector<HTMLButtonElement>('.choose')?.focus();
  }

  private async onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy || this._progress !== null) return;
    const t = i18n.t;
    const problems = new Map<string, string>();
    if (this._selected.size === 0) problems.set('absenceIds', t('justify.error.none'));
    if (!this._reasonId) problems.set('reasonId', t('justify.error.reason'));
    this._fieldErrors = problems;
    if (problems.size > 0) {
      this._error = t('justify.error.fix');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(problems.has('absenceIds') ? 'fieldset input' : '#reason')?.focus();
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      const item = await api.post<JustificationReviewItemDto>(`/schools/${encodeURIComponent(this.uai)}/absences/justifications`, {
        absenceIds: this.absences.filter((a) => this._selected.has(a.id)).map((a) => a.id),
        reasonId: this._reasonId,
        comment: this._comment.trim(),
        documentId: this._document?.id ?? null,
      });
      this.dispatchEvent(new CustomEvent<JustificationReviewItemDto>('pw-justified', { detail: item, bubbles: true, composed: true }));
    } catch (err) {
      this._fieldErrors = fieldErrors(err);
      this._error = describeAbsenceError(err, 'justify', t);
    } finally {
      this._busy = false;
    }
  }

  private cancel(): void {
    this.uploadAbort?.abort();
    this.dispatchEvent(new CustomEvent('pw-cancel', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-justify-form': JustifyForm;
  }
}
