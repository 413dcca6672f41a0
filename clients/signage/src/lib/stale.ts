// « Données de HH:MM »: the badge telling people in the hall that what they read may be old.
import { STALE_BADGE_AFTER_MS } from '../../../../server/contracts/signage-rules';

/** After a boot, the live link gets this long to connect before old data counts as stale. */
export const BOOT_GRACE_MS = 15_000;

export interface StaleInput {
  /** Whether the live link is up now (the data is then current by definition). */
  connected: boolean;
  /** Hub time of the last moment the data was known current, or null if never. */
  syncedAt: number | null;
  nowMs: number;
  /** Hub time of this page's start. */
  bootedAt: number;
}

/** The time to show in the badge, or null when no badge is due. */
export function staleSince(input: StaleInput): number | null {
  if (input.connected || input.syncedAt === null) return null;
  if (input.nowMs - input.bootedAt < BOOT_GRACE_MS) return null;
  return input.nowMs - input.syncedAt > STALE_BADGE_AFTER_MS ? input.syncedAt : null;
}
