import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { routeHref, type RouteName } from '../lib/routes';
import { i18n, type WebKey } from '../i18n';
import { countBadge, countBadgeStyles } from './count-badge';
import { icon, type UiIcon } from './icons';

const entries: Record<RouteName, { label: WebKey; icon: UiIcon }> = {
  feed: { label: 'nav.feed', icon: 'news' },
  item: { label: 'nav.feed', icon: 'news' },
  compose: { label: 'nav.compose', icon: 'pen' },
  queue: { label: 'nav.queue', icon: 'inbox' },
  mine: { label: 'nav.mine', icon: 'file' },
  live: { label: 'nav.live', icon: 'activity' },
  rollCall: { label: 'nav.rollCall', icon: 'list-check' },
  absences: { label: 'nav.absences', icon: 'absence' },
  dashboard: { label: 'nav.dashboard', icon: 'chart' },
  justifications: { label: 'nav.justifications', icon: 'inbox' },
  teacherAbsences: { label: 'nav.teacherAbsences', icon: 'calendar' },
  timetable: { label: 'nav.timetable', icon: 'clock' },
  messages: { label: 'nav.messages', icon: 'message' },
  thread: { label: 'nav.messages', icon: 'message' },
  write: { label: 'nav.messages', icon: 'message' },
  messageLists: { label: 'nav.messages', icon: 'message' },
  messageHours: { label: 'nav.messages', icon: 'message' },
  contactRules: { label: 'nav.messages', icon: 'message' },
  messagingSafety: { label: 'nav.messages', icon: 'message' },
  screens: { label: 'nav.screens', icon: 'screen' },
  pairScreen: { label: 'nav.screens', icon: 'screen' },
  screen: { label: 'nav.screens', icon: 'screen' },
  alert: { label: 'nav.alert', icon: 'alert' },
  indicators: { label: 'nav.indicators', icon: 'chart' },
};

