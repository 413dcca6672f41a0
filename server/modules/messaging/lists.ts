import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { rawRows } from '../../../db/raw-rows';
import { groupMembers, groups, mailingListMembers, mailingLists } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { authorize } from '../../authz/registry';
import type { Profile } from '../../contracts/directory';
import { classLevel, parseListKey, type ListDto, type ListProfile, type ParsedListKey } from '../../contracts/messaging';
import { AppError, forbidden } from '../../http/errors';

type GroupRow = { id: string; name: string; kind: string };

/** A recipient reached through lists or by name: their profile and the class they are counted in. */
export interface ResolvedRecipient {
  personId: string;
  profile: Profile;
  className: string | null;
}

const WHO: Record<ListProfile, [string, string]> = {
  guardian: ['Responsables', 'Tous les responsables'],
  student: ['Élèves', 'Tous les élèves'],
  teacher: ['Professeurs', 'Tous les professeurs'],
  staff: ['Personnels', 'Tout le personnel'],
};
const LEVEL_NAMES: Record<string, string> = { '6': '6e', '5': '5e', '4': '4e', '3': '3e', '2': '2de', '1': '1re', T: 'Tle' };
const levelName = (level: string) => LEVEL_NAMES[level] ?? level;

/** « Responsables de 4B », « Élèves des 3e », « Tous les professeurs ». */
export function listLabel(key: ParsedListKey, groupName?: string, staticName?: string): string {
  switch (key.kind) {
    case 'group':
      return `${WHO[key.profile][0]} de ${groupName ?? '?'}`;
    case 'level':
      return `${WHO[key.profile][0]} des ${levelName(key.level)}`;
    case 'school':
      return WHO[key.profile][1];
    default:
      return staticName ?? 'Liste';
  }
}

async function schoolGroups(db: Queryable, schoolId: string): Promise<GroupRow[]> {
  return db
    .select({ id: groups.id, name: groups.name, kind: groups.kind })
    .from(groups)
    .where(and(eq(groups.schoolId, schoolId), eq(groups.active, true)))
    .orderBy(asc(groups.name));
}

async function taughtGroups(db: Queryable, actor: Actor): Promise<Set<string>> {
  if (actor.profile !== 'teacher') return new Set();
  const rows = await db
    .select({ id: groupMembers.groupId })
    .from(groupMembers)
    .innerJoin(groups, and(eq(groups.id, groupMembers.groupId), eq(groups.schoolId, actor.schoolId)))
    .where(and(eq(groupMembers.personId, actor.personId), eq(groupMembers.role, 'teacher')));
  return new Set(rows.map((r) => r.id));
}

/** What the rules need to decide on each list key, and the labels to show. */
interface ListContext {
  groups: Map<string, GroupRow>;
  taught: Set<string>;
  statics: Map<string, { id: string; name: string; ownerId: string }>;
}

async function listContext(db: Queryable, actor: Actor): Promise<ListContext> {
  const [all, taught, statics] = await Promise.all([
    schoolGroups(db, actor.schoolId),
    taughtGroups(db, actor),
    db.select({ id: mailingLists.id, name: mailingLists.name, ownerId: mailingLists.ownerId }).from(mailingLists).where(eq(mailingLists.schoolId, actor.schoolId)),
  ]);
  return { groups: new Map(all.map((g) => [g.id, g])), taught, statics: new Map(statics.map((s) => [s.id, s])) };
}

const maySend = (actor: Actor, ctx: ListContext, key: ParsedListKey) =>
  authorize(actor, 'messaging.list.send', {
    schoolId: actor.schoolId,
    list: key,
    teachesGroup: key.kind === 'group' && ctx.taught.has(key.groupId),
    ownsList: key.kind === 'static' && ctx.statics.get(key.listId)?.ownerId === actor.personId,
  });

/**
 * Checks each list key exists in this school and the actor may send to it; returns them parsed
 * with their labels. A list of another school is "unknown" (its id says nothing here).
 */
