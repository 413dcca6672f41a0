import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  alertStatusAfter,
  isAlertLive,
  isForSchool,
  screensAfter,
  screenStateCounts,
  showsSignageInLiveList,
  sortAlertScreens,
  unconfirmedScreens,
  upsertScreen,
} from '../../clients/web/src/lib/signage-live';
import { SignageStore } from '../../clients/web/src/lib/signage-store';
import type { EventEnvelope } from '../../server/contracts/events';
import type { AlertDto, AlertStatusDto, ScreenDto } from '../../server/contracts/signage';
import { DEFAULT_SCREEN_CONTENT, DEFAULT_SCREEN_SCHEDULE } from '../../server/contracts/signage-rules';

const UAI = '0750654D';
const OTHER_UAI = '0750655E';
const HALL = '11111111-1111-4111-8111-111111111111';
const CDI = '22222222-2222-4222-8222-222222222222';
const CANTINE = '33333333-3333-4333-8333-333333333333';
const ALERT = '44444444-4444-4444-8444-444444444444';
const OTHER_ALERT = '55555555-5555-4555-8555-555555555555';

let seq = 1;
const event = (type: string, data: unknown, channel = `school:${UAI}:profile:direction`) =>
  ({ channel, seq: seq++, type, data, at: '2026-11-23T09:30:00.000Z' }) as EventEnvelope;

function screen(id: string, name: string, over: Partial<ScreenDto> = {}): ScreenDto {
  return {
    id,
    name,
    zone: 'hall',
    layout: 'landscape',
    schedule: DEFAULT_SCREEN_SCHEDULE,
    content: DEFAULT_SCREEN_CONTENT,
    state: 'online',
    pairedAt: '2026-11-02T08:00:00.000Z',
    pairedByName: 'Admin Démo',
    lastSeenAt: '2026-11-23T09:29:30.000Z',
    heartbeat: null,
    behind: [],
    ...over,
  };
}

function alert(over: Partial<AlertDto> = {}): AlertDto {
  return {
    id: ALERT,
    status: 'exercise',
    msgType: 'alert',
    responseType: 'shelter',
    headline: 'Confinement',
    instruction: 'Restez dans les salles.',
    zones: null,
    sentAt: '2026-11-23T09:30:00.000Z',
    updatedAt: '2026-11-23T09:30:00.000Z',
    expiresAt: null,
    endedAt: null,
    endKind: null,
    sentByName: 'Mme Durand',
    ...over,
  };
}

const withScreens = (): AlertStatusDto => ({
  alert: alert(),
  screens: [
    { id: HALL, name: 'Hall', zone: 'hall', state: 'online', displayedAt: null },
    { id: CDI, name: 'CDI', zone: 'cdi', state: 'offline', displayedAt: null },
  ],
});

describe('screens list, live', () => {
  it('adds a newly paired screen in name order, replaces a known one, drops a revoked one', () => {
    const list = [screen(HALL, 'Hall'), screen(CANTINE, 'Cantine 2')];
    const withCdi = screensAfter(list, event('screen.status_changed', { screen: screen(CDI, 'cantine 10') }));
    // numeric, case-insensitive order: « Cantine 2 » before « cantine 10 »
    expect(withCdi.map((s) => s.name)).toEqual(['Cantine 2', 'cantine 10', 'Hall']);
    const offline = screensAfter(withCdi, event('screen.status_changed', { screen: screen(HALL, 'Hall', { state: 'offline' }) }));
    expect(offline.find((s) => s.id === HALL)?.state).toBe('offline');
    expect(offline).toHaveLength(3);
    expect(screensAfter(offline, event('screen.revoked', { screenId: CDI })).map((s) => s.id)).toEqual([CANTINE, HALL]);
  });

  it('leaves the list as it is for other events and unknown ids', () => {
    const list = [screen(HALL, 'Hall')];
    expect(screensAfter(list, event('screen.revoked', { screenId: CDI }))).toBe(list);
    expect(screensAfter(list, event('alert.triggered', { alert: alert() }))).toBe(list);
    expect(screensAfter(list, event('screen.status_changed', {}))).toBe(list);
    expect(upsertScreen([], screen(HALL, 'Hall'))).toHaveLength(1);
  });

  it('counts the screens per state, in the states’ order', () => {
    const list = [screen(HALL, 'Hall', { state: 'offline' }), screen(CDI, 'CDI'), screen(CANTINE, 'Cantine', { state: 'offline' })];
    expect(screenStateCounts(list)).toEqual([
      { state: 'online', n: 1 },
      { state: 'offline', n: 2 },
    ]);
  });

  it('keeps heartbeats and confirmations out of the live list', () => {
    expect(showsSignageInLiveList({ type: 'screen.status_changed' })).toBe(false);
    expect(showsSignageInLiveList({ type: 'alert.displayed' })).toBe(false);
    expect(showsSignageInLiveList({ type: 'alert.triggered' })).toBe(true);
    expect(showsSignageInLiveList({ type: 'news.published' })).toBe(true);
  });

  it('takes only the school’s own channels', () => {
    expect(isForSchool({ channel: `school:${UAI}:profile:teacher` }, UAI)).toBe(true);
    expect(isForSchool({ channel: `school:${UAI}` }, UAI)).toBe(true);
    expect(isForSchool({ channel: `school:${OTHER_UAI}:profile:teacher` }, UAI)).toBe(false);
    expect(isForSchool({ channel: `user:${HALL}` }, UAI)).toBe(false);
  });
});

