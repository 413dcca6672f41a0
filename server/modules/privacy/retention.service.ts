import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { rawRows } from '../../../db/raw-rows';
import { auditLog } from '../../../db/schema';
import { RETENTION_DEFAULTS, type RetentionCounts, type RetentionSettings } from '../../contracts/retention';
import { fromZonedInput, toZonedInput } from '../../contracts/zoned-time';
import type { Logger } from '../../platform/logger';
import { settingsSection } from '../directory/school-settings';

export interface RetentionSchool {
  id: string;
  uai: string;
  timeZone: string;
  settings: unknown;
}

/** A school's retention periods: its own over the hub's defaults. */
export const retentionOf = (school: { settings: unknown }): RetentionSettings => settingsSection(school, 'retention', RETENTION_DEFAULTS);

const monthsBefore = (now: Date, months: number) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

/**
 * The first instant kept for absences: 1 September, 00:00 in the school's time zone, of the
 * oldest school year kept (`years` = 1: the current one only).
 */
export function absencesKeptFrom(now: Date, timeZone: string, years: number): Date {
  const [y, m] = toZonedInput(now, timeZone).slice(0, 7).split('-').map(Number);
  const currentStart = m >= 9 ? y : y - 1;
  return new Date(fromZonedInput(`${currentStart - (years - 1)}-09-01T00:00`, timeZone)!);
}

const count = async (db: Db, statement: SQL) => (await rawRows<{ n: number }>(db, sql`with gone as (${statement} returning 1) select count(*)::int as n from gone`))[0].n;

/**
 * Deletes what one school keeps past its retention periods, and records the counts (never the
 * content) in the log and the school's audit trail. Deleting a message takes it out of search
 * too (its search vector is a column of the row).
 */
export async function applyRetention(deps: { db: Db; log: Logger }, school: RetentionSchool, now: Date): Promise<RetentionCounts> {
  const { db } = deps;
  const r = retentionOf(school);
  const messagesBefore = monthsBefore(now, r.messageMonths).toISOString();
  const notificationsBefore = monthsBefore(now, r.notificationMonths).toISOString();
  const deliveriesBefore = monthsBefore(now, r.deliveryMonths).toISOString();
  const eventsBefore = new Date(now.getTime() - r.eventDays * 86_400_000).toISOString();
  const absencesBefore = absencesKeptFrom(now, school.timeZone, r.absenceSchoolYears).toISOString();
  const nowIso = now.toISOString();

  const counts: RetentionCounts = {
    // a person goes once none of their memberships, in any school, is active or recent enough
    // for that school's period; only people with a membership here are looked at
    accounts: await count(
      db,
      sql`delete from people p where exists (select 1 from memberships m where m.person_id = p.id and m.school_id = ${school.id})
        and not exists (
          select 1 from memberships m join schools s on s.id = m.school_id
          where m.person_id = p.id and (m.active or m.deactivated_at is null
            or m.deactivated_at >= ${nowIso}::timestamptz - make_interval(months => coalesce((s.settings -> 'retention' ->> 'deactivatedAccountMonths')::int, ${RETENTION_DEFAULTS.deactivatedAccountMonths}))))`,
    ),
    deliveries: await count(
      db,
      sql`delete from notification_deliveries d using notifications n where n.id = d.notification_id and n.school_id = ${school.id} and d.created_at < ${deliveriesBefore}::timestamptz`,
    ),
    digestSends: await count(
      db,
      sql`delete from digest_sends ds using digest_runs dr where dr.id = ds.run_id and dr.school_id = ${school.id} and ds.at < ${deliveriesBefore}::timestamptz`,
    ),
    notifications: await count(db, sql`delete from notifications where school_id = ${school.id} and created_at < ${notificationsBefore}::timestamptz`),
    messages: await count(db, sql`delete from messages where school_id = ${school.id} and sent_at < ${messagesBefore}::timestamptz`),
    events: await count(db, sql`delete from events where school_id = ${school.id} and at < ${eventsBefore}::timestamptz`),
    usageRecords: await count(db, sql`delete from usage_hours where school_id = ${school.id} and hour < ${new Date(now.getTime() - r.usageDays * 86_400_000).toISOString()}::timestamptz`),
    absences: await count(db, sql`delete from absences where school_id = ${school.id} and starts_at < ${absencesBefore}::timestamptz`),
    justifications: await count(
      db,
      sql`delete from justifications j where j.school_id = ${school.id} and j.created_at < ${absencesBefore}::timestamptz
        and not exists (select 1 from absences a where a.justification_id = j.id)`,
    ),
    documents: await count(
      db,
      sql`delete from absence_documents d where d.school_id = ${school.id} and d.created_at < ${absencesBefore}::timestamptz
        and not exists (select 1 from justifications j where j.document_id = d.id)`,
    ),
  };
  // conversations whose every message is gone
  await db.execute(sql`delete from conversations c where c.school_id = ${school.id} and not exists (select 1 from messages m where m.conversation_id = c.id)`);
  await db.insert(auditLog).values({ schoolId: school.id, actorId: null, action: 'retention.applied', subject: null, meta: { ...counts, at: nowIso } });
  deps.log.info({ uai: school.uai, removed: counts }, 'retention applied');
  return counts;
}

/** Events written without a school (a person's own channel outside any school) follow the hub's default. */
export async function applyHubRetention(deps: { db: Db; log: Logger }, now: Date): Promise<number> {
  const before = new Date(now.getTime() - RETENTION_DEFAULTS.eventDays * 86_400_000).toISOString();
  const events = await count(deps.db, sql`delete from events where school_id is null and at < ${before}::timestamptz`);
  if (events > 0) deps.log.info({ removed: { events } }, 'retention applied outside schools');
  return events;
}
