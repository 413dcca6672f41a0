// Which layout to draw. The screen's setting says how it hangs; a player whose output disagrees
// (a portrait setting on a landscape output, or the reverse) gets the layout that fits what it
// actually shows, rather than a squashed page: its heartbeat reports the viewport to admins.
import type { ScreenLayout } from '../../../../server/contracts/signage-rules';

export function effectiveLayout(configured: ScreenLayout, width: number, height: number): ScreenLayout {
  if (width <= 0 || height <= 0) return configured;
  const actual: ScreenLayout = height > width ? 'portrait' : 'landscape';
  return actual === configured ? configured : actual;
}
