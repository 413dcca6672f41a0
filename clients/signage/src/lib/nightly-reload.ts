// A kiosk runs for weeks: once a night, while it is off by schedule, the page reloads to start
// afresh (memory, a new build). Only if the hub is ready, so that it never reloads into a
// failing hub, and never while an alert is up.
import { schoolTime } from './school-time';

/** School wall-clock window in which the reload may happen. */
export const NIGHTLY_FROM = '02:00';
export const NIGHTLY_UNTIL = '05:00';
/** A page younger than this has just started: no need to start again. */
export const MIN_UPTIME_MS = 6 * 3600_000;

export interface NightlyInput {
  nowMs: number;
  /** Hub time when this page started. */
  bootedAt: number;
  timeZone: string;
  scheduledOn: boolean;
  alertShown: boolean;
}

export function nightlyReloadDue(input: NightlyInput): boolean {
  if (input.scheduledOn || input.alertShown) return false;
  // once per night: the page that reloaded tonight is younger than the whole window
  if (input.nowMs - input.bootedAt < MIN_UPTIME_MS) return false;
  const time = schoolTime(input.nowMs, input.timeZone);
  return time >= NIGHTLY_FROM && time < NIGHTLY_UNTIL;
}
