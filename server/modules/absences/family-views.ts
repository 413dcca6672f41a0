import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { courseChanges, groupMembers, groups, guardianships, memberships, people } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import type { FollowedStudentDto, GroupCourseChangeDto } from '../../contracts/absences';
import { classNameSql, fullName } from '../directory/person-name';
import type { School } from '../timetable/course-rows';
import { absenceSettings } from './board';
import { loadChanges, toGroupChangeDto } from './course-changes';

/** The students a family account follows here: a guardian's children, a student themselves. */
export async function followedStudents(db: Db, actor: Actor, school: School): Promise<FollowedStudentDto[]> {
  assertAllowed(actor, 'absences.family', { schoolId: school.id });
  const ids =
    actor.profile === 'student'
      ? [actor.personId]
      : (
          await db
            .select({ id: guardianships.studentId })
            .from(guardianships)
            .where(and(eq(guardianships.guardianId, actor.personId), eq(guardianships.schoolId, school.id)))
        ).map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: people.id,
      firstName: people.firstName,
      lastName: people.lastName,
      className: classNameSql(people.id, school.id),
    })
    .from(people)
    .innerJoin(
      memberships,
      and(eq(memberships.personId, people.id), eq(memberships.schoolId, school.id), eq(memberships.profile, 'student'), eq(memberships.active, true)),
    )
    .where(inArray(people.id, ids))
    .orderBy(people.firstName);
  return rows.map((r) => ({ id: r.id, name: fullName(r), className: r.className }));
}

/** Changes to the courses of the followed students' groups that have not ended yet, in the board's name format. */
export async function familyCourseChanges(db: Db, actor: Actor, school: School, now: Date): Promise<GroupCourseChangeDto[]> {
  const students = await followedStudents(db, actor, school);
  if (students.length === 0) return [];
  const groupIds = (
    await db
      .selectDistinct({ id: groupMembers.groupId })
      .from(groupMembers)
      .innerJoin(groups, and(eq(groups.id, groupMembers.groupId), eq(groups.schoolId, school.id), eq(groups.active, true)))
      .where(and(inArray(groupMembers.personId, students.map((s) => s.id)), eq(groupMembers.role, 'member')))
  ).map((r) => r.id);
  const format = absenceSettings(school).boardNameFormat;
  const changes = await loadChanges(db, school.id, gt(courseChanges.endsAt, now));
  const inGroups = new Set(groupIds);
  return changes.filter((c) => inGroups.has(c.course.groupId)).map((c) => toGroupChangeDto(c, format));
}
