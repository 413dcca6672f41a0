import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { MeDto } from '../../../../server/contracts/auth';
import type { AttachmentRefDto, DraftDto, ListDto, RecipientCountDto, SendResultDto } from '../../../../server/contracts/messaging';
import { MESSAGE_LIMITS } from '../../../../server/contracts/messaging-rules';
import { fromZonedInput, toZonedInput } from '../../../../server/contracts/zoned-time';
import { ApiError, api } from '../../../shared/api';
import { base, cardSection } from '../../../shared/styles';
import '../components/confirm-dialog';
import type { ConfirmDialog } from '../components/confirm-dialog';
import '../components/contact-picker';
import '../components/file-field';
import { defaultPublishAt } from '../components/publication-fields';
import { icon } from '../components/icons';
import { messagingStyles } from '../components/messaging-styles';
import { newsFieldStyles, newsStyles } from '../components/news-styles';
import '../components/rich-text-editor';
import { loadFailedNotice, loadingNotice } from '../components/status-notices';
import { DebouncedRequest } from '../lib/debounced-request';
import { confirmationCount, describeMessagingError, refusedRecipients, sendConfirmation } from '../lib/messaging-errors';
import {
  MESSAGE_FIELDS,
  addressees,
  emptyMessage,
  hasContent,
  listsReach,
  messageFromDraft,
  toDraftInput,
  toSendInput,
  toggleList,
  validateMessage,
  type MessageErrors,
  type MessageField,
  type MessageForm,
  type Recipient,
} from '../lib/messaging-composer';
import { closedNotice, dayAndTime } from '../lib/messaging-labels';
import { routeHref } from '../lib/routes';
import { i18n } from '../i18n';
import { MessagingView } from './messaging-view';
import { actionsBelowForm, composerStyles } from './news-composer-styles';
import { pageHead } from './page-head';
import { reportSessionLoss } from './session-loss';

// the total is a query over lists and the directory: not at every pick
const COUNT_DEBOUNCE_MS = 350;

type Saving = 'send' | 'draft' | null;

/** « Nouveau message »: addressees from the address book and lists, the live total, text, files, a send now or later, drafts. */
@customElement('pw-message-composer-view')
export class MessageComposerView extends MessagingView {
  static override styles = [
    base,
    cardSection,
    newsStyles,
    newsFieldStyles,
    composerStyles,
    messagingStyles,
    // beside the side menu there is no room for a third column
    actionsBelowForm,
    css`
      .lists {
        display: grid;
        gap: var(--pu-space-2);
        grid-template-columns: repeat(auto-fill, minmax(230px, 1fr));
      }
      .choice .n {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      .total {
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        font-weight: 700;
        font-size: var(--pu-text-l);
      }
      .aside-text {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      .aside-text.warn {
        color: var(--pu-warning);
        font-weight: 600;
      }
      .aside-text.bad {
        color: var(--pu-danger);
        font-weight: 600;
      }
      .actions-card {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--pu-space-2) var(--pu-space-4);
      }
      .summary-side {
        display: grid;
        gap: var(--pu-space-1);
        min-width: 0;
      }
      .total {
        font-size: var(--pu-text-m);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-2);
      }
      @media (max-width: 480px) {
        .buttons,
        .buttons .button {
          width: 100%;
        }
      }
    `,
  ];

  @property({ attribute: false }) me!: MeDto;
  /** The draft to continue; empty for a new message. */
  @property() draftId = '';

  @state() private _form: MessageForm = emptyMessage();
  @state() private _loaded: 'ready' | 'loading' | 'failed' = 'ready';
  @state() private _startBody = '';
  @state() private _lists: ListDto[] = [];
  @state() private _errors: MessageErrors = {};
  @state() private _summary: string | null = null;
  @state() private _note: string | null = null;
  @state() private _saving: Saving = null;
  @state() private _uploading = false;

  @query('pw-confirm-dialog') private _confirm!: ConfirmDialog;

