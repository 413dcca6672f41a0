import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { MeDto } from '../../../../server/contracts/auth';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { ScreenDto } from '../../../../server/contracts/signage';
import { api } from '../../../shared/api';
import { ClockController } from '../../../shared/clock-controller';
import { base } from '../../../shared/styles';
import { absencesStyles } from '../components/absences-styles';
import '../components/flash-ticker';
import { icon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import { signageStyles } from '../components/signage-styles';
import { loadingNotice, retryNotice } from '../components/status-notices';
import { formatTime } from '../lib/format-time';
import { managesScreens, postsFlashes, readsScreens, routeHref } from '../lib/routes';
import { isSignage, screensAfter, screenStateCounts, sortScreens, stateChanged } from '../lib/signage-live';
import { behindLabel, commandLabel, layoutLabel, screenStateLabel, screenStateTone, zoneLabel } from '../lib/signage-labels';
import { i18n } from '../i18n';
import { pageHead } from './page-head';
import { SignagePage } from './signage-page';

/**
 * « Écrans »: the school's hall screens with their state, kept live from the admins' and
 * direction's channels (admins pair, identify and open a screen's settings; direction reads),
 * and the ticker's « Messages défilants » for everyone who writes them.
 */
@customElement('pw-screens-view')
export class ScreensView extends SignagePage {
  static override styles = [
    base,
    newsStyles,
    absencesStyles,
    signageStyles,
    css`
      .list-head h2 {
        font-size: var(--pu-text-l);
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
      }
      .list-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--pu-space-3);
      }
      table {
        min-width: 720px;
      }
      .behind {
        list-style: none;
        margin: var(--pu-space-1) 0 0;
        padding: 0;
        font-size: var(--pu-text-s);
        color: var(--pu-warning);
        font-weight: 600;
      }
      .seen {
        white-space: nowrap;
      }
      .version {
        font-family: var(--pu-font-mono);
        font-size: var(--pu-text-s);
      }
      .row-actions {
        display: flex;
        flex-wrap: nowrap;
        gap: var(--pu-space-1) var(--pu-space-2);
      }
      th a {
        color: var(--pu-primary);
      }
      tr.arrived td,
      tr.arrived th {
        animation: arrive 2.4s ease-out;
      }
    `,
  ];

  @property({ attribute: false }) me!: MeDto;

  @state() private _screens: ScreenDto[] | null = null;
  @state() private _loadError = '';
  @state() private _arrived = new Set<string>();
  @state() private _busy = new Set<string>();
  /** A screen changing state, said politely for those who cannot see the chip change. */
  @state() private _announce = '';

  // « vu il y a 2 min » moves on with the page left open
  private readonly clock = new ClockController(this, 30_000);

  override connectedCallback(): void {
    super.connectedCallback();
    const note = this.store.takeNote();
    if (note) {
      this._flash = { kind: 'success', text: note.text };
      if (note.screenId) this._arrived = new Set([note.screenId]);
    }
    if (!readsScreens(this.profile)) return;
    this.unsubscribe.push(
      this.store.onEvent((e) => this.onLiveEvent(e)),
      this.store.onResync(() => void this.load()),
    );
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this._screens = sortScreens(await api.get<ScreenDto[]>(`${this.schoolPath}/screens`));
      this._loadError = '';
    } catch (err) {
      this._loadError = this.failure(err, 'load');
    }
  }

  private onLiveEvent(e: EventEnvelope): void {
    if (!this._screens) return;
    const before = this._screens;
    const after = screensAfter(before, e);
    if (after === before) return;
    this._screens = [...after];
    if (isSignage(e, 'screen.status_changed')) {
      const s = e.data.screen;
      if (!before.some((x) => x.id === s.id)) this._arrived = new Set([...this._arrived, s.id]);
      else if (stateChanged(before, s)) this._announce = i18n.t('signage.labelled', { name: s.name, value: screenStateLabel(s.state, i18n.t) });
    }
    this.clock.touch();
  }

  override render() {
    const t = i18n.t;
    const lead = managesScreens(this.profile)
      ? t('signage.screens.leadAdmin')
      : readsScreens(this.profile)
        ? t('signage.screens.leadDirection')
        : t('signage.screens.leadStaff');
    return html`${pageHead(t('signage.screens.title'), lead)} ${this.renderFlash()}
      ${readsScreens(this.profile) ? this.renderScreens() : nothing}
      ${postsFlashes(this.profile) ? html`<pw-flash-ticker schoolPath=${this.schoolPath} timeZone=${this.timeZone}></pw-flash-ticker>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" data-testid="screens-announce">${this._announce}</div>`;
  }

  private renderScreens() {
    const t = i18n.t;
    const admin = managesScreens(this.profile);
    return html`<section class="card panel" aria-labelledby="screens-title">
      <div class="list-head">
        <h2 id="screens-title">${icon('screen', 22)}${t('signage.screens.listTitle')}</h2>
        ${admin
          ? html`<a class="button primary" href=${routeHref({ name: 'pairScreen' })} data-testid="pair-link">${icon('plus', 18)}${t('signage.screens.pair')}</a>`
          : nothing}
      </div>
      ${admin ? nothing : html`<p class="muted small-text">${t('signage.screens.readOnly')}</p>`} ${this.renderBody(admin)}
    </section>`;
  }

  private renderBody(admin: boolean) {
    const t = i18n.t;
    if (this._screens === null) {
      return this._loadError ? retryNotice(this._loadError, t('signage.retry'), () => void this.load()) : loadingNotice(t('signage.screens.loading'));
    }
    if (this._screens.length === 0) {
      return html`<div class="empty" data-testid="screens-empty">
        ${icon('screen', 32)}
        <p>${t('signage.screens.empty')}</p>
        ${admin ? html`<p class="small-text">${t('signage.screens.emptyHint')}</p>` : nothing}
      </div>`;
    }
    void this.clock;
    const counts = screenStateCounts(this._screens);
    return html`<ul class="stats" aria-label=${t('signage.screens.statsLabel')} data-testid="screens-stats">
        ${counts.map((c) => html`<li><span class="status ${screenStateTone(c.state)}">${t('signage.labelled', { name: screenStateLabel(c.state, t), value: c.n })}</span></li>`)}
      </ul>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="screens-title">
        <table data-testid="screens-table">
          <thead>
            <tr>
              <th scope="col">${t('signage.screens.col.name')}</th>
              <th scope="col">${t('signage.screens.col.zone')}</th>
              <th scope="col">${t('signage.screens.col.layout')}</th>
              <th scope="col">${t('signage.screens.col.state')}</th>
              <th scope="col">${t('signage.screens.col.seen')}</th>
              <th scope="col">${t('signage.screens.col.version')}</th>
              ${admin ? html`<th scope="col">${t('signage.screens.col.actions')}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${repeat(
              this._screens,
              (s) => s.id,
              (s) => this.renderRow(s, admin),
            )}
          </tbody>
        </table>
      </div>`;
  }

  private renderRow(s: ScreenDto, admin: boolean) {
    const t = i18n.t;
    const ctx = this.timeContext();
    const seen = s.lastSeenAt ? formatTime(s.lastSeenAt, ctx) : null;
    const busy = this._busy.has(s.id);
    return html`<tr data-testid="screen-row" data-id=${s.id} class=${this._arrived.has(s.id) ? 'arrived' : ''}>
      <th scope="row">${admin ? html`<a href=${routeHref({ name: 'screen', id: s.id })}>${s.name}</a>` : s.name}</th>
      <td>${zoneLabel(s.zone, t)}</td>
      <td>${layoutLabel(s.layout, t)}</td>
      <td>
        <span class="status ${screenStateTone(s.state)}" data-testid="screen-state" data-state=${s.state}>${screenStateLabel(s.state, t)}</span>
        ${s.behind.length
          ? html`<ul class="behind" data-testid="screen-behind">
              ${s.behind.map((b) => html`<li>${behindLabel(b, { t, me: this.me })}</li>`)}
            </ul>`
          : nothing}
      </td>
      <td class="seen">${seen ? html`<time datetime=${seen.iso} title=${seen.absolute}>${t('signage.screens.seen', { relative: seen.relative })}</time>` : t('signage.screens.neverSeen')}</td>
      <td class="version">${s.heartbeat?.version || '—'}</td>
      ${admin
        ? html`<td>
            <div class="row-actions">
              <button
                class="button small"
                type="button"
                aria-disabled=${busy ? 'true' : 'false'}
                aria-label=${t('signage.command.label', { command: commandLabel('identify', t), name: s.name })}
                @click=${() => this.identify(s)}
              >
                ${icon('eye', 16)}${commandLabel('identify', t)}
              </button>
              <a class="button small" href=${routeHref({ name: 'screen', id: s.id })} aria-label=${t('signage.screens.manageLabel', { name: s.name })}>
                ${icon('pen', 16)}${t('signage.screens.manage')}
              </a>
            </div>
          </td>`
        : nothing}
    </tr>`;
  }

  private async identify(s: ScreenDto): Promise<void> {
    if (this._busy.has(s.id)) return;
    const t = i18n.t;
    this._busy = new Set([...this._busy, s.id]);
    try {
      await api.post<void>(`${this.schoolPath}/screens/${encodeURIComponent(s.id)}/commands`, { command: 'identify' });
      const done = t('signage.command.done.identify', { name: s.name });
      this._flash = { kind: s.state === 'offline' ? 'warning' : 'success', text: s.state === 'offline' ? `${done} ${t('signage.command.offlineNote')}` : done };
    } catch (err) {
      this._flash = { kind: 'error', text: this.failure(err, 'command') };
    } finally {
      const busy = new Set(this._busy);
      busy.delete(s.id);
      this._busy = busy;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-screens-view': ScreensView;
  }
}
