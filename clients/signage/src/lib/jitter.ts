/** A random delay in [minMs, maxMs): a school's screens polling together would hit the hub at once. */
export function jitteredDelay(minMs: number, maxMs: number, random: () => number = Math.random): number {
  return Math.floor(minMs + (maxMs - minMs) * Math.min(0.999_999, Math.max(0, random())));
}

/** Snapshot polling while the live link is down. */
export const POLL_MIN_MS = 20_000;
export const POLL_MAX_MS = 40_000;