  /** The draft this form is saved as, once it has been (its id then goes with the send). */
  private savedDraftId: string | null = null;
  private readonly count = new DebouncedRequest<RecipientCountDto>(this, COUNT_DEBOUNCE_MS);

  override connectedCallback(): void {
    super.connectedCallback();
    this.savedDraftId = this.draftId || null;
    void this.loadLists();
    if (this.draftId) void this.loadDraft();
    const flash = this.store.takeFlash();
    if (flash) this._note = flash.text;
  }

  private async loadLists(): Promise<void> {
    try {
      this._lists = await api.get<ListDto[]>(`${this.base}/lists`);
    } catch {
      // without lists the person still writes to people; the hub refuses what it must
      this._lists = [];
    }
  }

  private async loadDraft(): Promise<void> {
    this._loaded = 'loading';
    try {
      const draft = await api.get<DraftDto>(`${this.base}/drafts/${encodeURIComponent(this.draftId)}`);
      this._form = messageFromDraft(draft);
      this._startBody = draft.bodyHtml;
      // lists the person no longer may use still show, so that they can be unticked
      const known = new Set(this._lists.map((l) => l.key));
      this._lists = [...this._lists, ...draft.lists.filter((l) => !known.has(l.key))];
      this._loaded = 'ready';
      this.scheduleCount();
    } catch (err) {
      reportSessionLoss(this, err);
      this._loaded = 'failed';
    }
  }

  private patch(p: Partial<MessageForm>): void {
    this._form = { ...this._form, ...p };
    const touched = Object.keys(p).map((k) => (k === 'people' || k === 'lists' ? 'to' : k === 'schedule' ? 'sendAt' : k)) as MessageField[];
    if (touched.some((k) => k in this._errors)) {
      const next = { ...this._errors };
      for (const k of touched) delete next[k];
      this._errors = next;
    }
    if ('people' in p || 'lists' in p) this.scheduleCount();
  }

  private scheduleCount(): void {
    const to = addressees(this._form);
    if (to.people.length === 0 && to.lists.length === 0) return this.count.clear();
    this.count.schedule(() => api.post<RecipientCountDto>(`${this.base}/recipient-count`, { to }));
  }

  override render() {
    const t = i18n.t;
    return html`${pageHead(this.draftId ? t('messaging.composer.titleDraft') : t('messaging.composer.title'), t('messaging.composer.intro'))}
      ${this._note ? html`<p class="notice success" role="status">${this._note}</p>` : nothing} ${this.renderBody()}
      <pw-confirm-dialog></pw-confirm-dialog>`;
  }

  private renderBody() {
    const t = i18n.t;
    if (this._loaded === 'loading') return loadingNotice(t('messaging.loading'));
    if (this._loaded === 'failed') return loadFailedNotice(t('messaging.composer.loadFailed'));
    return html`<div class="layout">
      <div class="main">
        ${this.renderSummary()}
        <form novalidate @submit=${(e: Event) => e.preventDefault()}>
          ${this.renderAddressees()} ${this.renderContent()} ${this.renderWhen()}
        </form>
      </div>
      <aside class="card actions-card" aria-label=${t('messaging.composer.actions')}>${this.renderActions()}</aside>
    </div>`;
  }

  private renderSummary() {
    const t = i18n.t;
    const fields = MESSAGE_FIELDS.filter((f) => this._errors[f]);
    if (!this._summary && fields.length === 0) return nothing;
    return html`<div class="error-summary notice error" role="alert" tabindex="-1">
      <h2>${t('messaging.composer.errorTitle')}</h2>
      ${this._summary ? html`<p>${this._summary}</p>` : nothing}
      ${fields.length
        ? html`<ul>
            ${fields.map((f) => html`<li><a href="#" @click=${(e: Event) => this.goToField(e, f)}>${this._errors[f]}</a></li>`)}
          </ul>`
        : nothing}
    </div>`;
  }

