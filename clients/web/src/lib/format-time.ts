import type { Locale } from '../../../shared/i18n';
import type { Translate } from '../i18n';

// shared with the sign-in messages of every client
export { formatDuration } from '../../../shared/sign-in-errors';

export interface TimeContext {
  t: Translate;
  locale: Locale;
  /** The school's time zone: a school's day starts at its own midnight, not the device's. */
  timeZone: string;
  now: Date;
}

export interface FormattedTime {
  /** For <time datetime>. */
  iso: string;
  /** Short, changes as time passes: "à l’instant", "il y a 5 minutes", "hier à 09:12". */
  relative: string;
  /** Full date and time, for a tooltip or screen readers. */
  absolute: string;
}

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** Formats an instant for a feed: relative when recent, then by day in the school's time zone. */
export function formatTime(at: string | Date, ctx: TimeContext): FormattedTime {
  const date = typeof at === 'string' ? new Date(at) : at;
  const lang = intlLocale(ctx.locale);
  const absolute = new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short', timeZone: ctx.timeZone }).format(date);
  const elapsedSeconds = Math.round((ctx.now.getTime() - date.getTime()) / 1000);
  const clock = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone: ctx.timeZone }).format(date);
  let relative: string;
  // a client clock a little ahead of the hub's must not print "dans 3 secondes"
  if (elapsedSeconds < 45) relative = ctx.t('time.justNow');
  else if (elapsedSeconds < 45 * 60) relative = relativeUnit(lang, Math.max(1, Math.round(elapsedSeconds / 60)), 'minute');
  else if (elapsedSeconds < 4 * 3600) relative = relativeUnit(lang, Math.round(elapsedSeconds / 3600), 'hour');
  else {
    const days = dayNumber(ctx.now, ctx.timeZone) - dayNumber(date, ctx.timeZone);
    if (days === 0) relative = ctx.t('time.todayAt', { time: clock });
    else if (days === 1) relative = ctx.t('time.yesterdayAt', { time: clock });
    else {
      const sameYear = calendarYear(date, ctx.timeZone) === calendarYear(ctx.now, ctx.timeZone);
      const day = new Intl.DateTimeFormat(lang, {
        day: 'numeric',
        month: 'long',
        year: sameYear ? undefined : 'numeric',
        timeZone: ctx.timeZone,
      }).format(date);
      relative = ctx.t('time.dateAt', { date: day, time: clock });
    }
  }
  return { iso: date.toISOString(), relative, absolute };
}

function relativeUnit(lang: string, amount: number, unit: 'minute' | 'hour'): string {
  return new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(-amount, unit);
}

/** Days since the epoch of the calendar date at `timeZone`, so day differences ignore DST. */
function dayNumber(date: Date, timeZone: string): number {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(date)
    .split('-')
    .map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function calendarYear(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(date);
}
