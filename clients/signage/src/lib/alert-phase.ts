// What a PPMS alert puts on this screen at an instant: the alert itself, « Fin d'alerte » for a
// short while after an all clear, or nothing (cancelled, expired, another zone's).
import type { AlertDto, ScreenZone } from '../../../../server/contracts/signage';

/** How long « Fin d'alerte » stays before the screen goes back to its content. */
export const ALL_CLEAR_MS = 30_000;

export type AlertPhase = { kind: 'active'; alert: AlertDto } | { kind: 'all_clear'; alert: AlertDto };

/** Whether an alert is meant for a screen of this zone (null zones: the whole school). */
export function alertAppliesTo(alert: AlertDto, zone: ScreenZone): boolean {
  return alert.zones === null || alert.zones.includes(zone);
}

export function isEnded(alert: AlertDto): boolean {
  return alert.endedAt !== null || alert.msgType === 'cancel' || alert.responseType === 'allclear';
}

/**
 * The alert phase at `nowMs` (hub time). `allClearUntil` is set when this screen saw the alert
 * end; an ended alert found in a snapshot shows « Fin d'alerte » until 30 s after it ended.
 */
export function alertPhase(alert: AlertDto | null, zone: ScreenZone, nowMs: number, allClearUntil: number | null): AlertPhase | null {
  if (!alert || !alertAppliesTo(alert, zone)) return null;
  if (isEnded(alert)) {
    if (alert.endKind === 'cancel' || alert.msgType === 'cancel') return null;
    const until = allClearUntil ?? Date.parse(alert.endedAt ?? alert.updatedAt) + ALL_CLEAR_MS;
    return nowMs < until ? { kind: 'all_clear', alert } : null;
  }
  if (alert.expiresAt && nowMs >= Date.parse(alert.expiresAt)) return null;
  return { kind: 'active', alert };
}

export interface AlertSlice {
  alert: AlertDto | null;
  allClearUntil: number | null;
}

/**
 * An alert event (triggered, updated or ended) applied to what the screen holds. An end only
 * concerns the alert this screen holds; an all clear turns it into « Fin d'alerte » for 30 s,
 * a cancellation (sent in error) removes it at once.
 */
export function applyAlertEvent(slice: AlertSlice, alert: AlertDto, zone: ScreenZone, nowMs: number): AlertSlice {
  const held = slice.alert;
  if (isEnded(alert)) {
    if (held?.id !== alert.id) return slice;
    if (alert.endKind === 'cancel' || alert.msgType === 'cancel' || !alertAppliesTo(alert, zone)) return { alert: null, allClearUntil: null };
    // the same end heard twice (signage and zone channels) does not restart the 30 s
    const until = held && isEnded(held) && slice.allClearUntil !== null ? slice.allClearUntil : nowMs + ALL_CLEAR_MS;
    return { alert, allClearUntil: until };
  }
  if (!alertAppliesTo(alert, zone)) return held?.id === alert.id ? { alert: null, allClearUntil: null } : slice;
  return { alert, allClearUntil: null };
}
