import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, lt, or, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedQuery } from '../../../db/prepared';
import { memberships, people, schools, sessions } from '../../../db/schema';
import type { Actor, ActorMembership } from '../../authz/actor';
import type { Profile } from '../../contracts/directory';

export const SESSION_COOKIE = 'preau_session';
export const SESSION_TTL_MS = 7 * 24 * 3600_000;
// lastSeenAt is only refreshed this often, to keep reads from writing on every request
const TOUCH_EVERY_MS = 5 * 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Creates a session and returns the raw token for the cookie (only its hash is stored). */
export async function createSession(
  db: Db,
  input: { personId: string; schoolId: string; profile: Profile; ip?: string; userAgent?: string },
  now = new Date(),
): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    tokenHash,
    personId: input.personId,
    schoolId: input.schoolId,
    profile: input.profile,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    expiresAt,
  });
  return { token, tokenHash, expiresAt };
}

/** Active, unsuspended memberships of a person with their schools, in a stable order. */
export async function activeMemberships(db: Db, personId: string): Promise<ActorMembership[]> {
  const query = preparedQuery(db, 'active_memberships', (d) =>
    d
      .select({
        schoolId: memberships.schoolId,
        uai: schools.uai,
        schoolName: schools.name,
        profile: memberships.profile,
        staffFunction: memberships.staffFunction,
      })
      .from(memberships)
      .innerJoin(schools, eq(schools.id, memberships.schoolId))
      .where(and(eq(memberships.personId, sql.placeholder('personId')), eq(memberships.active, true), isNull(memberships.suspendedAt)))
      .orderBy(asc(schools.name), asc(memberships.profile))
      .prepare('active_memberships'),
  );
  const rows = await query.execute({ personId });
  return rows.map(({ schoolName: _n, ...m }) => m);
}

/** Resolves a cookie token to the acting person, or null if unknown, expired, revoked or no longer a member. */
export async function loadActor(db: Db, token: string, now = new Date()): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  // runs on every API request and socket handshake: built once, one round trip (the person's
  // active memberships come along, in activeMemberships' order)
  const query = preparedQuery(db, 'session_by_token', (d) =>
    d
      .select({
        session: sessions,
        login: people.login,
        firstName: people.firstName,
        lastName: people.lastName,
        active: people.active,
        memberships: sql<ActorMembership[]>`coalesce((
          select json_agg(json_build_object('schoolId', m.school_id, 'uai', sc.uai, 'profile', m.profile, 'staffFunction', m.staff_function) order by sc.name, m.profile)
          from ${memberships} m join ${schools} sc on sc.id = m.school_id
          where m.person_id = ${sessions.personId} and m.active and m.suspended_at is null), '[]'::json)`,
      })
      .from(sessions)
      .innerJoin(people, eq(people.id, sessions.personId))
      .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`${sql.placeholder('now')}::timestamptz`)))
      .prepare('session_by_token'),
  );
  const [row] = await query.execute({ tokenHash, now: now.toISOString() });
  if (!row || !row.active) return null;
  const list = row.memberships;
  const current = list.find((m) => m.schoolId === row.session.schoolId && m.profile === row.session.profile);
  if (!current) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  return {
    personId: row.session.personId,
    login: row.login,
    name: `${row.firstName} ${row.lastName}`,
    schoolId: current.schoolId,
    uai: current.uai,
    profile: current.profile,
    staffFunction: current.staffFunction,
    memberships: list,
    sessionId: tokenHash,
  };
}

export async function revokeSession(db: Db, tokenHash: string, now = new Date()): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function switchSession(db: Db, tokenHash: string, schoolId: string, profile: Profile): Promise<void> {
  await db.update(sessions).set({ schoolId, profile }).where(eq(sessions.tokenHash, tokenHash));
}

/** Deletes sessions that expired or were revoked (run by a periodic job). */
export async function purgeSessions(db: Db, now = new Date()): Promise<number> {
  const removed = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), isNotNull(sessions.revokedAt)))
    .returning({ h: sessions.tokenHash });
  return removed.length;
}