/** The shell's page links: a plain list of links, the current page marked with aria-current. */
@customElement('pw-app-nav')
export class AppNav extends LitElement {
  static override styles = [
    base,
    countBadgeStyles,
    css`
      :host {
        display: block;
        background: var(--pu-surface);
        border-bottom: 1px solid var(--pu-border);
      }
      .inner {
        max-width: 1160px;
        margin: 0 auto;
        padding: 0 var(--pu-space-5);
        display: flex;
        flex-wrap: wrap;
        align-items: stretch;
        /* room for the rule between two lists (8 px each side of it) */
        gap: 0 17px;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--pu-space-2);
      }
      /* the messagerie and the absences pages: lists of their own, set apart by a rule, so each landmark keeps its own name */
      nav.secondary {
        position: relative;
        display: flex;
        align-items: stretch;
      }
      nav.secondary.wrapped::before {
        display: none;
      }
      /* the rule sits in the gap, out of the flow: showing or hiding it never moves a list to
         another line, which would hide or show it again, and so on */
      nav.secondary::before {
        content: '';
        position: absolute;
        left: -9px;
        top: 50%;
        width: 1px;
        height: 24px;
        margin-top: -12px;
        background: var(--pu-border-strong);
      }
      a {
        position: relative;
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-2);
        min-height: 48px;
        padding: var(--pu-space-2) var(--pu-space-3);
        color: var(--pu-ink-muted);
        font-weight: 600;
        text-decoration: none;
        border-radius: var(--pu-radius-s) var(--pu-radius-s) 0 0;
      }
      a:hover {
        color: var(--pu-ink);
        background: var(--pu-surface-sunken);
      }
      a[aria-current='page'] {
        color: var(--pu-primary);
      }
      /* the current page is told by a bar as well as colour (WCAG 1.4.1) */
      a[aria-current='page']::after {
        content: '';
        position: absolute;
        left: var(--pu-space-2);
        right: var(--pu-space-2);
        bottom: 0;
        height: 3px;
        border-radius: 3px 3px 0 0;
        background: currentColor;
      }
      a:focus-visible {
        outline-offset: -3px;
      }
      .count.waiting {
        color: #ffffff;
        background: var(--pu-warning);
      }
      @media (max-width: 640px) {
        .inner {
          padding: 0 var(--pu-space-2);
          gap: 0 9px;
        }
        nav.secondary::before {
          left: -5px;
        }
        ul {
          gap: 0;
        }
        a {
          min-height: 44px;
          padding: var(--pu-space-1) var(--pu-space-2);
          font-size: var(--pu-text-s);
        }
        .icon {
          display: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) pages: RouteName[] = ['feed'];
  @property() current: RouteName = 'feed';
  @property({ type: Number }) unread = 0;
  /** Items waiting for validation; null hides the badge (not direction). */
  @property({ attribute: false }) waiting: number | null = null;
  /** The absences pages of this membership (none: no second list). */
  @property({ attribute: false }) absencePages: RouteName[] = [];
  /** Justifications waiting for vie scolaire's review. */
  @property({ attribute: false }) pending: number | null = null;
  /** The messagerie's entry (none: no list of its own). */
  @property({ attribute: false }) messagingPages: RouteName[] = [];
  /** Unread messages, for the messagerie's badge. */
  @property({ type: Number }) unreadMessages = 0;
  /** The screens and PPMS alert pages of this membership (none: no list of their own). */
  @property({ attribute: false }) signagePages: RouteName[] = [];

  /** Which secondary lists went to a line of their own: their separator would stand alone at the start. */
  @state() private _wrapped: boolean[] = [];

  private readonly locale = new LocaleController(this, i18n);
  private resize?: ResizeObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') this.resize ??= new ResizeObserver(() => this.checkWrap());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
  }

  override updated(): void {
    const inner = this.renderRoot.querySelector('.inner');
    if (inner && this.resize) {
      this.resize.disconnect();
      this.resize.observe(inner);
    }
    this.checkWrap();
  }

  private checkWrap(): void {
    const navs = Array.from(this.renderRoot.querySelectorAll<HTMLElement>('nav'));
    const wrapped = navs.map((nav, i) => i > 0 && nav.offsetTop > navs[i - 1].offsetTop + 4);
    if (wrapped.some((w, i) => w !== !!this._wrapped[i]) || wrapped.length !== this._wrapped.length) this._wrapped = wrapped;
  }

  override render() {
    const t = i18n.t;
    return html`<div class="inner">
      <nav aria-label=${t('nav.label')}>
        <ul>
          ${this.pages.map((page) => this.renderLink(page))}
        </ul>
      </nav>
      ${this.messagingPages.length
        ? html`<nav class="secondary messaging ${this._wrapped[1] ? 'wrapped' : ''}" aria-label=${t('nav.messagesLabel')}>
            <ul>
              ${this.messagingPages.map((page) => this.renderLink(page))}
            </ul>
          </nav>`
        : nothing}
      ${this.absencePages.length
        ? html`<nav class="secondary absences ${this._wrapped[this.messagingPages.length ? 2 : 1] ? 'wrapped' : ''}" aria-label=${t('nav.absencesLabel')}>
            <ul>
              ${this.absencePages.map((page) => this.renderLink(page))}
            </ul>
          </nav>`
        : nothing}
      ${this.signagePages.length
        ? html`<nav
            class="secondary signage ${this._wrapped[1 + (this.messagingPages.length ? 1 : 0) + (this.absencePages.length ? 1 : 0)] ? 'wrapped' : ''}"
            aria-label=${t('nav.signageLabel')}
          >
            <ul>
              ${this.signagePages.map((page) => this.renderLink(page))}
            </ul>
          </nav>`
        : nothing}
    </div>`;
  }

  private renderLink(page: RouteName) {
    const t = i18n.t;
    const entry = entries[page];
    const count =
      page === 'feed'
        ? this.unread
        : page === 'queue'
          ? (this.waiting ?? 0)
          : page === 'justifications'
            ? (this.pending ?? 0)
            : page === 'messages'
              ? this.unreadMessages
              : 0;
    const countLabel =
      page === 'feed'
        ? t(count > 1 ? 'nav.unread.other' : 'nav.unread.one', { n: count })
        : page === 'messages'
          ? t(count > 1 ? 'messaging.unread.other' : 'messaging.unread.one', { n: count })
          : t(count > 1 ? 'nav.waiting.other' : 'nav.waiting.one', { n: count });
    return html`<li>
      <a href=${routeHref({ name: page } as never)} aria-current=${page === this.current ? 'page' : nothing} data-nav=${page}>
        ${icon(entry.icon, 18)}<span>${t(entry.label)}</span>
        ${count > 0 ? countBadge(count, countLabel, page === 'queue' || page === 'justifications' ? 'waiting' : '') : nothing}
      </a>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-app-nav': AppNav;
  }
}
