import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { rawRows } from '../../../db/raw-rows';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import type { Profile } from '../../contracts/directory';
import type { ContactDto } from '../../contracts/messaging';
import { closedUntil, loadAvailability } from './availability';
import { loadContactTable } from './contact-rules';
import { contactablePeople } from './contactable';
import type { School } from './send.service';

/**
 * The address book: only people the actor may write to (the same rule as sending), with what
 * tells namesakes apart — their classes, or a guardian's children — and a teacher's hours.
 */
export async function addressBook(db: Db, actor: Actor, school: School, opts: { q: string; profile?: Profile; limit: number }, now: Date): Promise<ContactDto[]> {
  assertAllowed(actor, 'messaging.use', { schoolId: school.id });
  const found = await contactablePeople(db, actor, await loadContactTable(db, school.id), { q: opts.q || undefined, profile: opts.profile, limit: opts.limit });
  if (found.length === 0) return [];
  const ids = JSON.stringify(found.map((p) => p.id));
  const details = await rawRows<{ id: string; detail: string | null }>(
    db,
    sql`select p.id,
        coalesce(
          (select string_agg(distinct g.name, ', ') from group_members gm join groups g on g.id = gm.group_id and g.active and g.school_id = ${school.id}
            where gm.person_id = p.id),
          (select string_agg(c.first_name || ' (' || coalesce((select g.name from group_members gm join groups g on g.id = gm.group_id
              and g.kind = 'class' and g.active and g.school_id = ${school.id} where gm.person_id = c.id and gm.role = 'member' limit 1), '—') || ')', ', ')
            from guardianships gs join people c on c.id = gs.student_id where gs.guardian_id = p.id and gs.school_id = ${school.id})
        ) as detail
      from people p where p.id in (select value::uuid from jsonb_array_elements_text(${ids}::jsonb))`,
  );
  const hours = await loadAvailability(db, school.id, found.filter((p) => p.profile === 'teacher').map((p) => p.id));
  return found.map((p) => {
    const h = hours.get(p.id) ?? null;
    const until = actor.profile === 'guardian' && h ? closedUntil(h, now, school.timeZone) : null;
    return {
      id: p.id,
      name: `${p.firstName} ${p.lastName}`,
      profile: p.profile,
      staffFunction: p.staffFunction,
      detail: details.find((d) => d.id === p.id)?.detail ?? '',
      closedUntil: until?.toISOString() ?? null,
      hours: h?.enabled ? h : null,
    };
  });
}
