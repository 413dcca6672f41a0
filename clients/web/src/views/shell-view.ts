import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { MeDto } from '../../../../server/contracts/auth';
import type { GroupDto } from '../../../../server/contracts/directory';
import type { EventEnvelope } from '../../../../server/contracts/events';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { LiveConnection, type LiveStatus } from '../../../shared/live-connection';
import { base } from '../../../shared/styles';
import '../components/app-header';
import '../components/live-panel';
import type { FeedContext } from '../components/live-panel';
import '../components/memberships-card';
import type { SwitchRequest } from '../components/memberships-card';
import '../components/school-identity-form';
import { addToFeed } from '../data/live-feed';
import type { SessionStore } from '../data/session-store';
import { i18n } from '../i18n';

/** The signed-in page: header, the live feed, the person's schools and, for direction, the school's identity. */
@customElement('pw-shell-view')
export class ShellView extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      .skip {
        position: absolute;
        left: var(--pu-space-3);
        top: -100px;
        z-index: 10;
        padding: var(--pu-space-2) var(--pu-space-4);
        background: var(--pu-surface);
        color: var(--pu-primary);
        font-weight: 700;
        border-radius: var(--pu-radius-s);
      }
      .skip:focus {
        top: var(--pu-space-3);
      }
      main {
        max-width: 1160px;
        margin: 0 auto;
        padding: var(--pu-space-6) var(--pu-space-5) var(--pu-space-7);
        display: grid;
        gap: var(--pu-space-5);
      }
      main:focus,
      main:focus-visible {
        outline: none;
        box-shadow: none;
      }
      .subtitle {
        color: var(--pu-ink-muted);
        margin-top: var(--pu-space-1);
      }
      .grid {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(300px, 360px);
        gap: var(--pu-space-5);
        align-items: start;
      }
      aside {
        display: grid;
        gap: var(--pu-space-5);
      }
      @media (max-width: 900px) {
        .grid {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      @media (max-width: 480px) {
        main {
          padding: var(--pu-space-5) var(--pu-space-3) var(--pu-space-6);
          gap: var(--pu-space-4);
        }
        .grid,
        aside {
          gap: var(--pu-space-4);
        }
        h1 {
          font-size: var(--pu-text-l);
        }
      }
    `,
  ];

  @property({ attribute: false }) session!: SessionStore;
  @property({ attribute: false }) me!: MeDto;

  @state() private _events: EventEnvelope[] = [];
  @state() private _groups = new Map<string, GroupDto>();
  @state() private _switching = false;
  @state() private _switchError = '';
  @state() private _resynced = false;

  @query('h1') private _heading!: HTMLElement;

  private readonly locale = new LocaleController(this, i18n);
  private live?: LiveConnection;
  private leaving = false;

  override connectedCallback(): void {
    // created here rather than in the constructor: it needs whose cursors to load
    this.live ??= new LiveConnection(this, {
      userId: this.me.id,
      onEvent: (e) => this.onLiveEvent(e),
      onResync: () => this.onResync(),
      onStatus: (s) => this.onLiveStatus(s),
    });
    super.connectedCallback();
    void this.loadGroups();
  }

  override firstUpdated(): void {
    // who just signed in lands on the page's heading, not on a stale focus
    this._heading.focus();
  }

  override updated(): void {
    // also after a locale change, which re-renders without changing `me`
    document.title = `${i18n.t('live.title')} — ${this.me.current.school.name} — ${i18n.t('app.name')}`;
  }

  override render() {
    const t = i18n.t;
    const { me } = this;
    const canEditSchool = me.current.profile === 'direction' || me.current.profile === 'admin';
    const feedContext: FeedContext = { me, groups: this._groups, timeZone: me.current.school.timeZone || 'Europe/Paris' };
    return html`
      <a class="skip" href="#main" @click=${this.skipToMain}>${t('app.skipToContent')}</a>
      <pw-app-header
        .me=${me}
        ?switching=${this._switching}
        .switchError=${this._switchError}
        @pw-switch=${this.onSwitch}
        @pw-logout=${this.onLogout}
      ></pw-app-header>
      <main id="main" tabindex="-1">
        <div>
          <h1 tabindex="-1">${t('home.greeting', { firstName: me.firstName })}</h1>
          <p class="subtitle">${t('home.subtitle', { school: me.current.school.name })}</p>
        </div>
        <div class="grid">
          <pw-live-panel
            .events=${this._events}
            .context=${feedContext}
            .status=${this.live?.status ?? 'connecting'}
            ?reconnecting=${this.live?.hasConnected ?? false}
            ?resynced=${this._resynced}
          ></pw-live-panel>
          <aside>
            <pw-memberships-card .me=${me} ?busy=${this._switching} @pw-switch=${this.onSwitch}></pw-memberships-card>
            ${canEditSchool
              ? html`<pw-school-identity-form
                  .school=${me.current.school}
                  @pw-school-saved=${(e: CustomEvent) => this.session.applySchool(e.detail)}
                  @pw-session-lost=${() => void this.session.revalidate()}
                ></pw-school-identity-form>`
              : nothing}
          </aside>
        </div>
      </main>
    `;
  }

  private onLiveEvent(e: EventEnvelope): void {
    this._events = addToFeed(this._events, e);
    if (e.type === 'school.updated') {
      this.session.applySchool((e as EventEnvelope<'school.updated'>).data.school);
    } else if (e.type === 'membership.changed') {
      void this.session.revalidate();
    } else if (e.type === 'directory.imported') {
      void this.loadGroups();
    }
  }

  private onResync(): void {
    this._resynced = true;
    void this.session.revalidate();
    void this.loadGroups();
  }

  private onLiveStatus(status: LiveStatus): void {
    // refused by the hub while the browser is online: most likely the session ended
    if (status === 'disconnected' && this.isConnected && !this.leaving && navigator.onLine) void this.session.revalidate();
  }

  private async onSwitch(e: CustomEvent<SwitchRequest>): Promise<void> {
    e.stopPropagation();
    if (this._switching) return;
    this._switching = true;
    this._switchError = '';
    try {
      await this.session.switchTo(e.detail.uai, e.detail.profile);
      // another school means other channels and other events
      this._events = [];
      this._resynced = false;
      this._groups = new Map();
      this.live?.reconnect();
      void this.loadGroups();
    } catch {
      this._switchError = i18n.t('header.switchFailed');
    } finally {
      this._switching = false;
    }
  }

  private async onLogout(): Promise<void> {
    this.leaving = true;
    await this.session.signOut();
  }

  private async loadGroups(): Promise<void> {
    const uai = this.me.current.school.uai;
    try {
      const groups = await api.get<GroupDto[]>(`/schools/${encodeURIComponent(uai)}/groups`);
      if (uai === this.me.current.school.uai) this._groups = new Map(groups.map((g) => [g.id, g]));
    } catch {
      // group names only make channel labels nicer: without them a group reads "Un de mes groupes"
    }
  }

  private skipToMain(e: Event): void {
    // fragment links do not cross shadow roots
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-shell-view': ShellView;
  }
}
