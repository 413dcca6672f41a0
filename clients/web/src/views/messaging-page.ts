import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { MeDto } from '../../../../server/contracts/auth';
import type { CountsDto } from '../../../../server/contracts/messaging';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { icon } from '../components/icons';
import '../components/messaging-sidebar';
import type { MessagingStore } from '../lib/messaging-store';
import { editsContactRules, messagingTools, type Route } from '../lib/routes';
import { i18n } from '../i18n';
import './contact-rules-view';
import './message-composer-view';
import './message-folder-view';
import './message-hours-view';
import './message-lists-view';
import './message-thread-view';
import './messaging-safety-view';

/**
 * « Messagerie »: the side menu (write, folders, tools) and the page of the route beside it, with
 * the freeze banner above every page while direction has suspended sending.
 */
@customElement('pw-messaging-page')
export class MessagingPage extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        gap: var(--pu-space-4);
      }
      .layout {
        display: grid;
        grid-template-columns: 250px minmax(0, 1fr);
        gap: var(--pu-space-5);
        align-items: start;
      }
      .layout > * {
        min-width: 0;
      }
      .frozen {
        display: flex;
        align-items: flex-start;
        gap: var(--pu-space-2);
        font-weight: 600;
      }
      .frozen .icon {
        flex: none;
        margin-top: 2px;
      }
      @media (max-width: 760px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
          gap: var(--pu-space-4);
        }
      }
    `,
  ];

  @property({ attribute: false }) route: Route = { name: 'messages' };
  @property({ attribute: false }) store!: MessagingStore;
  @property({ attribute: false }) me!: MeDto;
  @property() timeZone = 'Europe/Paris';

  @state() private _counts: CountsDto | null = null;

  private readonly locale = new LocaleController(this, i18n);
  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this._counts = this.store.counts;
    this.unsubscribe = this.store.subscribe((c) => (this._counts = c));
    void this.store.refreshCounts();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  /** The shown page's heading, which announces it. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    const page = this.renderRoot.querySelector<HTMLElement & { focusHeading?: () => Promise<void> }>('.content > *');
    if (page?.focusHeading) await page.focusHeading();
  }

  override render() {
    const t = i18n.t;
    const { profile, staffFunction } = this.me.current;
    return html`${this._counts?.frozen
        ? html`<p class="notice warning frozen" role="status" data-testid="frozen-banner">${icon('ban', 20)}${t(profile === 'direction' ? 'messaging.frozenBannerDirection' : 'messaging.frozenBanner')}</p>`
        : nothing}
      <div class="layout">
        <pw-messaging-sidebar .counts=${this._counts} current=${this.current()} .tools=${messagingTools(profile, staffFunction)}></pw-messaging-sidebar>
        <div class="content">${this.renderPage()}</div>
      </div>`;
  }

  private current(): string {
    const r = this.route;
    if (r.name === 'messages') return r.folder ?? 'inbox';
    // a conversation sits in the inbox, where most are opened from
    if (r.name === 'thread') return 'inbox';
    return r.name;
  }

  private renderPage() {
    const r = this.route;
    const { store, timeZone } = this;
    const me = this.me;
    switch (r.name) {
      case 'thread':
        return keyed(
          r.id,
          html`<pw-message-thread-view .store=${store} timeZone=${timeZone} conversationId=${r.id} profile=${me.current.profile}></pw-message-thread-view>`,
        );
      case 'write':
        // a fresh composer per draft: no half-typed text carries over to another one
        return keyed(r.id ?? 'new', html`<pw-message-composer-view .store=${store} timeZone=${timeZone} draftId=${r.id ?? ''} .me=${me}></pw-message-composer-view>`);
      case 'messageLists':
        return html`<pw-message-lists-view .store=${store} timeZone=${timeZone}></pw-message-lists-view>`;
      case 'messageHours':
        return html`<pw-message-hours-view .store=${store} timeZone=${timeZone}></pw-message-hours-view>`;
      case 'contactRules':
        return html`<pw-contact-rules-view .store=${store} timeZone=${timeZone} ?editable=${editsContactRules(me.current.profile)}></pw-contact-rules-view>`;
      case 'messagingSafety':
        return html`<pw-messaging-safety-view .store=${store} timeZone=${timeZone} meId=${me.id}></pw-messaging-safety-view>`;
      default: {
        const folder = r.name === 'messages' ? (r.folder ?? 'inbox') : 'inbox';
        return keyed(folder, html`<pw-message-folder-view .store=${store} timeZone=${timeZone} folder=${folder} meId=${me.id}></pw-message-folder-view>`);
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-messaging-page': MessagingPage;
  }
}
