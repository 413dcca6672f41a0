import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { BoardItemDto } from '../../../../server/contracts/absences';
import { i18n, t } from '../i18n';
import { boardPageAt, boardPages, isTomorrow, visibleBoard, type BoardLine, type BoardState } from '../lib/board';
import { calendarDateText, capitalised, schoolDate } from '../lib/school-time';
import { kioskPanel, kioskTokens } from './kiosk-styles';

/** A course line's height in `--u`; headings take the fractions of DEFAULT_LINE_WEIGHTS. */
const ITEM_U = 9;

/**
 * The teacher-absence board: today's changed courses by slot, then tomorrow's from the school's
 * chosen hour. Names only in the school's format, never a reason, never a student. Pages turn
 * every 12 s when the day does not fit.
 */
@customElement('ps-board')
export class BoardPanel extends LitElement {
  static override styles = [
    kioskTokens,
    kioskPanel,
    css`
      section {
        padding: calc(2 * var(--u)) calc(2.6 * var(--u));
        gap: calc(1.2 * var(--u));
      }
      .head {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: calc(2 * var(--u));
      }
      h2 {
        font-size: calc(4 * var(--u));
        font-weight: 800;
        letter-spacing: -0.01em;
      }
      .page {
        font-size: calc(2.4 * var(--u));
        color: var(--k-ink-muted);
        font-variant-numeric: tabular-nums;
      }
      .list {
        flex: 1;
        min-height: 0;
        overflow: hidden;
        animation: fade 600ms ease-out;
      }
      @keyframes fade {
        from {
          opacity: 0;
        }
      }
      .day {
        height: calc(${ITEM_U * 0.6} * var(--u));
        display: flex;
        align-items: flex-end;
        padding-bottom: calc(0.6 * var(--u));
        font-size: calc(3 * var(--u));
        font-weight: 800;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--k-moved);
      }
      .day .date {
        margin-left: calc(1.2 * var(--u));
        color: var(--k-ink-muted);
        font-weight: 600;
        text-transform: none;
        letter-spacing: 0;
      }
      .slot {
        height: calc(${ITEM_U * 0.55} * var(--u));
        display: flex;
        align-items: center;
        gap: calc(1.2 * var(--u));
        font-size: calc(3.1 * var(--u));
        font-weight: 700;
        color: var(--k-ink-muted);
        font-variant-numeric: tabular-nums;
        border-top: 2px solid var(--k-line);
      }
      .slot .code {
        font-size: calc(2.2 * var(--u));
        font-weight: 600;
        color: var(--k-ink-faint);
      }
      .item {
        height: calc(${ITEM_U} * var(--u));
        display: grid;
        grid-template-columns: calc(18 * var(--u)) minmax(0, 1fr) fit-content(40%);
        align-items: center;
        gap: calc(1.6 * var(--u));
        line-height: 1.15;
      }
      .group {
        font-size: calc(4.2 * var(--u));
        font-weight: 800;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .what {
        min-width: 0;
        display: grid;
        line-height: 1.15;
      }
      .subject {
        font-size: calc(3.8 * var(--u));
        font-weight: 700;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .teacher {
        font-size: calc(3 * var(--u));
        color: var(--k-ink-muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .status {
        min-width: 0;
        display: grid;
        justify-items: end;
        gap: calc(0.5 * var(--u));
        text-align: right;
      }
      .pill {
        display: inline-block;
        padding: calc(0.4 * var(--u)) calc(1.4 * var(--u));
        border-radius: calc(0.8 * var(--u));
        font-size: calc(3.1 * var(--u));
        font-weight: 800;
        color: var(--k-on-status);
        white-space: nowrap;
      }
      .pill.cancelled {
        background: var(--k-cancelled);
      }
      .pill.replaced {
        background: var(--k-replaced);
      }
      .pill.moved {
        background: var(--k-moved);
      }
      .detail {
        max-width: 100%;
        font-size: calc(2.8 * var(--u));
        font-weight: 700;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .empty {
        flex: 1;
        display: grid;
        place-content: center;
        justify-items: center;
        gap: calc(2 * var(--u));
        text-align: center;
        font-size: calc(3.4 * var(--u));
        color: var(--k-ink-muted);
      }
      .empty svg {
        width: calc(12 * var(--u));
        height: calc(12 * var(--u));
        color: var(--k-replaced);
      }
    `,
  ];

