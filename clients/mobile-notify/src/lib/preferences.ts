import type { PreferenceDto } from '../../../../server/contracts/notifications';
// the rules module, not contracts/notifications: that one brings zod into the bundle
import {
  CRITICAL_CATEGORIES,
  notificationCategories,
  notificationChannels,
  type NotificationCategory,
  type NotificationChannel,
  type NotificationMode,
  type QuietHours,
} from '../../../../server/contracts/notification-rules';

export interface PreferenceRow {
  category: NotificationCategory;
  critical: boolean;
  cells: PreferenceDto[];
}

/** The matrix in a stable order (categories, then app / phone / email), whatever order the hub used. */
export function preferenceRows(prefs: readonly PreferenceDto[]): PreferenceRow[] {
  return notificationCategories
    .map((category) => ({
      category,
      critical: CRITICAL_CATEGORIES.includes(category),
      cells: notificationChannels
        .map((channel) => prefs.find((p) => p.category === category && p.channel === channel))
        .filter((p): p is PreferenceDto => !!p),
    }))
    .filter((row) => row.cells.length > 0);
}

/** The matrix with one cell changed, or null when the hub would refuse it (locked, or a mode the channel lacks). */
export function withPreference(
  prefs: readonly PreferenceDto[],
  category: NotificationCategory,
  channel: NotificationChannel,
  mode: NotificationMode,
): PreferenceDto[] | null {
  const cell = prefs.find((p) => p.category === category && p.channel === channel);
  if (!cell || cell.locked || !cell.allowed.includes(mode)) return null;
  return prefs.map((p) => (p === cell ? { ...p, mode } : p));
}

export interface QuietHoursText {
  start: string;
  end: string;
  weekends: boolean;
}

/** Quiet hours as a person reads them: "19 h", "7 h 30" in French, "7 pm", "7:30 am" in English. */
export function quietHoursText(q: QuietHours, locale: 'fr' | 'en'): QuietHoursText {
  return { start: wallClock(q.start, locale), end: wallClock(q.end, locale), weekends: q.weekends };
}

export function wallClock(hhmm: string, locale: 'fr' | 'en'): string {
  const [h, m] = hhmm.split(':').map(Number);
  if (locale === 'fr') return m ? `${h}\u00a0h\u00a0${String(m).padStart(2, '0')}` : `${h}\u00a0h`;
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m ? `:${String(m).padStart(2, '0')}` : ''}\u00a0${h < 12 ? 'am' : 'pm'}`;
}
