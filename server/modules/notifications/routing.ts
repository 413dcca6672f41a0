import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { rawRows } from '../../../db/raw-rows';
import type { NotificationCategory } from '../../contracts/notifications';
import { notificationSettings, preferencesOf } from './notification-settings';
import { quietUntil } from './quiet-hours';

export interface NewNotification {
  id: string;
  schoolId: string;
  personId: string;
  category: NotificationCategory;
  critical: boolean;
}

type School = { id: string; timeZone: string; settings: unknown };

interface Delivery {
  notification_id: string;
  person_id: string;
  channel: 'push' | 'email';
  due_at: string;
  escalation: boolean;
}

/**
 * The deliveries new notifications call for, by each person's preferences: a push now (or when
 * quiet hours end, unless critical) if they have a device; an immediate email after the short
 * delay that lets the app be seen first; and for a child's absence told by push only, an email
 * at the school's escalation delay, unless acknowledged by then. Digest modes make no delivery
 * here: the digest job collects them.
 */
export async function routeDeliveries(db: Queryable, school: School, created: NewNotification[], now: Date): Promise<number> {
  const settings = notificationSettings(school);
  const people = [...new Set(created.map((c) => c.personId))];
  const prefs = await preferencesOf(db, school, people);
  const reach = await rawRows<{ id: string; has_push: boolean; has_email: boolean }>(
    db,
    sql`select p.id,
        exists (select 1 from push_subscriptions s where s.person_id = p.id) as has_push,
        (p.email is not null and p.email <> '') as has_email
      from people p where p.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(people)}::jsonb))`,
  );
  const byPerson = new Map(reach.map((r) => [r.id, r]));
  const quietEnd = quietUntil(now, settings.quietHours, school.timeZone);
  const later = (at: number, critical: boolean) => new Date(critical || !quietEnd ? at : Math.max(at, quietEnd.getTime())).toISOString();
  const deliveries: Delivery[] = [];
  for (const n of created) {
    const matrix = prefs.get(n.personId)![n.category];
    const person = byPerson.get(n.personId);
    const pushed = matrix.push === 'immediate' && !!person?.has_push;
    if (pushed) deliveries.push({ notification_id: n.id, person_id: n.personId, channel: 'push', due_at: later(now.getTime(), n.critical), escalation: false });
    if (!person?.has_email) continue;
    if (matrix.email === 'immediate') {
      deliveries.push({ notification_id: n.id, person_id: n.personId, channel: 'email', due_at: later(now.getTime() + settings.emailDelaySeconds * 1000, n.critical), escalation: false });
    } else if (n.category === 'child_absence' && pushed) {
      deliveries.push({ notification_id: n.id, person_id: n.personId, channel: 'email', due_at: new Date(now.getTime() + settings.escalationMinutes * 60_000).toISOString(), escalation: true });
    }
  }
  if (deliveries.length === 0) return 0;
  await db.execute(sql`insert into notification_deliveries (notification_id, person_id, channel, due_at, escalation, created_at)
    select x.notification_id, x.person_id, x.channel::notification_channel, x.due_at, x.escalation, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(deliveries)}::jsonb) as x(notification_id uuid, person_id uuid, channel text, due_at timestamptz, escalation boolean)
    on conflict (notification_id, channel) do nothing`);
  return deliveries.length;
}