  @property({ attribute: false }) board!: BoardState;
  @property({ type: Number }) now = 0;
  /** Course lines that fit the list, measured. */
  @state() private _capacity = 8;
  @query('.list') private list?: HTMLElement;
  private observer?: ResizeObserver;
  private observed?: Element;

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver(() => this.measure());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = this.observed = undefined;
  }

  override updated(): void {
    // each page turn draws a new list: observe that one only, or the observer would hold every
    // list ever drawn for the weeks the kiosk runs
    if (!this.observer || this.list === this.observed) return;
    if (this.observed) this.observer.unobserve(this.observed);
    this.observed = this.list;
    if (this.list) this.observer.observe(this.list);
  }

  private measure(): void {
    if (!this.list) return;
    const unit = Math.min(window.innerWidth, window.innerHeight) / 100;
    const capacity = Math.max(1, this.list.clientHeight / (ITEM_U * unit));
    if (Math.abs(capacity - this._capacity) > 0.01) this._capacity = capacity;
  }

  override render() {
    const days = visibleBoard(this.board, this.now);
    const pages = boardPages(days, this._capacity);
    const index = boardPageAt(pages.length, this.now);
    return html`<section data-testid="board" aria-labelledby="board-title">
      <div class="head">
        <h2 id="board-title">${t('board.title')}</h2>
        ${pages.length > 1 ? html`<span class="page">${t('board.page', { n: index + 1, count: pages.length })}</span>` : nothing}
      </div>
      ${pages.length === 0
        ? html`<div class="empty">
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 12.5 9.5 18 20 6.5" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" /></svg>
            <p>${t('board.empty')}</p>
          </div>`
        : // keyed by page, so the fade plays on each turn
          keyed(index, html`<div class="list" role="list" data-page=${index}>${pages[index].map((l) => this.line(l))}</div>`)}
    </section>`;
  }

  private line(l: BoardLine) {
    if (l.kind === 'day') {
      const today = schoolDate(this.now, this.board.timeZone);
      const label = l.today ? t('board.today') : isTomorrow(l.date, today) ? t('board.tomorrow') : capitalised(calendarDateText(l.date, i18n.locale));
      return html`<div class="day" role="presentation">
        ${label}${l.today || isTomorrow(l.date, today) ? html`<span class="date">${calendarDateText(l.date, i18n.locale)}</span>` : nothing}
        ${l.continued ? html`<span class="date">${t('board.continued')}</span>` : nothing}
      </div>`;
    }
    if (l.kind === 'slot') {
      return html`<div class="slot" role="presentation">
        <span>${t('board.slot', { start: l.slot.start, end: l.slot.end })}</span><span class="code">${l.slot.code}</span>
      </div>`;
    }
    return this.item(l.item);
  }

  private item(i: BoardItemDto) {
    const detail =
      i.status === 'replaced' && i.replacementName
        ? t('board.replacedBy', { name: i.replacementName }) + (i.room ? ` · ${t('board.room', { room: i.room })}` : '')
        : i.status !== 'cancelled' && i.room
          ? t('board.room', { room: i.room })
          : '';
    return html`<div class="item" role="listitem" data-testid="board-item" data-id=${i.id} data-status=${i.status}>
      <span class="group">${i.groupName}</span>
      <span class="what"><span class="subject">${i.subject}</span><span class="teacher">${i.teacherName}</span></span>
      <span class="status">
        <span class="pill ${i.status}">${t(`board.status.${i.status}`)}</span>
        ${detail ? html`<span class="detail">${detail}</span>` : nothing}
      </span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-board': BoardPanel;
  }
}
