import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { auditLog, memberships, messages, people, schools, sessions } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import { channels } from '../../contracts/channels';
import { contactProfiles, type AuditEntryDto, type MessagingSettingsDto } from '../../contracts/messaging';
import type { z } from 'zod';
import type { messagingSettingsSchema } from '../../contracts/messaging';
import type { RealtimeControls } from '../../http/deps';
import { AppError, notFound } from '../../http/errors';
import { inTransaction } from '../../platform/outbox';
import { fullName } from '../directory/person-name';
import { updateSettingsSection } from '../directory/school-settings';
import { limitsFor, messagingSettings } from './send-limits';
import { personRef, releaseMessage, type MessagingDeps, type School } from './send.service';

export interface SafetyDeps extends MessagingDeps {
  realtime?: RealtimeControls;
}

export async function settingsDto(deps: Pick<MessagingDeps, 'db'>, school: School): Promise<MessagingSettingsDto> {
  const section = messagingSettings(school);
  const suspended = await deps.db
    .selectDistinctOn([people.id], { id: people.id, firstName: people.firstName, lastName: people.lastName, profile: memberships.profile, at: memberships.suspendedAt })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.schoolId, school.id), isNotNull(memberships.suspendedAt)))
    .orderBy(people.id);
  return {
    frozen: section.frozen ? { at: section.frozen.at, by: section.frozen.byName } : null,
    confirmAbove: section.confirmAbove,
    limits: Object.fromEntries(contactProfiles.map((p) => [p, limitsFor(section, p)])) as MessagingSettingsDto['limits'],
    suspended: suspended
      .map((s) => ({ ...personRef(s, s.profile), at: s.at!.toISOString() }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}

async function reload(deps: Pick<MessagingDeps, 'db'>, school: School): Promise<School> {
  const [row] = await deps.db.select().from(schools).where(eq(schools.id, school.id));
  return row;
}

export async function updateMessagingSettings(deps: MessagingDeps, actor: Actor, school: School, patch: z.infer<typeof messagingSettingsSchema>): Promise<MessagingSettingsDto> {
  assertAllowed(actor, 'messaging.safety', { schoolId: school.id });
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const updated = await updateSettingsSection(tx, school.id, 'messaging', patch, now);
    await tx.insert(auditLog).values({ schoolId: school.id, actorId: actor.personId, action: 'messaging.settings', meta: patch, at: now });
    return updated;
  });
  return settingsDto(deps, row);
}

/**
 * Freezes sending for all but direction (what is sent meanwhile is held, not lost), or reopens
 * it: held messages then go, oldest first, as their authors wrote them — except those of
 * suspended accounts, which stay held.
 */
export async function setFrozen(deps: MessagingDeps, actor: Actor, school: School, frozen: boolean): Promise<{ settings: MessagingSettingsDto; released: number }> {
  assertAllowed(actor, 'messaging.safety', { schoolId: school.id });
  const now = deps.clock.now();
  let released = 0;
  await inTransaction(deps, async (uow) => {
    // one freeze switch at a time per school
    await uow.tx.select({ id: schools.id }).from(schools).where(eq(schools.id, school.id)).for('update');
    const value = frozen ? { at: now.toISOString(), by: actor.personId, byName: actor.name } : null;
    const row = await updateSettingsSection(uow.tx, school.id, 'messaging', { frozen: value }, now);
    if (!frozen) {
      const held = await uow.tx
        .select({ message: messages })
        .from(messages)
        .where(
          and(
            eq(messages.schoolId, school.id),
            eq(messages.status, 'held'),
            sql`not exists (select 1 from memberships m where m.person_id = ${messages.authorId} and m.school_id = ${school.id} and m.suspended_at is not null)`,
          ),
        )
        .orderBy(asc(messages.createdAt));
      for (const { message } of held) released += await releaseMessage(uow, deps, row, message, now).then(() => 1);
    }
    await uow.tx.insert(auditLog).values({
      schoolId: school.id,
      actorId: actor.personId,
      action: frozen ? 'messaging.frozen' : 'messaging.unfrozen',
      meta: { released: frozen ? undefined : released },
      at: now,
    });
    await uow.emit(channels.school(school.uai), 'messaging.frozen', { frozen, by: actor.name }, school.id);
  });
  return { settings: await settingsDto(deps, await reload(deps, school)), released };
}

