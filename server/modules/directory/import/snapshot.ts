import { and, eq, ne } from 'drizzle-orm';
import type { Queryable } from '../../../../db/client';
import { groupMembers, groups, guardianships, memberships, people } from '../../../../db/schema';
import type { GroupKind, Profile, StaffFunction } from '../../../contracts/directory';

export interface KnownMember {
  membershipId: string;
  personId: string;
  profile: Profile;
  staffFunction: StaffFunction | null;
  externalId: string | null;
  active: boolean;
  login: string;
  firstName: string;
  lastName: string;
  civility: 'm' | 'mme' | null;
  email: string | null;
  phone: string | null;
  personActive: boolean;
}

export interface KnownGroup {
  id: string;
  name: string;
  kind: GroupKind;
  active: boolean;
}

export type GroupRole = 'member' | 'teacher';

/** What the directory holds for one school before an import, loaded in a handful of queries. */
export interface DirectorySnapshot {
  members: KnownMember[];
  byExternalId: Map<string, KnownMember>;
  /** Keyed by groupKey(name). */
  groups: Map<string, KnownGroup>;
  /** personId → (groupId → role), for the groups the import manages (classes and teaching groups). */
  groupRoles: Map<string, Map<string, GroupRole>>;
  /** guardianId → studentIds, links recorded for this school. */
  children: Map<string, Set<string>>;
}

/** Group names match whatever their case: "4b" in one line and "4B" in another are the same class. */
export function groupKey(name: string): string {
  return name.toLocaleUpperCase('fr-FR');
}

/** Loads the school's memberships with their people, groups, group roles and guardian links. */
export async function loadSnapshot(db: Queryable, schoolId: string): Promise<DirectorySnapshot> {
  const members = await db
    .select({
      membershipId: memberships.id,
      personId: memberships.personId,
      profile: memberships.profile,
      staffFunction: memberships.staffFunction,
      externalId: memberships.externalId,
      active: memberships.active,
      login: people.login,
      firstName: people.firstName,
      lastName: people.lastName,
      civility: people.civility,
      email: people.email,
      phone: people.phone,
      personActive: people.active,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(eq(memberships.schoolId, schoolId));

  const groupRows = await db
    .select({ id: groups.id, name: groups.name, kind: groups.kind, active: groups.active })
    .from(groups)
    .where(eq(groups.schoolId, schoolId));

  const roleRows = await db
    .select({ groupId: groupMembers.groupId, personId: groupMembers.personId, role: groupMembers.role })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groups.schoolId, schoolId), ne(groups.kind, 'custom')));

  const links = await db
    .select({ guardianId: guardianships.guardianId, studentId: guardianships.studentId })
    .from(guardianships)
    .where(eq(guardianships.schoolId, schoolId));

  const groupRoles = new Map<string, Map<string, GroupRole>>();
  for (const r of roleRows) {
    if (!groupRoles.has(r.personId)) groupRoles.set(r.personId, new Map());
    groupRoles.get(r.personId)!.set(r.groupId, r.role);
  }
  const children = new Map<string, Set<string>>();
  for (const l of links) {
    if (!children.has(l.guardianId)) children.set(l.guardianId, new Set());
    children.get(l.guardianId)!.add(l.studentId);
  }
  return {
    members,
    byExternalId: new Map(members.filter((m) => m.externalId !== null).map((m) => [m.externalId!, m])),
    groups: new Map(groupRows.map((g) => [groupKey(g.name), g])),
    groupRoles,
    children,
  };
}
