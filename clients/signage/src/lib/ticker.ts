// The ticker of short flashes along the bottom of the screen.
import type { FlashDto, ScreenZone } from '../../../../server/contracts/signage';

/** Flashes for this screen's zone that have not run out, oldest first (the order they were written). */
export function visibleFlashes(flashes: readonly FlashDto[], zone: ScreenZone, nowMs: number): FlashDto[] {
  return flashes
    .filter((f) => Date.parse(f.until) > nowMs && (f.zones === null || f.zones.includes(zone)))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** A `signage.flash_updated` event applied. */
export function applyFlashUpdate(flashes: readonly FlashDto[], upserted: FlashDto[], removed: string[]): FlashDto[] {
  const drop = new Set([...removed, ...upserted.map((f) => f.id)]);
  return [...flashes.filter((f) => !drop.has(f.id)), ...upserted];
}

export function pruneFlashes(flashes: FlashDto[], nowMs: number): FlashDto[] {
  const kept = flashes.filter((f) => Date.parse(f.until) > nowMs);
  return kept.length === flashes.length ? flashes : kept;
}

/** Characters per second the ticker moves: slow enough to read from across the hall. */
const CHARS_PER_SECOND = 7;

/** Seconds one pass of the ticker takes for this text, so every text moves at the same speed. */
export function tickerSeconds(text: string): number {
  return Math.max(12, Math.round((text.length + 30) / CHARS_PER_SECOND));
}
