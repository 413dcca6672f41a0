// A paired screen's data and its links to the hub. At boot the stored state is drawn before any
// network call; then a snapshot, the live link (seeded with the applied cursors), a heartbeat
// every 30 s, and an HTTP poll of the snapshot whenever the live link is down.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { ScreenCommand } from '../../../../server/contracts/signage';
import { HEARTBEAT_EVERY_MS, IDENTIFY_MS, isScheduledOn } from '../../../../server/contracts/signage-rules';
import { LiveConnection, type LiveConnectionOptions, type LiveStatus } from '../../../shared/live-connection';
import type { KioskApi } from '../services/kiosk-api';
import type { KioskPrefs } from '../services/kiosk-prefs';
import type { SnapshotStore } from '../services/snapshot-store';
import type { TokenStore } from '../services/token-store';
import { alertPhase, type AlertPhase } from '../lib/alert-phase';
import { isAuthLost, isRefusalFinal } from '../lib/auth-lost';
import { ServerClock } from '../lib/clock-offset';
import { shouldRunCommand, type CommandEvent } from '../lib/commands';
import { displayMode, type DisplayMode } from '../lib/display-mode';
import { heartbeatBody } from '../lib/heartbeat';
import { jitteredDelay, POLL_MAX_MS, POLL_MIN_MS } from '../lib/jitter';
import { applyEvent, applySnapshot, pruneExpired, RecentEvents, screenChangeNeedsResync, type KioskState } from '../lib/kiosk-state';
import { nightlyReloadDue } from '../lib/nightly-reload';
import { staleSince } from '../lib/stale';
import { Timers } from './timers';

export interface KioskDeps {
  api: KioskApi;
  tokens: TokenStore;
  store: SnapshotStore;
  prefs: KioskPrefs;
  version: string;
  /** The hub no longer knows this screen: the app goes back to pairing. */
  onUnpaired(): void;
  reload(): void;
  /** What the screen measures, for the heartbeat; the window's by default. */
  viewport?(): { width: number; height: number };
  /** Lets tests hand in their own socket. */
  createSocket?: LiveConnectionOptions['createSocket'];
}

/** What the screen shows at this second, derived from the state and the hub's clock. */
export interface KioskView {
  state: KioskState | null;
  now: number;
  phase: AlertPhase | null;
  mode: DisplayMode;
  /** Hub time of the data shown when it is stale, else null. */
  staleAt: number | null;
  identify: boolean;
  /** The stored state was read (or found missing): before that, nothing is drawn. */
  loaded: boolean;
  /** False after the last attempt to reach the hub failed. */
  reachable: boolean;
}

/** A failed confirmation of an alert is tried again after this long. */
const CONFIRM_RETRY_MS = 5_000;
/** Writes to IndexedDB are grouped: a burst of events makes one write. */
const SAVE_DELAY_MS = 2_000;
/** Housekeeping: drop what ran out, check for the nightly reload. */
const MAINTENANCE_EVERY_MS = 60_000;

export class KioskController implements ReactiveController {
  state: KioskState | null = null;
  /** Hub time, moved on every second. */
  now: number;
  loaded = false;
  reachable = true;
  identifyUntil: number | null = null;
  live: LiveConnection | null = null;

