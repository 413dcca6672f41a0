import { sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/client';
import { groupMembers, guardianships } from '../../../../db/schema';
import type { GroupRole } from './snapshot';

const BATCH = 1000;

/**
 * Makes the class and teaching-group memberships of the given people exactly the desired
 * ones: a student moved from 4A to 4B leaves 4A. People not in `desired` are left alone.
 */
export async function syncGroupRoles(
  tx: Tx,
  current: Map<string, Map<string, GroupRole>>,
  desired: Map<string, Map<string, GroupRole>>,
): Promise<void> {
  const removed: Array<[string, string]> = [];
  const upserts: Array<{ groupId: string; personId: string; role: GroupRole }> = [];
  for (const [personId, want] of desired) {
    const have = current.get(personId) ?? new Map<string, GroupRole>();
    for (const groupId of have.keys()) if (!want.has(groupId)) removed.push([groupId, personId]);
    for (const [groupId, role] of want) if (have.get(groupId) !== role) upserts.push({ groupId, personId, role });
  }
  for (let i = 0; i < removed.length; i += BATCH) {
    const pairs = removed.slice(i, i + BATCH).map(([g, p]) => sql`(${g}::uuid, ${p}::uuid)`);
    await tx.delete(groupMembers).where(sql`(${groupMembers.groupId}, ${groupMembers.personId}) in (${sql.join(pairs, sql`, `)})`);
  }
  for (let i = 0; i < upserts.length; i += BATCH) {
    await tx
      .insert(groupMembers)
      .values(upserts.slice(i, i + BATCH))
      .onConflictDoUpdate({ target: [groupMembers.groupId, groupMembers.personId], set: { role: sql`excluded.role` } });
  }
}

/** Makes the children recorded in this school for the given guardians exactly the desired ones. */
export async function syncGuardianships(
  tx: Tx,
  schoolId: string,
  current: Map<string, Set<string>>,
  desired: Map<string, Set<string>>,
): Promise<void> {
  const removed: Array<[string, string]> = [];
  const added: Array<{ schoolId: string; guardianId: string; studentId: string }> = [];
  for (const [guardianId, want] of desired) {
    const have = current.get(guardianId) ?? new Set<string>();
    for (const studentId of have) if (!want.has(studentId)) removed.push([guardianId, studentId]);
    for (const studentId of want) if (!have.has(studentId)) added.push({ schoolId, guardianId, studentId });
  }
  for (let i = 0; i < removed.length; i += BATCH) {
    const pairs = removed.slice(i, i + BATCH).map(([g, s]) => sql`(${g}::uuid, ${s}::uuid)`);
    await tx
      .delete(guardianships)
      .where(sql`${guardianships.schoolId} = ${schoolId} and (${guardianships.guardianId}, ${guardianships.studentId}) in (${sql.join(pairs, sql`, `)})`);
  }
  for (let i = 0; i < added.length; i += BATCH) {
    // a pair recorded by the child's previous school now belongs to this one
    await tx
      .insert(guardianships)
      .values(added.slice(i, i + BATCH))
      .onConflictDoUpdate({ target: [guardianships.guardianId, guardianships.studentId], set: { schoolId } });
  }
}
