import type { EventData, EventEnvelope } from '../../../../server/contracts/events';
import type { AlertDto, AlertStatusDto, ScreenDto } from '../../../../server/contracts/signage';
import { screenStates, type ScreenState } from '../../../../server/contracts/signage-rules';

/** The live events of the screens and PPMS alerts the web client follows. */
export const SIGNAGE_EVENTS = ['screen.status_changed', 'screen.revoked', 'alert.triggered', 'alert.updated', 'alert.ended', 'alert.displayed'] as const;
export type SignageEventType = (typeof SIGNAGE_EVENTS)[number];

export function isSignageEvent(type: string): type is SignageEventType {
  return (SIGNAGE_EVENTS as readonly string[]).includes(type);
}

type Envelope<T extends SignageEventType> = EventEnvelope<T> & { data: EventData[T] };

export function isSignage<T extends SignageEventType>(event: EventEnvelope, type: T): event is Envelope<T> {
  return event.type === type;
}

/** Whether an event came on one of the school's channels (its profile channels carry the screens and the alerts). */
export function isForSchool(event: Pick<EventEnvelope, 'channel'>, uai: string): boolean {
  return event.channel === `school:${uai}` || event.channel.startsWith(`school:${uai}:`);
}

/**
 * A screen's heartbeat flips its state back and forth, and a screen confirming an alert is the
 * alert page's business: neither belongs in the « Fil en direct » list.
 */
export function showsSignageInLiveList(event: Pick<EventEnvelope, 'type'>): boolean {
  return event.type !== 'screen.status_changed' && event.type !== 'alert.displayed';
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr', { sensitivity: 'base', numeric: true });

/** The screens by name, as people look one up. */
export function sortScreens(screens: readonly ScreenDto[]): ScreenDto[] {
  return [...screens].sort(byName);
}

/** The list with this screen added or replaced (a pairing, a rename, a new state). */
export function upsertScreen(screens: readonly ScreenDto[], screen: ScreenDto): ScreenDto[] {
  return sortScreens([...screens.filter((s) => s.id !== screen.id), screen]);
}

/** The screens list after a live event; the same list when the event changes nothing in it. */
export function screensAfter(screens: readonly ScreenDto[], event: EventEnvelope): readonly ScreenDto[] {
  if (isSignage(event, 'screen.status_changed')) {
    const screen = event.data?.screen;
    return screen && typeof screen.id === 'string' ? upsertScreen(screens, screen) : screens;
  }
  if (isSignage(event, 'screen.revoked')) {
    const id = event.data?.screenId;
    return screens.some((s) => s.id === id) ? screens.filter((s) => s.id !== id) : screens;
  }
  return screens;
}

/** Whether an alert is still in course at `now`: not ended, and not past its expiry. */
export function isAlertLive(alert: Pick<AlertDto, 'endedAt' | 'expiresAt'> | null | undefined, now: Date): boolean {
  if (!alert || alert.endedAt) return false;
  return !alert.expiresAt || Date.parse(alert.expiresAt) > now.getTime();
}

export type AlertScreen = AlertStatusDto['screens'][number];

/** The screens not showing the alert yet first (what the direction must chase), then by name. */
export function sortAlertScreens(screens: readonly AlertScreen[]): AlertScreen[] {
  return [...screens].sort((a, b) => Number(!!a.displayedAt) - Number(!!b.displayedAt) || byName(a, b));
}

/** The screens that have not confirmed they show the alert. */
export function unconfirmedScreens(status: Pick<AlertStatusDto, 'alert' | 'screens'> | null): AlertScreen[] {
  if (!status?.alert) return [];
  return status.screens.filter((s) => !s.displayedAt);
}

/**
 * The alert in course after a live event; the same object when the event changes nothing. A new
 * alert arrives without its screens: the caller loads them (direction and admins only).
 */
export function alertStatusAfter(status: AlertStatusDto, event: EventEnvelope): AlertStatusDto {
  if (isSignage(event, 'alert.triggered')) {
    const alert = event.data?.alert;
    if (!alert?.id) return status;
    if (status.alert?.id === alert.id) return laterAlert(status, alert);
    return { alert, screens: [] };
  }
  if (isSignage(event, 'alert.updated')) {
    const alert = event.data?.alert;
    if (!alert?.id) return status;
    if (status.alert?.id === alert.id) return laterAlert(status, alert);
    // an update of an alert this page never saw start (missed while away): take it as the one in course
    return alert.endedAt ? status : { alert, screens: [] };
  }
  if (isSignage(event, 'alert.ended')) {
    const alert = event.data?.alert;
    if (!alert?.id || (status.alert && status.alert.id !== alert.id)) return status;
    return status.alert ? { alert: null, screens: [] } : status;
  }
  if (isSignage(event, 'alert.displayed')) {
    const { alertId, screenId, at } = event.data ?? ({} as EventData['alert.displayed']);
    if (!status.alert || status.alert.id !== alertId) return status;
    const screen = status.screens.find((s) => s.id === screenId);
    // the first confirmation counts: a screen reloaded later confirms again
    if (!screen || screen.displayedAt || typeof at !== 'string') return status;
    return { ...status, screens: status.screens.map((s) => (s.id === screenId ? { ...s, displayedAt: at } : s)) };
  }
  if (isSignage(event, 'screen.status_changed')) {
    const screen = event.data?.screen;
    const known = screen && status.screens.find((s) => s.id === screen.id);
    if (!screen || !known) return status;
    if (known.state === screen.state && known.name === screen.name && known.zone === screen.zone) return status;
    return {
      ...status,
      screens: status.screens.map((s) => (s.id === screen.id ? { ...s, state: screen.state, name: screen.name, zone: screen.zone } : s)),
    };
  }
  if (isSignage(event, 'screen.revoked')) {
    const id = event.data?.screenId;
    return status.screens.some((s) => s.id === id) ? { ...status, screens: status.screens.filter((s) => s.id !== id) } : status;
  }
  return status;
}

// a replayed event may be older than what an answer already gave: the later text wins
function laterAlert(status: AlertStatusDto, alert: AlertDto): AlertStatusDto {
  const current = status.alert!;
  if (Date.parse(alert.updatedAt) < Date.parse(current.updatedAt)) return status;
  if (alert.endedAt) return { alert: null, screens: [] };
  return { ...status, alert };
}

/** How many screens are in each state, in the states' order, leaving out those with none. */
export function screenStateCounts(screens: readonly Pick<ScreenDto, 'state'>[]): Array<{ state: ScreenState; n: number }> {
  return screenStates.map((state) => ({ state, n: screens.filter((s) => s.state === state).length })).filter((c) => c.n > 0);
}

/** Whether the change of a screen is one to tell the person (its state), not just a fresher heartbeat. */
export function stateChanged(before: readonly ScreenDto[], after: ScreenDto): boolean {
  const previous = before.find((s) => s.id === after.id);
  return !!previous && previous.state !== after.state;
}