describe('alert in course, live', () => {
  it('marks a screen displayed once, with its first confirmation', () => {
    const s = withScreens();
    const once = alertStatusAfter(s, event('alert.displayed', { alertId: ALERT, screenId: HALL, at: '2026-11-23T09:30:04.000Z' }));
    expect(once.screens.find((x) => x.id === HALL)?.displayedAt).toBe('2026-11-23T09:30:04.000Z');
    expect(unconfirmedScreens(once).map((x) => x.id)).toEqual([CDI]);
    const again = alertStatusAfter(once, event('alert.displayed', { alertId: ALERT, screenId: HALL, at: '2026-11-23T09:35:00.000Z' }));
    expect(again).toBe(once);
    // a confirmation of another alert (a late one, from a screen coming back) changes nothing
    expect(alertStatusAfter(s, event('alert.displayed', { alertId: OTHER_ALERT, screenId: HALL, at: '2026-11-23T09:30:04.000Z' }))).toBe(s);
  });

  it('starts a new alert without screens, updates the text, and ends it', () => {
    const none: AlertStatusDto = { alert: null, screens: [] };
    const started = alertStatusAfter(none, event('alert.triggered', { alert: alert() }));
    expect(started).toEqual({ alert: alert(), screens: [] });
    const s = withScreens();
    const updated = alertStatusAfter(s, event('alert.updated', { alert: alert({ msgType: 'update', headline: 'Confinement — zone B', updatedAt: '2026-11-23T09:40:00.000Z' }) }));
    expect(updated.alert?.headline).toBe('Confinement — zone B');
    expect(updated.screens).toBe(s.screens);
    const ended = alertStatusAfter(updated, event('alert.ended', { alert: alert({ endedAt: '2026-11-23T10:00:00.000Z', endKind: 'all_clear' }) }));
    expect(ended).toEqual({ alert: null, screens: [] });
  });

  it('keeps the later text when a replayed update is older than what is shown', () => {
    const s: AlertStatusDto = { ...withScreens(), alert: alert({ headline: 'Récent', updatedAt: '2026-11-23T09:45:00.000Z' }) };
    expect(alertStatusAfter(s, event('alert.updated', { alert: alert({ headline: 'Ancien', updatedAt: '2026-11-23T09:40:00.000Z' }) }))).toBe(s);
  });

  it('ignores the end of an alert that is not the one shown', () => {
    const s = withScreens();
    expect(alertStatusAfter(s, event('alert.ended', { alert: alert({ id: OTHER_ALERT, endedAt: '2026-11-23T10:00:00.000Z' }) }))).toBe(s);
  });

  it('follows the state of the screens concerned and forgets a revoked one', () => {
    const s = withScreens();
    const back = alertStatusAfter(s, event('screen.status_changed', { screen: screen(CDI, 'CDI', { zone: 'cdi', state: 'online' }) }));
    expect(back.screens.find((x) => x.id === CDI)?.state).toBe('online');
    // a screen outside the alert's zones stays out of its list
    expect(alertStatusAfter(s, event('screen.status_changed', { screen: screen(CANTINE, 'Cantine') }))).toBe(s);
    expect(alertStatusAfter(s, event('screen.revoked', { screenId: CDI })).screens.map((x) => x.id)).toEqual([HALL]);
  });

  it('lists the screens still to confirm first', () => {
    const screens = [
      { id: HALL, name: 'Hall', zone: 'hall' as const, state: 'online' as const, displayedAt: '2026-11-23T09:30:04.000Z' },
      { id: CDI, name: 'CDI', zone: 'cdi' as const, state: 'offline' as const, displayedAt: null },
      { id: CANTINE, name: 'Cantine', zone: 'cantine' as const, state: 'online' as const, displayedAt: null },
    ];
    expect(sortAlertScreens(screens).map((x) => x.name)).toEqual(['Cantine', 'CDI', 'Hall']);
  });

  it('is over once ended or past its expiry', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(isAlertLive(alert(), now)).toBe(true);
    expect(isAlertLive(alert({ expiresAt: '2026-11-23T10:30:00.000Z' }), now)).toBe(true);
    expect(isAlertLive(alert({ expiresAt: '2026-11-23T09:59:00.000Z' }), now)).toBe(false);
    expect(isAlertLive(alert({ endedAt: '2026-11-23T09:50:00.000Z' }), now)).toBe(false);
    expect(isAlertLive(null, now)).toBe(false);
  });
});

