import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../clients/shared/api';
import type { LiveSocket } from '../../clients/shared/live-connection';
import { KioskController, type KioskDeps } from '../../clients/signage/src/controllers/kiosk-controller';
import type { KioskApi } from '../../clients/signage/src/services/kiosk-api';
import { localKioskPrefs } from '../../clients/signage/src/services/kiosk-prefs';
import type { SnapshotStore, StoredKiosk } from '../../clients/signage/src/services/snapshot-store';
import { localTokenStore } from '../../clients/signage/src/services/token-store';
import { stateFromSnapshot } from '../../clients/signage/src/lib/kiosk-state';
import type { HandshakeAuth } from '../../server/contracts/events';
import type { ScreenSnapshotDto } from '../../server/contracts/signage';
import { alert, at, CH, envelope, news, snapshot } from './signage-fixtures';

const HUB_NOW = at('2025-11-24', '10:00');
/** The device's clock is five minutes slow: everything must go by the hub's. */
const DEVICE_SKEW = -5 * 60_000;

/** Just enough of a socket.io client socket: handlers by name, the handshake it would send. */
class FakeSocket {
  active = true;
  connected = false;
  private handlers = new Map<string, Array<(...args: any[]) => void>>();
  constructor(readonly opts: { auth?: unknown }) {}
  on(name: string, fn: (...args: any[]) => void) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
    return this;
  }
  emit() {
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  disconnect() {
    this.active = this.connected = false;
    return this;
  }
  connect() {
    return this;
  }
  fire(name: string, ...args: unknown[]) {
    if (name === 'connect') this.connected = true;
    for (const fn of this.handlers.get(name) ?? []) fn(...args);
  }
  handshake(): HandshakeAuth {
    let sent: HandshakeAuth = {};
    (this.opts.auth as (cb: (d: HandshakeAuth) => void) => void)((d) => (sent = d));
    return sent;
  }
}

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

/** `snapshots` answer the first requests in turn; `hub` answers the rest (polls included). */
function setup(opts: { stored?: StoredKiosk | null; snapshots?: Array<() => Promise<ScreenSnapshotDto>>; hub?: () => ScreenSnapshotDto } = {}) {
  const calls: string[] = [];
  const sockets: FakeSocket[] = [];
  const saved: StoredKiosk[] = [];
  const snapshots = [...(opts.snapshots ?? [])];
  const controllers: Array<{ hostConnected?(): void; hostDisconnected?(): void }> = [];
  let connected = false;
  const host = {
    addController(c: (typeof controllers)[number]) {
      controllers.push(c);
      if (connected) c.hostConnected?.();
    },
    removeController() {},
    requestUpdate() {},
    updateComplete: Promise.resolve(true),
  };
  const answer = <T extends object>(data: T) => ({ data: { ...data, serverTime: new Date(HUB_NOW + (Date.now() - HUB_NOW - DEVICE_SKEW)).toISOString() }, sample: { offsetMs: -DEVICE_SKEW, rttMs: 20 } });
  const api = {
    snapshot: vi.fn(async () => {
      calls.push('snapshot');
      const next = snapshots.shift();
      const dto = next ? await next() : (opts.hub ?? snapshot)();
      return answer(dto);
    }),
    heartbeat: vi.fn(async (_body: unknown) => {
      calls.push('heartbeat');
      return answer({});
    }),
    alertDisplayed: vi.fn(async () => undefined),
    ready: vi.fn(async () => true),
  };
  const store: SnapshotStore = {
    load: async () => {
      calls.push('load');
      return opts.stored ?? null;
    },
    save: async (r) => void saved.push(r),
    clear: vi.fn(async () => undefined),
  };
  const tokens = localTokenStore(memoryStorage({ 'preau.screen.token': 'token-1' }));
  const prefs = localKioskPrefs(memoryStorage());
  const deps: KioskDeps = {
    api: api as unknown as KioskApi,
    tokens,
    store,
    prefs,
    version: 'test',
    onUnpaired: vi.fn(),
    reload: vi.fn(),
    viewport: () => ({ width: 1920, height: 1080 }),
    createSocket: (_url, o) => {
      const s = new FakeSocket(o);
      sockets.push(s);
      return s as unknown as LiveSocket;
    },
  };
  const kiosk = new KioskController(host, deps);
  const connect = () => {
    connected = true;
    for (const c of [...controllers]) c.hostConnected?.();
  };
  const disconnect = () => {
    connected = false;
    for (const c of [...controllers]) c.hostDisconnected?.();
  };
  return { kiosk, api, deps, calls, sockets, saved, tokens, prefs, connect, disconnect };
}

