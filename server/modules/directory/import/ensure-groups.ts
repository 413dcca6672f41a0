import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Tx } from '../../../../db/client';
import { groups } from '../../../../db/schema';
import type { GroupKind } from '../../../contracts/directory';
import type { ImportRow } from './csv-format';
import { groupKey, type DirectorySnapshot } from './snapshot';

/** Finds or creates every class and group the file names; classes are the names of a student's `classe`. */
export async function ensureGroups(tx: Tx, schoolId: string, rows: ImportRow[], snap: DirectorySnapshot, now: Date, changes: string[]) {
  const classKeys = new Set(rows.flatMap((r) => (r.profile === 'student' && r.className ? [groupKey(r.className)] : [])));
  const wanted = new Map<string, string>();
  for (const row of rows) {
    for (const name of [...(row.className ? [row.className] : []), ...row.groupNames]) {
      if (!wanted.has(groupKey(name))) wanted.set(groupKey(name), name);
    }
  }
  const groupIds = new Map<string, string>();
  // every group of the school: a student leaving a class that the file no longer names still left a class
  const kinds = new Map<string, GroupKind>([...snap.groups.values()].map((g) => [g.id, g.kind]));
  const toCreate: Array<typeof groups.$inferInsert> = [];
  const toReopen: string[] = [];
  for (const [key, name] of wanted) {
    const existing = snap.groups.get(key);
    if (existing) {
      groupIds.set(key, existing.id);
      if (!existing.active) toReopen.push(existing.id);
      continue;
    }
    const kind: GroupKind = classKeys.has(key) ? 'class' : 'teaching_group';
    const id = randomUUID();
    toCreate.push({ id, schoolId, kind, name });
    groupIds.set(key, id);
    kinds.set(id, kind);
    changes.push(`+ ${kind === 'class' ? 'classe' : 'groupe'} ${name}`);
  }
  for (let i = 0; i < toCreate.length; i += 500) await tx.insert(groups).values(toCreate.slice(i, i + 500));
  if (toReopen.length > 0) await tx.update(groups).set({ active: true, updatedAt: now }).where(inArray(groups.id, toReopen));
  return { groupIds, kinds, created: toCreate.length };
}
