// The news carousel's rotation: each item stays its own `durationSeconds`, then the next comes.

export interface CarouselItem {
  id: string;
  durationSeconds: number;
}

export interface CarouselState {
  id: string;
  /** When the current item came up (epoch ms). */
  since: number;
}

/** Bounds on an item's time on screen: a zero would spin, an hour would hide the rest. */
export const MIN_SLIDE_SECONDS = 5;
export const MAX_SLIDE_SECONDS = 120;

export function slideMs(item: CarouselItem): number {
  const s = Number.isFinite(item.durationSeconds) ? item.durationSeconds : MIN_SLIDE_SECONDS;
  return Math.min(MAX_SLIDE_SECONDS, Math.max(MIN_SLIDE_SECONDS, s)) * 1000;
}

/**
 * The carousel at `nowMs`: the same state while the current item's time runs, the next item
 * when it ran out, and when the current item vanished (removed or expired) the one that took
 * its place, so the rotation does not jump back to the start. Returns the same object when
 * nothing changed, so a render can compare by identity.
 */
export function stepCarousel(
  items: readonly CarouselItem[],
  state: CarouselState | null,
  nowMs: number,
  previousOrder: readonly string[] = [],
): CarouselState | null {
  if (items.length === 0) return null;
  if (!state) return { id: items[0].id, since: nowMs };
  const at = items.findIndex((i) => i.id === state.id);
  if (at < 0) {
    // the item that followed the vanished one in the previous order, if still there
    const was = previousOrder.indexOf(state.id);
    const next = was >= 0 ? previousOrder.slice(was + 1).find((id) => items.some((i) => i.id === id)) : undefined;
    return { id: next ?? items[0].id, since: nowMs };
  }
  if (nowMs - state.since < slideMs(items[at])) return state;
  if (items.length === 1) return { id: state.id, since: nowMs };
  return { id: items[(at + 1) % items.length].id, since: nowMs };
}