/** Lets pending promises settle without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(HUB_NOW + DEVICE_SKEW);
  // polls and reconnects are jittered over 20–40 s: the middle, so tests know when they come
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('kiosk controller', () => {
  it('draws the stored state before any network call, then takes the snapshot and goes live with the applied cursors', async () => {
    const stored = stateFromSnapshot(snapshot({ news: [news({ title: 'Gardé en mémoire' })] }), HUB_NOW - 3_600_000);
    let release!: () => void;
    const late = new Promise<void>((r) => (release = r));
    const t = setup({ stored: { screenId: stored.screen.id, state: stored, clockOffsetMs: -DEVICE_SKEW, savedAt: 0 }, snapshots: [async () => (await late, snapshot({ news: [news({ title: 'Du hub' })] }))] });
    t.connect();
    await settle();
    expect(t.calls.slice(0, 2)).toEqual(['load', 'snapshot']);
    // the hub has not answered: the stored news is on screen, by the hub's clock already
    expect(t.kiosk.view()).toMatchObject({ loaded: true, mode: 'content' });
    expect(t.kiosk.state!.news.map((n) => n.title)).toEqual(['Gardé en mémoire']);
    expect(t.kiosk.now).toBe(HUB_NOW);
    // live from the stored cursors, with the device token
    expect(t.sockets).toHaveLength(1);
    expect(t.sockets[0].handshake()).toEqual({ screenToken: 'token-1', cursors: stored.cursors });
    release();
    await settle();
    expect(t.kiosk.state!.news.map((n) => n.title)).toEqual(['Du hub']);
    expect(t.saved.at(-1)!.state.news[0].title).toBe('Du hub');
  });

  it('applies live events once, runs fresh commands only, and reports a blanked screen at once', async () => {
    const t = setup();
    t.connect();
    await settle();
    const socket = t.sockets[0];
    socket.fire('connect');
    socket.fire('event', envelope(CH.signage, 11, 'signage.news_updated', { upserted: [news({ title: 'En direct' })], removed: [] }));
    socket.fire('event', envelope(CH.signage, 11, 'signage.news_updated', { upserted: [news({ title: 'Doublon' })], removed: [] }));
    expect(t.kiosk.state!.news.map((n) => n.title)).toEqual(['En direct']);

    socket.fire('event', envelope(CH.screen, 3, 'screen.command', { command: 'blank', issuedAt: new Date(HUB_NOW - 120_000).toISOString() }));
    expect(t.kiosk.view().mode).toBe('content');
    socket.fire('event', envelope(CH.screen, 4, 'screen.command', { command: 'identify', issuedAt: new Date(HUB_NOW - 2_000).toISOString() }));
    expect(t.kiosk.view().identify).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.kiosk.view().identify).toBe(false);

    t.api.heartbeat.mockClear();
    socket.fire('event', envelope(CH.screen, 5, 'screen.command', { command: 'blank', issuedAt: new Date(HUB_NOW + 10_000).toISOString() }));
    expect(t.kiosk.view().mode).toBe('blank');
    await settle();
    expect(t.api.heartbeat).toHaveBeenCalledTimes(1);
    expect(t.api.heartbeat.mock.calls[0][0]).toMatchObject({ display: 'blank', clockOffsetMs: -DEVICE_SKEW, viewport: { width: 1920, height: 1080 }, cursors: { [CH.screen]: 5 } });
    // survives a reload: the screen stays black until woken
    expect(t.prefs.blank).toBe(true);
  });

  it('saves its state before a remote reload, so the reload command is not replayed', async () => {
    const t = setup();
    t.connect();
    await settle();
    t.sockets[0].fire('event', envelope(CH.screen, 3, 'screen.command', { command: 'reload', issuedAt: new Date(HUB_NOW).toISOString() }));
    await settle();
    expect(t.deps.reload).toHaveBeenCalledTimes(1);
    expect(t.saved.at(-1)!.state.cursors[CH.screen]).toBe(3);
  });

  it('polls the snapshot every 20–40 s while the live link is down, and stops once it is up', async () => {
    const t = setup();
    t.connect();
    await settle();
    expect(t.api.snapshot).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(t.api.snapshot).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.api.snapshot).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.api.snapshot).toHaveBeenCalledTimes(3);
    t.sockets[0].fire('connect');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(t.api.snapshot).toHaveBeenCalledTimes(3);
  });

  it('shows the stale badge a minute after losing the hub, with the time of the last sync', async () => {
    const t = setup();
    t.connect();
    await settle();
    t.sockets[0].fire('connect');
    await vi.advanceTimersByTimeAsync(30_000);
    const lastSync = t.kiosk.now;
    t.sockets[0].active = false;
    t.sockets[0].fire('disconnect');
    t.api.snapshot.mockRejectedValue(new ApiError(0, 'network_error', 'hors ligne'));
    await vi.advanceTimersByTimeAsync(59_000);
    expect(t.kiosk.view().staleAt).toBeNull();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.kiosk.view().staleAt).toBe(lastSync);
  });

  it('confirms an alert once; retries a failed confirmation after 5 s', async () => {
    const t = setup({ hub: () => snapshot({ alert: alert() }) });
    t.connect();
    await settle();
    expect(t.kiosk.view().phase?.kind).toBe('active');
    t.api.alertDisplayed.mockRejectedValueOnce(new ApiError(0, 'network_error', 'hors ligne'));
    t.kiosk.confirmAlertShown(alert().id);
    await settle();
    t.kiosk.confirmAlertShown(alert().id);
    expect(t.api.alertDisplayed).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5_000);
    t.kiosk.confirmAlertShown(alert().id);
    await settle();
    t.kiosk.confirmAlertShown(alert().id);
    expect(t.api.alertDisplayed).toHaveBeenCalledTimes(2);
    // the heartbeat says which alert is up
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.api.heartbeat.mock.calls.at(-1)![0]).toMatchObject({ alertId: alert().id, display: 'alert' });
  });

  it('forgets its token and data and goes back to pairing when the hub revoked it', async () => {
    const t = setup({ snapshots: [async () => Promise.reject(new ApiError(401, 'screen_revoked', 'Cet écran n’est plus appairé.'))] });
    t.connect();
    await settle();
    expect(t.deps.onUnpaired).toHaveBeenCalledTimes(1);
    expect(t.tokens.get()).toBeNull();
    expect(t.deps.store.clear).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a hub outage is not a revocation: the token stays and the kiosk keeps trying', async () => {
    const t = setup({ snapshots: [async () => Promise.reject(new ApiError(0, 'network_error', 'hors ligne'))] });
    t.connect();
    await settle();
    expect(t.deps.onUnpaired).not.toHaveBeenCalled();
    expect(t.kiosk.view()).toMatchObject({ loaded: true, state: null, reachable: false });
    await vi.advanceTimersByTimeAsync(40_000);
    expect(t.kiosk.state).not.toBeNull();
  });

  it('leaves no timer behind when its element leaves the page', async () => {
    const t = setup();
    t.connect();
    await settle();
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    t.disconnect();
    await settle();
    expect(vi.getTimerCount()).toBe(0);
  });
});
