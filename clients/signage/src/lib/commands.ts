// Remote commands (reload, identify, blank, wake) run only while fresh, and each one only once:
// a screen that comes back online must not reload for a click made yesterday, and a reload
// must not replay the very command that caused it.
import { COMMAND_MAX_AGE_MS, type ScreenCommand } from '../../../../server/contracts/signage-rules';

export interface CommandEvent {
  command: ScreenCommand;
  issuedAt: string;
}

/** Whether to run a command at `nowMs` (hub time), given the issue time of the last one run. */
export function shouldRunCommand(cmd: CommandEvent, nowMs: number, lastRunIssuedAt: string | null): boolean {
  const issued = Date.parse(cmd.issuedAt);
  if (Number.isNaN(issued)) return false;
  if (lastRunIssuedAt !== null && issued <= Date.parse(lastRunIssuedAt)) return false;
  // a little tolerance into the future: clocks are corrected to the hub's, not perfectly equal
  return nowMs - issued <= COMMAND_MAX_AGE_MS && issued - nowMs <= COMMAND_MAX_AGE_MS;
}
