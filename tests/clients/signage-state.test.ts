import { describe, expect, it } from 'vitest';
import { ALL_CLEAR_MS, alertPhase } from '../../clients/signage/src/lib/alert-phase';
import { applyEvent, applySnapshot, pruneExpired, RecentEvents, screenChangeNeedsResync, stateFromSnapshot } from '../../clients/signage/src/lib/kiosk-state';
import { isStoredKiosk } from '../../clients/signage/src/services/snapshot-store';
import { alert, at, boardItem, boardSnapshot, CH, envelope, flash, iso, news, screen, snapshot } from './signage-fixtures';

const NOW = at('2025-11-24', '09:00');

describe('kiosk state: live events on the snapshot', () => {
  it('applies each event once: a seq at or below the channel’s cursor changes nothing', () => {
    const s0 = stateFromSnapshot(snapshot(), NOW);
    const item = news({ title: 'Sortie au musée' });
    const e = envelope(CH.signage, 11, 'signage.news_updated', { upserted: [item], removed: [] });
    const s1 = applyEvent(s0, e, NOW);
    expect(s1.news.map((n) => n.title)).toEqual(['Sortie au musée']);
    expect(s1.cursors[CH.signage]).toBe(11);
    expect(applyEvent(s1, e, NOW)).toBe(s1);
    // already in the snapshot (seq 10 ≤ cursor 10)
    expect(applyEvent(s0, envelope(CH.signage, 10, 'signage.news_updated', { upserted: [item], removed: [] }), NOW)).toBe(s0);
  });

  it('moves the board, the news, the ticker and the screen’s own settings', () => {
    const course = boardItem();
    let s = stateFromSnapshot(snapshot({ board: boardSnapshot([course]) }), NOW);
    s = applyEvent(s, envelope(CH.board, 4, 'board.updated', { upserted: [], removed: [course.id] }), NOW);
    expect(s.board!.items).toEqual([]);
    const f = flash();
    s = applyEvent(s, envelope(CH.zone, 5, 'signage.flash_updated', { upserted: [f], removed: [] }), NOW);
    expect(s.flashes).toEqual([f]);
    s = applyEvent(s, envelope(CH.screen, 3, 'screen.updated', { screen: screen({ name: 'Hall B', layout: 'portrait' }) }), NOW);
    expect(s.screen).toMatchObject({ name: 'Hall B', layout: 'portrait' });
    // another screen's settings are not ours
    s = applyEvent(s, envelope(CH.screen, 4, 'screen.updated', { screen: screen({ id: 'other', name: 'Autre' }) }), NOW);
    expect(s.screen.name).toBe('Hall B');
    expect(s.cursors).toMatchObject({ [CH.board]: 4, [CH.zone]: 5, [CH.screen]: 4 });
  });

  it('a screen without the board keeps none even if a board event reaches it', () => {
    const s0 = stateFromSnapshot(snapshot({ board: null }), NOW);
    const s1 = applyEvent(s0, envelope(CH.board, 4, 'board.updated', { upserted: [boardItem()], removed: [] }), NOW);
    expect(s1.board).toBeNull();
    expect(s1.cursors[CH.board]).toBe(4);
  });

  it('commands move the cursor only, so a reload does not replay them', () => {
    const s0 = stateFromSnapshot(snapshot(), NOW);
    const s1 = applyEvent(s0, envelope(CH.screen, 3, 'screen.command', { command: 'reload', issuedAt: iso('2025-11-24', '09:00') }), NOW);
    expect(s1).toEqual({ ...s0, cursors: { ...s0.cursors, [CH.screen]: 3 } });
  });

  it('knows when a screen change needs new channels: another zone, or the board turned on or off', () => {
    expect(screenChangeNeedsResync(screen(), screen({ name: 'Renommé' }))).toBe(false);
    expect(screenChangeNeedsResync(screen(), screen({ zone: 'cdi' }))).toBe(true);
    expect(screenChangeNeedsResync(screen(), screen({ content: { board: false, news: true, newsCategories: [], ticker: true } }))).toBe(true);
  });
});

