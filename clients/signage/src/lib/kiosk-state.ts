// Everything a paired screen draws, as one plain serialisable value: built from the hub's
// snapshot, moved on by live events (each at most once, by its channel's seq), stored whole in
// IndexedDB so that a reload draws it before any network call.
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { AlertDto, FlashDto, ScreenNewsDto, ScreenSelfDto, ScreenSnapshotDto } from '../../../../server/contracts/signage';
import { applyAlertEvent, alertPhase } from './alert-phase';
import { applyBoardUpdate, boardFromSnapshot, pruneBoard, type BoardState } from './board';
import { applyNewsUpdate, pruneNews } from './news';
import { applyFlashUpdate, pruneFlashes } from './ticker';

export interface KioskState {
  screen: ScreenSelfDto;
  school: ScreenSnapshotDto['school'];
  /** Null when this screen's content has no board (the hub then sends none). */
  board: BoardState | null;
  news: ScreenNewsDto[];
  flashes: FlashDto[];
  alert: AlertDto | null;
  /** Hub time until which « Fin d'alerte » shows, when this screen saw the alert end. */
  allClearUntil: number | null;
  /** Last seq applied per channel: the hub replays from there, the heartbeat reports them. */
  cursors: Record<string, number>;
  /** Hub time when the data was last known current (snapshot received, or live link up). */
  syncedAt: number;
}

/** A state from a fresh snapshot received at `nowMs` (hub time). */
export function stateFromSnapshot(dto: ScreenSnapshotDto, nowMs: number): KioskState {
  return {
    screen: dto.screen,
    school: dto.school,
    board: dto.board ? boardFromSnapshot(dto.board) : null,
    news: [...dto.news],
    flashes: [...dto.flashes],
    alert: dto.alert,
    allClearUntil: null,
    cursors: { ...dto.cursors },
    syncedAt: nowMs,
  };
}

/**
 * A snapshot taken over the current state. The snapshot may have been read by the hub just
 * before events this screen already applied live: those (kept in `recent`) are applied again
 * on top, so nothing goes back in time. « Fin d'alerte » in progress stays its 30 seconds.
 */
export function applySnapshot(prev: KioskState | null, dto: ScreenSnapshotDto, nowMs: number, recent: readonly EventEnvelope[] = []): KioskState {
  let next = stateFromSnapshot(dto, nowMs);
  if (prev && prev.screen.id === dto.screen.id) {
    const showingAllClear = alertPhase(prev.alert, prev.screen.zone, nowMs, prev.allClearUntil)?.kind === 'all_clear';
    if (showingAllClear && (dto.alert === null || dto.alert.id === prev.alert?.id)) {
      next = { ...next, alert: prev.alert, allClearUntil: prev.allClearUntil };
    }
    for (const e of recent) next = applyEvent(next, e, nowMs);
  }
  return next;
}

/**
 * One live event applied; the same state back when it was already applied (seq not past the
 * channel's cursor) so that replays after a snapshot or on two channels change nothing twice.
 * Commands change no state (the controller runs them) but still move the cursor.
 */
export function applyEvent(state: KioskState, e: EventEnvelope, nowMs: number): KioskState {
  const last = state.cursors[e.channel];
  if (last !== undefined && e.seq <= last) return state;
  const next: KioskState = { ...state, cursors: { ...state.cursors, [e.channel]: e.seq } };
  switch (e.type) {
    case 'board.updated': {
      const d = e.data as EventEnvelope<'board.updated'>['data'];
      // a screen without the board keeps none, even if an event reaches it
      return next.board ? { ...next, board: applyBoardUpdate(next.board, d.upserted, d.removed) } : next;
    }
    case 'signage.news_updated': {
      const d = e.data as EventEnvelope<'signage.news_updated'>['data'];
      return { ...next, news: applyNewsUpdate(next.news, d.upserted, d.removed) };
    }
    case 'signage.flash_updated': {
      const d = e.data as EventEnvelope<'signage.flash_updated'>['data'];
      return { ...next, flashes: applyFlashUpdate(next.flashes, d.upserted, d.removed) };
    }
    case 'alert.triggered':
    case 'alert.updated':
    case 'alert.ended': {
      const d = e.data as EventEnvelope<'alert.triggered'>['data'];
      return { ...next, ...applyAlertEvent(next, d.alert, next.screen.zone, nowMs) };
    }
    case 'screen.updated': {
      const d = e.data as EventEnvelope<'screen.updated'>['data'];
      return d.screen.id === next.screen.id ? { ...next, screen: d.screen } : next;
    }
    default:
      return next;
  }
}

/** Drops what has run out (board slots over, news and flashes past `until`, alerts done). */
export function pruneExpired(state: KioskState, nowMs: number): KioskState {
  const board = state.board ? pruneBoard(state.board, nowMs) : null;
  const news = pruneNews(state.news, nowMs);
  const flashes = pruneFlashes(state.flashes, nowMs);
  const alertGone = state.alert !== null && alertPhase(state.alert, state.screen.zone, nowMs, state.allClearUntil) === null;
  if (board === state.board && news === state.news && flashes === state.flashes && !alertGone) return state;
  return { ...state, board, news, flashes, ...(alertGone ? { alert: null, allClearUntil: null } : {}) };
}

/** Whether a screen change needs a new snapshot and new channels (board shown or zone moved). */
export function screenChangeNeedsResync(before: ScreenSelfDto, after: ScreenSelfDto): boolean {
  return before.zone !== after.zone || before.content.board !== after.content.board;
}

/** The last events applied, kept for `applySnapshot`: few, so memory stays flat. */
export class RecentEvents {
  private list: EventEnvelope[] = [];
  constructor(private readonly max = 50) {}

  add(e: EventEnvelope): void {
    this.list.push(e);
    if (this.list.length > this.max) this.list.splice(0, this.list.length - this.max);
  }

  all(): readonly EventEnvelope[] {
    return this.list;
  }

  clear(): void {
    this.list = [];
  }
}
