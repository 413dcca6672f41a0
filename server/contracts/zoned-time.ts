// A school's dates and timetable are in its own time zone, whatever the device or the server
// says (a parent abroad, a laptop or a container set to UTC). The hub and the clients convert
// between the school's wall clock ("2025-11-24", "08:00") and instants here.

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsCache = new Map<string, Intl.DateTimeFormat>();

function wallFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}

function wallAt(ms: number, timeZone: string): Wall & { s: number } {
  const parts: Record<string, number> = {};
  for (const p of wallFormat(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { y: parts.year, mo: parts.month, d: parts.day, h: parts.hour % 24, mi: parts.minute, s: parts.second };
}

/** Minutes the zone is ahead of UTC at that instant (+60 for Paris in winter). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const w = wallAt(ms, timeZone);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number, size = 2) => String(n).padStart(size, '0');

/** The school's wall-clock time of an instant, as a datetime-local value "2025-11-24T15:00". */
export function toZonedInput(at: string | Date, timeZone: string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) return '';
  const w = wallAt(ms, timeZone);
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}

/** The school's calendar date of an instant, as a date input value "2025-11-24". */
export function toZonedDate(at: string | Date, timeZone: string): string {
  return toZonedInput(at, timeZone).slice(0, 10);
}

/**
 * The instant (ISO, UTC) of a wall-clock time at the school, or null when the value is not one.
 * A time skipped by the spring clock change (02:30 on the last Sunday of March in Paris) becomes
 * the same duration after the change (03:30), which is what a person setting it there means.
 */
export function fromZonedInput(value: string, timeZone: string): string | null {
  const m = WALL.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(asUtc).getUTCDate() !== d) return null; // 31 February and friends
  const first = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60_000;
  const second = asUtc - zoneOffsetMinutes(first, timeZone) * 60_000;
  return new Date(second).toISOString();
}

/** Midnight at the school starting that calendar day, as an ISO instant. */
export function startOfZonedDay(date: string, timeZone: string): string | null {
  return DAY.test(date) ? fromZonedInput(`${date}T00:00`, timeZone) : null;
}

/** Midnight at the school ending that calendar day: "jusqu’au 12 mars" includes the 12th. */
export function endOfZonedDay(date: string, timeZone: string): string | null {
  const m = DAY.exec(date);
  if (!m) return null;
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  if (new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDate() !== Number(m[3])) return null;
  return startOfZonedDay(next.toISOString().slice(0, 10), timeZone);
}

/** The calendar day an "until" instant closes, the inverse of endOfZonedDay. */
export function lastZonedDay(until: string, timeZone: string): string {
  const ms = Date.parse(until);
  // the instant is the midnight after the last day: one minute back lands inside that day
  return Number.isNaN(ms) ? '' : toZonedDate(new Date(ms - 60_000), timeZone);
}

/** The calendar day n days after a "2025-11-24" date (n may be negative). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** Whole days from one calendar date to another. */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}
