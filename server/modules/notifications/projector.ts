import { and, inArray, isNull, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows';
import { notifications, schools } from '../../../db/schema';
import { parseChannel } from '../../contracts/channels';
import type { EventData, EventType } from '../../contracts/events';
import type { NotificationCategory } from '../../contracts/notifications';
import type { Clock } from '../../platform/clock';
import type { StoredEvent, UnitOfWork } from '../../platform/outbox';
import { routeDeliveries, type NewNotification } from './routing';

/** One thing to tell one person. */
interface Candidate {
  schoolId: string;
  personId: string;
  category: NotificationCategory;
  dedupeKey: string;
  title: string;
  body: string;
  url: string;
  critical: boolean;
}

const data = <T extends EventType>(e: StoredEvent, _type: T) => e.data as EventData[T];
const DISPOSITIONS: Record<string, string> = { cancelled: 'cours annulé', replaced: 'professeur remplacé', moved: 'salle changée', unchanged: 'cours maintenu' };
const clip = (text: string, n = 180) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** The people behind a group channel (a group's students, or its students' guardians). */
async function groupAudience(uow: UnitOfWork, channel: string): Promise<string[]> {
  const parsed = parseChannel(channel);
  if (parsed?.kind !== 'groupProfile' || !['student', 'guardian'].includes(parsed.profile)) return [];
  const rows = await rawRows<{ id: string }>(
    uow.tx,
    parsed.profile === 'student'
      ? sql`select gm.person_id as id from group_members gm where gm.group_id = ${parsed.groupId} and gm.role = 'member'`
      : sql`select distinct gs.guardian_id as id from group_members gm join guardianships gs on gs.student_id = gm.person_id
          join groups g on g.id = gm.group_id and g.school_id = gs.school_id
          where gm.group_id = ${parsed.groupId} and gm.role = 'member'`,
  );
  return rows.map((r) => r.id);
}

/** The notifications an event makes, if any: who is told, what, and where it leads. */
async function candidatesOf(uow: UnitOfWork, e: StoredEvent): Promise<Candidate[]> {
  if (!e.schoolId) return [];
  const user = parseChannel(e.channel);
  const personId = user?.kind === 'user' ? user.userId : null;
  const base = { schoolId: e.schoolId };
  switch (e.type) {
    case 'message.received': {
      const d = data(e, 'message.received');
      if (!personId) return [];
      return [{ ...base, personId, category: 'message', dedupeKey: `message:${d.messageId}:${personId}`, title: `Message de ${d.from.name}`, body: clip(`${d.subject} — ${d.excerpt}`), url: `/#/messagerie/conversation/${d.conversationId}`, critical: false }];
    }
    case 'absence.recorded': {
      const { absence } = data(e, 'absence.recorded');
      if (!personId) return [];
      const what = absence.kind === 'late' ? `En retard${absence.lateMinutes ? ` de ${absence.lateMinutes} min` : ''}` : absence.kind === 'excluded' ? 'Exclu(e) de cours' : 'Absent(e)';
      const when = absence.course ? `${absence.course.subject}, ${absence.course.slotCode}` : 'absence enregistrée par la vie scolaire';
      return [{ ...base, personId, category: 'child_absence', dedupeKey: `absence:${absence.id}:${personId}`, title: `${absence.studentName} : ${what.toLowerCase()}`, body: `${what} — ${when}. Merci d’en prendre connaissance.`, url: '/#/absences', critical: true }];
    }
    case 'teacher_absence.recorded':
    case 'teacher_absence.updated':
    case 'teacher_absence.cancelled': {
      const { changes } = data(e, e.type);
      if (changes.length === 0) return [];
      const first = changes[0];
      const title = e.type === 'teacher_absence.cancelled' ? `${first.groupName} : cours rétablis` : `${first.groupName} : changement d’emploi du temps`;
      const body = clip(changes.map((c) => `${c.date.slice(8, 10)}/${c.date.slice(5, 7)} ${c.slotCode} ${c.subject} — ${DISPOSITIONS[c.disposition] ?? c.disposition}`).join(' ; '));
      return (await groupAudience(uow, e.channel)).map((id) => ({ ...base, personId: id, category: 'teacher_absence' as const, dedupeKey: `teacher_absence:${e.channel}:${e.seq}:${id}`, title, body, url: '/#/absences', critical: false }));
    }
    case 'news.published': {
      const { news } = data(e, 'news.published');
      const rows = await rawRows<{ id: string }>(uow.tx, sql`select person_id as id from news_recipients where news_id = ${news.id}`);
      return rows.map((r) => ({ ...base, personId: r.id, category: 'news' as const, dedupeKey: `news:${news.id}:${r.id}`, title: clip(news.title, 120), body: clip(news.excerpt ?? ''), url: `/#/actualites/${news.id}`, critical: false }));
    }
    case 'alert.triggered':
    case 'alert.ended': {
      // the same alert goes to screens and to each staff profile channel: one notification per adult, from the screens' copy
      if (user?.kind !== 'signage') return [];
      const { alert } = data(e, e.type);
      const drill = alert.status === 'exercise' ? 'EXERCICE — ' : alert.status === 'test' ? 'TEST — ' : '';
      const what = alert.responseType === 'evacuate' ? 'Évacuation' : alert.responseType === 'shelter' ? 'Confinement' : 'Fin d’alerte';
      const ended = e.type === 'alert.ended';
      const title = ended ? `${drill}${alert.endKind === 'cancel' ? 'Alerte annulée' : 'Fin d’alerte'}` : `${drill}${what} : ${alert.headline}`;
      const body = ended ? 'Reprise normale des activités.' : clip(alert.instruction);
      const rows = await rawRows<{ id: string }>(
        uow.tx,
        sql`select distinct person_id as id from memberships where school_id = ${e.schoolId} and active and profile in ('teacher', 'staff', 'direction', 'admin')`,
      );
      const key = ended ? 'alert-end' : 'alert';
      return rows.map((r) => ({ ...base, personId: r.id, category: 'emergency' as const, dedupeKey: `${key}:${alert.id}:${r.id}`, title, body, url: '/#/alerte', critical: true }));
    }
    default:
      return [];
  }
}

/**
 * The notification engine's entry point: runs before each commit that emitted events. It turns
 * them into one notification per person (deduplicated by key) and the deliveries their
 * preferences call for, and marks as seen what the person just read or acknowledged.
 */
export function notificationProjector(clock: Clock) {
  return async (uow: UnitOfWork, events: StoredEvent[]): Promise<void> => {
    const now = clock.now();
    await markSeen(uow, events, now);
    const candidates: Candidate[] = [];
    for (const e of events) candidates.push(...(await candidatesOf(uow, e)));
    // one news event reaches the same person through several channels: one notification each
    const unique = [...new Map(candidates.map((c) => [c.dedupeKey, c])).values()];
    if (unique.length === 0) return;
    const json = JSON.stringify(unique.map((c) => ({ school_id: c.schoolId, person_id: c.personId, category: c.category, dedupe_key: c.dedupeKey, title: c.title, body: c.body, url: c.url, critical: c.critical })));
    const created = await rawRows<NewNotification>(
      uow.tx,
      sql`insert into notifications (school_id, person_id, category, dedupe_key, title, body, url, critical, created_at)
        select x.school_id, x.person_id, x.category::notification_category, x.dedupe_key, x.title, x.body, x.url, x.critical, ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${json}::jsonb) as x(school_id uuid, person_id uuid, category text, dedupe_key text, title text, body text, url text, critical boolean)
        on conflict (dedupe_key) do nothing
        returning id, school_id as "schoolId", person_id as "personId", category, critical`,
    );
    if (created.length === 0) return;
    const schoolIds = [...new Set(created.map((c) => c.schoolId))];
    const rows = await uow.tx.select().from(schools).where(inArray(schools.id, schoolIds));
    for (const school of rows) await routeDeliveries(uow.tx, school, created.filter((c) => c.schoolId === school.id), now);
  };
}

/** What the person read or acknowledged in the app is not pushed or emailed afterwards. */
async function markSeen(uow: UnitOfWork, events: StoredEvent[], now: Date): Promise<void> {
  const seen: string[] = [];
  const acknowledged: string[] = [];
  for (const e of events) {
    if (e.type === 'message.read') {
      const d = data(e, 'message.read');
      seen.push(`message:${d.messageId}:${d.readerId}`);
    } else if (e.type === 'absence.acknowledged') {
      const d = data(e, 'absence.acknowledged');
      acknowledged.push(`absence:${d.absenceId}:${d.guardianId}`);
    }
  }
  if (seen.length) {
    await uow.tx.update(notifications).set({ seenAt: now }).where(and(inArray(notifications.dedupeKey, [...new Set(seen)]), isNull(notifications.seenAt)));
  }
  if (acknowledged.length) {
    await uow.tx
      .update(notifications)
      .set({ acknowledgedAt: now, seenAt: sql`coalesce(${notifications.seenAt}, ${now.toISOString()}::timestamptz)` })
      .where(and(inArray(notifications.dedupeKey, [...new Set(acknowledged)]), isNull(notifications.acknowledgedAt)));
  }
}
