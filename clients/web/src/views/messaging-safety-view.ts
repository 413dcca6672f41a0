import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AuditEntryDto, ContactDto, MessagingSettingsDto } from '../../../../server/contracts/messaging';
import { api } from '../../../shared/api';
import { base, cardSection } from '../../../shared/styles';
import '../components/confirm-dialog';
import type { ConfirmDialog } from '../components/confirm-dialog';
import '../components/contact-picker';
import { icon } from '../components/icons';
import { messagingStyles } from '../components/messaging-styles';
import { newsFieldStyles, newsStyles } from '../components/news-styles';
import { loadFailedNotice, loadingNotice } from '../components/status-notices';
import { formatTime } from '../lib/format-time';
import { auditActionLabel, dayAndTime, personWithProfile } from '../lib/messaging-labels';
import { i18n } from '../i18n';
import { MessagingToolView } from './messaging-view';
import { pageHead } from './page-head';
import { reportSessionLoss } from './session-loss';

/** Entries per page of the audit log, as the hub pages it. */
export const AUDIT_PAGE = 50;

/**
 * « Sécurité de la messagerie » (direction, admins): freeze sending school-wide (held messages go
 * out on reopening), suspend one account, and read the audit of list and mass sends.
 */
@customElement('pw-messaging-safety-view')
export class MessagingSafetyView extends MessagingToolView {
  static override styles = [
    base,
    cardSection,
    newsStyles,
    newsFieldStyles,
    messagingStyles,
    css`
      .switch-row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--pu-space-3) var(--pu-space-4);
      }
      [role='switch'] {
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-3);
        min-height: 44px;
        padding: var(--pu-space-1) var(--pu-space-3) var(--pu-space-1) var(--pu-space-1);
        border: 1px solid var(--pu-border-strong);
        border-radius: 999px;
        background: var(--pu-surface);
        font-weight: 700;
        cursor: pointer;
      }
      .track {
        position: relative;
        width: 52px;
        height: 30px;
        border-radius: 999px;
        background: var(--pu-border-strong);
        transition: background-color var(--pu-duration) ease;
      }
      .track::after {
        content: '';
        position: absolute;
        top: 3px;
        left: 3px;
        width: 24px;
        height: 24px;
        border-radius: 50%;
        background: #ffffff;
        transition: transform var(--pu-duration) ease;
      }
      [role='switch'][aria-checked='true'] {
        border-color: var(--pu-danger);
        color: var(--pu-danger);
      }
      [role='switch'][aria-checked='true'] .track {
        background: var(--pu-danger);
      }
      [role='switch'][aria-checked='true'] .track::after {
        transform: translateX(22px);
      }
      .state {
        font-weight: 700;
      }
      .state.frozen {
        color: var(--pu-danger);
      }
      .state.open {
        color: var(--pu-success);
      }
      ul.suspended {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-2);
      }
      ul.suspended li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--pu-space-2);
        padding: var(--pu-space-2) var(--pu-space-3);
        border: 1px solid var(--pu-border);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
      }
      .who {
        font-weight: 600;
      }
      table {
        min-width: 760px;
      }
      td.mono {
        font-family: var(--pu-font-mono);
        font-size: 0.8rem;
        overflow-wrap: anywhere;
      }
      .more {
        justify-self: center;
      }
    `,
  ];

  @property() meId = '';

