import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { AttachmentRefDto, SendResultDto } from '../../../../server/contracts/messaging';
import { MESSAGE_LIMITS } from '../../../../server/contracts/messaging-rules';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { confirmationCount, describeMessagingError, sendConfirmation } from '../lib/messaging-errors';
import { isBlankHtml, tidyEditorHtml } from '../lib/rich-text';
import { i18n } from '../i18n';
import { reportSessionLoss } from '../views/session-loss';
import './confirm-dialog';
import type { ConfirmDialog } from './confirm-dialog';
import './file-field';
import { icon } from './icons';
import { messagingStyles } from './messaging-styles';
import { newsStyles } from './news-styles';
import './rich-text-editor';

/**
 * The reply box under a conversation: who the reply reaches, the rich-text editor and
 * attachments of the composer, and the send (with the confirmation the hub may ask for).
 * Reports `pw-replied` with the hub's answer.
 */
@customElement('pw-message-reply')
export class MessageReply extends LitElement {
  static override styles = [
    base,
    newsStyles,
    messagingStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: var(--pu-space-3);
      }
      .reply-to {
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        font-weight: 600;
      }
    `,
  ];

  /** The messagerie's API path and the conversation answered. */
  @property() base = '';
  @property() conversationId = '';
  /** « Réponse à : Claire Moreau » or « Réponse privée à … ». */
  @property() replyTo = '';

  @state() private _body = '';
  @state() private _attachments: AttachmentRefDto[] = [];
  @state() private _uploading = false;
  @state() private _sending = false;
  @state() private _error = '';
  @state() private _bodyError = '';
  @state() private _editorKey = 0;

  @query('pw-confirm-dialog') private _confirm!: ConfirmDialog;

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const t = i18n.t;
    return html`<form class="card block" novalidate aria-labelledby="reply-title" @submit=${this.onSubmit}>
        <h2 id="reply-title">${icon('return', 22)}${t('messaging.reply.title')}</h2>
        <p class="reply-to" data-testid="reply-to">${icon('users', 18)}${this.replyTo}</p>
        ${keyed(
          this._editorKey,
          html`<pw-rich-text-editor
            label=${t('messaging.reply.body')}
            required
            .error=${this._bodyError}
            @pw-input=${(e: CustomEvent<string>) => {
              this._body = e.detail;
              this._bodyError = '';
            }}
          ></pw-rich-text-editor>`,
        )}
        <pw-file-field
          kind="attachment"
          label=${t('messaging.composer.attachments')}
          hint=${t('messaging.composer.attachmentsHint', { max: MESSAGE_LIMITS.attachments, size: MESSAGE_LIMITS.attachmentBytes / (1024 * 1024) })}
          uploadUrl="/api${this.base}/attachments"
          .maxFiles=${MESSAGE_LIMITS.attachments}
          .maxBytes=${MESSAGE_LIMITS.attachmentBytes}
          .files=${this._attachments}
          @pw-files=${(e: CustomEvent<AttachmentRefDto[]>) => (this._attachments = e.detail)}
          @pw-busy=${(e: CustomEvent<boolean>) => (this._uploading = e.detail)}
        ></pw-file-field>
        ${this._error ? html`<p class="notice error" role="alert">${this._error}</p>` : nothing}
        <div class="actions">
          <button class="button primary" type="submit" aria-disabled=${this._sending ? 'true' : 'false'}>
            ${icon('send', 18)}${this._sending ? t('messaging.sending') : t('messaging.reply.send')}
          </button>
        </div>
      </form>
      <pw-confirm-dialog></pw-confirm-dialog>`;
  }

  private async onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._sending) return;
    const t = i18n.t;
    this._error = '';
    const body = tidyEditorHtml(this._body);
    if (isBlankHtml(body)) {
      this._bodyError = t('messaging.composer.error.body');
      return;
    }
    if (this._uploading) {
      this._error = t('composer.uploadsPending');
      return;
    }
    this._sending = true;
    try {
      const result = await this.send(body, false);
      if (!result) return;
      this._body = '';
      this._attachments = [];
      this._editorKey++;
      this.dispatchEvent(new CustomEvent<SendResultDto>('pw-replied', { detail: result, bubbles: true, composed: true }));
    } finally {
      this._sending = false;
    }
  }

  private async send(bodyHtml: string, confirm: boolean): Promise<SendResultDto | null> {
    const t = i18n.t;
    try {
      return await api.post<SendResultDto>(`${this.base}/threads/${encodeURIComponent(this.conversationId)}/replies`, {
        bodyHtml,
        attachmentIds: this._attachments.map((a) => a.id),
        confirm,
      });
    } catch (err) {
      reportSessionLoss(this, err);
      const n = confirmationCount(err);
      if (n !== null && !confirm) {
        const ok = await this._confirm.ask(sendConfirmation(n, t));
        return ok ? this.send(bodyHtml, true) : null;
      }
      this._error = describeMessagingError(err, t);
      return null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-message-reply': MessageReply;
  }
}
