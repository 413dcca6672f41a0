// Dates and times as the school reads them on its wall clock, whatever the player's zone.
import { addDays, toZonedDate, toZonedInput } from '../../../../server/contracts/zoned-time';

export type KioskLocale = 'fr' | 'en';

// Intl formatters are costly to build and the clock asks every second: one per (kind, locale, zone)
const formats = new Map<string, Intl.DateTimeFormat>();

function format(kind: 'time' | 'date', locale: KioskLocale, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${locale}|${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
    f =
      kind === 'time'
        ? new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
        : new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', timeZone });
    formats.set(key, f);
  }
  return f;
}

/** "10:42" at the school. */
export function clockText(ms: number, timeZone: string, locale: KioskLocale = 'fr'): string {
  return format('time', locale, timeZone).format(ms);
}

/** "lundi 24 novembre" at the school. */
export function dateText(ms: number, timeZone: string, locale: KioskLocale = 'fr'): string {
  return format('date', locale, timeZone).format(ms);
}

/** "lundi 24 novembre" of a calendar date "2025-11-24" (noon UTC: the same day in every zone). */
export function calendarDateText(date: string, locale: KioskLocale = 'fr'): string {
  return dateText(Date.parse(`${date}T12:00:00Z`), 'UTC', locale);
}

/** The school's calendar date of an instant, "2025-11-24". */
export function schoolDate(ms: number, timeZone: string): string {
  return toZonedDate(new Date(ms), timeZone);
}

/** The school's wall-clock time of an instant, "08:05". */
export function schoolTime(ms: number, timeZone: string): string {
  return toZonedInput(new Date(ms), timeZone).slice(11, 16);
}

/** The calendar day after a "2025-11-24" date. */
export function nextDate(date: string): string {
  return addDays(date, 1);
}

/** A capital first letter: Intl writes French weekdays in lower case, a heading starts with a capital. */
export function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr-FR') + text.slice(1);
}
