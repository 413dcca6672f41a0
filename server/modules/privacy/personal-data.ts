import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { rawRows } from '../../../db/raw-rows';
import { PERSONAL_DATA_FORMAT, type PersonalDataExport } from '../../contracts/privacy';
import { notFound } from '../../http/errors';

type Row = Record<string, string | number | boolean | null>;

// PostgreSQL's text form of a timestamptz, as postgres.js hands raw rows back through drizzle
const PG_INSTANT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/;

/** Instants as ISO 8601 strings, whatever the driver hands back (Date objects on PGlite, text on PostgreSQL). */
function isoValue(v: unknown): Row[string] {
  if (v instanceof Date) return v.toISOString();
  const m = typeof v === 'string' ? PG_INSTANT.exec(v) : null;
  return m ? new Date(`${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`).toISOString() : (v as Row[string]);
}

const plain = (rows: Array<Record<string, unknown>>): Row[] => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, isoValue(v)])));

/**
 * Everything the hub keeps about one person, theirs to download. Each section is one query on
 * the person's id; what belongs to others (a message's other recipients, a school's
 * confidential absence reasons, session token hashes, push keys) stays out.
 */
export async function personalData(db: Db, personId: string, now: Date): Promise<PersonalDataExport> {
  const rows = async (query: SQL) => plain(await rawRows<Record<string, unknown>>(db, query));
  const [person] = await rawRows<PersonalDataExport['person']>(
    db,
    sql`select id, login, first_name as "firstName", last_name as "lastName", email, phone, active from people where id = ${personId}`,
  );
  if (!person) throw notFound('Personne introuvable.');
  return {
    format: PERSONAL_DATA_FORMAT,
    generatedAt: now.toISOString(),
    person,
    memberships: await rows(sql`
      select s.uai, s.name as school, m.profile::text as profile, m.staff_function::text as "staffFunction", m.active,
        m.deactivated_at as "deactivatedAt", m.suspended_at as "suspendedAt"
      from memberships m join schools s on s.id = m.school_id where m.person_id = ${personId} order by s.name, m.profile`),
    children: await rows(sql`
      select s.uai, p.first_name as "firstName", p.last_name as "lastName"
      from guardianships g join people p on p.id = g.student_id join schools s on s.id = g.school_id
      where g.guardian_id = ${personId} order by s.uai, p.last_name, p.first_name`),
    guardians: await rows(sql`
      select s.uai, p.first_name as "firstName", p.last_name as "lastName"
      from guardianships g join people p on p.id = g.guardian_id join schools s on s.id = g.school_id
      where g.student_id = ${personId} order by s.uai, p.last_name, p.first_name`),
    groups: await rows(sql`
      select s.uai, g.name, g.kind::text as kind, gm.role::text as role
      from group_members gm join groups g on g.id = gm.group_id join schools s on s.id = g.school_id
      where gm.person_id = ${personId} order by s.uai, g.name`),
    sessions: await rows(sql`
      select s.uai, se.profile::text as profile, se.created_at as "createdAt", se.last_seen_at as "lastSeenAt",
        se.expires_at as "expiresAt", se.revoked_at as "revokedAt", se.ip, se.user_agent as "userAgent"
      from sessions se join schools s on s.id = se.school_id where se.person_id = ${personId} order by se.created_at desc`),
    notificationPreferences: await rows(sql`
      select s.uai, np.category::text as category, np.channel::text as channel, np.mode::text as mode, np.updated_at as "updatedAt"
      from notification_preferences np join schools s on s.id = np.school_id where np.person_id = ${personId} order by s.uai, np.category, np.channel`),
    pushSubscriptions: await rows(sql`
      select endpoint, user_agent as "userAgent", created_at as "createdAt", last_success_at as "lastSuccessAt"
      from push_subscriptions where person_id = ${personId} order by created_at`),
    notifications: await rows(sql`
      select s.uai, n.category::text as category, n.title, n.body, n.created_at as "createdAt", n.seen_at as "seenAt",
        n.acknowledged_at as "acknowledgedAt",
        (select string_agg(d.channel::text || ':' || d.status::text, ', ' order by d.channel) from notification_deliveries d where d.notification_id = n.id) as deliveries
      from notifications n join schools s on s.id = n.school_id where n.person_id = ${personId} order by n.created_at desc`),
    messagesSent: await rows(sql`
      select s.uai, m.subject, m.body_text as "bodyText", m.status::text as status, m.addressee_label as "addressees",
        m.recipient_count as "recipientCount", m.sent_at as "sentAt", m.recalled_at as "recalledAt"
      from messages m join schools s on s.id = m.school_id where m.author_id = ${personId} order by m.sent_at desc nulls first`),
    messagesReceived: await rows(sql`
      select s.uai, a.first_name || ' ' || a.last_name as "from", m.subject, m.body_text as "bodyText",
        r.delivered_at as "deliveredAt", r.read_at as "readAt", r.trashed_at as "trashedAt"
      from message_recipients r join messages m on m.id = r.message_id join people a on a.id = m.author_id join schools s on s.id = r.school_id
      where r.person_id = ${personId} and r.delivered_at is not null and r.recalled_at is null order by r.delivered_at desc`),
    mailingLists: await rows(sql`
      select s.uai, l.name, case when l.owner_id = ${personId} then 'owner' else 'member' end as role
      from mailing_lists l join schools s on s.id = l.school_id
      where l.owner_id = ${personId} or exists (select 1 from mailing_list_members lm where lm.list_id = l.id and lm.person_id = ${personId})
      order by s.uai, l.name`),
    newsWritten: await rows(sql`
      select s.uai, n.title, n.status::text as status, n.category::text as category, n.published_at as "publishedAt", n.updated_at as "updatedAt"
      from news_items n join schools s on s.id = n.school_id where n.author_id = ${personId} order by n.updated_at desc`),
    newsReceived: await rows(sql`
      select s.uai, n.title, n.published_at as "publishedAt", r.read_at as "readAt", r.acknowledged_at as "acknowledgedAt"
      from news_recipients r join news_items n on n.id = r.news_id join schools s on s.id = n.school_id
      where r.person_id = ${personId} and n.status = 'published' order by n.published_at desc`),
    absences: await rows(sql`
      select s.uai, a.kind::text as kind, a.late_minutes as "lateMinutes", a.starts_at as "startsAt", a.ends_at as "endsAt",
        a.justification_status::text as "justificationStatus",
        case when rs.visible_to_guardians then rs.label end as reason
      from absences a join schools s on s.id = a.school_id
      left join justifications j on j.id = a.justification_id left join absence_reasons rs on rs.id = j.reason_id
      where a.student_id = ${personId} and a.removed_at is null order by a.starts_at desc`),
    absenceNotices: await rows(sql`
      select s.uai, p.first_name || ' ' || p.last_name as student, a.kind::text as kind, a.starts_at as "startsAt",
        an.notified_at as "notifiedAt", an.acknowledged_at as "acknowledgedAt"
      from absence_notices an join absences a on a.id = an.absence_id join people p on p.id = a.student_id join schools s on s.id = a.school_id
      where an.guardian_id = ${personId} order by an.notified_at desc`),
    justificationsSubmitted: await rows(sql`
      select s.uai, p.first_name || ' ' || p.last_name as student, case when rs.visible_to_guardians then rs.label end as reason,
        j.comment, j.decision::text as decision, j.created_at as "createdAt", j.reviewed_at as "reviewedAt"
      from justifications j join people p on p.id = j.student_id join schools s on s.id = j.school_id join absence_reasons rs on rs.id = j.reason_id
      where j.submitted_by = ${personId} order by j.created_at desc`),
    rollCallsTaken: await rows(sql`
      select s.uai, rc.date::text as date, c.subject, rc.submitted_at as "submittedAt", rc.updated_at as "updatedAt"
      from roll_calls rc join courses c on c.id = rc.course_id join schools s on s.id = rc.school_id
      where rc.taken_by = ${personId} order by rc.date desc`),
    teacherAbsences: await rows(sql`
      select s.uai, t.starts_at as "startsAt", t.ends_at as "endsAt", t.reason, t.cancelled_at as "cancelledAt"
      from teacher_absences t join schools s on s.id = t.school_id where t.teacher_id = ${personId} order by t.starts_at desc`),
    auditTrail: await rows(sql`
      select s.uai, l.action, l.subject, l.at from audit_log l left join schools s on s.id = l.school_id
      where l.actor_id = ${personId} order by l.at desc limit 5000`),
  };
}
