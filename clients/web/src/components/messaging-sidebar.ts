import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CountsDto } from '../../../../server/contracts/messaging';
import { folders, type Folder } from '../../../../server/contracts/messaging-rules';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { folderLabel } from '../lib/messaging-labels';
import { routeHref, type Route, type RouteName } from '../lib/routes';
import { i18n, type WebKey } from '../i18n';
import { countBadge, countBadgeStyles } from './count-badge';
import { icon, type UiIcon } from './icons';

const FOLDER_ICONS: Record<Folder, UiIcon> = { inbox: 'inbox', sent: 'send', drafts: 'file', trash: 'archive' };
const TOOLS: Partial<Record<RouteName, { label: WebKey; icon: UiIcon }>> = {
  messageLists: { label: 'messaging.nav.lists', icon: 'users' },
  messageHours: { label: 'messaging.nav.hours', icon: 'clock' },
  contactRules: { label: 'messaging.nav.rules', icon: 'list-check' },
  messagingSafety: { label: 'messaging.nav.safety', icon: 'lock' },
};

/** The messagerie's side menu: write, the four folders with their counts, the tool pages of the profile. */
@customElement('pw-messaging-sidebar')
export class MessagingSidebar extends LitElement {
  static override styles = [
    base,
    countBadgeStyles,
    css`
      :host {
        display: grid;
        gap: var(--pu-space-4);
        align-content: start;
        min-width: 0;
      }
      nav {
        min-width: 0;
      }
      .write {
        width: 100%;
      }
      nav h2 {
        font-size: var(--pu-text-s);
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--pu-ink-muted);
        margin: 0 0 var(--pu-space-1) var(--pu-space-3);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 2px;
      }
      a.entry {
        /* the hidden count text is positioned: it must stay inside the strip that scrolls on phones */
        position: relative;
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        min-height: 44px;
        padding: var(--pu-space-1) var(--pu-space-3);
        border-radius: var(--pu-radius-s);
        color: var(--pu-ink);
        font-weight: 600;
        text-decoration: none;
      }
      a.entry:hover {
        background: var(--pu-surface);
      }
      /* the current folder is told by a bar and a background, not by colour alone */
      a.entry[aria-current='page'] {
        background: var(--pu-primary-soft);
        color: var(--pu-primary-hover);
        box-shadow: inset 3px 0 0 var(--pu-primary);
      }
      .label {
        flex: 1;
        min-width: 0;
      }
      .count {
        min-width: 24px;
      }
      .count.quiet {
        color: var(--pu-ink-muted);
        background: var(--pu-surface-sunken);
        border: 1px solid var(--pu-border);
      }
      @media (max-width: 760px) {
        :host {
          gap: var(--pu-space-2);
        }
        nav h2 {
          display: none;
        }
        /* on a phone the folders are a row of tabs that scrolls sideways */
        ul {
          display: flex;
          overflow-x: auto;
          gap: var(--pu-space-1);
          padding-bottom: 2px;
        }
        a.entry {
          white-space: nowrap;
          border: 1px solid var(--pu-border);
          background: var(--pu-surface);
        }
        a.entry[aria-current='page'] {
          box-shadow: inset 0 -3px 0 var(--pu-primary);
        }
      }
    `,
  ];

  @property({ attribute: false }) counts: CountsDto | null = null;
  /** The open folder, or the page when it is not a folder. */
  @property() current: Folder | RouteName = 'inbox';
  @property({ attribute: false }) tools: RouteName[] = [];

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const t = i18n.t;
    return html`<a class="button primary write" href=${routeHref({ name: 'write' })} aria-current=${this.current === 'write' ? 'page' : nothing}
        >${icon('pen', 18)}${t('messaging.write')}</a
      >
      <nav aria-label=${t('messaging.nav.folders')}>
        <ul>
          ${folders.map((f) => this.renderFolder(f))}
        </ul>
      </nav>
      ${this.tools.length
        ? html`<nav aria-labelledby="tools-title">
            <h2 id="tools-title">${t('messaging.nav.tools')}</h2>
            <ul>
              ${this.tools.map((page) => this.renderTool(page))}
            </ul>
          </nav>`
        : nothing}`;
  }

  private renderFolder(folder: Folder) {
    const t = i18n.t;
    const c = this.counts;
    const n = folder === 'inbox' ? (c?.unread ?? 0) : folder === 'drafts' ? (c?.drafts ?? 0) : 0;
    const countText = folder === 'inbox' ? t(n > 1 ? 'messaging.unread.other' : 'messaging.unread.one', { n }) : t(n > 1 ? 'messaging.drafts.other' : 'messaging.drafts.one', { n });
    return html`<li>
      <a class="entry" href=${routeHref({ name: 'messages', folder })} aria-current=${this.current === folder ? 'page' : nothing} data-folder=${folder}>
        ${icon(FOLDER_ICONS[folder], 18)}<span class="label">${folderLabel(folder, t)}</span>
        ${n > 0 ? countBadge(n, countText, folder === 'inbox' ? '' : 'quiet') : nothing}
      </a>
    </li>`;
  }

  private renderTool(page: RouteName) {
    const entry = TOOLS[page];
    if (!entry) return nothing;
    return html`<li>
      <a class="entry" href=${routeHref({ name: page } as Route)} aria-current=${this.current === page ? 'page' : nothing}>
        ${icon(entry.icon, 18)}<span class="label">${i18n.t(entry.label)}</span>
      </a>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-messaging-sidebar': MessagingSidebar;
  }
}