  private clock = new ServerClock();
  private readonly timers = new Timers();
  private abort: AbortController | null = null;
  private readonly recent = new RecentEvents();
  private refreshing: Promise<void> | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly bootPerf = performance.now();
  private confirmedAlertId: string | null = null;
  private confirmingAlertId: string | null = null;
  private confirmRetryAt = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: KioskDeps,
  ) {
    this.now = this.clock.now();
    host.addController(this);
  }

  hostConnected(): void {
    this.abort = new AbortController();
    this.timers.interval(() => this.tick(), 1000);
    this.timers.interval(() => void this.heartbeat(), HEARTBEAT_EVERY_MS);
    this.timers.interval(() => this.maintain(), MAINTENANCE_EVERY_MS);
    void this.boot();
  }

  hostDisconnected(): void {
    // the live link is a controller of the same host: it closes itself
    this.abort?.abort();
    this.abort = null;
    this.timers.clearAll();
    this.pollTimer = this.saveTimer = this.reconnectTimer = null;
    if (this.state) void this.saveNow();
  }

  /** The screen at this second. */
  view(): KioskView {
    const state = this.state;
    const phase = state ? alertPhase(state.alert, state.screen.zone, this.now, state.allClearUntil) : null;
    const mode = state
      ? displayMode({ alertShown: phase !== null, blank: this.deps.prefs.blank, schedule: state.screen.schedule, timeZone: state.school.timeZone, nowMs: this.now })
      : 'content';
    const staleAt = state
      ? staleSince({ connected: this.live?.status === 'connected', syncedAt: state.syncedAt, nowMs: this.now, bootedAt: this.now - this.uptimeMs() })
      : null;
    return { state, now: this.now, phase, mode, staleAt, identify: this.identifyUntil !== null && this.now < this.identifyUntil, loaded: this.loaded, reachable: this.reachable };
  }

  /** Called once an active alert is on screen: tells direction this screen shows it (once per alert). */
  confirmAlertShown(alertId: string): void {
    if (this.confirmedAlertId === alertId || this.confirmingAlertId === alertId || Date.now() < this.confirmRetryAt) return;
    const signal = this.abort?.signal;
    if (!signal) return;
    this.confirmingAlertId = alertId;
    this.deps.api
      .alertDisplayed(alertId, signal)
      .then(() => (this.confirmedAlertId = alertId))
      .catch((err: unknown) => {
        const status = (err as { status?: number }).status ?? 0;
        if (isAuthLost(err)) return this.unpair();
        // the hub knows better (alert over, not ours): nothing to retry
        if (status >= 400 && status < 500) this.confirmedAlertId = alertId;
        else this.confirmRetryAt = Date.now() + CONFIRM_RETRY_MS;
      })
      .finally(() => {
        if (this.confirmingAlertId === alertId) this.confirmingAlertId = null;
      });
  }

  private async boot(): Promise<void> {
    const signal = this.abort?.signal;
    if (!this.state) {
      const stored = await this.deps.store.load();
      if (!signal || signal.aborted) return;
      if (stored) {
        this.clock = new ServerClock(stored.clockOffsetMs);
        this.now = this.clock.now();
        this.state = pruneExpired(stored.state, this.now);
      }
      this.loaded = true;
      this.host.requestUpdate();
    }
    this.startLive();
    await this.refresh();
    void this.heartbeat();
  }

  /** Fetches the snapshot (one request at a time) and draws it. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.fetchSnapshot().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async fetchSnapshot(): Promise<void> {
    const signal = this.abort?.signal;
    if (!signal || signal.aborted) return;
    try {
      const { data, sample } = await this.deps.api.snapshot(signal);
      if (signal.aborted) return;
      this.clock.add(sample);
      this.now = this.clock.now();
      if (data.rotatedToken) this.deps.tokens.set(data.rotatedToken);
      this.state = pruneExpired(applySnapshot(this.state, data, this.now, this.recent.all()), this.now);
      this.reachable = true;
      this.changed(true);
      this.startLive();
      // a socket that never manages to connect stays « connecting » without a word: poll meanwhile
      if (this.live?.status !== 'connected') this.schedulePoll();
    } catch (err) {
      if (signal.aborted) return;
      if (isAuthLost(err)) return this.unpair();
      this.reachable = false;
      this.host.requestUpdate();
      this.schedulePoll();
    }
  }

  private startLive(): void {
    const state = this.state;
    if (this.live || !state || !this.abort || this.abort.signal.aborted) return;
    this.live = new LiveConnection(this.host, {
      userId: `screen:${state.screen.id}`,
      // the cursors are those of the state drawn (stored with it in IndexedDB): the hub replays
      // exactly what this state lacks, even when it came from an old snapshot
      storage: { getItem: () => JSON.stringify(this.state?.cursors ?? {}), setItem: () => undefined },
      handshake: () => ({ screenToken: this.deps.tokens.get() ?? undefined }),
      onEvent: (e) => this.onEvent(e),
      onResync: () => void this.refresh(),
      onStatus: (s) => this.onLiveStatus(s),
      onRefused: (code) => this.onRefused(code),
      createSocket: this.deps.createSocket,
    });
  }

  private onEvent(e: EventEnvelope): void {
    const before = this.state;
    if (!before) return;
    const after = applyEvent(before, e, this.now);
    if (after === before) return;
    this.recent.add(e);
    this.state = after;
    this.changed(before.alert !== after.alert);
    if (e.type === 'screen.command') this.runCommand(e.data as CommandEvent);
    if (e.type === 'screen.updated' && screenChangeNeedsResync(before.screen, after.screen)) {
      // another zone or the board turned on: other channels and data; the hub re-places the socket
      void this.refresh().then(() => this.live?.reconnect());
    }
  }

  private runCommand(cmd: CommandEvent): void {
    if (!shouldRunCommand(cmd, this.now, this.deps.prefs.lastCommandIssuedAt)) return;
    this.deps.prefs.lastCommandIssuedAt = cmd.issuedAt;
    const run: Record<ScreenCommand, () => void> = {
      reload: () => void this.saveNow().then(() => this.deps.reload()),
      identify: () => (this.identifyUntil = this.now + IDENTIFY_MS),
      blank: () => (this.deps.prefs.blank = true),
      wake: () => (this.deps.prefs.blank = false),
    };
    run[cmd.command]();
    this.host.requestUpdate();
    // the admin's list shows the new display state without waiting 30 s
    if (cmd.command === 'blank' || cmd.command === 'wake') void this.heartbeat();
  }

  private onLiveStatus(status: LiveStatus): void {
    if (status === 'connected') {
      this.timers.clear(this.pollTimer);
      this.pollTimer = null;
      this.markSynced();
      return;
    }
    this.schedulePoll();
    // socket.io retries network failures itself, not a handshake the hub refused (hub restarting,
    // overloaded): a kiosk left alone for weeks must try again by itself
    if (status === 'disconnected') this.scheduleReconnect();
  }

  private onRefused(code: string): void {
    if (code === 'screen_revoked') return this.unpair();
    // « unauthenticated » may be a token rotated since: the snapshot says whether it is gone
    if (isRefusalFinal(code)) void this.refresh();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || !this.abort) return;
    this.reconnectTimer = this.timers.timeout(() => {
      this.reconnectTimer = null;
      if (this.live && this.live.status !== 'connected') this.live.reconnect();
    }, jitteredDelay(POLL_MIN_MS, POLL_MAX_MS));
  }

  /** While the live link is down, the snapshot is fetched every 20–40 s (jittered across screens). */
  private schedulePoll(): void {
    if (this.pollTimer || !this.abort) return;
    this.pollTimer = this.timers.timeout(() => {
      this.pollTimer = null;
      if (this.live?.status === 'connected') return;
      void this.refresh().then(() => {
        if (this.live?.status !== 'connected') this.schedulePoll();
      });
    }, jitteredDelay(POLL_MIN_MS, POLL_MAX_MS));
  }

  private tick(): void {
    this.now = this.clock.now();
    if (this.live?.status === 'connected') this.markSynced(false);
    if (this.identifyUntil !== null && this.now >= this.identifyUntil) this.identifyUntil = null;
    this.host.requestUpdate();
  }

  private markSynced(save = true): void {
    if (!this.state) return;
    this.state = { ...this.state, syncedAt: this.now };
    if (save) this.scheduleSave();
  }

  private maintain(): void {
    const state = this.state;
    if (!state) return;
    const pruned = pruneExpired(state, this.now);
    if (pruned !== state) this.state = pruned;
    // syncedAt moves every second while live: stored once a minute is enough for the badge
    this.scheduleSave();
    void this.nightlyReload();
  }

  private async nightlyReload(): Promise<void> {
    const v = this.view();
    if (!v.state) return;
    const due = nightlyReloadDue({
      nowMs: this.now,
      bootedAt: this.now - this.uptimeMs(),
      timeZone: v.state.school.timeZone,
      scheduledOn: isScheduledOn(v.state.screen.schedule, new Date(this.now), v.state.school.timeZone),
      alertShown: v.phase !== null,
    });
    if (!due || !(await this.deps.api.ready(this.abort?.signal))) return;
    await this.saveNow();
    this.deps.reload();
  }

  private async heartbeat(): Promise<void> {
    const signal = this.abort?.signal;
    const v = this.view();
    if (!signal || !v.state) return;
    const memory = (performance as Performance & { memory?: { usedJSHeapSize?: number } }).memory;
    const body = heartbeatBody({
      cursors: v.state.cursors,
      alertId: v.phase?.kind === 'active' ? v.phase.alert.id : null,
      uptimeMs: this.uptimeMs(),
      heapBytes: memory?.usedJSHeapSize ?? null,
      clockOffsetMs: this.clock.offsetMs,
      version: this.deps.version,
      viewport: this.deps.viewport?.() ?? { width: window.innerWidth, height: window.innerHeight },
      display: v.mode,
    });
    try {
      const { data, sample } = await this.deps.api.heartbeat(body, signal);
      if (signal.aborted) return;
      this.clock.add(sample);
      if (data.rotatedToken) this.deps.tokens.set(data.rotatedToken);
      this.reachable = true;
    } catch (err) {
      if (signal.aborted) return;
      if (isAuthLost(err)) this.unpair();
    }
  }

  /** The hub forgot this screen: drop its token and data, back to pairing. */
  private unpair(): void {
    this.abort?.abort();
    this.abort = null;
    this.timers.clearAll();
    this.state = null;
    this.deps.tokens.clear();
    this.deps.prefs.clear();
    void this.deps.store.clear();
    this.deps.onUnpaired();
  }

  private changed(saveNow: boolean): void {
    this.host.requestUpdate();
    // an alert must survive a power cut that follows it within seconds
    if (saveNow) void this.saveNow();
    else this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.saveTimer || !this.abort) return;
    this.saveTimer = this.timers.timeout(() => {
      this.saveTimer = null;
      void this.saveNow();
    }, SAVE_DELAY_MS);
  }

  private async saveNow(): Promise<void> {
    const state = this.state;
    if (!state) return;
    await this.deps.store.save({ screenId: state.screen.id, state, clockOffsetMs: this.clock.offsetMs, savedAt: Date.now() });
  }

  private uptimeMs(): number {
    return performance.now() - this.bootPerf;
  }
}