describe('kiosk state: PPMS alerts', () => {
  const A = alert();

  it('takes an alert for the whole school or this zone, and ignores another zone’s', () => {
    const s0 = stateFromSnapshot(snapshot(), NOW);
    const mine = applyEvent(s0, envelope(CH.signage, 11, 'alert.triggered', { alert: A }), NOW);
    expect(alertPhase(mine.alert, 'hall', NOW, mine.allClearUntil)).toEqual({ kind: 'active', alert: A });
    const other = applyEvent(s0, envelope(CH.signage, 11, 'alert.triggered', { alert: { ...A, zones: ['cantine'] } }), NOW);
    expect(other.alert).toBeNull();
    // narrowed to other zones later: it leaves this screen
    const narrowed = applyEvent(mine, envelope(CH.signage, 12, 'alert.updated', { alert: { ...A, zones: ['cdi'] } }), NOW);
    expect(narrowed.alert).toBeNull();
  });

  it('an all clear shows « Fin d’alerte » for 30 s from when this screen heard it, once even if heard twice', () => {
    let s = stateFromSnapshot(snapshot({ alert: A }), NOW);
    const ended = { ...A, endedAt: iso('2025-11-24', '08:59'), endKind: 'all_clear' as const, msgType: 'update' as const };
    s = applyEvent(s, envelope(CH.signage, 11, 'alert.ended', { alert: ended }), NOW);
    expect(alertPhase(s.alert, 'hall', NOW + ALL_CLEAR_MS - 1, s.allClearUntil)?.kind).toBe('all_clear');
    const again = applyEvent(s, envelope(CH.zone, 5, 'alert.ended', { alert: ended }), NOW + 20_000);
    expect(again.allClearUntil).toBe(s.allClearUntil);
    expect(alertPhase(s.alert, 'hall', NOW + ALL_CLEAR_MS, s.allClearUntil)).toBeNull();
    expect(pruneExpired(s, NOW + ALL_CLEAR_MS).alert).toBeNull();
  });

  it('a cancellation (sent in error) removes the alert at once', () => {
    const s0 = stateFromSnapshot(snapshot({ alert: A }), NOW);
    const s1 = applyEvent(s0, envelope(CH.signage, 11, 'alert.ended', { alert: { ...A, endedAt: iso('2025-11-24', '09:00'), endKind: 'cancel', msgType: 'cancel' } }), NOW);
    expect(s1.alert).toBeNull();
    expect(alertPhase(s1.alert, 'hall', NOW, s1.allClearUntil)).toBeNull();
  });

  it('the end of an alert this screen never held changes nothing', () => {
    const s0 = stateFromSnapshot(snapshot(), NOW);
    const s1 = applyEvent(s0, envelope(CH.signage, 11, 'alert.ended', { alert: { ...A, endedAt: iso('2025-11-24', '09:00'), endKind: 'all_clear' } }), NOW);
    expect(s1.alert).toBeNull();
  });

  it('an alert stops showing at its expiry, offline too', () => {
    const expiring = alert({ expiresAt: iso('2025-11-24', '10:00') });
    expect(alertPhase(expiring, 'hall', at('2025-11-24', '09:59'), null)?.kind).toBe('active');
    expect(alertPhase(expiring, 'hall', at('2025-11-24', '10:00'), null)).toBeNull();
  });

  it('an ended alert found in a snapshot shows « Fin d’alerte » until 30 s after its end', () => {
    const ended = alert({ endedAt: iso('2025-11-24', '09:00'), endKind: 'all_clear' });
    expect(alertPhase(ended, 'hall', NOW + 29_000, null)?.kind).toBe('all_clear');
    expect(alertPhase(ended, 'hall', NOW + 30_000, null)).toBeNull();
  });
});

describe('kiosk state: snapshots over a live state', () => {
  it('re-applies live events the snapshot predates, so nothing goes back in time', () => {
    const recent = new RecentEvents();
    let s = stateFromSnapshot(snapshot(), NOW);
    const fresh = news({ title: 'Arrivé en direct' });
    const e = envelope(CH.signage, 11, 'signage.news_updated', { upserted: [fresh], removed: [] });
    s = applyEvent(s, e, NOW);
    recent.add(e);
    // the hub read this snapshot just before seq 11
    const next = applySnapshot(s, snapshot(), NOW + 1000, recent.all());
    expect(next.news.map((n) => n.title)).toEqual(['Arrivé en direct']);
    expect(next.cursors[CH.signage]).toBe(11);
    expect(next.syncedAt).toBe(NOW + 1000);
    // a snapshot that already has it does not get it twice
    const later = applySnapshot(s, snapshot({ news: [fresh], cursors: { ...snapshot().cursors, [CH.signage]: 11 } }), NOW + 2000, recent.all());
    expect(later.news).toHaveLength(1);
  });

  it('keeps « Fin d’alerte » on screen through a snapshot that no longer lists the alert', () => {
    const A = alert();
    let s = stateFromSnapshot(snapshot({ alert: A }), NOW);
    s = applyEvent(s, envelope(CH.signage, 11, 'alert.ended', { alert: { ...A, endedAt: iso('2025-11-24', '09:00'), endKind: 'all_clear' } }), NOW);
    const next = applySnapshot(s, snapshot({ alert: null, cursors: { ...snapshot().cursors, [CH.signage]: 11 } }), NOW + 5000);
    expect(alertPhase(next.alert, 'hall', NOW + 5000, next.allClearUntil)?.kind).toBe('all_clear');
  });

  it('a snapshot of another screen (paired anew) replaces everything', () => {
    const s = stateFromSnapshot(snapshot({ news: [news()] }), NOW);
    const other = applySnapshot(s, snapshot({ screen: screen({ id: 'another' }) }), NOW);
    expect(other.news).toEqual([]);
    expect(other.screen.id).toBe('another');
  });

  it('keeps only the last few events', () => {
    const recent = new RecentEvents(3);
    for (let seq = 1; seq <= 10; seq++) recent.add(envelope(CH.signage, seq, 'signage.news_updated', { upserted: [], removed: [] }));
    expect(recent.all().map((e) => e.seq)).toEqual([8, 9, 10]);
  });

  it('drops what ran out, and returns the same state when nothing did', () => {
    const s = stateFromSnapshot(
      snapshot({ board: boardSnapshot([boardItem({ from: '09:00', to: '09:55' })]), news: [news({ until: iso('2025-11-24', '09:30') })], flashes: [flash({ until: iso('2025-11-24', '09:30') })] }),
      NOW,
    );
    expect(pruneExpired(s, NOW)).toBe(s);
    const later = pruneExpired(s, at('2025-11-24', '10:00'));
    expect([later.board!.items, later.news, later.flashes]).toEqual([[], [], []]);
  });

  it('recognises a stored state, and refuses one from an older build', () => {
    const state = stateFromSnapshot(snapshot(), NOW);
    expect(isStoredKiosk({ screenId: state.screen.id, state, clockOffsetMs: 0, savedAt: NOW })).toBe(true);
    expect(isStoredKiosk({ screenId: state.screen.id, state: { ...state, syncedAt: undefined }, clockOffsetMs: 0, savedAt: NOW })).toBe(false);
    expect(isStoredKiosk(undefined)).toBe(false);
  });
});