  private renderAddressees() {
    const t = i18n.t;
    const f = this._form;
    const ctx = this.ctx();
    const notices = f.people.map((p) => closedNotice(p, ctx)).filter((n): n is string => !!n);
    const deferred = (this.count.value?.deferred ?? []).filter((d) => !f.people.some((p) => p.id === d.person.id && p.closedUntil));
    return html`<section class="card" aria-labelledby="s-to">
      <h2 id="s-to">${icon('users', 22)}${t('messaging.composer.section.to')}</h2>
      <pw-contact-picker
        id="f-to"
        label=${t('messaging.composer.people')}
        hint=${t('messaging.composer.peopleHint')}
        base=${this.base}
        .selected=${f.people}
        .exclude=${[this.me.id]}
        .error=${this._errors.to && this._lists.length === 0 ? this._errors.to : ''}
        @pw-change=${(e: CustomEvent<Recipient[]>) => this.patch({ people: e.detail })}
      ></pw-contact-picker>
      ${notices.length || deferred.length
        ? html`<div class="notice warning with-icon" role="status" data-testid="closed-notice">
            ${icon('clock', 18)}
            <div>${[...notices, ...deferred.map((d) => d.notice)].map((n) => html`<p>${n}</p>`)}</div>
          </div>`
        : nothing}
      ${this._lists.length ? this.renderLists() : nothing}
    </section>`;
  }

  private renderLists() {
    const t = i18n.t;
    const f = this._form;
    const error = this._errors.to;
    return html`<fieldset id="f-lists" aria-describedby=${error ? 'f-lists-error' : nothing}>
      <legend>${t('messaging.composer.lists')}</legend>
      <div class="lists">
        ${this._lists.map(
          (l) => html`<label class="choice">
            <input type="checkbox" .checked=${f.lists.includes(l.key)} @change=${(e: Event) => this.patch({ lists: toggleList(f.lists, l.key, (e.target as HTMLInputElement).checked) })} />
            <span>${l.label} <span class="n">(${t(l.count > 1 ? 'messaging.people.other' : 'messaging.people.one', { n: l.count })})</span></span>
          </label>`,
        )}
      </div>
      ${error ? html`<span class="error-text" id="f-lists-error">${error}</span>` : nothing}
    </fieldset>`;
  }

  private renderContent() {
    const t = i18n.t;
    const f = this._form;
    const e = this._errors;
    return html`<section class="card" aria-labelledby="s-content">
      <h2 id="s-content">${icon('pen', 22)}${t('messaging.composer.section.content')}</h2>
      <div class="field">
        <label for="f-subject">${t('messaging.composer.subject')} *</label>
        <input
          id="f-subject"
          class="input"
          required
          maxlength=${MESSAGE_LIMITS.subject}
          aria-invalid=${e.subject ? 'true' : 'false'}
          aria-describedby=${e.subject ? 'f-subject-error' : nothing}
          .value=${f.subject}
          @input=${(ev: Event) => this.patch({ subject: (ev.target as HTMLInputElement).value })}
        />
        ${e.subject ? html`<span id="f-subject-error" class="error-text">${e.subject}</span>` : nothing}
      </div>
      <pw-rich-text-editor
        id="f-bodyHtml"
        label=${t('messaging.composer.body')}
        required
        .error=${e.bodyHtml ?? ''}
        .value=${this._startBody}
        @pw-input=${(ev: CustomEvent<string>) => this.patch({ bodyHtml: ev.detail })}
      ></pw-rich-text-editor>
      <pw-file-field
        id="f-attachments"
        kind="attachment"
        label=${t('messaging.composer.attachments')}
        hint=${t('messaging.composer.attachmentsHint', { max: MESSAGE_LIMITS.attachments, size: MESSAGE_LIMITS.attachmentBytes / (1024 * 1024) })}
        .error=${e.attachments ?? ''}
        uploadUrl="/api${this.base}/attachments"
        .maxFiles=${MESSAGE_LIMITS.attachments}
        .maxBytes=${MESSAGE_LIMITS.attachmentBytes}
        .files=${f.attachments}
        @pw-files=${(ev: CustomEvent<AttachmentRefDto[]>) => this.patch({ attachments: ev.detail })}
        @pw-busy=${(ev: CustomEvent<boolean>) => (this._uploading = ev.detail)}
      ></pw-file-field>
    </section>`;
  }

