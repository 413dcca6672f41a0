import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { MeDto } from '../../../../server/contracts/auth';
import type { GroupDto } from '../../../../server/contracts/directory';
import type { CountsDto } from '../../../../server/contracts/messaging';
import type { EventEnvelope } from '../../../../server/contracts/events';
import { ApiError, api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { LiveConnection, type LiveStatus } from '../../../shared/live-connection';
import { base } from '../../../shared/styles';
import '../components/app-header';
import '../components/live-panel';
import type { FeedContext } from '../components/live-panel';
import '../components/memberships-card';
import type { SwitchRequest } from '../components/memberships-card';
import '../components/school-identity-form';
import '../components/app-nav';
import '../components/news-feed';
import '../components/alert-banner';
import { AbsencesStore } from '../lib/absences-store';
import { hubClock } from '../lib/hub-clock';
import { addToFeed } from '../lib/live-feed';
import { showsInLiveList } from '../lib/messaging-live';
import { MessagingStore } from '../lib/messaging-store';
import { unreadCount } from '../lib/news-feed';
import { NewsStore, type FeedState } from '../lib/news-store';
import { isAlertLive, showsSignageInLiveList } from '../lib/signage-live';
import { alertBannerText } from '../lib/signage-labels';
import { SignageStore, type SignageState } from '../lib/signage-store';
import {
  absencesNavPages,
  allowedRoute,
  canAuthor,
  canReview,
  followsAbsences,
  isMessagingRoute,
  messagingNavPages,
  navPages,
  navSection,
  parseRoute,
  readsAlertScreens,
  setsBoard,
  signageNavPages,
  type Route,
  type RouteName,
} from '../lib/routes';
import type { SessionStore } from '../lib/session-store';
import { i18n } from '../i18n';
import './news-composer-view';
import './news-item-view';
import './news-mine-view';
import './news-queue-view';
import './absences-dashboard-view';
import './family-absences-view';
import './justifications-view';
import './roll-call-view';
import './teacher-absences-view';
import './timetable-view';
import './messaging-page';
import './screens-view';
import './indicators-view';
import './screen-pair-view';
import './screen-detail-view';
import './alert-view';

/**
 * The signed-in page: header, navigation and the page of the route (actualités by default, with
 * the live feed beside them), the person's schools and, for direction, the school's identity.
 */
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
  @state() private _route: Route = { name: 'feed' };
  /** The list an item page was opened from, for its way back. */
  @state() private _from: RouteName = 'feed';
  @state() private _news!: FeedState;
  /** Justifications waiting for vie scolaire's review, for the navigation badge. */
  @state() private _pendingJustifications: number | null = null;
  /** The messagerie's counts, for the unread badge. */
  @state() private _messageCounts: CountsDto | null = null;
  /** The PPMS alert in course (the banner), or the one that just ended. */
  @state() private _signage: SignageState = { status: null, ended: null };

  private readonly locale = new LocaleController(this, i18n);
  private live?: LiveConnection;
  private store?: NewsStore;
  private absences?: AbsencesStore;
  private messaging?: MessagingStore;
  private signage?: SignageStore;
  private leaving = false;
  private unsubscribeNews?: () => void;
  private unsubscribePending?: () => void;
  private unsubscribeMessages?: () => void;
  private unsubscribeSignage?: () => void;
  private routeChanged = false;

  override connectedCallback(): void {
    // created here rather than in the constructor: they need whose cursors and which school
    this.live ??= new LiveConnection(this, {
      userId: this.me.id,
      onEvent: (e) => this.onLiveEvent(e),
      onResync: () => this.onResync(),
      onStatus: (s) => this.onLiveStatus(s),
    });
    this.store ??= new NewsStore(api, this.me.current.school.uai, { countsQueue: canReview(this.me.current.profile) });
    this._news = this.store.state;
    this.unsubscribeNews = this.store.subscribe((s) => (this._news = s));
    this.absences ??= new AbsencesStore(api, this.me.current.school.uai, { reviews: this.followsAbsences });
    this.unsubscribePending = this.absences.onPendingCount((n) => (this._pendingJustifications = n));
    this.messaging ??= new MessagingStore(api, this.me.current.school.uai);
    this.unsubscribeMessages = this.messaging.subscribe((c) => (this._messageCounts = c));
    this.signage ??= new SignageStore(api, this.me.current.school.uai, this.me.current.profile);
    this._signage = this.signage.state;
    this.unsubscribeSignage = this.signage.subscribe((st) => (this._signage = st));
    super.connectedCallback();
    this._route = parseRoute(location.hash);
    window.addEventListener('hashchange', this.onHashChange);
    void this.loadGroups();
    void this.store.load();
    void this.absences.refreshPending();
    void this.messaging.refreshCounts();
    void this.loadAlert();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.unsubscribeNews?.();
    this.unsubscribePending?.();
    this.unsubscribeMessages?.();
    this.unsubscribeSignage?.();
  }

  private get followsAbsences(): boolean {
    return followsAbsences(this.me.current.profile, this.me.current.staffFunction);
  }

  override firstUpdated(): void {
    // who just signed in lands on the page's heading, not on a stale focus
    void this.focusPage();
  }

  override updated(): void {
    // also after a locale change, which re-renders without changing `me`
    document.title = `${this.alertTitlePrefix()}${this.pageTitle()} — ${this.me.current.school.name} — ${i18n.t('app.name')}`;
    if (this.routeChanged) {
      this.routeChanged = false;
      void this.focusPage();
    }
  }

  override render() {
    const t = i18n.t;
    const { me } = this;
    const route = allowedRoute(this._route, me.current.profile, me.current.staffFunction);
    return html`
      <a class="skip" href="#main" @click=${this.skipToMain}>${t('app.skipToContent')}</a>
      <pw-alert-banner
        .alert=${this._signage.status?.alert ?? null}
        .ended=${this._signage.ended}
        timeZone=${this.timeZone}
        ?follow=${readsAlertScreens(me.current.profile) && route.name !== 'alert'}
        @pw-dismiss-ended=${this.onDismissEnded}
      ></pw-alert-banner>
      <pw-app-header
        .me=${me}
        ?switching=${this._switching}
        .switchError=${this._switchError}
        @pw-switch=${this.onSwitch}
        @pw-logout=${this.onLogout}
      ></pw-app-header>
      <pw-app-nav
        .pages=${navPages(me.current.profile)}
        current=${route.name === 'item' ? this._from : navSection(route)}
        unread=${unreadCount(this._news.items, new Date())}
        .waiting=${this._news.queueCount}
        .absencePages=${absencesNavPages(me.current.profile, me.current.staffFunction)}
        .pending=${this._pendingJustifications}
        .messagingPages=${messagingNavPages()}
        .unreadMessages=${this._messageCounts?.unread ?? 0}
        .signagePages=${signageNavPages(me.current.profile)}
      ></pw-app-nav>
      <main id="main" tabindex="-1" @pw-session-lost=${() => void this.session.revalidate()}>${this.renderPage(route)}</main>
    `;
  }

  private renderPage(route: Route) {
    const store = this.store!;
    const timeZone = this.timeZone;
    if (isMessagingRoute(route)) {
      return html`<pw-messaging-page data-page .route=${route} .store=${this.messaging!} .me=${this.me} timeZone=${timeZone}></pw-messaging-page>`;
    }
    switch (route.name) {
      case 'item':
        return html`<pw-news-item-view
          data-page
          newsId=${route.id}
          meId=${this.me.id}
          profile=${this.me.current.profile}
          from=${this._from}
          .store=${store}
          timeZone=${timeZone}
        ></pw-news-item-view>`;
      case 'compose':
        // a fresh composer per item: no half-typed text carries over to another one
        return keyed(
          route.id ?? 'new',
          html`<pw-news-composer-view data-page newsId=${route.id ?? ''} .me=${this.me} .store=${store} timeZone=${timeZone}></pw-news-composer-view>`,
        );
      case 'queue':
        return html`<pw-news-queue-view data-page .store=${store} timeZone=${timeZone}></pw-news-queue-view>`;
      case 'mine':
        return html`<pw-news-mine-view data-page .store=${store} timeZone=${timeZone}></pw-news-mine-view>`;
      case 'live':
        return this.renderLivePage();
      case 'rollCall':
        return html`<pw-roll-call-view
          data-page
          .store=${this.absences!}
          timeZone=${timeZone}
          scope=${this.followsAbsences ? 'school' : 'mine'}
          courseId=${route.courseId ?? ''}
          date=${route.date ?? ''}
        ></pw-roll-call-view>`;
      case 'absences':
        return html`<pw-family-absences-view
          data-page
          .store=${this.absences!}
          timeZone=${timeZone}
          profile=${this.me.current.profile === 'student' ? 'student' : 'guardian'}
          liveStatus=${this.live?.status ?? 'connecting'}
          ?reconnecting=${this.live?.hasConnected ?? false}
        ></pw-family-absences-view>`;
      case 'dashboard':
        return html`<pw-absences-dashboard-view
          data-page
          .store=${this.absences!}
          timeZone=${timeZone}
          liveStatus=${this.live?.status ?? 'connecting'}
          ?reconnecting=${this.live?.hasConnected ?? false}
        ></pw-absences-dashboard-view>`;
      case 'justifications':
        return html`<pw-justifications-view data-page .store=${this.absences!} timeZone=${timeZone}></pw-justifications-view>`;
      case 'teacherAbsences':
        return html`<pw-teacher-absences-view
          data-page
          .store=${this.absences!}
          timeZone=${timeZone}
          ?manages=${this.followsAbsences}
          ?setsBoard=${setsBoard(this.me.current.profile)}
        ></pw-teacher-absences-view>`;
      case 'timetable':
        return html`<pw-timetable-view data-page .store=${this.absences!} timeZone=${timeZone}></pw-timetable-view>`;
      case 'indicators':
        return html`<pw-indicators-view data-page uai=${this.me.current.school.uai}></pw-indicators-view>`;
      case 'screens':
        return html`<pw-screens-view data-page .store=${this.signage!} .me=${this.me} profile=${this.me.current.profile} timeZone=${timeZone}></pw-screens-view>`;
      case 'pairScreen':
        // a new QR code scanned while the form is open brings its own code: a fresh form
        return keyed(
          route.code ?? '',
          html`<pw-screen-pair-view data-page .store=${this.signage!} profile=${this.me.current.profile} code=${route.code ?? ''} timeZone=${timeZone}></pw-screen-pair-view>`,
        );
      case 'screen':
        return keyed(
          route.id,
          html`<pw-screen-detail-view data-page .store=${this.signage!} .me=${this.me} profile=${this.me.current.profile} screenId=${route.id} timeZone=${timeZone}></pw-screen-detail-view>`,
        );
      case 'alert':
        return html`<pw-alert-view data-page .store=${this.signage!} profile=${this.me.current.profile} timeZone=${timeZone}></pw-alert-view>`;
      default:
        return this.renderHome();
    }
  }

  private renderHome() {
    const t = i18n.t;
    const { me } = this;
    return html`<div>
        <h1 tabindex="-1">${t('home.greeting', { firstName: me.firstName })}</h1>
        <p class="subtitle">${t('home.subtitle', { school: me.current.school.name })}</p>
      </div>
      <div class="grid">
        <pw-news-feed .store=${this.store!} timeZone=${this.timeZone}></pw-news-feed>
        <aside>${this.renderLivePanel()} ${this.renderSchoolCards()}</aside>
      </div>`;
  }

  private renderLivePage() {
    const t = i18n.t;
    return html`<div>
        <h1 tabindex="-1">${t('live.title')}</h1>
        <p class="subtitle">${t('live.pageIntro')}</p>
      </div>
      <div class="grid">
        ${this.renderLivePanel(t('live.listHeading'))}
        <aside>${this.renderSchoolCards()}</aside>
      </div>`;
  }

  private renderLivePanel(heading = '') {
    const feedContext: FeedContext = { me: this.me, groups: this._groups, timeZone: this.timeZone };
    return html`<pw-live-panel
      .events=${this._events}
      .context=${feedContext}
      heading=${heading}
      .status=${this.live?.status ?? 'connecting'}
      ?reconnecting=${this.live?.hasConnected ?? false}
      ?resynced=${this._resynced}
    ></pw-live-panel>`;
  }

  private renderSchoolCards() {
    const { me } = this;
    const canEditSchool = me.current.profile === 'direction' || me.current.profile === 'admin';
    return html`<pw-memberships-card .me=${me} ?busy=${this._switching} @pw-switch=${this.onSwitch}></pw-memberships-card>
      ${canEditSchool
        ? html`<pw-school-identity-form
            .school=${me.current.school}
            @pw-school-saved=${(e: CustomEvent) => this.session.applySchool(e.detail)}
          ></pw-school-identity-form>`
        : nothing}`;
  }

  private get timeZone(): string {
    return this.me.current.school.timeZone || 'Europe/Paris';
  }

  private pageTitle(): string {
    const t = i18n.t;
    switch (this._route.name) {
      case 'item':
        return t('page.item');
      case 'compose':
        return this._route.id ? t('page.edit') : t('page.compose');
      case 'queue':
        return t('page.queue');
      case 'mine':
        return t('nav.mine');
      case 'live':
        return t('live.title');
      case 'rollCall':
        return t('rollCall.title');
      case 'absences':
        return t('family.title');
      case 'dashboard':
        return t('dashboard.title');
      case 'justifications':
        return t('review.title');
      case 'teacherAbsences':
        return t('teacherAbs.title');
      case 'timetable':
        return t('timetable.title');
      case 'messages':
        return this._route.folder && this._route.folder !== 'inbox' ? `${t(`messaging.folder.${this._route.folder}`)} — ${t('nav.messages')}` : t('nav.messages');
      case 'thread':
        return t('messaging.thread');
      case 'write':
        return t('messaging.composer.title');
      case 'messageLists':
        return t('messaging.lists.title');
      case 'messageHours':
        return t('messaging.hours.title');
      case 'contactRules':
        return t('messaging.rules.title');
      case 'messagingSafety':
        return t('messaging.safety.title');
      case 'screens':
      case 'screen':
        return t('signage.screens.title');
      case 'pairScreen':
        return t('signage.pair.title');
      case 'alert':
        return t('alert.title');
      case 'indicators':
        return t('indicators.title');
      default:
        return t('feed.title');
    }
  }

  /** « ⚠ EXERCICE — » before the page's title while an alert lasts: the tab says it too. */
  private alertTitlePrefix(): string {
    const alert = this._signage.status?.alert;
    if (!alert || !isAlertLive(alert, hubClock.now())) return '';
    return `${i18n.t('alert.titlePrefix', { kind: i18n.t(`alert.banner.kind.${alert.status}`) })} — `;
  }

  private async loadAlert(): Promise<void> {
    try {
      await this.signage?.load();
    } catch (err) {
      // the banner is also fed by the live events; a failed read is tried again at the next resync
      if (err instanceof ApiError && err.status === 401) void this.session.revalidate();
    }
  }

  private readonly onDismissEnded = async () => {
    this.signage?.dismissEnded();
    // the button pressed is gone with the notice: the page keeps the focus
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  };

  private readonly onHashChange = () => {
    const next = parseRoute(location.hash);
    const previous = this._route;
    // an item opened from a list sits under that list; one just saved from the composer, under « Mes publications »
    if (next.name === 'item' && previous.name !== 'item') this._from = previous.name === 'compose' ? 'mine' : previous.name;
    this._route = next;
    this.routeChanged = true;
  };

  // a new page is announced by moving focus to its title (the page does not reload)
  private async focusPage(): Promise<void> {
    await this.updateComplete;
    const page = this.renderRoot.querySelector<HTMLElement & { focusHeading?: () => Promise<void> }>('[data-page]');
    if (page?.focusHeading) await page.focusHeading();
    else this.renderRoot.querySelector<HTMLElement>('main h1')?.focus();
    window.scrollTo({ top: 0 });
  }

  private onLiveEvent(e: EventEnvelope): void {
    if (showsInLiveList(e) && showsSignageInLiveList(e)) this._events = addToFeed(this._events, e);
    this.store?.handle(e);
    this.absences?.handle(e);
    this.messaging?.handle(e);
    this.signage?.handle(e);
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
    void this.store?.load();
    this.absences?.resync();
    this.messaging?.resync();
    this.signage?.resync();
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
      this.store?.reset(this.me.current.school.uai, { countsQueue: canReview(this.me.current.profile) });
      void this.store?.load();
      this.absences?.reset(this.me.current.school.uai, { reviews: this.followsAbsences });
      void this.absences?.refreshPending();
      this.messaging?.reset(this.me.current.school.uai);
      void this.messaging?.refreshCounts();
      this.signage?.reset(this.me.current.school.uai, this.me.current.profile);
      void this.loadAlert();
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
    // the directory's group list is for the school's staff and teachers; families and students are refused it
    if (!canAuthor(this.me.current.profile)) return;
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
