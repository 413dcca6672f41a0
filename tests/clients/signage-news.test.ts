import { describe, expect, it } from 'vitest';
import { MAX_SLIDE_SECONDS, MIN_SLIDE_SECONDS, slideMs, stepCarousel } from '../../clients/signage/src/lib/carousel';
import { applyNewsUpdate, pruneNews, visibleNews } from '../../clients/signage/src/lib/news';
import { applyFlashUpdate, pruneFlashes, tickerSeconds, visibleFlashes } from '../../clients/signage/src/lib/ticker';
import { DEFAULT_SCREEN_CONTENT } from '../../server/contracts/signage-rules';
import { at, flash, iso, news } from './signage-fixtures';

const NOW = at('2025-11-24', '10:00');

describe('kiosk news', () => {
  it('shows the screen’s categories only (none listed: all), drops items past until, pinned first', () => {
    const menu = news({ category: 'restauration', title: 'Menu du jour' });
    const trip = news({ category: 'evenement' });
    const old = news({ category: 'restauration', until: iso('2025-11-24', '09:00') });
    const pinned = news({ category: 'vie_scolaire', pinned: true });
    const all = [menu, trip, old, pinned];
    expect(visibleNews(all, DEFAULT_SCREEN_CONTENT, NOW).map((n) => n.id)).toEqual([pinned.id, menu.id, trip.id]);
    // the cantine screen: menus only
    const cantine = { board: false, news: true, newsCategories: ['restauration'], ticker: true };
    expect(visibleNews(all, cantine, NOW).map((n) => n.id)).toEqual([menu.id]);
    expect(visibleNews(all, { ...cantine, news: false }, NOW)).toEqual([]);
    expect(pruneNews(all, NOW)).toHaveLength(3);
  });

  it('shows an item from its start, not before, the kiosk’s clock deciding', () => {
    const later = news({ from: iso('2025-11-24', '12:00') });
    expect(visibleNews([later], DEFAULT_SCREEN_CONTENT, NOW)).toEqual([]);
    expect(visibleNews([later], DEFAULT_SCREEN_CONTENT, at('2025-11-24', '12:00'))).toEqual([later]);
    // still to come: kept when pruning
    expect(pruneNews([later], NOW)).toEqual([later]);
  });

  it('applies live updates in place, adds new ones at the end and removes', () => {
    const a = news();
    const b = news();
    const next = applyNewsUpdate([a, b], [{ ...a, title: 'Corrigé' }, news({ title: 'Nouveau' })], [b.id]);
    expect(next.map((n) => n.title)).toEqual(['Corrigé', 'Nouveau']);
  });
});

describe('kiosk carousel', () => {
  const items = [
    { id: 'a', durationSeconds: 10 },
    { id: 'b', durationSeconds: 20 },
    { id: 'c', durationSeconds: 10 },
  ];

  it('shows each item its own duration, then the next, round and round', () => {
    let s = stepCarousel(items, null, 0);
    expect(s).toEqual({ id: 'a', since: 0 });
    expect(stepCarousel(items, s, 9_999)).toBe(s);
    s = stepCarousel(items, s, 10_000);
    expect(s).toEqual({ id: 'b', since: 10_000 });
    expect(stepCarousel(items, s, 29_999)).toBe(s);
    s = stepCarousel(items, s, 30_000)!;
    s = stepCarousel(items, s, 40_000)!;
    expect(s.id).toBe('a');
  });

  it('when the current item vanishes, goes on with the one after it rather than back to the start', () => {
    const s = { id: 'b', since: 0 };
    const without = items.filter((i) => i.id !== 'b');
    expect(stepCarousel(without, s, 1_000, ['a', 'b', 'c'])).toEqual({ id: 'c', since: 1_000 });
    expect(stepCarousel([], s, 1_000)).toBeNull();
  });

  it('bounds durations: a zero does not spin, an hour does not hide the rest', () => {
    expect(slideMs({ id: 'x', durationSeconds: 0 })).toBe(MIN_SLIDE_SECONDS * 1000);
    expect(slideMs({ id: 'x', durationSeconds: 3600 })).toBe(MAX_SLIDE_SECONDS * 1000);
    expect(slideMs({ id: 'x', durationSeconds: Number.NaN })).toBe(MIN_SLIDE_SECONDS * 1000);
  });
});

describe('kiosk ticker', () => {
  it('shows flashes for the whole school or this zone, oldest first, until they run out', () => {
    const school = flash({ createdAt: iso('2025-11-24', '08:00') });
    const hall = flash({ zones: ['hall'], createdAt: iso('2025-11-24', '07:00') });
    const cantine = flash({ zones: ['cantine'] });
    const gone = flash({ until: iso('2025-11-24', '09:00') });
    const list = [school, hall, cantine, gone];
    expect(visibleFlashes(list, 'hall', NOW).map((f) => f.id)).toEqual([hall.id, school.id]);
    expect(visibleFlashes(list, 'cantine', NOW).map((f) => f.id)).toEqual([cantine.id, school.id]);
    expect(pruneFlashes(list, NOW)).toHaveLength(3);
    expect(applyFlashUpdate(list, [{ ...school, text: 'Changé' }], [hall.id]).map((f) => f.text)).toEqual(['Bus 12 en retard', 'Bus 12 en retard', 'Changé']);
  });

  it('moves every text at the same speed: a longer text takes longer', () => {
    expect(tickerSeconds('a'.repeat(300))).toBeGreaterThan(tickerSeconds('a'.repeat(100)));
    expect(tickerSeconds('')).toBeGreaterThanOrEqual(12);
  });
});