  private renderWhen() {
    const t = i18n.t;
    const f = this._form;
    const e = this._errors;
    const now = new Date();
    return html`<section class="card" aria-labelledby="s-when">
      <h2 id="s-when">${icon('clock', 22)}${t('messaging.composer.section.when')}</h2>
      <label class="choice">
        <input
          id="f-schedule"
          type="checkbox"
          .checked=${f.schedule}
          @change=${(ev: Event) => {
            const on = (ev.target as HTMLInputElement).checked;
            this.patch({ schedule: on, sendAt: f.sendAt || defaultPublishAt(now, this.timeZone) });
          }}
        />
        <span>${t('messaging.composer.schedule')}<span class="hint">${t('messaging.composer.scheduleHint')}</span></span>
      </label>
      ${f.schedule
        ? html`<div class="field">
            <label for="f-sendAt">${t('messaging.composer.sendAt')}</label>
            <input
              id="f-sendAt"
              class="input"
              type="datetime-local"
              min=${toZonedInput(now, this.timeZone)}
              .value=${f.sendAt}
              aria-invalid=${e.sendAt ? 'true' : 'false'}
              aria-describedby="f-sendAt-hint ${e.sendAt ? 'f-sendAt-error' : ''}"
              @change=${(ev: Event) => this.patch({ sendAt: (ev.target as HTMLInputElement).value })}
            />
            <span class="hint" id="f-sendAt-hint">${t('messaging.composer.sendAtHint', { zone: this.timeZone })}</span>
            ${e.sendAt ? html`<span class="error-text" id="f-sendAt-error">${e.sendAt}</span>` : nothing}
          </div>`
        : nothing}
    </section>`;
  }

  private renderActions() {
    const t = i18n.t;
    const c = this.count.value;
    const busy = this._saving !== null;
    const picked = this._form.people.length + listsReach(this._lists, this._form.lists);
    return html`<div class="summary-side">
        <div aria-live="polite" aria-atomic="true" data-testid="recipient-total">
          ${c
            ? html`<p class="total">${icon('users', 18)}${t(c.recipients > 1 ? 'messaging.composer.total.other' : 'messaging.composer.total.one', { n: c.recipients })}</p>`
            : html`<p class="aside-text">
                ${this.count.status === 'loading'
                  ? t('messaging.composer.total.loading')
                  : this.count.status === 'error'
                    ? t('messaging.composer.total.failed')
                    : picked === 0
                      ? t('messaging.composer.total.none')
                      : ''}
              </p>`}
          ${c && c.recipients > c.perSend
            ? html`<p class="aside-text bad">${t('messaging.composer.overLimit', { max: c.perSend })}</p>`
            : c && c.recipients > c.confirmAbove
              ? html`<p class="aside-text warn">${t('messaging.composer.willConfirm', { n: c.confirmAbove })}</p>`
              : nothing}
        </div>
        ${this._form.schedule && this._form.sendAt ? html`<p class="aside-text">${this.scheduledText()}</p>` : nothing}
      </div>
      <div class="buttons">
        <button class="button primary" type="button" aria-disabled=${busy ? 'true' : 'false'} data-testid="send" @click=${() => this.send()}>
          ${icon(this._form.schedule ? 'clock' : 'send', 18)}${this._saving === 'send'
            ? t('messaging.sending')
            : t(this._form.schedule ? 'messaging.composer.scheduleSend' : 'messaging.composer.send')}
        </button>
        <button class="button" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.saveDraft()}>
          ${this._saving === 'draft' ? t('composer.saving') : t('messaging.composer.saveDraft')}
        </button>
      </div>`;
  }

  private scheduledText(): string {
    const at = fromZonedInput(this._form.sendAt, this.timeZone);
    return at ? i18n.t('messaging.composer.scheduledFor', dayAndTime(at, this.ctx())) : '';
  }