export async function checkListKeys(db: Queryable, actor: Actor, keys: string[]): Promise<Array<{ key: ParsedListKey; label: string }>> {
  if (keys.length === 0) return [];
  const ctx = await listContext(db, actor);
  const checked = [];
  for (const raw of [...new Set(keys)]) {
    const key = parseListKey(raw);
    const known =
      key &&
      (key.kind === 'school' ||
        (key.kind === 'group' && ctx.groups.has(key.groupId)) ||
        (key.kind === 'static' && ctx.statics.has(key.listId)) ||
        (key.kind === 'level' && [...ctx.groups.values()].some((g) => g.kind === 'class' && classLevel(g.name) === key.level)));
    if (!key || !known) throw new AppError('validation_failed', 'Liste de diffusion inconnue dans cet établissement.', [{ path: 'to.lists', message: raw }]);
    if (!maySend(actor, ctx, key)) throw forbidden('Vous ne pouvez pas écrire à cette liste de diffusion.');
    checked.push({ key, label: labelIn(ctx, key) });
  }
  return checked;
}

const labelIn = (ctx: ListContext, key: ParsedListKey) =>
  listLabel(key, key.kind === 'group' ? ctx.groups.get(key.groupId)?.name : undefined, key.kind === 'static' ? ctx.statics.get(key.listId)?.name : undefined);

/** The lists the actor may send to, with how many people each reaches today. */
export async function availableLists(db: Queryable, actor: Actor): Promise<ListDto[]> {
  const ctx = await listContext(db, actor);
  const candidates: ParsedListKey[] = [];
  for (const profile of ['guardian', 'student', 'teacher', 'staff'] as const) candidates.push({ kind: 'school', profile });
  const levels = [...new Set([...ctx.groups.values()].filter((g) => g.kind === 'class').map((g) => classLevel(g.name)).filter((l): l is string => !!l))];
  for (const level of levels.sort()) for (const profile of ['guardian', 'student'] as const) candidates.push({ kind: 'level', level, profile });
  for (const g of ctx.groups.values()) for (const profile of ['guardian', 'student', 'teacher'] as const) candidates.push({ kind: 'group', groupId: g.id, profile });
  for (const s of ctx.statics.values()) candidates.push({ kind: 'static', listId: s.id });
  const allowed = candidates.filter((k) => maySend(actor, ctx, k));
  if (allowed.length === 0) return [];
  const counts = await countRecipients(db, actor, ctx, allowed);
  return allowed.map((key, i) => ({
    key: keyString(key),
    label: labelIn(ctx, key),
    kind: key.kind,
    count: counts[i],
    ownerId: key.kind === 'static' ? (ctx.statics.get(key.listId)?.ownerId ?? null) : null,
  }));
}

export function keyString(key: ParsedListKey): string {
  switch (key.kind) {
    case 'group':
      return `group:${key.groupId}:${key.profile}`;
    case 'level':
      return `level:${key.level}:${key.profile}`;
    case 'school':
      return `school:${key.profile}`;
    default:
      return `static:${key.listId}`;
  }
}

/** How many people each list reaches, in one statement (classes are not needed to count). */
async function countRecipients(db: Queryable, actor: Actor, ctx: ListContext, keys: ParsedListKey[]): Promise<number[]> {
  const parts = keys.map((k, i) => sql`select ${i}::int as i, (select count(*)::int from (${recipientsSql(actor, ctx, [k], [], false)}) r) as n`);
  const rows = await rawRows<{ i: number; n: number }>(db, sql.join(parts, sql` union all `));
  const counts = new Array<number>(keys.length).fill(0);
  for (const r of rows) counts[Number(r.i)] = Number(r.n);
  return counts;
}

/** Branches of (person_id, profile, class_name) for one list; the class when the list is a class's. */
function branchesOf(actor: Actor, ctx: ListContext, key: ParsedListKey): SQL[] {
  const s = actor.schoolId;
  if (key.kind === 'school' || key.kind === 'static') {
    const profiles = key.kind === 'school' ? (key.profile === 'staff' ? ['staff', 'direction'] : [key.profile]) : null;
    const source =
      key.kind === 'static'
        ? sql`from mailing_list_members lm join memberships m on m.person_id = lm.person_id and m.school_id = ${s} where lm.list_id = ${key.listId}`
        : sql`from memberships m where m.school_id = ${s} and m.profile::text in (${sql.join(profiles!.map((p) => sql`${p}`), sql`, `)})`;
    return [
      sql`select m.person_id, m.profile::text as profile, null::text as class_name ${source}`,
    ];
  }
  const groupIds =
    key.kind === 'group'
      ? [key.groupId]
      : [...ctx.groups.values()].filter((g) => g.kind === 'class' && classLevel(g.name) === key.level).map((g) => g.id);
  return groupIds.map((groupId) => {
    const group = ctx.groups.get(groupId)!;
    const name = group.kind === 'class' ? sql`${group.name}::text` : null;
    if (key.profile === 'teacher') {
      return sql`select gm.person_id, 'teacher' as profile, ${name ?? sql`null::text`} as class_name from group_members gm
        where gm.group_id = ${groupId} and gm.role = 'teacher'`;
    }
    if (key.profile === 'student') {
      return sql`select gm.person_id, 'student' as profile, ${name ?? sql`null::text`} as class_name from group_members gm
        where gm.group_id = ${groupId} and gm.role = 'member'`;
    }
    return sql`select gs.guardian_id, 'guardian' as profile, ${name ?? sql`null::text`} as class_name from group_members gm
      join guardianships gs on gs.student_id = gm.person_id and gs.school_id = ${s}
      where gm.group_id = ${groupId} and gm.role = 'member'`;
  });
}

