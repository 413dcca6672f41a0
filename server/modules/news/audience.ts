import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { groups } from '../../../db/schema';
import { channels } from '../../contracts/channels';
import type { Profile } from '../../contracts/profiles';
import type { AudienceTarget } from '../../contracts/news';
import { AppError } from '../../http/errors';
import { rawRows } from '../../../db/raw-rows';

type GroupRow = { id: string; name: string };

// a group target without profiles reaches its students, their guardians and its teachers
const GROUP_DEFAULT: Array<'student' | 'guardian' | 'teacher'> = ['student', 'guardian', 'teacher'];

/** Checks every group of the audience is an active group of this school; returns them by id. */
export async function loadAudienceGroups(db: Queryable, schoolId: string, audience: AudienceTarget[]): Promise<Map<string, GroupRow>> {
  const ids = [...new Set(audience.flatMap((t) => (t.kind === 'group' ? [t.groupId] : [])))];
  const rows = ids.length
    ? await db
        .select({ id: groups.id, name: groups.name })
        .from(groups)
        .where(and(eq(groups.schoolId, schoolId), eq(groups.active, true), inArray(groups.id, ids)))
    : [];
  const found = new Map(rows.map((r) => [r.id, r]));
  const unknown = audience
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.kind === 'group' && !found.has(t.groupId))
    .map(({ i }) => ({ path: `audience.${i}.groupId`, message: 'groupe inconnu dans cet établissement' }));
  if (unknown.length) throw new AppError('validation_failed', 'Le public contient un groupe inconnu.', unknown);
  return found;
}

/**
 * Everyone the audience reaches today, with the profile they are reached as ("personId",
 * profile): one SQL query over the directory (active memberships, group members, guardians
 * of the group's students), to run or to insert from.
 */
export function recipientsQuery(schoolId: string, audience: AudienceTarget[]): SQL {
  const parts = audience.map((t) => {
    if (t.kind === 'school') {
      const profiles = t.profiles?.length ? t.profiles : null;
      return sql`select m.person_id, m.profile::text as profile from memberships m
        where m.school_id = ${schoolId} and m.active
        ${profiles ? sql`and m.profile::text in ${sql`(${sql.join(profiles.map((p) => sql`${p}`), sql`, `)})`}` : sql``}`;
    }
    const wanted = t.profiles?.length ? t.profiles : GROUP_DEFAULT;
    const sub = [];
    if (wanted.includes('student') || wanted.includes('teacher')) {
      const roles = [...(wanted.includes('student') ? ['student'] : []), ...(wanted.includes('teacher') ? ['teacher'] : [])];
      sub.push(sql`select m.person_id, m.profile::text as profile from group_members gm
        join memberships m on m.person_id = gm.person_id and m.school_id = ${schoolId} and m.active
        where gm.group_id = ${t.groupId}
          and ((m.profile = 'student' and gm.role = 'member') or (m.profile = 'teacher' and gm.role = 'teacher'))
          and m.profile::text in (${sql.join(roles.map((r) => sql`${r}`), sql`, `)})`);
    }
    if (wanted.includes('guardian')) {
      sub.push(sql`select gs.guardian_id as person_id, 'guardian' as profile from group_members gm
        join memberships sm on sm.person_id = gm.person_id and sm.school_id = ${schoolId} and sm.active and sm.profile = 'student'
        join guardianships gs on gs.student_id = gm.person_id and gs.school_id = ${schoolId}
        join memberships m on m.person_id = gs.guardian_id and m.school_id = ${schoolId} and m.active and m.profile = 'guardian'
        where gm.group_id = ${t.groupId}`);
    }
    return sql.join(sub, sql` union `);
  });
  // a person reached several ways (teacher and guardian…) counts once, as their first profile
  return sql`select distinct on (person_id) person_id as "personId", profile from (${sql.join(parts, sql` union `)}) r
    order by person_id, profile`;
}

/** The recipients of an audience as rows (audience counts). */
export async function resolveRecipients(db: Queryable, schoolId: string, audience: AudienceTarget[]): Promise<Array<{ personId: string; profile: Profile }>> {
  return rawRows<{ personId: string; profile: Profile }>(db, recipientsQuery(schoolId, audience));
}

/** The live channels that carry an item to exactly its audience (each once). */
export function audienceChannels(uai: string, audience: AudienceTarget[]): string[] {
  const list = new Set<string>();
  for (const t of audience) {
    if (t.kind === 'school') {
      if (!t.profiles?.length) list.add(channels.school(uai));
      else for (const p of t.profiles) list.add(channels.profile(uai, p));
    } else {
      for (const p of t.profiles?.length ? t.profiles : GROUP_DEFAULT) list.add(channels.groupProfile(uai, t.groupId, p));
    }
  }
  // the whole school already covers any narrower channel of it
  if (list.has(channels.school(uai))) return [channels.school(uai)];
  return [...list];
}

const PROFILE_LABELS: Record<string, string> = {
  student: 'élèves',
  guardian: 'responsables',
  teacher: 'enseignants',
  staff: 'personnels',
  direction: 'direction',
};

/** A short French description of the audience, e.g. « Responsables — 4B, 4C ». */
export function audienceLabel(audience: AudienceTarget[], groupNames: Map<string, GroupRow>): string {
  const parts: string[] = [];
  const byProfiles = new Map<string, string[]>();
  for (const t of audience) {
    if (t.kind === 'school') {
      parts.push(t.profiles?.length ? `Tout l’établissement (${t.profiles.map((p) => PROFILE_LABELS[p]).join(', ')})` : 'Tout l’établissement');
    } else {
      const key = (t.profiles?.length ? t.profiles : GROUP_DEFAULT).map((p) => PROFILE_LABELS[p]).join(', ');
      byProfiles.set(key, [...(byProfiles.get(key) ?? []), groupNames.get(t.groupId)?.name ?? '?']);
    }
  }
  for (const [profiles, names] of byProfiles) {
    parts.push(`${profiles.charAt(0).toUpperCase()}${profiles.slice(1)} — ${names.sort().join(', ')}`);
  }
  return parts.join(' ; ');
}
