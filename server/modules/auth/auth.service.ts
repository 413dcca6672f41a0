import { eq, inArray, sql } from 'drizzle-orm';
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../../../db/client';
import { auditLog, people, schools } from '../../../db/schema';
import type { Actor, ActorMembership } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import type { MeDto } from '../../contracts/auth';
import type { Profile } from '../../contracts/directory';
import { AppError } from '../../http/errors';
import { channelsFor } from '../../realtime/channel-membership';
import { toSchoolDto } from '../directory/school.dto';
import { activeMemberships, createSession, switchSession } from './session.store';
import type { LoginLimiter } from './login-limiter';

// verified when the login is unknown, so a wrong login costs the same time as a wrong password
let dummyHash: Promise<string> | null = null;

// which membership a sign-in starts in, when a person has several in one school
const PROFILE_PRIORITY: Profile[] = ['direction', 'admin', 'staff', 'teacher', 'guardian', 'student'];

export interface LoginDeps {
  db: Db;
  limiter: LoginLimiter;
}

/** Checks the password (argon2id) under the per-account and per-address limits, then opens a session. */
export async function login(
  deps: LoginDeps,
  input: { login: string; password: string },
  meta: { ip: string; userAgent?: string },
): Promise<{ token: string; personId: string }> {
  await deps.limiter.assertAllowed(input.login, meta.ip);
  const [person] = await deps.db
    .select()
    .from(people)
    .where(eq(sql`lower(${people.login})`, input.login.trim().toLowerCase()));
  dummyHash ??= hash('not-a-password-of-anyone');
  const ok = person?.passwordHash
    ? await verify(person.passwordHash, input.password)
    : (await verify(await dummyHash, input.password), false);
  const memberships = ok && person.active ? await activeMemberships(deps.db, person.id) : [];
  if (!ok || memberships.length === 0) {
    await deps.limiter.recordFailure(input.login, meta.ip);
    throw new AppError('invalid_credentials', 'Identifiant ou mot de passe incorrect.');
  }
  await deps.limiter.recordSuccess(input.login);
  const first = [...memberships].sort((a, b) => PROFILE_PRIORITY.indexOf(a.profile) - PROFILE_PRIORITY.indexOf(b.profile))[0];
  const session = await createSession(deps.db, { personId: person.id, schoolId: first.schoolId, profile: first.profile, ...meta });
  await deps.db.insert(auditLog).values({ schoolId: first.schoolId, actorId: person.id, action: 'auth.login', meta: { ip: meta.ip } });
  return { token: session.token, personId: person.id };
}

/** The signed-in person, their current school and profile, memberships and live channels. */
export async function describeMe(db: Db, actor: Actor): Promise<MeDto> {
  const [person] = await db.select().from(people).where(eq(people.id, actor.personId));
  const schoolRows = await db.select().from(schools).where(eq(schools.id, actor.schoolId));
  const names = await schoolNames(db, actor.memberships);
  return {
    id: person.id,
    login: person.login,
    firstName: person.firstName,
    lastName: person.lastName,
    current: { school: toSchoolDto(schoolRows[0]), profile: actor.profile, staffFunction: actor.staffFunction },
    memberships: actor.memberships.map((m) => ({ ...m, schoolName: names.get(m.schoolId) ?? m.uai })),
    channels: await channelsFor(db, actor.personId, actor.memberships),
  };
}

/** Moves the session to another of the person's memberships (school and/or profile). */
export async function switchMembership(db: Db, actor: Actor, target: { uai: string; profile?: Profile }): Promise<ActorMembership> {
  const candidates = actor.memberships.filter((m) => m.uai === target.uai && (!target.profile || m.profile === target.profile));
  const chosen = candidates.sort((a, b) => PROFILE_PRIORITY.indexOf(a.profile) - PROFILE_PRIORITY.indexOf(b.profile))[0];
  assertAllowed(actor, 'auth.switch', { membership: chosen });
  await switchSession(db, actor.sessionId, chosen.schoolId, chosen.profile);
  return chosen;
}

async function schoolNames(db: Db, list: ActorMembership[]): Promise<Map<string, string>> {
  const ids = [...new Set(list.map((m) => m.schoolId))];
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: schools.id, name: schools.name }).from(schools).where(inArray(schools.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