describe('SignageStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function fakeApi(answers: AlertStatusDto[]) {
    const calls: string[] = [];
    return {
      calls,
      get: vi.fn(async <T>(path: string) => {
        calls.push(path);
        return (answers.shift() ?? { alert: null, screens: [] }) as T;
      }),
    };
  }

  it('reads the alert in course for teachers and staff, not for families', async () => {
    const api = fakeApi([withScreens()]);
    const store = new SignageStore(api as never, UAI, 'teacher');
    await store.load();
    expect(api.calls).toEqual([`/schools/${UAI}/alerts/active`]);
    expect(store.state.status?.alert?.id).toBe(ALERT);
    const family = fakeApi([]);
    await new SignageStore(family as never, UAI, 'guardian').load();
    expect(family.calls).toEqual([]);
  });

  it('follows a new alert live and, for direction, reads its screens once', async () => {
    const api = fakeApi([{ alert: null, screens: [] }, withScreens()]);
    const store = new SignageStore(api as never, UAI, 'direction');
    await store.load();
    const states: Array<string | null> = [];
    store.subscribe((s) => states.push(s.status?.alert?.id ?? null));
    store.handle(event('alert.triggered', { alert: alert() }));
    // the trigger's own answer arrives with its event: one read for both
    store.applyAlert(alert());
    expect(store.state.status).toEqual({ alert: alert(), screens: [] });
    await vi.runAllTimersAsync();
    expect(api.calls).toHaveLength(2);
    expect(store.state.status?.screens).toHaveLength(2);
    expect(states[0]).toBe(ALERT);
  });

  it('does not read the screens for a teacher, who is not shown them', async () => {
    const api = fakeApi([{ alert: null, screens: [] }]);
    const store = new SignageStore(api as never, UAI, 'teacher');
    await store.load();
    store.handle(event('alert.triggered', { alert: alert() }, `school:${UAI}:profile:teacher`));
    await vi.runAllTimersAsync();
    expect(api.calls).toHaveLength(1);
    expect(store.state.status?.alert?.id).toBe(ALERT);
  });

  it('keeps the ended alert for the « fin d’alerte » notice until it is dismissed', async () => {
    const api = fakeApi([withScreens()]);
    const store = new SignageStore(api as never, UAI, 'staff');
    await store.load();
    const ended = alert({ endedAt: '2026-11-23T10:00:00.000Z', endKind: 'all_clear' });
    store.handle(event('alert.ended', { alert: ended }, `school:${UAI}:profile:staff`));
    expect(store.state).toEqual({ status: { alert: null, screens: [] }, ended });
    store.dismissEnded();
    expect(store.state.ended).toBeNull();
  });

  it('ignores another school’s events and hands the school’s to the page shown', async () => {
    const api = fakeApi([{ alert: null, screens: [] }]);
    const store = new SignageStore(api as never, UAI, 'admin');
    await store.load();
    const seen: string[] = [];
    store.onEvent((e) => seen.push(e.type));
    store.handle(event('alert.triggered', { alert: alert() }, `school:${OTHER_UAI}:profile:admin`));
    expect(store.state.status?.alert).toBeNull();
    store.handle(event('screen.revoked', { screenId: HALL }, `school:${UAI}:profile:admin`));
    store.handle(event('news.published', {}, `school:${UAI}`));
    expect(seen).toEqual(['screen.revoked']);
  });

  it('drops an answer that arrives after a switch to another school', async () => {
    let release!: (v: AlertStatusDto) => void;
    const api = { get: vi.fn(() => new Promise<AlertStatusDto>((r) => (release = r))) };
    const store = new SignageStore(api as never, UAI, 'direction');
    const loading = store.load();
    store.reset(OTHER_UAI, 'teacher');
    release(withScreens());
    await loading;
    expect(store.state.status).toBeNull();
  });

  it('hands a note from one page to the next, once', () => {
    const store = new SignageStore(fakeApi([]) as never, UAI, 'admin');
    store.setNote({ text: 'Écran « Hall » appairé', screenId: HALL });
    expect(store.takeNote()).toEqual({ text: 'Écran « Hall » appairé', screenId: HALL });
    expect(store.takeNote()).toBeNull();
  });
});
