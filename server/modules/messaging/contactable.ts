import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { rawRows } from '../../../db/raw-rows';
import type { Actor } from '../../authz/actor';
import type { Profile, StaffFunction } from '../../contracts/directory';
import { pairKey, relationOf } from '../../contracts/messaging';
import type { ContactTable } from './contact-rules';

export interface Contactable {
  id: string;
  firstName: string;
  lastName: string;
  profile: Profile;
  staffFunction: StaffFunction | null;
}

/**
 * The people related to the actor for one profile pair, as SQL selecting (person_id, profile):
 * a guardian and their own children; a teacher and the students, or those students' guardians,
 * of the groups they teach; classmates, colleagues teaching a same group, guardians whose
 * children share a group.
 */
function relatedBranch(actor: Actor, to: Profile): SQL | null {
  const relation = relationOf[pairKey(actor.profile, to)];
  const a = actor.personId;
  const s = actor.schoolId;
  const g = sql`join groups g on g.id = gm1.group_id and g.school_id = ${s} and g.active`;
  const lit = sql.raw(`'${to}'`);
  if (relation === 'family') {
    return actor.profile === 'student'
      ? sql`select gs.guardian_id, ${lit} from guardianships gs where gs.student_id = ${a} and gs.school_id = ${s}`
      : sql`select gs.student_id, ${lit} from guardianships gs where gs.guardian_id = ${a} and gs.school_id = ${s}`;
  }
  // the groups the actor stands in: as a student, as a teacher, or through their children
  const mine =
    actor.profile === 'guardian'
      ? sql`from guardianships gs0 join group_members gm1 on gm1.person_id = gs0.student_id and gm1.role = 'member' ${g}
            where gs0.guardian_id = ${a} and gs0.school_id = ${s}`
      : sql`from group_members gm1 ${g} where gm1.person_id = ${a} and gm1.role = ${actor.profile === 'teacher' ? 'teacher' : 'member'}`;
  if (relation === 'teaches' || relation === 'same_group') {
    if (to === 'teacher') return teachersOf(mine, lit);
    if (to === 'student') return membersOf(mine, lit);
    if (to === 'guardian') return guardiansOfMembers(mine, lit, s);
  }
  return null;
}

const teachersOf = (mine: SQL, lit: SQL) =>
  sql`select gm2.person_id, ${lit} from group_members gm2 where gm2.role = 'teacher' and gm2.group_id in (select gm1.group_id ${mine})`;
const membersOf = (mine: SQL, lit: SQL) =>
  sql`select gm2.person_id, ${lit} from group_members gm2 where gm2.role = 'member' and gm2.group_id in (select gm1.group_id ${mine})`;
const guardiansOfMembers = (mine: SQL, lit: SQL, schoolId: string) =>
  sql`select gs2.guardian_id, ${lit} from group_members gm2 join guardianships gs2 on gs2.student_id = gm2.person_id and gs2.school_id = ${schoolId}
      where gm2.role = 'member' and gm2.group_id in (select gm1.group_id ${mine})`;

/**
 * Everyone the actor may write to under the school's contact table, as one query: the address
 * book (with a name search) and the check of a send (with `ids`) are the same rule.
 */
export async function contactablePeople(
  db: Queryable,
  actor: Actor,
  table: ContactTable,
  opts: { ids?: string[]; q?: string; profile?: Profile; limit?: number } = {},
): Promise<Contactable[]> {
  const { any, related } = table.targetsOf(actor.profile);
  const branches: SQL[] = [];
  if (any.length) {
    branches.push(
      sql`select m0.person_id, m0.profile::text from memberships m0 where m0.school_id = ${actor.schoolId} and m0.profile::text in (${sql.join(
        any.map((p) => sql`${p}`),
        sql`, `,
      )})`,
    );
  }
  for (const to of related) {
    const branch = relatedBranch(actor, to);
    if (branch) branches.push(branch);
  }
  if (branches.length === 0 || (opts.ids && opts.ids.length === 0)) return [];
  const filters: SQL[] = [sql`p.id <> ${actor.personId}`];
  if (opts.ids) filters.push(sql`p.id in (${sql.join(opts.ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (opts.profile) filters.push(sql`m.profile = ${opts.profile}`);
  if (opts.q) {
    const pattern = `%${fold(opts.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(sql`(${folded(sql`p.first_name || ' ' || p.last_name`)} like ${pattern} or ${folded(sql`p.last_name || ' ' || p.first_name`)} like ${pattern})`);
  }
  const rows = await rawRows<{ id: string; first_name: string; last_name: string; profile: Profile; staff_function: StaffFunction | null }>(
    db,
    sql`select * from (
          select distinct on (p.id) p.id, p.first_name, p.last_name, m.profile, m.staff_function
          from (${sql.join(branches, sql` union `)}) c(person_id, profile)
          join memberships m on m.person_id = c.person_id and m.school_id = ${actor.schoolId} and m.profile::text = c.profile
            and m.active and m.suspended_at is null
          join people p on p.id = c.person_id and p.active
          where ${sql.join(filters, sql` and `)}
          order by p.id, array_position(array['direction','staff','teacher','admin','guardian','student']::text[], m.profile::text)
        ) x
        order by x.last_name, x.first_name, x.id
        ${opts.limit ? sql`limit ${opts.limit}` : sql``}`,
  );
  return rows.map((r) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name, profile: r.profile, staffFunction: r.staff_function }));
}

const ACCENTS = 'àâäáãéèêëíìîïóòôöõúùûüçñÿœ';
const PLAIN = 'aaaaaeeeeiiiiooooouuuucnyo';
/** Lower case without accents, so « helene » finds « Hélène ». */
export const fold = (text: string) =>
  [...text.toLowerCase()].map((c) => (ACCENTS.includes(c) ? PLAIN[ACCENTS.indexOf(c)] : c)).join('');
const folded = (expr: SQL) => sql`translate(lower(${expr}), ${ACCENTS}, ${PLAIN})`;
