import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { messagingAvailability } from '../../../db/schema';
import type { AvailabilityDto, AvailabilityInput } from '../../contracts/messaging';
import { addDays, fromZonedInput, isoWeekday, toZonedInput } from '../../contracts/zoned-time';

export const NO_CLOSING: AvailabilityDto = { enabled: false, days: [1, 2, 3, 4, 5], opensAt: '08:00', closesAt: '18:00' };

/**
 * When a teacher who closes their messagerie to families outside set hours next opens, or null
 * when they are open now (or never close). Hours are wall-clock times at the school.
 */
export function closedUntil(hours: AvailabilityDto | undefined, now: Date, timeZone: string): Date | null {
  if (!hours?.enabled || hours.days.length === 0) return null;
  const wall = toZonedInput(now, timeZone);
  const today = wall.slice(0, 10);
  const time = wall.slice(11, 16);
  if (hours.days.includes(isoWeekday(today)) && time >= hours.opensAt && time < hours.closesAt) return null;
  for (let i = 0; i <= 7; i++) {
    const day = addDays(today, i);
    if (!hours.days.includes(isoWeekday(day))) continue;
    const opens = fromZonedInput(`${day}T${hours.opensAt}`, timeZone);
    if (opens && Date.parse(opens) > now.getTime()) return new Date(opens);
  }
  return null;
}

const DAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** « Votre message sera remis à Claire Moreau lundi 24 novembre à 08:00. » */
export function deferredNotice(name: string, until: Date, timeZone: string): string {
  const wall = toZonedInput(until, timeZone);
  const day = wall.slice(0, 10);
  const date = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  return `${name} ne reçoit pas de messages des familles à cette heure : votre message lui sera remis ${DAY_NAMES[isoWeekday(day) - 1]} ${date} à ${wall.slice(11, 16)}.`;
}

export async function loadAvailability(db: Queryable, schoolId: string, personIds: string[]): Promise<Map<string, AvailabilityDto>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(messagingAvailability)
    .where(and(eq(messagingAvailability.schoolId, schoolId), inArray(messagingAvailability.personId, personIds)));
  return new Map(rows.map((r) => [r.personId, { enabled: r.enabled, days: r.days, opensAt: r.opensAt, closesAt: r.closesAt }]));
}

export async function saveAvailability(db: Queryable, schoolId: string, personId: string, input: AvailabilityInput, now: Date): Promise<AvailabilityDto> {
  const values = { enabled: input.enabled, days: [...new Set(input.days)].sort(), opensAt: input.opensAt, closesAt: input.closesAt };
  await db
    .insert(messagingAvailability)
    .values({ personId, schoolId, ...values })
    .onConflictDoUpdate({ target: [messagingAvailability.personId, messagingAvailability.schoolId], set: { ...values, updatedAt: now } });
  return values;
}