  private async goToField(e: Event, field: MessageField): Promise<void> {
    e.preventDefault();
    const ids: Record<MessageField, string> = { to: 'f-to', subject: 'f-subject', bodyHtml: 'f-bodyHtml', attachments: 'f-attachments', sendAt: 'f-sendAt' };
    this.renderRoot.querySelector<HTMLElement>(`#${ids[field]}`)?.focus();
  }

  private async showSummary(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  private async send(confirm = false): Promise<void> {
    if (this._saving && !confirm) return;
    const t = i18n.t;
    this._summary = null;
    this._note = null;
    if (this._uploading) {
      this._summary = t('composer.uploadsPending');
      return this.showSummary();
    }
    this._errors = validateMessage(this._form, { t, timeZone: this.timeZone, now: new Date() });
    if (Object.keys(this._errors).length > 0) return this.showSummary();
    this._saving = 'send';
    try {
      const body = toSendInput(this._form, { timeZone: this.timeZone, draftId: this.savedDraftId, confirm });
      const result = await api.post<SendResultDto>(`${this.base}/messages`, body);
      this.afterSend(result);
    } catch (err) {
      reportSessionLoss(this, err);
      const n = confirmationCount(err);
      if (n !== null && !confirm) {
        const ok = await this._confirm.ask(sendConfirmation(n, t));
        if (ok) return this.send(true);
        this._saving = null;
        return;
      }
      const names = new Map(this._form.people.map((p) => [p.id, p.name]));
      this._summary = describeMessagingError(err, t, names);
      if (refusedRecipients(err).length || (err instanceof ApiError && err.code === 'too_many_recipients')) this._errors = { to: this._summary };
      await this.showSummary();
    } finally {
      if (this._saving === 'send') this._saving = null;
    }
  }

  private afterSend(r: SendResultDto): void {
    const t = i18n.t;
    const notes = r.deferred.map((d) => d.notice);
    if (r.notice) notes.push(r.notice);
    const n = r.recipients;
    let text: string;
    if (r.status === 'held') text = t('messaging.sent.held');
    else if (r.status === 'scheduled') {
      const at = toSendInput(this._form, { timeZone: this.timeZone, draftId: null, confirm: false }).sendAt;
      text = at ? t('messaging.sent.scheduled', dayAndTime(at, this.ctx())) : t('messaging.chip.scheduled');
    } else text = t(n > 1 ? 'messaging.sent.other' : 'messaging.sent.one', { n });
    this.store.setFlash({ kind: r.status === 'held' ? 'warning' : 'success', text, notes });
    void this.store.refreshCounts();
    location.hash = r.status === 'sent' && r.conversationId ? routeHref({ name: 'thread', id: r.conversationId }) : routeHref({ name: 'messages', folder: 'sent' });
  }

  private async saveDraft(): Promise<void> {
    if (this._saving) return;
    const t = i18n.t;
    this._summary = null;
    this._note = null;
    this._errors = {};
    if (!hasContent(this._form)) {
      this._summary = t('messaging.composer.error.emptyDraft');
      return this.showSummary();
    }
    if (this._uploading) {
      this._summary = t('composer.uploadsPending');
      return this.showSummary();
    }
    this._saving = 'draft';
    try {
      const body = toDraftInput(this._form);
      const draft = this.savedDraftId
        ? await api.put<DraftDto>(`${this.base}/drafts/${encodeURIComponent(this.savedDraftId)}`, body)
        : await api.post<DraftDto>(`${this.base}/drafts`, body);
      if (!this.savedDraftId) {
        // the address says which draft this is, without a new page that would lose the caret
        history.replaceState(history.state, '', routeHref({ name: 'write', id: draft.id }));
      }
      this.savedDraftId = draft.id;
      this._note = t('messaging.composer.draftSaved', dayAndTime(draft.updatedAt, this.ctx()));
      void this.store.refreshCounts();
    } catch (err) {
      reportSessionLoss(this, err);
      this._summary = describeMessagingError(err, t);
      await this.showSummary();
    } finally {
      this._saving = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-message-composer-view': MessageComposerView;
  }
}
