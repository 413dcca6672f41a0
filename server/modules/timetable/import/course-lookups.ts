import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../../db/client';
import { groups, memberships, people, timetableSlots } from '../../../../db/schema';
import type { ImportLineError } from '../../../contracts/directory';
import { groupKey } from '../../directory/import/snapshot';
import type { CourseRow } from './courses-format';
import { slotKey } from './slots-format';

/** A line whose group, teacher and slot were all found. */
export interface ResolvedCourse extends CourseRow {
  groupId: string;
  teacherId: string;
  slotId: string;
}

interface Teacher {
  personId: string;
  active: boolean;
}

/**
 * Looks the names of each line up in the school: groups by name (any case), teachers by their
 * membership's external id or their login (any case), slots by code. Lines naming something
 * unknown get one reason per unknown value.
 */
export async function resolveCourses(tx: Tx, schoolId: string, rows: CourseRow[], errors: ImportLineError[]): Promise<ResolvedCourse[]> {
  const groupRows = await tx
    .select({ id: groups.id, name: groups.name, active: groups.active })
    .from(groups)
    .where(eq(groups.schoolId, schoolId));
  const groupByKey = new Map(groupRows.map((g) => [groupKey(g.name), g]));

  const teacherRows = await tx
    .select({ personId: people.id, login: people.login, externalId: memberships.externalId, active: memberships.active, personActive: people.active })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.schoolId, schoolId), eq(memberships.profile, 'teacher')));
  const byExternalId = new Map<string, Teacher>();
  const byLogin = new Map<string, Teacher>();
  for (const t of teacherRows) {
    const teacher = { personId: t.personId, active: t.active && t.personActive };
    if (t.externalId) byExternalId.set(t.externalId.toLowerCase(), teacher);
    byLogin.set(t.login.toLowerCase(), teacher);
  }

  const slotRows = await tx.select({ id: timetableSlots.id, code: timetableSlots.code, startTime: timetableSlots.startTime }).from(timetableSlots).where(eq(timetableSlots.schoolId, schoolId));
  const slotByKey = new Map(slotRows.map((s) => [slotKey(s.code), s]));
  const slotList = slotRows
    .sort((a, b) => a.startTime.localeCompare(b.startTime))
    .map((s) => s.code)
    .join(', ');

  const resolved: ResolvedCourse[] = [];
  for (const row of rows) {
    const fail = (reason: string) => errors.push({ line: row.line, reason });
    const group = groupByKey.get(groupKey(row.groupName));
    if (!group) fail(`classe ou groupe « ${row.groupName} » introuvable dans l’annuaire de l’établissement`);
    else if (!group.active) fail(`classe ou groupe « ${row.groupName} » désactivé dans l’annuaire`);

    // an external id wins over a login: ids come from the national exports and never change
    const teacher = byExternalId.get(row.teacher.toLowerCase()) ?? byLogin.get(row.teacher.toLowerCase());
    if (!teacher) fail(`enseignant « ${row.teacher} » introuvable : ni l’id ni l’identifiant d’un enseignant de l’établissement`);
    else if (!teacher.active) fail(`enseignant « ${row.teacher} » désactivé : il n’enseigne plus dans l’établissement`);

    const slot = slotByKey.get(slotKey(row.slotCode));
    if (!slot) {
      fail(slotList
        ? `créneau « ${row.slotCode} » inconnu (créneaux de l’établissement : ${slotList})`
        : `créneau « ${row.slotCode} » inconnu : importez d’abord les créneaux de l’établissement`);
    }
    if (group?.active && teacher?.active && slot) resolved.push({ ...row, groupId: group.id, teacherId: teacher.personId, slotId: slot.id });
  }
  return resolved;
}
