import { inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { people, screens } from '../../../db/schema';
import { isScheduledOn, OFFLINE_AFTER_MS, type ScreenDto, type ScreenSelfDto, type ScreenState } from '../../contracts/signage';
import type { School } from '../timetable/course-rows';

export type ScreenRow = typeof screens.$inferSelect;

/** A screen as it knows itself (what it needs to draw; no heartbeat, no token). */
export function toSelf(row: ScreenRow): ScreenSelfDto {
  return { id: row.id, name: row.name, zone: row.zone, layout: row.layout, schedule: row.schedule, content: row.content };
}

/**
 * Off by its schedule comes first (a screen asleep is not a fault), then silent for too long,
 * then behind when its last heartbeat showed missing events.
 */
export function screenState(row: Pick<ScreenRow, 'schedule' | 'lastSeenAt' | 'behind'>, timeZone: string, now: Date): ScreenState {
  if (!isScheduledOn(row.schedule, now, timeZone)) return 'scheduled_off';
  if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() > OFFLINE_AFTER_MS) return 'offline';
  return row.behind.length > 0 ? 'behind' : 'online';
}

/** A screen as its school's admins see it. */
export function screenDto(row: ScreenRow, school: Pick<School, 'timeZone'>, pairedByName: string | null, now: Date): ScreenDto {
  return {
    ...toSelf(row),
    state: screenState(row, school.timeZone, now),
    pairedAt: row.pairedAt.toISOString(),
    pairedByName,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    heartbeat: row.heartbeat ?? null,
    behind: row.behind,
  };
}

/** Names of the people who paired these screens, by person id. */
export async function pairedByNames(db: Queryable, rows: ScreenRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.pairedBy).filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: people.id, f: people.firstName, l: people.lastName }).from(people).where(inArray(people.id, ids));
  return new Map(found.map((p) => [p.id, `${p.f} ${p.l}`]));
}
