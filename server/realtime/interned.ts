import type { Actor, ActorMembership } from '../authz/actor';

/**
 * One copy of what thousands of sockets hold alike: the names of a school's shared rooms and
 * its people's membership lists. Each socket's own copies, built from its database rows, cost
 * about 1 KB per guardian at 10,000 sockets. Bounded: emptied when it grows past the limit
 * (rooms of groups long gone would otherwise stay).
 */
const LIMIT = 50_000;
const table = new Map<string, unknown>();

function intern<T>(key: string, make: () => T): T {
  const known = table.get(key);
  if (known !== undefined) return known as T;
  if (table.size >= LIMIT) table.clear();
  const value = make();
  table.set(key, value);
  return value;
}

/** A room name, shared when many sockets join it (a person's own and session rooms are not). */
export function sharedRoom(name: string): string {
  return name.startsWith('user:') || name.startsWith('session:') ? name : intern(`room\u0000${name}`, () => name);
}

/** What a socket keeps of its person: the same frozen membership list for everyone who has that list. */
export function socketActor(actor: Actor): Actor {
  const memberships = intern(
    `memberships\u0000${actor.memberships.map((m) => `${m.schoolId}|${m.uai}|${m.profile}|${m.staffFunction ?? ''}`).join(';')}`,
    () => Object.freeze(actor.memberships.map((m) => Object.freeze({ ...m }))) as ActorMembership[],
  );
  const current = memberships.find((m) => m.schoolId === actor.schoolId && m.profile === actor.profile);
  return { ...actor, memberships, schoolId: current?.schoolId ?? actor.schoolId, uai: current?.uai ?? actor.uai };
}
