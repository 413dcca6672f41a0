import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { rawRows } from '../../../db/raw-rows';
import { MINIMUM_GROUP, type IndicatorService, type IndicatorsDto } from '../../contracts/indicators';
import type { Profile } from '../../contracts/directory';

const shown = (people: number, value: number) => (people >= MINIMUM_GROUP ? value : null);

/** Reads the rollups only (never the raw records), and hides every figure fewer than MINIMUM_GROUP people stand behind. */
export async function indicators(db: Db, schoolId: string, from: string, to: string): Promise<IndicatorsDto> {
  const active = await rawRows<{ day: string; profile: Profile; people: number }>(
    db,
    sql`select day::text as day, profile::text as profile, people from usage_daily where school_id = ${schoolId} and day between ${from}::date and ${to}::date order by day, profile`,
  );
  // each weekday's count of days in the period, for the averages (a day without anyone counts as 0)
  const cells = await rawRows<{ weekday: number; hour: number; total: number; days: number }>(
    db,
    sql`with days as (select d::date as day from generate_series(${from}::date, ${to}::date, interval '1 day') d),
      per_weekday as (select extract(isodow from day)::int as weekday, count(*)::int as days from days group by 1)
      select extract(isodow from u.day)::int as weekday, u.hour::int as hour, sum(u.people)::int as total, w.days
      from usage_hourly u join per_weekday w on w.weekday = extract(isodow from u.day)::int
      where u.school_id = ${schoolId} and u.day between ${from}::date and ${to}::date
      group by 1, 2, w.days order by 1, 2`,
  );
  const deliveries = await rawRows<{ day: string; channel: string; status: string; deliveries: number; people: number }>(
    db,
    sql`select day::text as day, channel, status, deliveries, people from delivery_daily
      where school_id = ${schoolId} and day between ${from}::date and ${to}::date order by day, channel, status`,
  );
  const services = await rawRows<{ day: string; service: IndicatorService; actions: number; people: number }>(
    db,
    sql`select day::text as day, service, actions, people from service_daily where school_id = ${schoolId} and day between ${from}::date and ${to}::date order by day, service`,
  );
  const reach = await rawRows<{ newsId: string; title: string; publishedDay: string; className: string; guardians: number; readers: number }>(
    db,
    sql`select r.news_id as "newsId", n.title, r.published_day::text as "publishedDay", r.class_name as "className", r.guardians, r.readers
      from news_reach r join news_items n on n.id = r.news_id
      where r.school_id = ${schoolId} and r.published_day between ${from}::date and ${to}::date order by r.published_day, n.title, r.class_name`,
  );
  const lists = await rawRows<{ messageId: string; title: string; publishedDay: string; className: string; guardians: number; readers: number }>(
    db,
    sql`select r.message_id as "messageId", m.subject as title, r.sent_day::text as "publishedDay", r.class_name as "className", r.guardians, r.readers
      from list_reach r join messages m on m.id = r.message_id
      where r.school_id = ${schoolId} and r.sent_day between ${from}::date and ${to}::date order by r.sent_day, m.subject, r.class_name`,
  );
  const uptime = await rawRows<{ day: string; screenId: string; name: string; onlineMinutes: number }>(
    db,
    sql`select u.day::text as day, u.screen_id as "screenId", s.name, u.online_minutes as "onlineMinutes"
      from screen_uptime_daily u join screens s on s.id = u.screen_id
      where u.school_id = ${schoolId} and u.day between ${from}::date and ${to}::date order by u.day, s.name`,
  );
  const [acks] = await rawRows<{ alerts: number; unacknowledged: number; delays: number[] | string | null }>(
    db,
    sql`select coalesce(sum(alerts), 0)::int as alerts, coalesce(sum(unacknowledged), 0)::int as unacknowledged,
        (select array_agg(d order by d) from absence_ack_daily a2, unnest(a2.delays_seconds) d
         where a2.school_id = ${schoolId} and a2.day between ${from}::date and ${to}::date) as delays
      from absence_ack_daily where school_id = ${schoolId} and day between ${from}::date and ${to}::date`,
  );
  return {
    from,
    to,
    minimumGroup: MINIMUM_GROUP,
    activePeople: active.map((r) => ({ day: r.day, profile: r.profile, people: shown(r.people, r.people) })),
    heatmap: cells.map((c) => {
      const average = Math.round((c.total / c.days) * 10) / 10;
      // an average under the minimum would show one person's habits
      return { weekday: c.weekday, hour: c.hour, people: shown(average, average) };
    }),
    deliveries: deliveries.map((r) => ({ day: r.day, channel: r.channel, status: r.status, deliveries: shown(r.people, r.deliveries) })),
    services: services.map((r) => ({ day: r.day, service: r.service, actions: shown(r.people, r.actions) })),
    newsReach: reachOf(reach).map(({ id, ...r }) => ({ newsId: id, ...r })),
    listReach: reachOf(lists).map(({ id, title, publishedDay, ...r }) => ({ messageId: id, subject: title, sentDay: publishedDay, ...r })),
    screenUptime: uptime,
    absenceAlerts: absenceAlertsOf(acks),
  };
}

const share = (part: number, whole: number) => (whole >= MINIMUM_GROUP ? Math.round((part / whole) * 1000) / 1000 : null);

type ReachRow = { className: string; guardians: number; readers: number; title: string; publishedDay: string } & ({ newsId: string } | { messageId: string });
type Reach = Omit<IndicatorsDto['newsReach'][number], 'newsId'> & { id: string };

/** News items or list sends with their class rows ('' is the row of all their guardians). */
function reachOf(rows: ReachRow[]): Reach[] {
  const items = new Map<string, Reach>();
  for (const r of rows) {
    const id = 'newsId' in r ? r.newsId : r.messageId;
    let item = items.get(id);
    if (!item) items.set(id, (item = { id, title: r.title, publishedDay: r.publishedDay, guardians: 0, readShare: null, classes: [] }));
    if (r.className === '') Object.assign(item, { guardians: r.guardians, readShare: share(r.readers, r.guardians) });
    else item.classes.push({ className: r.className, guardians: r.guardians, readShare: share(r.readers, r.guardians) });
  }
  return [...items.values()];
}

/** PostgreSQL hands an int[] back as an array (PGlite, postgres.js parsing) or as its text form. */
function intArray(value: number[] | string | null): number[] {
  if (Array.isArray(value)) return value.map(Number);
  return value ? value.replace(/[{}]/g, '').split(',').filter(Boolean).map(Number) : [];
}

function absenceAlertsOf(row: { alerts: number; unacknowledged: number; delays: number[] | string | null } | undefined): IndicatorsDto['absenceAlerts'] {
  const alerts = row?.alerts ?? 0;
  const delays = intArray(row?.delays ?? null);
  // nearest rank, in minutes to a tenth: always a delay that was measured
  const rank = (p: number) => (delays.length >= MINIMUM_GROUP ? Math.round(delays[Math.max(0, Math.ceil((p / 100) * delays.length) - 1)] / 6) / 10 : null);
  return { alerts, medianMinutes: rank(50), p90Minutes: rank(90), neverShare: share(row?.unacknowledged ?? 0, alerts) };
}
