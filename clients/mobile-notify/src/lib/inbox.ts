import type { NotificationCategory, NotificationDto } from '../../../../server/contracts/notifications';

/** Unseen first, then newest first (the hub's order, kept after local changes). */
export function sortInbox(items: readonly NotificationDto[]): NotificationDto[] {
  return [...items].sort((a, b) => Number(a.seenAt !== null) - Number(b.seenAt !== null) || b.createdAt.localeCompare(a.createdAt));
}

export function unseenCount(items: readonly NotificationDto[]): number {
  return items.filter((n) => n.seenAt === null).length;
}

/** A critical notification (a child's absence, an emergency) waits for « J'ai pris connaissance ». */
export function awaitsAcknowledgement(n: NotificationDto): boolean {
  return n.critical && n.acknowledgedAt === null;
}

/** The list after the person saw (or acknowledged) some items, as the hub will have it. */
export function markLocally(items: readonly NotificationDto[], ids: readonly string[], at: Date, acknowledge = false): NotificationDto[] {
  const set = new Set(ids);
  const iso = at.toISOString();
  return sortInbox(
    items.map((n) =>
      set.has(n.id) ? { ...n, seenAt: n.seenAt ?? iso, acknowledgedAt: acknowledge ? (n.acknowledgedAt ?? iso) : n.acknowledgedAt } : n,
    ),
  );
}

/** The web client URL of an item, from the hub's relative one. */
export function openUrl(n: Pick<NotificationDto, 'url'>, origin: string): string {
  const url = new URL(n.url || '/', origin);
  return url.origin === origin ? url.href : new URL('/', origin).href;
}

export type CategoryIcon = 'absence' | 'alert' | 'message' | 'news' | 'school';

export const CATEGORY_ICONS: Record<NotificationCategory, CategoryIcon> = {
  child_absence: 'absence',
  emergency: 'alert',
  message: 'message',
  teacher_absence: 'school',
  news: 'news',
};

/** "à l'instant", "il y a 5 min", "hier à 18:05", "12 mars à 08:10": when it came, to a parent's eye. */
export function receivedAt(iso: string, now: Date, locale: 'fr' | 'en', timeZone?: string): string {
  const at = new Date(iso);
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < 60) return rtf.format(0, 'second');
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(at);
  const days = Math.round((Date.parse(day(now)) - Date.parse(day(at))) / 86_400_000);
  if (days === 0) return rtf.format(-Math.floor(seconds / 3600), 'hour');
  if (days === 1) return `${rtf.format(-1, 'day')} ${locale === 'fr' ? 'à' : 'at'} ${time}`;
  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: 'numeric',
    month: 'long',
    ...(day(now).slice(0, 4) !== day(at).slice(0, 4) ? { year: 'numeric' } : {}),
  }).format(at);
  return `${date} ${locale === 'fr' ? 'à' : 'at'} ${time}`;
}
