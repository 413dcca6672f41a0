import type { Profile } from '../../../../server/contracts/profiles';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { AlertDto, AlertStatusDto } from '../../../../server/contracts/signage';
import type { Api } from '../../../shared/api';
import { followsAlerts, readsAlertScreens } from './routes';
import { alertStatusAfter, isForSchool, isSignage, isSignageEvent } from './signage-live';

export interface SignageState {
  /** The alert in course with its screens; null until loaded, and for those who do not follow alerts. */
  status: AlertStatusDto | null;
  /** The alert that just ended, for the « fin d'alerte » notice until it is dismissed. */
  ended: AlertDto | null;
}

/** A word from one page for the next (« Écran appairé » on the list after the pairing form). */
export interface SignageNote {
  text: string;
  /** The screen the note is about, to mark its row. */
  screenId?: string;
}

type SignageApi = Pick<Api, 'get'>;

/**
 * What the shell shares with the screens and alert pages: the PPMS alert in course (the banner
 * above every page), kept live from the profile channels, with which screens confirmed they show
 * it; the signage events for the page shown; a reload after missed events.
 */
export class SignageStore {
  private current: SignageState = { status: null, ended: null };
  private readonly listeners = new Set<(s: SignageState) => void>();
  private readonly eventListeners = new Set<(e: EventEnvelope) => void>();
  private readonly resyncListeners = new Set<() => void>();
  private generation = 0;
  private reloadTimer?: ReturnType<typeof setTimeout>;
  private note: SignageNote | null = null;

  constructor(
    private readonly api: SignageApi,
    private currentUai: string,
    private profile: Profile,
  ) {}

  get uai(): string {
    return this.currentUai;
  }

  /** The school's path in the API: `/schools/<uai>`. */
  get schoolPath(): string {
    return `/schools/${encodeURIComponent(this.currentUai)}`;
  }

  get state(): SignageState {
    return this.current;
  }

  subscribe(listener: (s: SignageState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The school's signage events, after the alert state took them in. */
  onEvent(listener: (e: EventEnvelope) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Another school or profile: another alert, other screens. */
  reset(uai: string, profile: Profile): void {
    this.currentUai = uai;
    this.profile = profile;
    this.generation++;
    clearTimeout(this.reloadTimer);
    this.note = null;
    this.set({ status: null, ended: null });
  }

  setNote(note: SignageNote | null): void {
    this.note = note;
  }

  /** The pending note, once: showing it consumes it. */
  takeNote(): SignageNote | null {
    const n = this.note;
    this.note = null;
    return n;
  }

  /** Reads the alert in course; throws when the hub could not answer (the banner keeps what it knew). */
  async load(): Promise<void> {
    if (!followsAlerts(this.profile)) return;
    const generation = this.generation;
    const status = await this.api.get<AlertStatusDto>(`${this.schoolPath}/alerts/active`);
    if (generation !== this.generation) return;
    this.set({ ...this.current, status: { alert: status.alert, screens: status.screens ?? [] } });
  }

  handle(event: EventEnvelope): void {
    if (!isSignageEvent(event.type) || !isForSchool(event, this.currentUai)) return;
    if (followsAlerts(this.profile)) this.applyEvent(event);
    for (const l of this.eventListeners) l(event);
  }

  resync(): void {
    void this.load().catch(() => undefined);
    for (const l of this.resyncListeners) l();
  }

  /** The hub's answer to this person's own trigger, update or end: shown at once, before its event. */
  applyAlert(alert: AlertDto): void {
    const status = this.current.status ?? { alert: null, screens: [] };
    if (alert.endedAt) {
      const wasShown = !status.alert || status.alert.id === alert.id;
      this.set({ status: wasShown ? { alert: null, screens: [] } : status, ended: wasShown ? alert : this.current.ended });
      return;
    }
    if (status.alert?.id === alert.id) {
      this.set({ ...this.current, status: { ...status, alert } });
      return;
    }
    this.set({ status: { alert, screens: [] }, ended: null });
    this.scheduleReload();
  }

  /** The « fin d'alerte » notice was read. */
  dismissEnded(): void {
    if (this.current.ended) this.set({ ...this.current, ended: null });
  }

  private applyEvent(event: EventEnvelope): void {
    const before = this.current.status ?? { alert: null, screens: [] };
    const after = alertStatusAfter(before, event);
    let ended = this.current.ended;
    if (isSignage(event, 'alert.ended') && before.alert && !after.alert) ended = event.data.alert;
    if (isSignage(event, 'alert.updated') && before.alert && !after.alert) ended = event.data.alert;
    if (after.alert && after.alert.id !== before.alert?.id) {
      ended = null;
      // a new alert's event does not list its screens: direction and admins read them
      this.scheduleReload();
    }
    if (after !== before || ended !== this.current.ended) this.set({ status: after, ended });
  }

  // the trigger's answer and its event arrive together: one read of the screens for both
  private scheduleReload(): void {
    if (!readsAlertScreens(this.profile)) return;
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load().catch(() => undefined), 300);
  }

  private set(state: SignageState): void {
    this.current = state;
    for (const l of this.listeners) l(state);
  }
}