/**
 * Everyone the lists and the named people reach, once each, as SQL: active, unsuspended members
 * of the school, never the sender. Each comes with the class they count in for read statistics:
 * the list's class, else a student's own class or a guardian's first child's (joined as sets, so
 * the plan does not depend on table statistics the embedded database may not have yet).
 */
function recipientsSql(actor: Actor, ctx: ListContext, keys: ParsedListKey[], people: string[], withClass = true): SQL {
  const s = actor.schoolId;
  const branches = keys.flatMap((k) => branchesOf(actor, ctx, k));
  if (people.length) {
    branches.unshift(sql`select m.person_id, m.profile::text as profile, null::text as class_name
      from memberships m where m.school_id = ${s} and m.person_id in (${sql.join(people.map((p) => sql`${p}::uuid`), sql`, `)})`);
  }
  if (branches.length === 0) return sql`select null::uuid as person_id, null::text as profile, null::text as class_name where false`;
  const classes = sql`(select gm.person_id as student_id, min(g.name) as name from group_members gm
    join groups g on g.id = gm.group_id and g.kind = 'class' and g.active and g.school_id = ${s}
    where gm.role = 'member' group by gm.person_id)`;
  const classJoins = withClass
    ? sql`left join ${classes} sc on sc.student_id = r.person_id and r.profile = 'student'
      left join (select gs.guardian_id, min(c.name) as name from guardianships gs join ${classes} c on c.student_id = gs.student_id
        where gs.school_id = ${s} group by gs.guardian_id) gc on gc.guardian_id = r.person_id and r.profile = 'guardian'`
    : sql``;
  const className = withClass ? sql`coalesce(r.class_name, sc.name, gc.name)` : sql`r.class_name`;
  return sql`select distinct on (r.person_id) r.person_id, r.profile, ${className} as class_name
    from (${sql.join(branches, sql` union all `)}) r(person_id, profile, class_name)
    join memberships m on m.person_id = r.person_id and m.school_id = ${s} and m.profile::text = r.profile and m.active and m.suspended_at is null
    join people p on p.id = r.person_id and p.active
    ${classJoins}
    where r.person_id <> ${actor.personId}
    order by r.person_id, r.class_name nulls last`;
}

/** Expands lists (computed from the directory now) and named people into one recipient set. */
export async function resolveRecipients(db: Queryable, actor: Actor, keys: ParsedListKey[], people: string[]): Promise<ResolvedRecipient[]> {
  const ctx = keys.length ? await listContext(db, actor) : { groups: new Map(), taught: new Set<string>(), statics: new Map() };
  const rows = await rawRows<{ person_id: string; profile: Profile; class_name: string | null }>(db, recipientsSql(actor, ctx, keys, people));
  return rows.map((r) => ({ personId: r.person_id, profile: r.profile, className: r.class_name }));
}

/** Static lists: the owner's, or all of the school for vie scolaire and direction. */
export async function staticLists(db: Queryable, actor: Actor) {
  const all = authorize(actor, 'messaging.lists.edit', { schoolId: actor.schoolId, ownerId: '' });
  const lists = await db
    .select()
    .from(mailingLists)
    .where(and(eq(mailingLists.schoolId, actor.schoolId), all ? undefined : eq(mailingLists.ownerId, actor.personId)))
    .orderBy(asc(mailingLists.name));
  const members = lists.length
    ? await db.select().from(mailingListMembers).where(inArray(mailingListMembers.listId, lists.map((l) => l.id)))
    : [];
  return lists.map((l) => ({ ...l, memberIds: members.filter((m) => m.listId === l.id).map((m) => m.personId) }));
}
