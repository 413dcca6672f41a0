// Burn-in guard: static parts (header, logo, headings) move a few pixels every few minutes,
// too slowly for anyone to notice, enough that no pixel shows the same thing for days.

export const SHIFT_STEP_MS = 4 * 60_000;

// a loop around the centre, so the layout never drifts away from it
const PATH: ReadonlyArray<[number, number]> = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
];

/** The offset in pixels to apply at `nowMs`, each axis within ±amplitude. */
export function pixelShift(nowMs: number, amplitude = 4, stepMs = SHIFT_STEP_MS): { x: number; y: number } {
  const [x, y] = PATH[Math.floor(nowMs / stepMs) % PATH.length];
  // `+ 0` turns -0 into 0, so that CSS and tests read a plain zero
  return { x: x * amplitude + 0, y: y * amplitude + 0 };
}
