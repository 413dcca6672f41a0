import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { groupMembers, groups, schools } from '../../db/schema';
import type { ActorMembership } from '../authz/actor';
import { channels } from '../contracts/channels';

/**
 * The channels a person's live connection is put in, computed from the directory:
 * each active membership's school and profile, their own groups, and their user channel.
 */
export async function channelsFor(db: Db, personId: string, memberships: ActorMembership[]): Promise<string[]> {
  const list = new Set<string>([channels.user(personId)]);
  for (const m of memberships) {
    list.add(channels.school(m.uai));
    list.add(channels.profile(m.uai, m.profile));
  }
  const schoolIds = [...new Set(memberships.map((m) => m.schoolId))];
  if (schoolIds.length > 0) {
    const rows = await db
      .select({ groupId: groups.id, uai: schools.uai })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .innerJoin(schools, eq(schools.id, groups.schoolId))
      .where(and(eq(groupMembers.personId, personId), eq(groups.active, true), inArray(groups.schoolId, schoolIds)));
    for (const r of rows) list.add(channels.group(r.uai, r.groupId));
  }
  return [...list];
}

/** Facts the subscribe policy needs about a group channel: does the group belong to that school, is the person in it. */
export async function groupFacts(db: Db, uai: string, groupId: string, personId: string): Promise<{ inSchool: boolean; isMember: boolean }> {
  const [row] = await db
    .select({
      id: groups.id,
      isMember: sql<boolean>`exists (select 1 from ${groupMembers} gm where gm.group_id = ${groups.id} and gm.person_id = ${personId})`,
    })
    .from(groups)
    .innerJoin(schools, eq(schools.id, groups.schoolId))
    .where(and(eq(groups.id, groupId), eq(schools.uai, uai), eq(groups.active, true)));
  return { inSchool: !!row, isMember: !!row?.isMember };
}
