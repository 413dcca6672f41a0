import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { MeDto } from '../../../../server/contracts/auth';
import type { GroupDto } from '../../../../server/contracts/directory';
import type { AttachmentDto, AudienceCountDto, NewsDto } from '../../../../server/contracts/news';
import { ApiError, api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base, cardSection } from '../../../shared/styles';
import '../components/audience-picker';
import '../components/composer-actions';
import '../components/file-field';
import { icon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import '../components/publication-fields';
import type { PublicationFields, PublicationPatch } from '../components/publication-fields';
import '../components/rich-text-editor';
import { loadFailedNotice, loadingNotice } from '../components/status-notices';
import { audienceProblem, audienceTargets, type AudienceState } from '../lib/audience';
import { DebouncedRequest } from '../lib/debounced-request';
import { formatTime } from '../lib/format-time';
import {
  FIELD_ORDER,
  composerFromNews,
  emptyComposer,
  fieldErrorsFromApi,
  titleRemaining,
  toNewsSave,
  validateComposer,
  type ComposerField,
  type ComposerState,
  type FieldErrors,
  type Intent,
} from '../lib/news-composer';
import { NEWS_CATEGORIES, NEWS_LIMITS } from '../lib/news-constants';
import { categoryLabel } from '../lib/news-labels';
import type { NewsStore } from '../lib/news-store';
import { routeHref } from '../lib/routes';
import { i18n } from '../i18n';
import { composerPreview } from './composer-preview';
import { reportSessionLoss } from './session-loss';
import { composerStyles } from './news-composer-styles';

// the count asks the hub a query over the directory: not at every tick of a checkbox
const COUNT_DEBOUNCE_MS = 350;

/** « Rédiger »: a new item or an edit, with preview, audience count and the hub's validation next to the fields. */
@customElement('pw-news-composer-view')
export class NewsComposerView extends LitElement {
  static override styles = [base, cardSection, newsStyles, composerStyles];

  @property({ attribute: false }) me!: MeDto;
  @property({ attribute: false }) store!: NewsStore;
  /** The item to edit; empty for a new one. */
  @property() newsId = '';
  @property() timeZone = 'Europe/Paris';

  @state() private _form: ComposerState = emptyComposer();
  @state() private _loaded: 'new' | 'loading' | 'ready' | 'failed' | 'locked' = 'new';
  @state() private _editing: NewsDto | null = null;
  @state() private _groups: GroupDto[] | null = null;
  @state() private _groupsFailed = false;
  @state() private _errors: FieldErrors = {};
  @state() private _summary: string | null = null;
  @state() private _tab: 'edit' | 'preview' = 'edit';
  @state() private _saving: Intent | null = null;
  @state() private _uploading = { image: false, attachments: false };

  @query('.error-summary') private _summaryBox?: HTMLElement;
  @query('pw-publication-fields') private _publication?: PublicationFields;

  private readonly locale = new LocaleController(this, i18n);
  private readonly count = new DebouncedRequest<AudienceCountDto>(this, COUNT_DEBOUNCE_MS);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadGroups();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('newsId')) {
      this._errors = {};
      this._summary = null;
      this._tab = 'edit';
      if (this.newsId) void this.loadNews();
      else {
        this._form = emptyComposer();
        this._editing = null;
        this._loaded = 'new';
        this.count.clear();
      }
    }
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private get schoolPath(): string {
    return `/schools/${encodeURIComponent(this.store.uai)}`;
  }

  private async loadGroups(): Promise<void> {
    try {
      this._groups = await api.get<GroupDto[]>(`${this.schoolPath}/groups`);
    } catch {
      this._groupsFailed = true;
    }
  }

  private async loadNews(): Promise<void> {
    this._loaded = 'loading';
    try {
      const news = await api.get<NewsDto>(`${this.schoolPath}/news/${encodeURIComponent(this.newsId)}`);
      this._editing = news;
      if (!news.can.edit) {
        this._loaded = 'locked';
        return;
      }
      this._form = composerFromNews(news, this.timeZone);
      this._loaded = 'ready';
      this.scheduleCount();
    } catch (err) {
      reportSessionLoss(this, err);
      this._loaded = 'failed';
    }
  }

  private patchForm(patch: Partial<ComposerState>): void {
    this._form = { ...this._form, ...patch };
    // an error goes away once its field is touched; the summary stays until the next attempt
    const touched = Object.keys(patch).map((k) => (k === 'screensFrom' || k === 'screensUntil' || k === 'onScreens' ? 'screens' : k));
    if (touched.some((k) => k in this._errors)) {
      const next = { ...this._errors };
      for (const k of touched) delete next[k as ComposerField];
      this._errors = next;
    }
  }

  private onAudience(next: AudienceState): void {
    this.patchForm({ audience: next });
    this.scheduleCount();
  }

  private scheduleCount(): void {
    const targets = audienceTargets(this._form.audience);
    if (targets.length === 0 || audienceProblem(this._form.audience, new Map(), i18n.t)) return this.count.clear();
    this.count.schedule(() => api.post<AudienceCountDto>(`${this.schoolPath}/news/audience-count`, { audience: targets }));
  }

  override render() {
    const t = i18n.t;
    const title = this.newsId ? t('composer.titleEdit') : t('composer.titleNew');
    return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${title}</h1>
          <p class="lead">${t('composer.intro')}</p>
        </div>
        ${this._loaded === 'new' || this._loaded === 'ready' ? this.renderTabs() : nothing}
      </div>
      ${this.renderBody()}`;
  }

  private renderBody() {
    const t = i18n.t;
    switch (this._loaded) {
      case 'loading':
        return loadingNotice(t('item.loading'));
      case 'failed':
        return loadFailedNotice(t('composer.loadFailed'));
      case 'locked':
        return html`<p class="notice warning">${t('composer.notEditable')}</p>
          <p><a class="back" href=${routeHref({ name: 'item', id: this.newsId })}>${icon('arrow-left', 18)}${t('mine.view')}</a></p>`;
    }
    return html`<div class="layout">
      <div class="main">
        ${this.renderSummary()}
        <div id="panel-edit" role="tabpanel" aria-labelledby="tab-edit" ?hidden=${this._tab !== 'edit'}>${this.renderForm()}</div>
        <div id="panel-preview" role="tabpanel" aria-labelledby="tab-preview" ?hidden=${this._tab !== 'preview'}>
          ${this._tab === 'preview' ? composerPreview(this._form, `${this.me.firstName} ${this.me.lastName}`, this.timeZone, i18n.t) : nothing}
        </div>
      </div>
      <aside class="card actions-card" aria-label=${t('item.actions')}>
        <pw-composer-actions
          .count=${this.count.value}
          countStatus=${this.count.status}
          ?scheduled=${this._form.schedule}
          .saving=${this._saving}
          @pw-save=${(e: CustomEvent<Intent>) => this.save(e.detail)}
        ></pw-composer-actions>
      </aside>
    </div>`;
  }

  private renderTabs() {
    const t = i18n.t;
    const tab = (id: 'edit' | 'preview', label: string) => html`<button
      id="tab-${id}"
      class="tab"
      type="button"
      role="tab"
      aria-selected=${this._tab === id ? 'true' : 'false'}
      aria-controls="panel-${id}"
      tabindex=${this._tab === id ? 0 : -1}
      @click=${() => (this._tab = id)}
    >
      ${icon(id === 'edit' ? 'pen' : 'eye', 18)}${label}
    </button>`;
    return html`<div class="tabs" role="tablist" aria-label=${t('composer.tabs')} @keydown=${this.onTabKey}>
      ${tab('edit', t('composer.tab.edit'))}${tab('preview', t('composer.tab.preview'))}
    </div>`;
  }

  private onTabKey(e: KeyboardEvent): void {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    this._tab = this._tab === 'edit' ? 'preview' : 'edit';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this._tab}`)?.focus());
  }

  private renderSummary() {
    const t = i18n.t;
    const fields = FIELD_ORDER.filter((f) => this._errors[f]);
    if (!this._summary && fields.length === 0) return nothing;
    return html`<div class="error-summary notice error" role="alert" tabindex="-1">
      <h2>${t('composer.errorSummaryTitle')}</h2>
      ${this._summary ? html`<p>${this._summary}</p>` : nothing}
      ${fields.length
        ? html`<p>${t('composer.errorSummary')}</p>
            <ul>
              ${fields.map((f) => html`<li><a href="#" @click=${(e: Event) => this.goToField(e, f)}>${this._errors[f]}</a></li>`)}
            </ul>`
        : nothing}
    </div>`;
  }

  private renderForm() {
    const t = i18n.t;
    const f = this._form;
    const e = this._errors;
    const left = titleRemaining(f.title);
    return html`<form novalidate @submit=${(ev: Event) => ev.preventDefault()}>
      <section class="card" aria-labelledby="s-content">
        <h2 id="s-content">${icon('pen', 22)}${t('composer.section.content')}</h2>
        <div class="field">
          <label for="f-title">${t('composer.title')} *</label>
          <input
            id="f-title"
            class="input"
            required
            maxlength=${NEWS_LIMITS.title + 20}
            aria-invalid=${e.title || left < 0 ? 'true' : 'false'}
            aria-describedby="f-title-counter ${e.title ? 'f-title-error' : ''}"
            .value=${f.title}
            @input=${(ev: Event) => this.patchForm({ title: (ev.target as HTMLInputElement).value })}
          />
          <span id="f-title-counter" class="hint counter ${left < 0 ? 'over' : ''}" aria-live=${left <= 20 ? 'polite' : 'off'}>
            ${left >= 0 ? t('composer.titleCounter', { n: left }) : t('composer.titleOver', { n: -left })}
          </span>
          ${e.title ? html`<span id="f-title-error" class="error-text">${e.title}</span>` : nothing}
        </div>
        <pw-rich-text-editor
          id="f-bodyHtml"
          label=${t('composer.body')}
          hint=${t('composer.bodyHint')}
          required
          .error=${e.bodyHtml ?? ''}
          .value=${this._editing?.bodyHtml ?? ''}
          @pw-input=${(ev: CustomEvent<string>) => this.patchForm({ bodyHtml: ev.detail })}
        ></pw-rich-text-editor>
        <div class="field">
          <label for="f-category">${t('composer.category')} *</label>
          <select
            id="f-category"
            class="input"
            required
            aria-invalid=${e.category ? 'true' : 'false'}
            aria-describedby=${e.category ? 'f-category-error' : nothing}
            @change=${(ev: Event) => this.patchForm({ category: (ev.target as HTMLSelectElement).value as ComposerState['category'] })}
          >
            <option value="" ?selected=${!f.category}>${t('composer.categoryChoose')}</option>
            ${NEWS_CATEGORIES.map((c) => html`<option value=${c} ?selected=${f.category === c}>${categoryLabel(c, t)}</option>`)}
          </select>
          ${e.category ? html`<span id="f-category-error" class="error-text">${e.category}</span>` : nothing}
        </div>
      </section>

      <section class="card" aria-labelledby="s-audience">
        <h2 id="s-audience">${icon('users', 22)}${t('composer.section.audience')}</h2>
        <pw-audience-picker
          id="f-audience"
          .value=${f.audience}
          .groups=${this._groups}
          ?groupsFailed=${this._groupsFailed}
          .count=${this.count.value}
          countStatus=${this.count.status}
          .error=${e.audience ?? ''}
          @pw-change=${(ev: CustomEvent<AudienceState>) => this.onAudience(ev.detail)}
        ></pw-audience-picker>
      </section>

      <section class="card" aria-labelledby="s-publication">
        <h2 id="s-publication">${icon('clock', 22)}${t('composer.section.publication')}</h2>
        <pw-publication-fields
          .value=${f}
          .errors=${e}
          timeZone=${this.timeZone}
          @pw-patch=${(ev: CustomEvent<PublicationPatch>) => this.patchForm(ev.detail)}
        ></pw-publication-fields>
      </section>

      <section class="card" aria-labelledby="s-files">
        <h2 id="s-files">${icon('paperclip', 22)}${t('composer.section.files')}</h2>
        <pw-file-field
          id="f-image"
          kind="image"
          label=${t('composer.image')}
          hint=${t('composer.imageHint')}
          .error=${e.image ?? ''}
          uploadUrl="/api${this.schoolPath}/news/attachments"
          .files=${f.image ? [f.image] : []}
          @pw-files=${(ev: CustomEvent<AttachmentDto[]>) => this.patchForm({ image: ev.detail[0] ?? null })}
          @pw-busy=${(ev: CustomEvent<boolean>) => (this._uploading = { ...this._uploading, image: ev.detail })}
        ></pw-file-field>
        <pw-file-field
          id="f-attachments"
          kind="attachment"
          label=${t('composer.attachments')}
          hint=${t('composer.attachmentsHint', { max: NEWS_LIMITS.attachments })}
          .error=${e.attachments ?? ''}
          uploadUrl="/api${this.schoolPath}/news/attachments"
          .files=${f.attachments}
          @pw-files=${(ev: CustomEvent<AttachmentDto[]>) => this.patchForm({ attachments: ev.detail })}
          @pw-busy=${(ev: CustomEvent<boolean>) => (this._uploading = { ...this._uploading, attachments: ev.detail })}
        ></pw-file-field>
      </section>
    </form>`;
  }

  private async goToField(e: Event, field: ComposerField): Promise<void> {
    e.preventDefault();
    this._tab = 'edit';
    await this.updateComplete;
    const own: Partial<Record<ComposerField, string>> = { title: 'f-title', category: 'f-category', bodyHtml: 'f-bodyHtml', audience: 'f-audience', image: 'f-image', attachments: 'f-attachments' };
    const inPublication: Partial<Record<ComposerField, string>> = {
      visibility: 'f-visibility',
      publishAt: 'f-publishAt',
      expireOn: 'f-expireOn',
      pinnedUntil: 'f-pinnedUntil',
      ackMode: 'f-ackMode',
      screens: 'f-screensFrom',
    };
    if (own[field]) this.renderRoot.querySelector<HTMLElement>(`#${own[field]}`)?.focus();
    else if (inPublication[field]) this._publication?.focusField(inPublication[field]!);
  }

  private async save(intent: Intent): Promise<void> {
    if (this._saving) return;
    const t = i18n.t;
    this._summary = null;
    if (this._uploading.image || this._uploading.attachments) {
      this._summary = t('composer.uploadsPending');
      return this.showSummary();
    }
    const groupNames = new Map((this._groups ?? []).map((g) => [g.id, g]));
    this._errors = validateComposer(this._form, { t, timeZone: this.timeZone, now: new Date(), intent, groupNames });
    if (Object.keys(this._errors).length > 0) return this.showSummary();

    this._saving = intent;
    const body = toNewsSave(this._form, intent, this.timeZone);
    const path = `${this.schoolPath}/news`;
    try {
      const news = this.newsId
        ? await api.patch<NewsDto>(`${path}/${encodeURIComponent(this.newsId)}`, body)
        : await api.post<NewsDto>(path, body);
      this.store.setFlash({ kind: 'success', text: this.savedMessage(news), newsId: news.id });
      if (news.status === 'submitted') void this.store.refreshQueueCount();
      location.hash = routeHref({ name: 'item', id: news.id });
    } catch (err) {
      reportSessionLoss(this, err);
      const fields = fieldErrorsFromApi(err);
      if (fields) this._errors = fields;
      else this._summary = err instanceof ApiError && err.message ? err.message : t('error.generic');
      if (fields && err instanceof ApiError) this._summary = err.message;
      await this.showSummary();
    } finally {
      this._saving = null;
    }
  }

  private savedMessage(news: NewsDto): string {
    const t = i18n.t;
    switch (news.status) {
      case 'published':
        return t(this.newsId ? 'composer.saved.updated' : 'composer.saved.published');
      case 'scheduled':
        return t('composer.saved.scheduled', {
          date: news.publishAt ? formatTime(news.publishAt, { t, locale: i18n.locale, timeZone: this.timeZone, now: new Date() }).absolute : '',
        });
      case 'submitted':
        return t('composer.saved.submitted');
      default:
        return t('composer.saved.draft');
    }
  }

  private async showSummary(): Promise<void> {
    this._tab = 'edit';
    await this.updateComplete;
    this._summaryBox?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-news-composer-view': NewsComposerView;
  }
}