  @state() private _settings: MessagingSettingsDto | null = null;
  @state() private _status: 'loading' | 'ready' | 'error' = 'loading';
  @state() private _audit: AuditEntryDto[] = [];
  @state() private _auditStatus: 'loading' | 'ready' | 'error' = 'loading';
  @state() private _auditMore = false;
  @state() private _auditLoading = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe.push(
      this.store.onEvent((e) => {
        if (e.type === 'messaging.frozen') void this.loadSettings();
      }),
      this.store.onResync(() => void this.loadSettings()),
    );
    void this.loadSettings();
    void this.loadAudit();
  }

  private async loadSettings(): Promise<void> {
    try {
      this._settings = await api.get<MessagingSettingsDto>(`${this.base}/settings`);
      this._status = 'ready';
    } catch (err) {
      reportSessionLoss(this, err);
      if (!this._settings) this._status = 'error';
    }
  }

  private async loadAudit(more = false): Promise<void> {
    const last = this._audit[this._audit.length - 1];
    const query = more && last ? `?before=${encodeURIComponent(last.at)}` : '';
    this._auditLoading = true;
    try {
      const page = await api.get<AuditEntryDto[]>(`${this.base}/audit${query}`);
      const known = new Set(this._audit.map((a) => a.id));
      this._audit = more ? [...this._audit, ...page.filter((a) => !known.has(a.id))] : page;
      this._auditMore = page.length >= AUDIT_PAGE;
      this._auditStatus = 'ready';
    } catch (err) {
      const why = this.failure(err);
      if (!more) this._auditStatus = 'error';
      else this._flash = { kind: 'warning', text: why };
    } finally {
      this._auditLoading = false;
    }
  }

  override render() {
    const t = i18n.t;
    return html`${pageHead(t('messaging.safety.title'), t('messaging.safety.intro'))}
      ${this.renderFlash()}
      ${this._status === 'loading'
        ? loadingNotice(t('messaging.loading'))
        : this._status === 'error' || !this._settings
          ? loadFailedNotice(t('messaging.loadFailed'))
          : html`${this.renderFreeze(this._settings)} ${this.renderSuspended(this._settings)}`}
      ${this.renderAudit()}
      <pw-confirm-dialog></pw-confirm-dialog>`;
  }

  private renderFreeze(s: MessagingSettingsDto) {
    const t = i18n.t;
    const frozen = !!s.frozen;
    const since = s.frozen ? dayAndTime(s.frozen.at, this.ctx()) : null;
    return html`<section class="card block" aria-labelledby="freeze-title">
      <h2 id="freeze-title">${icon('ban', 22)}${t('messaging.safety.freeze')}</h2>
      <p>${t('messaging.safety.freezeExplain')}</p>
      <div class="switch-row">
        <button
          type="button"
          role="switch"
          aria-checked=${frozen ? 'true' : 'false'}
          aria-describedby="freeze-state"
          aria-disabled=${this._busy ? 'true' : 'false'}
          data-testid="freeze-switch"
          @click=${() => this.toggleFreeze(!frozen)}
        >
          <span class="track" aria-hidden="true"></span>${t('messaging.safety.freezeSwitch')}
        </button>
        <p id="freeze-state" class="state ${frozen ? 'frozen' : 'open'}" data-testid="freeze-state">
          ${frozen && since ? t('messaging.safety.frozenSince', { ...since, by: s.frozen!.by }) : t('messaging.safety.open')}
        </p>
      </div>
    </section>`;
  }

  private renderSuspended(s: MessagingSettingsDto) {
    const t = i18n.t;
    const ctx = this.ctx();
    return html`<section class="card block" aria-labelledby="suspended-title">
      <h2 id="suspended-title">${icon('lock', 22)}${t('messaging.safety.suspended')}</h2>
      <p class="muted">${t('messaging.safety.suspendedExplain')}</p>
      ${s.suspended.length === 0
        ? html`<p class="muted" data-testid="no-suspension">${t('messaging.safety.noSuspension')}</p>`
        : html`<ul class="suspended">
            ${repeat(
              s.suspended,
              (p) => p.id,
              (p) => html`<li data-testid="suspended-person">
                <span><span class="who">${personWithProfile(p, t)}</span> <span class="muted">· ${t('messaging.safety.suspendedAt', dayAndTime(p.at, ctx))}</span></span>
                <button class="button small" type="button" aria-disabled=${this._busy ? 'true' : 'false'} @click=${() => this.lift(p.id, p.name)}>
                  ${icon('return', 16)}${t('messaging.safety.lift')}<span class="visually-hidden"> — ${p.name}</span>
                </button>
              </li>`,
            )}
          </ul>`}
      <pw-contact-picker
        single
        label=${t('messaging.safety.suspendSomeone')}
        hint=${t('messaging.safety.suspendHint')}
        base=${this.base}
        .exclude=${[this.meId, ...s.suspended.map((p) => p.id)]}
        @pw-pick=${(e: CustomEvent<ContactDto>) => this.suspend(e.detail)}
      ></pw-contact-picker>
    </section>`;
  }

  private renderAudit() {
    const t = i18n.t;
    const ctx = this.ctx();
    return html`<section class="card block" aria-labelledby="audit-title">
      <h2 id="audit-title">${icon('file', 22)}${t('messaging.audit.title')}</h2>
      <p class="muted">${t('messaging.audit.intro')}</p>
      ${this._auditStatus === 'loading'
        ? loadingNotice(t('messaging.loading'))
        : this._auditStatus === 'error'
          ? loadFailedNotice(t('messaging.loadFailed'))
          : this._audit.length === 0
            ? html`<div class="empty">${icon('file', 32)}<p>${t('messaging.audit.empty')}</p></div>`
            : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="audit-title">
                  <table data-testid="audit-table">
                    <thead>
                      <tr>
                        <th scope="col">${t('messaging.audit.when')}</th>
                        <th scope="col">${t('messaging.audit.who')}</th>
                        <th scope="col">${t('messaging.audit.action')}</th>
                        <th scope="col" class="num">${t('messaging.audit.recipients')}</th>
                        <th scope="col">${t('messaging.audit.lists')}</th>
                        <th scope="col">${t('messaging.audit.ip')}</th>
                        <th scope="col">${t('messaging.audit.session')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${repeat(
                        this._audit,
                        (a) => a.id,
                        (a) => {
                          const when = formatTime(a.at, ctx);
                          return html`<tr>
                            <td><time datetime=${when.iso} title=${when.absolute}>${when.relative}</time></td>
                            <td>${a.actor ? personWithProfile(a.actor, t) : '—'}</td>
                            <td>${auditActionLabel(a, t)}${a.subject ? html`<div class="muted">${a.subject}</div>` : nothing}</td>
                            <td class="num">${a.recipients ?? '—'}</td>
                            <td>${a.lists.length ? a.lists.join(', ') : '—'}</td>
                            <td class="mono">${a.ip ?? '—'}</td>
                            <td class="mono">${a.session ?? '—'}</td>
                          </tr>`;
                        },
                      )}
                    </tbody>
                  </table>
                </div>
                ${this._auditMore
                  ? html`<button class="button more" type="button" aria-disabled=${this._auditLoading ? 'true' : 'false'} @click=${() => !this._auditLoading && this.loadAudit(true)}>
                      ${this._auditLoading ? t('feed.loadingMore') : t('messaging.more')}
                    </button>`
                  : nothing}`}
    </section>`;
  }

  private get confirm(): ConfirmDialog {
    return this.renderRoot.querySelector<ConfirmDialog>('pw-confirm-dialog')!;
  }

  private async toggleFreeze(frozen: boolean): Promise<void> {
    if (this._busy) return;
    const t = i18n.t;
    const ok = await this.confirm.ask(
      frozen
        ? { title: t('messaging.safety.freezeConfirm.title'), text: t('messaging.safety.freezeConfirm.text'), confirm: t('messaging.safety.freezeConfirm.ok'), cancel: t('item.cancel') }
        : { title: t('messaging.safety.reopenConfirm.title'), text: t('messaging.safety.reopenConfirm.text'), confirm: t('messaging.safety.reopenConfirm.ok'), cancel: t('item.cancel') },
    );
    if (!ok) return;
    await this.applySettings(() => api.put<MessagingSettingsDto>(`${this.base}/freeze`, { frozen }), t(frozen ? 'messaging.safety.frozenDone' : 'messaging.safety.reopenedDone'));
    void this.store.refreshCounts();
    void this.loadAudit();
  }

  private async suspend(person: ContactDto): Promise<void> {
    const t = i18n.t;
    const ok = await this.confirm.ask({
      title: t('messaging.safety.suspendConfirm.title', { name: person.name }),
      text: t('messaging.safety.suspendConfirm.text'),
      confirm: t('messaging.safety.suspendConfirm.ok'),
      cancel: t('item.cancel'),
    });
    if (!ok) return;
    await this.applySettings(() => api.post<MessagingSettingsDto>(`${this.base}/suspensions`, { personId: person.id }), t('messaging.safety.suspendedDone', { name: person.name }));
    void this.loadAudit();
  }

  private async lift(personId: string, name: string): Promise<void> {
    await this.applySettings(() => api.delete<MessagingSettingsDto>(`${this.base}/suspensions/${encodeURIComponent(personId)}`), i18n.t('messaging.safety.liftedDone', { name }));
    void this.loadAudit();
  }

  /** A change of the settings; the hub answers with all of them. */
  private async applySettings(call: () => Promise<MessagingSettingsDto>, done: string): Promise<void> {
    await this.act(async () => {
      this._settings = await call();
      return done;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-messaging-safety-view': MessagingSafetyView;
  }
}
