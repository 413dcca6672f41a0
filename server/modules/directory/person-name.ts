import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { NameParts } from '../../contracts/board-name';

export { boardName } from '../../contracts/board-name';

/** "Camille Martin": how people are named to those who know them. */
export function fullName(p: NameParts): string {
  return `${p.firstName} ${p.lastName}`;
}

/** The same, in SQL, for list queries over a people table (or an alias of it). */
export function fullNameSql(t: { firstName: AnyPgColumn; lastName: AnyPgColumn }): SQL<string> {
  return sql<string>`${t.firstName} || ' ' || ${t.lastName}`;
}

/** A student's class in a school (the active group of kind "class" they are a member of), in SQL. */
export function classNameSql(studentId: AnyPgColumn | SQL, schoolId: AnyPgColumn | SQL | string): SQL<string | null> {
  return sql<string | null>`(
    select g.name from group_members gm join groups g on g.id = gm.group_id and g.kind = 'class' and g.active
    where gm.person_id = ${studentId} and g.school_id = ${schoolId} and gm.role = 'member'
    order by g.name limit 1)`;
}