/**
 * Suspends one account in this school (a hijacked account): its memberships here stop counting,
 * its sessions here are revoked and its live connections closed at once.
 */
export async function suspend(deps: SafetyDeps, actor: Actor, school: School, personId: string, suspended: boolean): Promise<MessagingSettingsDto> {
  assertAllowed(actor, 'messaging.suspend', { schoolId: school.id, personId });
  const now = deps.clock.now();
  const revoked = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(memberships)
      .set(suspended ? { suspendedAt: now, suspendedBy: actor.personId, updatedAt: now } : { suspendedAt: null, suspendedBy: null, updatedAt: now })
      .where(and(eq(memberships.personId, personId), eq(memberships.schoolId, school.id), suspended ? isNull(memberships.suspendedAt) : isNotNull(memberships.suspendedAt)))
      .returning({ profile: memberships.profile });
    if (rows.length === 0) {
      const [known] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.personId, personId), eq(memberships.schoolId, school.id)));
      if (!known) throw notFound('Personne introuvable dans cet établissement.');
      throw new AppError('conflict', suspended ? 'Ce compte est déjà suspendu.' : 'Ce compte n’est pas suspendu.');
    }
    if (rows.some((r) => r.profile === 'direction') && actor.profile !== 'admin' && suspended) {
      throw new AppError('forbidden', 'Seul un administrateur peut suspendre un membre de la direction.');
    }
    const ended = suspended
      ? await tx
          .update(sessions)
          .set({ revokedAt: now })
          .where(and(eq(sessions.personId, personId), eq(sessions.schoolId, school.id), isNull(sessions.revokedAt)))
          .returning({ hash: sessions.tokenHash })
      : [];
    await tx.insert(auditLog).values({
      schoolId: school.id,
      actorId: actor.personId,
      action: suspended ? 'account.suspended' : 'account.reinstated',
      subject: personId,
      meta: { sessionsRevoked: ended.length },
      at: now,
    });
    return ended;
  });
  for (const s of revoked) deps.realtime?.disconnectSession(s.hash);
  return settingsDto(deps, school);
}

const AUDITED = ['messaging.list_send', 'messaging.mass_send', 'messaging.frozen', 'messaging.unfrozen', 'messaging.settings', 'account.suspended', 'account.reinstated'];

/** The messaging audit trail of the school, newest first (never message bodies). */
export async function auditTrail(deps: Pick<MessagingDeps, 'db'>, actor: Actor, school: School, before: Date | null, limit = 50): Promise<AuditEntryDto[]> {
  assertAllowed(actor, 'messaging.safety', { schoolId: school.id });
  const rows = await deps.db
    .select({ entry: auditLog, firstName: people.firstName, lastName: people.lastName, profile: memberships.profile })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .leftJoin(
      memberships,
      and(eq(memberships.personId, auditLog.actorId), eq(memberships.schoolId, school.id), sql`${memberships.profile} = (select m2.profile from memberships m2 where m2.person_id = ${auditLog.actorId} and m2.school_id = ${school.id} order by m2.profile limit 1)`),
    )
    .where(and(eq(auditLog.schoolId, school.id), inArray(auditLog.action, AUDITED), before ? lt(auditLog.at, before) : undefined))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  const subjects = rows.filter((r) => r.entry.action.startsWith('account.')).map((r) => r.entry.subject!);
  const named = subjects.length ? await deps.db.select().from(people).where(inArray(people.id, subjects)) : [];
  return rows.map(({ entry, firstName, lastName, profile }) => {
    const meta = entry.meta as Record<string, any>;
    const target = named.find((p) => p.id === entry.subject);
    return {
      id: entry.id,
      at: entry.at.toISOString(),
      action: entry.action,
      actor: entry.actorId && firstName ? { id: entry.actorId, name: fullName({ firstName, lastName: lastName! }), profile: profile ?? 'staff' } : null,
      subject: target ? fullName(target) : typeof meta.subject === 'string' ? meta.subject : null,
      recipients: typeof meta.recipients === 'number' ? meta.recipients : null,
      lists: Array.isArray(meta.lists) ? meta.lists : [],
      ip: meta.ip ?? null,
      session: meta.session ?? null,
    };
  });
}

