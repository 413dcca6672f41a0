import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AttachmentDto } from '../../../../server/contracts/news';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { uploadFile } from '../../../shared/upload';
import { ATTACHMENT_TYPES, IMAGE_TYPES, NEWS_LIMITS } from '../lib/news-constants';
import { fileKindLabel, fileSizeLabel } from '../lib/news-labels';
import { describeUploadError, fileType, uploadProblem, type UploadKind } from '../lib/upload-check';
import { i18n } from '../i18n';
import { icon } from './icons';
import { newsFieldStyles, newsFileRowStyles, newsStyles } from './news-styles';

interface Upload {
  key: number;
  name: string;
  progress: number;
}

/**
 * The composer's image or attachments: files go to the hub as soon as they are picked, with
 * progress, so saving the item only links them. Reports `pw-files` (the list) and `pw-busy`.
 */
@customElement('pw-file-field')
export class FileField extends LitElement {
  static override styles = [
    base,
    newsStyles,
    newsFieldStyles,
    newsFileRowStyles,
    css`
      :host {
        display: grid;
        gap: var(--pu-space-2);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-2);
      }
      .thumb {
        width: 96px;
        height: 64px;
        object-fit: cover;
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface);
      }
      progress {
        width: 100%;
        height: 8px;
        accent-color: var(--pu-primary);
      }
      .icon-button {
        width: 40px;
        height: 40px;
        display: grid;
        place-items: center;
        border: 1px solid var(--pu-border-strong);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface);
        cursor: pointer;
      }
      .icon-button:hover {
        color: var(--pu-danger);
        border-color: var(--pu-danger);
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-2);
      }
      input[type='file'] {
        display: none;
      }
      .errors:empty {
        display: none;
      }
    `,
  ];

  @property() kind: UploadKind = 'attachment';
  @property() label = '';
  @property() hint = '';
  @property() error = '';
  /** Where files are sent: POST {uploadUrl}?name=… */
  @property() uploadUrl = '';
  @property({ attribute: false }) files: AttachmentDto[] = [];
  /** How many attachments, and how large each: the news limits unless the page has its own (the messagerie's). */
  @property({ type: Number }) maxFiles: number = NEWS_LIMITS.attachments;
  @property({ type: Number }) maxBytes: number = NEWS_LIMITS.attachmentBytes;

  @state() private _uploads: Upload[] = [];
  @state() private _errors: string[] = [];
  @state() private _done = '';

  @query('input[type=file]') private _input!: HTMLInputElement;
  @query('.choose') private _choose!: HTMLButtonElement;

  private readonly locale = new LocaleController(this, i18n);
  private nextKey = 0;

  override focus(): void {
    this._choose?.focus();
  }

  private get max(): number {
    return this.kind === 'image' ? 1 : this.maxFiles;
  }

  override render() {
    const t = i18n.t;
    const accept = (this.kind === 'image' ? [...IMAGE_TYPES] : Object.keys(ATTACHMENT_TYPES)).join(',');
    const full = this.kind !== 'image' && this.files.length + this._uploads.length >= this.max;
    const chooseLabel = this.kind === 'image' ? (this.files.length ? t('composer.imageReplace') : t('composer.imageChoose')) : t('composer.attachmentsChoose');
    return html`<span class="label" id="label">${this.label}</span>
      <span class="hint" id="hint">${this.hint}</span>
      ${this.files.length || this._uploads.length
        ? html`<ul>
            ${repeat(this.files, (f) => f.id, (f) => this.renderFile(f))}
            ${repeat(
              this._uploads,
              (u) => u.key,
              (u) => html`<li class="file-row">
                ${icon('paperclip', 20)}
                <div>
                  <div class="name">${u.name}</div>
                  <progress max="100" value=${Math.round(u.progress * 100)} aria-label=${t('composer.uploading', { name: u.name, percent: Math.round(u.progress * 100) })}></progress>
                </div>
                <span class="details">${Math.round(u.progress * 100)}\u00a0%</span>
              </li>`,
            )}
          </ul>`
        : nothing}
      <div class="row">
        <button class="button choose" type="button" aria-describedby="label hint" ?disabled=${full} @click=${() => this._input.click()}>
          ${icon(this.kind === 'image' ? 'image' : 'plus', 18)}${chooseLabel}
        </button>
        <input type="file" accept=${accept} ?multiple=${this.kind !== 'image'} tabindex="-1" aria-hidden="true" @change=${this.onPick} />
      </div>
      <div class="errors" role="alert">
        ${this.error ? html`<p class="error-text">${this.error}</p>` : nothing}
        ${this._errors.map((e) => html`<p class="notice error">${e}</p>`)}
      </div>
      <div class="visually-hidden" role="status">${this._done}</div>`;
  }

  private renderFile(f: AttachmentDto) {
    const t = i18n.t;
    const details = `${fileKindLabel(f.mimeType, t)} · ${fileSizeLabel(f.size, i18n.locale, t)}`;
    const removeLabel = this.kind === 'image' ? t('composer.imageRemove') : t('composer.attachmentRemove', { name: f.name });
    return html`<li class="file-row">
      ${this.kind === 'image' ? html`<img class="thumb" src=${f.url} alt="" />` : icon('file', 22)}
      <div>
        <div class="name">${f.name}</div>
        <div class="details">${details}</div>
      </div>
      <button class="icon-button" type="button" aria-label=${removeLabel} title=${removeLabel} @click=${() => this.removeFile(f.id)}>
        ${icon('x', 18)}
      </button>
    </li>`;
  }

  private removeFile(id: string): void {
    this.emitFiles(this.files.filter((f) => f.id !== id));
    this._choose?.focus();
  }

  private onPick(): void {
    const picked = Array.from(this._input.files ?? []);
    // the same file picked again must fire change again
    this._input.value = '';
    this._errors = [];
    const room = this.kind === 'image' ? 1 : this.max - this.files.length - this._uploads.length;
    const t = i18n.t;
    if (picked.length > room) this._errors = [t('composer.error.tooManyFiles', { max: this.max })];
    for (const file of picked.slice(0, Math.max(0, room))) {
      const problem = uploadProblem(file, this.kind, t, this.maxBytes);
      if (problem) this._errors = [...this._errors, problem];
      else void this.upload(file);
    }
  }

  private async upload(file: File): Promise<void> {
    const key = this.nextKey++;
    this._uploads = [...this._uploads, { key, name: file.name, progress: 0 }];
    this.emitBusy();
    const typed = file.type ? file : new File([file], file.name, { type: fileType(file) });
    try {
      const dto = await uploadFile<AttachmentDto>(`${this.uploadUrl}?name=${encodeURIComponent(file.name)}`, typed, {
        onProgress: (p) => (this._uploads = this._uploads.map((u) => (u.key === key ? { ...u, progress: p } : u))),
      });
      this.emitFiles(this.kind === 'image' ? [dto] : [...this.files, dto]);
      this._done = i18n.t('composer.uploaded', { name: dto.name });
    } catch (err) {
      this._errors = [...this._errors, describeUploadError(err, file.name, i18n.t, this.maxBytes)];
    } finally {
      this._uploads = this._uploads.filter((u) => u.key !== key);
      this.emitBusy();
    }
  }

  private emitFiles(files: AttachmentDto[]): void {
    this.files = files;
    this.dispatchEvent(new CustomEvent<AttachmentDto[]>('pw-files', { detail: files, bubbles: true, composed: true }));
  }

  private emitBusy(): void {
    this.dispatchEvent(new CustomEvent<boolean>('pw-busy', { detail: this._uploads.length > 0, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-file-field': FileField;
  }
}
