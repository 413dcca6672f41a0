// The pairing code as people read it aloud and type it.
import { normalisePairingCode } from '../../../../server/contracts/signage-rules';

/** "AB3K7Z" → "AB3 K7Z": two groups of three are read without losing one's place. */
export function groupPairingCode(code: string): string {
  const c = normalisePairingCode(code);
  return c.length > 3 ? `${c.slice(0, 3)} ${c.slice(3)}` : c;
}

/** How often the kiosk asks whether an admin has entered its code. */
export const CLAIM_EVERY_MS = 2_000;
/** Waits after failures to reach the hub, growing, so a hub coming back is not stampeded. */
export function retryDelay(failures: number): number {
  return Math.min(30_000, 2_000 * 2 ** Math.max(0, failures - 1));
}
