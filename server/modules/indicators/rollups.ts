import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';

/**
 * Recomputes one school's rollups for the school days from `fromDay` to `toDay` (inclusive,
 * the school's time zone) from the raw records: people active per day and profile, per day and
 * hour, and deliveries per day, channel and outcome. Idempotent: a day is replaced whole, so
 * the job may roll the same days up again as late records arrive.
 */
export async function rollUp(db: Db, school: { id: string; timeZone: string }, fromDay: string, toDay: string): Promise<void> {
  const tz = school.timeZone;
  const localDay = (column: string) => sql.raw(`((${column}) at time zone '${tz.replace(/'/g, "''")}')::date`);
  await db.transaction(async (tx) => {
    for (const table of ['usage_daily', 'usage_hourly', 'delivery_daily']) {
      await tx.execute(sql`delete from ${sql.raw(table)} where school_id = ${school.id} and day between ${fromDay}::date and ${toDay}::date`);
    }
    await tx.execute(sql`
      insert into usage_daily (school_id, day, profile, people)
      select school_id, ${localDay('hour')}, profile, count(distinct person_id)::int
      from usage_hours where school_id = ${school.id} and ${localDay('hour')} between ${fromDay}::date and ${toDay}::date
      group by school_id, 2, profile`);
    await tx.execute(sql`
      insert into usage_hourly (school_id, day, hour, people)
      select school_id, ${localDay('hour')}, extract(hour from (hour at time zone ${tz}))::smallint, count(distinct person_id)::int
      from usage_hours where school_id = ${school.id} and ${localDay('hour')} between ${fromDay}::date and ${toDay}::date
      group by school_id, 2, 3`);
    await tx.execute(sql`
      insert into delivery_daily (school_id, day, channel, status, deliveries, people)
      select n.school_id, ${localDay('coalesce(d.sent_at, d.last_attempt_at, d.created_at)')}, d.channel::text, d.status::text, count(*)::int, count(distinct d.person_id)::int
      from notification_deliveries d join notifications n on n.id = d.notification_id
      where n.school_id = ${school.id} and ${localDay('coalesce(d.sent_at, d.last_attempt_at, d.created_at)')} between ${fromDay}::date and ${toDay}::date
      group by n.school_id, 2, 3, 4`);
    // what people did through the hub, per service
    await tx.execute(sql`delete from service_daily where school_id = ${school.id} and day between ${fromDay}::date and ${toDay}::date`);
    await tx.execute(sql`
      insert into service_daily (school_id, day, service, actions, people)
      select ${school.id}, day, service, count(*)::int, count(distinct who)::int from (
        select ${localDay('r.read_at')} as day, 'news_read' as service, r.person_id as who
          from news_recipients r join news_items n on n.id = r.news_id where n.school_id = ${school.id} and r.read_at is not null
        union all
        select ${localDay('m.sent_at')}, 'messages_sent', m.author_id from messages m where m.school_id = ${school.id} and m.sent_at is not null
        union all
        select ${localDay('rc.submitted_at')}, 'roll_calls', rc.taken_by from roll_calls rc where rc.school_id = ${school.id}
        union all
        select ${localDay('j.created_at')}, 'justified_online', j.submitted_by from justifications j
          where j.school_id = ${school.id} and exists (select 1 from memberships m where m.person_id = j.submitted_by and m.school_id = j.school_id and m.profile = 'guardian')
      ) a where day between ${fromDay}::date and ${toDay}::date
      group by day, service`);
  });
}

/**
 * The reach rollups, which later actions change (a guardian reads the news, acknowledges the
 * absence days later): news items published and absence alerts sent on the school days from
 * `fromDay` to `toDay`, recomputed whole.
 */
export async function rollUpReach(db: Db, school: { id: string; timeZone: string }, fromDay: string, toDay: string): Promise<void> {
  const tz = school.timeZone;
  const localDay = (column: string) => sql.raw(`((${column}) at time zone '${tz.replace(/'/g, "''")}')::date`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from news_reach where school_id = ${school.id} and published_day between ${fromDay}::date and ${toDay}::date`);
    // per class of the guardians' children, and for all of them ('') — a guardian of two classes counts in each
    await tx.execute(sql`
      insert into news_reach (school_id, news_id, published_day, class_name, guardians, readers)
      select n.school_id, n.id, ${localDay('n.published_at')},
        case when grouping(c.name) = 1 then '' else coalesce(c.name, '—') end,
        count(distinct r.person_id)::int, (count(distinct r.person_id) filter (where r.read_at is not null))::int
      from news_items n join news_recipients r on r.news_id = n.id and r.profile = 'guardian'
      left join lateral (
        select g.name from guardianships gs join group_members gm on gm.person_id = gs.student_id and gm.role = 'member'
        join groups g on g.id = gm.group_id and g.kind = 'class' and g.school_id = gs.school_id
        where gs.guardian_id = r.person_id and gs.school_id = n.school_id
      ) c on true
      where n.school_id = ${school.id} and n.published_at is not null and ${localDay('n.published_at')} between ${fromDay}::date and ${toDay}::date
      group by grouping sets ((n.school_id, n.id, 3, c.name), (n.school_id, n.id, 3))`);
    await tx.execute(sql`delete from list_reach where school_id = ${school.id} and sent_day between ${fromDay}::date and ${toDay}::date`);
    // a list send reaches each guardian with the class it was addressed through
    await tx.execute(sql`
      insert into list_reach (school_id, message_id, sent_day, class_name, guardians, readers)
      select m.school_id, m.id, ${localDay('m.sent_at')},
        case when grouping(r.class_name) = 1 then '' else coalesce(r.class_name, '—') end,
        count(distinct r.person_id)::int, (count(distinct r.person_id) filter (where r.read_at is not null))::int
      from messages m join message_recipients r on r.message_id = m.id and r.profile = 'guardian' and r.recalled_at is null
      where m.school_id = ${school.id} and m.via_list and m.sent_at is not null and ${localDay('m.sent_at')} between ${fromDay}::date and ${toDay}::date
      group by grouping sets ((m.school_id, m.id, 3, r.class_name), (m.school_id, m.id, 3))`);
    await tx.execute(sql`delete from absence_ack_daily where school_id = ${school.id} and day between ${fromDay}::date and ${toDay}::date`);
    await tx.execute(sql`
      insert into absence_ack_daily (school_id, day, alerts, unacknowledged, delays_seconds)
      select ${school.id}, day, count(*)::int, (count(*) filter (where acked is null))::int,
        coalesce(array_agg(extract(epoch from acked - notified)::int order by acked - notified) filter (where acked is not null), '{}')
      from (
        select ${localDay('min(an.notified_at)')} as day, min(an.notified_at) as notified, min(an.acknowledged_at) as acked
        from absences a join absence_notices an on an.absence_id = a.id where a.school_id = ${school.id} group by a.id
      ) x where day between ${fromDay}::date and ${toDay}::date
      group by day`);
  });
}
