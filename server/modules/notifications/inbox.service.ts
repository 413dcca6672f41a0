import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { notificationPreferences, notifications, pushSubscriptions } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import { MODES_BY_CHANNEL, type NotificationDto, type PreferenceDto } from '../../contracts/notifications';
import type { NotificationCategory, NotificationChannel, NotificationMode } from '../../contracts/notifications';
import { AppError, notFound } from '../../http/errors';
import { effectiveMode, preferenceDtos, preferencesOf } from './notification-settings';
import { checkPushEndpoint } from './push-sender';

type School = { id: string; uai: string; timeZone: string; settings: unknown };

const toDto = (n: typeof notifications.$inferSelect): NotificationDto => ({
  id: n.id,
  category: n.category,
  title: n.title,
  body: n.body,
  url: n.url,
  critical: n.critical,
  createdAt: n.createdAt.toISOString(),
  seenAt: n.seenAt?.toISOString() ?? null,
  acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null,
});

/** The person's notifications in this school: unseen first, then newest. */
export async function inbox(db: Db, actor: Actor, school: School, before: Date | null, limit = 50): Promise<NotificationDto[]> {
  assertAllowed(actor, 'notifications.use', { schoolId: school.id });
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.personId, actor.personId), eq(notifications.schoolId, school.id), before ? lt(notifications.createdAt, before) : undefined))
    .orderBy(sql`${notifications.seenAt} is not null`, desc(notifications.createdAt))
    .limit(limit);
  return rows.map(toDto);
}

/** Seen (opened in the app) or acknowledged: nothing more is pushed or emailed for them. */
export async function markNotifications(db: Db, actor: Actor, school: School, ids: string[], acknowledge: boolean, now: Date): Promise<void> {
  assertAllowed(actor, 'notifications.use', { schoolId: school.id });
  const mine = and(inArray(notifications.id, ids), eq(notifications.personId, actor.personId), eq(notifications.schoolId, school.id));
  const rows = await db
    .update(notifications)
    .set(acknowledge ? { acknowledgedAt: now, seenAt: sql`coalesce(${notifications.seenAt}, ${now.toISOString()}::timestamptz)` } : { seenAt: sql`coalesce(${notifications.seenAt}, ${now.toISOString()}::timestamptz)` })
    .where(acknowledge ? and(mine, isNull(notifications.acknowledgedAt)) : mine)
    .returning({ id: notifications.id });
  if (rows.length === 0 && !acknowledge) throw notFound('Notification introuvable.');
}

export async function preferences(db: Db, actor: Actor, school: School): Promise<PreferenceDto[]> {
  assertAllowed(actor, 'notifications.use', { schoolId: school.id });
  return preferenceDtos((await preferencesOf(db, school, [actor.personId])).get(actor.personId)!);
}

/** Saves choices; a mode a channel does not offer is refused, a critical one stays on. */
export async function savePreferences(
  db: Db,
  actor: Actor,
  school: School,
  input: Array<{ category: NotificationCategory; channel: NotificationChannel; mode: NotificationMode }>,
  now: Date,
): Promise<PreferenceDto[]> {
  assertAllowed(actor, 'notifications.use', { schoolId: school.id });
  const invalid = input.filter((p) => !MODES_BY_CHANNEL[p.channel].includes(p.mode) || effectiveMode(p.category, p.channel, p.mode) !== p.mode);
  if (invalid.length) {
    throw new AppError(
      'validation_failed',
      'Certains choix ne sont pas possibles : les absences de vos enfants et les alertes restent toujours actives dans l’application et sur le téléphone.',
      invalid.map((p) => ({ path: `${p.category}.${p.channel}`, message: p.mode })),
    );
  }
  await db
    .insert(notificationPreferences)
    .values(input.map((p) => ({ personId: actor.personId, schoolId: school.id, ...p, updatedAt: now })))
    .onConflictDoUpdate({
      target: [notificationPreferences.personId, notificationPreferences.schoolId, notificationPreferences.category, notificationPreferences.channel],
      set: { mode: sql`excluded.mode`, updatedAt: now },
    });
  return preferences(db, actor, school);
}

/** A device's push subscription: only to an allowed push service, never to an arbitrary address. */
export async function subscribePush(
  db: Db,
  personId: string,
  input: { endpoint: string; keys: { p256dh: string; auth: string } },
  allowedHosts: readonly string[],
  userAgent: string | null,
): Promise<{ id: string }> {
  const check = checkPushEndpoint(input.endpoint, allowedHosts);
  if (!check.ok) throw new AppError('validation_failed', 'Service de notification non reconnu.', [{ path: 'endpoint', message: check.reason }]);
  const [row] = await db
    .insert(pushSubscriptions)
    .values({ personId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: userAgent?.slice(0, 300) ?? null })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { personId, p256dh: input.keys.p256dh, auth: input.keys.auth } })
    .returning({ id: pushSubscriptions.id });
  return row;
}

export async function unsubscribePush(db: Db, personId: string, endpoint: string): Promise<void> {
  await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.personId, personId), eq(pushSubscriptions.endpoint, endpoint)));
}
