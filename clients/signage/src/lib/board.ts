// The hall board of teacher absences: which changed courses a screen shows at a given instant.
// Items are kept flat (not by day and slot as the hub sends them) so that a live upsert for any
// day lands without knowing the day's slots, and an old stored snapshot regroups by the date now.
import type { BoardItemDto, BoardSnapshotDto } from '../../../../server/contracts/absences';
import { nextDate, schoolDate, schoolTime } from './school-time';

export interface BoardState {
  timeZone: string;
  /** From this school time on, the next day's changes show too. */
  tomorrowFrom: string;
  items: BoardItemDto[];
}

export interface BoardSlotView {
  code: string;
  /** "08:00" and "08:55" at the school. */
  start: string;
  end: string;
  items: BoardItemDto[];
}

export interface BoardDayView {
  date: string;
  /** True for the school's today; false for the next day with changes. */
  today: boolean;
  slots: BoardSlotView[];
}

/** The board as the kiosk keeps it, from the hub's snapshot. */
export function boardFromSnapshot(dto: BoardSnapshotDto): BoardState {
  const items = [...dto.today.slots, ...dto.tomorrow.slots].flatMap((s) => s.items);
  return { timeZone: dto.timeZone, tomorrowFrom: dto.tomorrowFrom, items: uniqueById(items) };
}

/** A `board.updated` event applied: removals first, then each upserted item replaces its namesake. */
export function applyBoardUpdate(board: BoardState, upserted: BoardItemDto[], removed: string[]): BoardState {
  const drop = new Set([...removed, ...upserted.map((i) => i.id)]);
  return { ...board, items: [...board.items.filter((i) => !drop.has(i.id)), ...upserted] };
}

/** Items whose slot ended are gone for good: dropping them keeps the kiosk's memory bounded. */
export function pruneBoard(board: BoardState, nowMs: number): BoardState {
  const items = board.items.filter((i) => Date.parse(i.endsAt) > nowMs);
  return items.length === board.items.length ? board : { ...board, items };
}

/**
 * What the board shows now: today's courses not yet over, then, once the school clock reads
 * `tomorrowFrom`, the next day that has changes. Items of a slot that ended vanish even if
 * no update came (the kiosk may be offline).
 */
export function visibleBoard(board: BoardState, nowMs: number): BoardDayView[] {
  const today = schoolDate(nowMs, board.timeZone);
  const live = board.items.filter((i) => Date.parse(i.endsAt) > nowMs);
  const days: BoardDayView[] = [];
  const todays = live.filter((i) => i.date === today);
  if (todays.length > 0) days.push({ date: today, today: true, slots: slotsOf(todays, board.timeZone) });
  if (schoolTime(nowMs, board.timeZone) >= board.tomorrowFrom) {
    // the hub's "tomorrow" is the next school day (Monday after a Friday): the earliest later date
    const later = live.filter((i) => i.date > today).map((i) => i.date);
    const next = later.length > 0 ? later.reduce((a, b) => (b < a ? b : a)) : null;
    if (next) days.push({ date: next, today: false, slots: slotsOf(live.filter((i) => i.date === next), board.timeZone) });
  }
  return days;
}

/** True when `date` is the calendar day right after `today` (« Demain » rather than a weekday). */
export function isTomorrow(date: string, today: string): boolean {
  return nextDate(today) === date;
}

function slotsOf(items: BoardItemDto[], timeZone: string): BoardSlotView[] {
  const bySlot = new Map<string, BoardItemDto[]>();
  const sorted = [...items].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.groupName.localeCompare(b.groupName, 'fr'));
  for (const item of sorted) {
    const key = `${item.startsAt}|${item.slotCode}`;
    const list = bySlot.get(key);
    if (list) list.push(item);
    else bySlot.set(key, [item]);
  }
  return [...bySlot.values()].map((list) => ({
    code: list[0].slotCode,
    start: schoolTime(Date.parse(list[0].startsAt), timeZone),
    end: schoolTime(Date.parse(list[0].endsAt), timeZone),
    items: list,
  }));
}

function uniqueById(items: BoardItemDto[]): BoardItemDto[] {
  const seen = new Map<string, BoardItemDto>();
  for (const i of items) seen.set(i.id, i);
  return [...seen.values()];
}

export type BoardLine =
  | { kind: 'day'; date: string; today: boolean; continued: boolean }
  | { kind: 'slot'; slot: BoardSlotView; continued: boolean }
  | { kind: 'item'; item: BoardItemDto };

/** Height of each kind of line, relative to a course's line: headings are shorter. */
export interface LineWeights {
  day: number;
  slot: number;
  item: number;
}
export const DEFAULT_LINE_WEIGHTS: LineWeights = { day: 0.6, slot: 0.55, item: 1 };

/**
 * Splits the board into pages that fit `capacity` course lines each, shown in turn: a hall
 * screen cannot scroll. A page that starts inside a day or a slot repeats its headings, and a
 * heading never ends a page alone. A page always holds at least one course, however small.
 */
export function boardPages(days: BoardDayView[], capacity: number, weights: LineWeights = DEFAULT_LINE_WEIGHTS): BoardLine[][] {
  const pages: BoardLine[][] = [];
  let page: BoardLine[] = [];
  let used = 0;
  const flush = () => {
    if (page.length > 0) pages.push(page);
    page = [];
    used = 0;
  };
  for (const day of days) {
    let dayShown = false;
    let dayStarted = false;
    for (const slot of day.slots) {
      let slotShown = false;
      let slotStarted = false;
      for (const item of slot.items) {
        const need = (dayShown ? 0 : weights.day) + (slotShown ? 0 : weights.slot) + weights.item;
        if (page.some((l) => l.kind === 'item') && used + need > capacity + 1e-9) {
          flush();
          dayShown = slotShown = false;
        }
        if (!dayShown) {
          page.push({ kind: 'day', date: day.date, today: day.today, continued: dayStarted });
          used += weights.day;
          dayShown = dayStarted = true;
        }
        if (!slotShown) {
          page.push({ kind: 'slot', slot, continued: slotStarted });
          used += weights.slot;
          slotShown = slotStarted = true;
        }
        page.push({ kind: 'item', item });
        used += weights.item;
      }
    }
  }
  flush();
  return pages;
}

/** Seconds each board page stays before the next one. */
export const BOARD_PAGE_MS = 12_000;

/** Which page shows at an instant: every screen of the school turns pages in step. */
export function boardPageAt(pageCount: number, nowMs: number, pageMs = BOARD_PAGE_MS): number {
  return pageCount <= 1 ? 0 : Math.floor(nowMs / pageMs) % pageCount;
}
