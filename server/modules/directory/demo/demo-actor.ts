import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { people } from '../../../../db/schema';
import type { Actor } from '../../../authz/actor';
import { activeMemberships } from '../../auth/session.store';

/** A demo account acting in the demo school, as if signed in (demo content is written through the services). */
export async function demoActor(db: Db, school: { id: string; uai: string }, login: string): Promise<Actor> {
  const [p] = await db.select().from(people).where(eq(sql`lower(${people.login})`, login));
  const memberships = await activeMemberships(db, p.id);
  const m = memberships.find((x) => x.schoolId === school.id)!;
  return { personId: p.id, login, name: `${p.firstName} ${p.lastName}`, schoolId: school.id, uai: school.uai, profile: m.profile, staffFunction: m.staffFunction, memberships, sessionId: 'demo' };
}
