// The heartbeat's body, as the hub's heartbeatSchema reads it.
import type { ScreenHeartbeatDto } from '../../../../server/contracts/signage';
import type { DisplayMode } from './display-mode';

/** What the hub keeps of a heartbeat, but the instant it adds on receipt. */
export type HeartbeatBody = Omit<ScreenHeartbeatDto, 'at'>;

export interface HeartbeatInput {
  cursors: Record<string, number>;
  alertId: string | null;
  uptimeMs: number;
  heapBytes: number | null | undefined;
  clockOffsetMs: number;
  version: string;
  viewport: { width: number; height: number };
  display: DisplayMode;
}

const MAX_OFFSET_MS = 86_400_000;

/** Whole numbers within the schema's bounds: a player with a wild clock still reports in. */
export function heartbeatBody(input: HeartbeatInput): HeartbeatBody {
  const int = (n: number) => Math.max(0, Math.round(n));
  // the hub accepts at most ten channels; a screen is in four
  const cursors = Object.fromEntries(Object.entries(input.cursors).slice(0, 10));
  return {
    cursors,
    alertId: input.alertId,
    uptimeSeconds: Math.floor(Math.max(0, input.uptimeMs) / 1000),
    jsHeapBytes: typeof input.heapBytes === 'number' && Number.isFinite(input.heapBytes) ? int(input.heapBytes) : null,
    clockOffsetMs: Math.max(-MAX_OFFSET_MS, Math.min(MAX_OFFSET_MS, Math.round(input.clockOffsetMs))),
    version: input.version.slice(0, 40),
    viewport: { width: Math.min(20_000, int(input.viewport.width)), height: Math.min(20_000, int(input.viewport.height)) },
    display: input.display,
  };
}
