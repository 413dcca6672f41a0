import type { QuietHours } from '../../contracts/notifications';
import { addDays, fromZonedInput, isoWeekday, toZonedInput } from '../../contracts/zoned-time';

const isWeekend = (day: string) => isoWeekday(day) >= 6;

/**
 * When the school's pause numérique ends, or null outside it. The evening pause spans midnight
 * (19:00 → 07:00); with weekends on, Friday evening runs to Monday morning.
 */
export function quietUntil(now: Date, quiet: QuietHours, timeZone: string): Date | null {
  const wall = toZonedInput(now, timeZone);
  const today = wall.slice(0, 10);
  const time = wall.slice(11, 16);
  const spansMidnight = quiet.start > quiet.end;
  const inEvening = spansMidnight ? time >= quiet.start || time < quiet.end : time >= quiet.start && time < quiet.end;
  const inWeekend = quiet.weekends && isWeekend(today);
  if (!inEvening && !inWeekend) return null;
  // the pause ends at the next `end` that falls on a day it is not the weekend
  let day = spansMidnight && time < quiet.end ? today : addDays(today, spansMidnight ? 1 : 0);
  if (!spansMidnight && time >= quiet.end) day = addDays(today, 1);
  for (let i = 0; i < 8; i++) {
    if (!(quiet.weekends && isWeekend(day))) {
      const end = fromZonedInput(`${day}T${quiet.end}`, timeZone);
      if (end && Date.parse(end) > now.getTime()) return new Date(end);
    }
    day = addDays(day, 1);
  }
  return null;
}
