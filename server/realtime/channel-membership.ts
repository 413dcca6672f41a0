import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { groupMembers, groups, schools } from '../../db/schema';
import { followsAbsences, type ActorMembership } from '../authz/actor';
import type { Profile } from '../contracts/profiles';
import { channels } from '../contracts/channels';
import { rawRows } from '../../db/raw-rows';

/**
 * The channels a person's live connection is put in, computed from the directory:
 * each active membership's school and profile, their own groups, and their user channel.
 */
export async function channelsFor(db: Db, personId: string, memberships: ActorMembership[]): Promise<string[]> {
  const list = new Set<string>([channels.user(personId)]);
  for (const m of memberships) {
    list.add(channels.school(m.uai));
    list.add(channels.profile(m.uai, m.profile));
    if (followsAbsences(m)) list.add(channels.absences(m.uai));
  }
  const schoolIds = [...new Set(memberships.map((m) => m.schoolId))];
  if (schoolIds.length > 0) {
    const inList = sql`(${sql.join(schoolIds.map((id) => sql`${id}`), sql`, `)})`;
    // own groups (as a student, teacher or staff member) and, for guardians, their children's groups
    const rows = await rawRows<{ groupId: string; uai: string; role: string; profile: Profile }>(db, sql`
      select g.id as "groupId", s.uai, gm.role::text as role, m.profile::text as profile
      from ${groupMembers} gm
      join ${groups} g on g.id = gm.group_id and g.active
      join ${schools} s on s.id = g.school_id
      join memberships m on m.person_id = gm.person_id and m.school_id = g.school_id and m.active
      where gm.person_id = ${personId} and g.school_id in ${inList}
      union
      select g.id, s.uai, 'guardian', 'guardian'
      from guardianships gs
      join ${groupMembers} gm on gm.person_id = gs.student_id
      join ${groups} g on g.id = gm.group_id and g.active and g.school_id = gs.school_id
      join ${schools} s on s.id = g.school_id
      join memberships m on m.person_id = gs.guardian_id and m.school_id = gs.school_id and m.active and m.profile = 'guardian'
      where gs.guardian_id = ${personId} and gs.school_id in ${inList}`);
    for (const r of rows) {
      if (r.role !== 'guardian') list.add(channels.group(r.uai, r.groupId));
      const asProfile: Profile | null =
        r.role === 'guardian' ? 'guardian' : r.role === 'teacher' ? 'teacher' : r.profile === 'student' ? 'student' : null;
      if (asProfile) list.add(channels.groupProfile(r.uai, r.groupId, asProfile));
    }
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
