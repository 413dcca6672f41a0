// What the screen is showing, as the heartbeat reports it: alerts beat everything, a blank
// command beats the schedule, the schedule beats the content.
import type { ScreenHeartbeatDto } from '../../../../server/contracts/signage';
import { isScheduledOn, type ScreenSchedule } from '../../../../server/contracts/signage-rules';

export type DisplayMode = ScreenHeartbeatDto['display'];

export interface DisplayInput {
  alertShown: boolean;
  blank: boolean;
  schedule: ScreenSchedule;
  timeZone: string;
  nowMs: number;
}

export function displayMode(input: DisplayInput): DisplayMode {
  if (input.alertShown) return 'alert';
  if (input.blank) return 'blank';
  return isScheduledOn(input.schedule, new Date(input.nowMs), input.timeZone) ? 'content' : 'scheduled_off';
}
