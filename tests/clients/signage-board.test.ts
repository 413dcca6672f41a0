import { describe, expect, it } from 'vitest';
import { applyBoardUpdate, boardFromSnapshot, boardPageAt, boardPages, pruneBoard, visibleBoard, BOARD_PAGE_MS } from '../../clients/signage/src/lib/board';
import { at, boardItem, boardSnapshot } from './signage-fixtures';

const MONDAY = '2025-11-24';
const TUESDAY = '2025-11-25';

describe('kiosk board: what shows when', () => {
  it('shows today’s courses by slot, school times, and drops each course the instant its slot ends, with no event', () => {
    const m1 = boardItem({ from: '08:00', to: '08:55', groupName: '4e B' });
    const m1b = boardItem({ from: '08:00', to: '08:55', groupName: '3e A', status: 'replaced', replacementName: 'Mme Roux' });
    const m2 = boardItem({ slotCode: 'M2', from: '09:00', to: '09:55', status: 'moved', room: 'B12' });
    const board = boardFromSnapshot(boardSnapshot([m1, m1b, m2]));

    const early = visibleBoard(board, at(MONDAY, '07:45'));
    expect(early).toHaveLength(1);
    expect(early[0]).toMatchObject({ date: MONDAY, today: true });
    expect(early[0].slots.map((s) => [s.code, s.start, s.end, s.items.map((i) => i.groupName)])).toEqual([
      ['M1', '08:00', '08:55', ['3e A', '4e B']],
      ['M2', '09:00', '09:55', ['4e B']],
    ]);
    // a course under way still shows; at its end it is gone
    expect(visibleBoard(board, at(MONDAY, '08:54'))[0].slots).toHaveLength(2);
    expect(visibleBoard(board, at(MONDAY, '08:55'))[0].slots.map((s) => s.code)).toEqual(['M2']);
    expect(visibleBoard(board, at(MONDAY, '09:55'))).toEqual([]);
  });

  it('adds the next day only from the school’s “tomorrow from” hour, on the school’s clock', () => {
    const today = boardItem({ from: '15:00', to: '15:55' });
    const tomorrow = boardItem({ date: TUESDAY, from: '08:00', to: '08:55' });
    const board = boardFromSnapshot(boardSnapshot([today, tomorrow], { tomorrowFrom: '12:00' }));
    expect(visibleBoard(board, at(MONDAY, '11:59')).map((d) => d.date)).toEqual([MONDAY]);
    const afternoon = visibleBoard(board, at(MONDAY, '12:00'));
    expect(afternoon.map((d) => [d.date, d.today])).toEqual([
      [MONDAY, true],
      [TUESDAY, false],
    ]);
    // 11:30 UTC is 12:30 in Paris: the school's wall clock decides, not UTC
    expect(visibleBoard(board, Date.parse('2025-11-24T11:30:00Z')).map((d) => d.date)).toEqual([MONDAY, TUESDAY]);
  });

  it('after a Friday the next day with changes is Monday, and only that one', () => {
    const friday = '2025-11-28';
    const monday = boardItem({ date: '2025-12-01' });
    const tuesday = boardItem({ date: '2025-12-02' });
    const board = { timeZone: 'Europe/Paris', tomorrowFrom: '12:00', items: [monday, tuesday] };
    expect(visibleBoard(board, at(friday, '14:00')).map((d) => d.date)).toEqual(['2025-12-01']);
  });

  it('an old stored board read the next morning shows yesterday’s “tomorrow” as today', () => {
    const tuesdayCourse = boardItem({ date: TUESDAY, from: '10:00', to: '10:55' });
    const board = boardFromSnapshot(boardSnapshot([boardItem(), tuesdayCourse]));
    const days = visibleBoard(board, at(TUESDAY, '07:30'));
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ date: TUESDAY, today: true });
  });

  it('applies live updates: removals, new courses and changed ones, each id once', () => {
    const a = boardItem();
    const b = boardItem({ groupName: '5e C' });
    let board = boardFromSnapshot(boardSnapshot([a, b]));
    board = applyBoardUpdate(board, [{ ...a, status: 'replaced', replacementName: 'M. Petit' }, boardItem({ groupName: '6e A' })], [b.id]);
    expect(board.items.map((i) => [i.groupName, i.status])).toEqual([
      ['4e B', 'replaced'],
      ['6e A', 'cancelled'],
    ]);
    expect(pruneBoard(board, at(MONDAY, '09:00')).items).toEqual([]);
    expect(pruneBoard(board, at(MONDAY, '08:00'))).toBe(board);
  });
});

describe('kiosk board: pages', () => {
  const slot = (code: string, from: string, count: number) =>
    Array.from({ length: count }, (_, i) => boardItem({ slotCode: code, from, to: `${from.slice(0, 2)}:55`, groupName: `${code}-${i}` }));

  it('fits everything on one page when it can', () => {
    const board = boardFromSnapshot(boardSnapshot([...slot('M1', '08:00', 2), ...slot('M2', '09:00', 1)]));
    const pages = boardPages(visibleBoard(board, at(MONDAY, '07:00')), 10);
    expect(pages).toHaveLength(1);
    expect(pages[0].map((l) => l.kind)).toEqual(['day', 'slot', 'item', 'item', 'slot', 'item']);
  });

  it('splits a long day, repeating the day and slot headings marked as continued, never ending a page on a heading', () => {
    const board = boardFromSnapshot(boardSnapshot([...slot('M1', '08:00', 5), ...slot('M2', '09:00', 4)]));
    const pages = boardPages(visibleBoard(board, at(MONDAY, '07:00')), 5);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page[0].kind).toBe('day');
      expect(page.at(-1)!.kind).toBe('item');
      const used = page.reduce((sum, l) => sum + (l.kind === 'item' ? 1 : l.kind === 'day' ? 0.6 : 0.55), 0);
      expect(used).toBeLessThanOrEqual(5);
    }
    expect(pages[1][0]).toMatchObject({ kind: 'day', continued: true });
    expect(pages[1][1]).toMatchObject({ kind: 'slot', continued: true });
    const items = pages.flat().filter((l) => l.kind === 'item');
    expect(items).toHaveLength(9);
  });

  it('still shows a course on a page too small for it rather than nothing', () => {
    const board = boardFromSnapshot(boardSnapshot(slot('M1', '08:00', 2)));
    const pages = boardPages(visibleBoard(board, at(MONDAY, '07:00')), 0.5);
    expect(pages).toHaveLength(2);
    expect(pages.every((p) => p.some((l) => l.kind === 'item'))).toBe(true);
  });

  it('turns pages in step with the clock on every screen', () => {
    expect(boardPageAt(1, 123_456_789)).toBe(0);
    expect(boardPageAt(0, 123_456_789)).toBe(0);
    const t0 = BOARD_PAGE_MS * 30; // a multiple of 3 pages' cycle
    expect([0, 1, 2, 3].map((k) => boardPageAt(3, t0 + k * BOARD_PAGE_MS))).toEqual([0, 1, 2, 0]);
  });
});
