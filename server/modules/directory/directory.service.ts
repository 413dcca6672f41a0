import { and, asc, count, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { auditLog, groupMembers, groups, memberships, people, schools } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { channels } from '../../contracts/channels';
import type { GroupDto, PersonDto, Profile, SchoolDto, SchoolUpdate } from '../../contracts/directory';
import { notFound } from '../../http/errors';
import { inTransaction, type OutboxDeps } from '../../platform/outbox';
import { toSchoolDto } from './school.dto';

/** Changes a school's identity and tells everyone in it live (`school.updated`). */
export async function updateSchool(deps: OutboxDeps, actor: Actor, school: typeof schools.$inferSelect, patch: SchoolUpdate): Promise<SchoolDto> {
  return inTransaction(deps, async ({ tx, emit }) => {
    const values: Partial<typeof schools.$inferInsert> = { updatedAt: new Date() };
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.timeZone !== undefined) values.timeZone = patch.timeZone;
    if (patch.branding) values.branding = { ...school.branding, ...patch.branding };
    const [row] = await tx.update(schools).set(values).where(eq(schools.id, school.id)).returning();
    const dto = toSchoolDto(row);
    const changed = Object.keys(patch);
    await emit(channels.school(row.uai), 'school.updated', { school: dto, changed, by: actor.personId }, row.id);
    await tx.insert(auditLog).values({ schoolId: row.id, actorId: actor.personId, action: 'school.update', meta: { changed } });
    return dto;
  });
}

/** Active groups of a school with their member counts. */
export async function listGroups(db: Db, schoolId: string): Promise<GroupDto[]> {
  const rows = await db
    .select({ id: groups.id, kind: groups.kind, name: groups.name, memberCount: count(groupMembers.personId) })
    .from(groups)
    .leftJoin(groupMembers, eq(groupMembers.groupId, groups.id))
    .where(and(eq(groups.schoolId, schoolId), eq(groups.active, true)))
    .groupBy(groups.id)
    .orderBy(asc(groups.kind), asc(groups.name));
  return rows.map((r) => ({ ...r, memberCount: Number(r.memberCount) }));
}

export async function findGroup(db: Db, schoolId: string, groupId: string) {
  const [row] = await db.select().from(groups).where(and(eq(groups.id, groupId), eq(groups.schoolId, schoolId)));
  if (!row) throw notFound('Groupe introuvable.');
  return row;
}

export async function teachesGroup(db: Db, personId: string, groupId: string): Promise<boolean> {
  const [row] = await db
    .select({ g: groupMembers.groupId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, personId), eq(groupMembers.role, 'teacher')));
  return !!row;
}

/** People of a school (active memberships), optionally by profile, group or a name search. */
export async function listPeople(
  db: Db,
  schoolId: string,
  filter: { profile?: Profile; groupId?: string; q?: string; limit: number },
): Promise<PersonDto[]> {
  const conditions = [eq(memberships.schoolId, schoolId), eq(memberships.active, true)];
  if (filter.profile) conditions.push(eq(memberships.profile, filter.profile));
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`;
    conditions.push(or(ilike(people.lastName, like), ilike(people.firstName, like))!);
  }
  if (filter.groupId) {
    conditions.push(sql`exists (select 1 from ${groupMembers} gm where gm.group_id = ${filter.groupId} and gm.person_id = ${people.id})`);
  }
  const rows = await db
    .select({
      id: people.id,
      firstName: people.firstName,
      lastName: people.lastName,
      profile: memberships.profile,
      staffFunction: memberships.staffFunction,
      groups: sql<string[]>`coalesce((select array_agg(g.name order by g.name) from ${groupMembers} gm
        join ${groups} g on g.id = gm.group_id where gm.person_id = ${people.id} and g.school_id = ${schoolId} and g.active), '{}')`,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(...conditions))
    .orderBy(asc(people.lastName), asc(people.firstName))
    .limit(filter.limit);
  return rows;
}
