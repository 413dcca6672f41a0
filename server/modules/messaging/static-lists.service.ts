import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { mailingListMembers, mailingLists, memberships, people } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import type { StaticListDto } from '../../contracts/messaging';
import { AppError, notFound } from '../../http/errors';
import { fullName } from '../directory/person-name';
import { loadContactTable } from './contact-rules';
import { contactablePeople } from './contactable';
import { staticLists } from './lists';
import type { School } from './send.service';

type ListInput = { name: string; members: string[] };

/** Members must be people the owner may write to: a list is no way around the contact rules. */
async function checkMembers(db: Db, actor: Actor, school: School, members: string[]): Promise<string[]> {
  const unique = [...new Set(members)];
  if (unique.length === 0) return [];
  const allowed = new Set((await contactablePeople(db, actor, await loadContactTable(db, school.id), { ids: unique })).map((p) => p.id));
  const refused = unique.filter((id) => !allowed.has(id));
  if (refused.length) throw new AppError('recipient_not_allowed', 'Certaines personnes ne peuvent pas faire partie de vos listes.', { refused });
  return unique;
}

export async function listStaticLists(db: Db, actor: Actor, school: School): Promise<StaticListDto[]> {
  assertAllowed(actor, 'messaging.lists.manage', { schoolId: school.id });
  const lists = await staticLists(db, actor);
  const ids = [...new Set(lists.flatMap((l) => l.memberIds))];
  const rows = ids.length
    ? await db
        .selectDistinctOn([people.id], { id: people.id, firstName: people.firstName, lastName: people.lastName, profile: memberships.profile })
        .from(people)
        .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.schoolId, school.id)))
        .where(inArray(people.id, ids))
        .orderBy(people.id, memberships.profile)
    : [];
  return lists.map((l) => ({
    id: l.id,
    name: l.name,
    members: l.memberIds
      .map((id) => rows.find((r) => r.id === id))
      .filter((p) => p !== undefined)
      .map((p) => ({ id: p.id, name: fullName(p), profile: p.profile }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  }));
}

export async function saveStaticList(db: Db, actor: Actor, school: School, id: string | null, input: ListInput, now: Date): Promise<StaticListDto> {
  assertAllowed(actor, 'messaging.lists.manage', { schoolId: school.id });
  if (id) {
    const [list] = await db.select().from(mailingLists).where(and(eq(mailingLists.id, id), eq(mailingLists.schoolId, school.id)));
    if (!list) throw notFound('Liste introuvable.');
    assertAllowed(actor, 'messaging.lists.edit', { schoolId: school.id, ownerId: list.ownerId });
  }
  const members = await checkMembers(db, actor, school, input.members);
  const listId = await db.transaction(async (tx) => {
    let listId = id;
    if (id) await tx.update(mailingLists).set({ name: input.name, updatedAt: now }).where(eq(mailingLists.id, id));
    else [{ id: listId }] = await tx.insert(mailingLists).values({ schoolId: school.id, ownerId: actor.personId, name: input.name }).returning({ id: mailingLists.id });
    await tx.delete(mailingListMembers).where(eq(mailingListMembers.listId, listId!));
    if (members.length) await tx.insert(mailingListMembers).values(members.map((personId) => ({ listId: listId!, personId })));
    return listId!;
  });
  return (await listStaticLists(db, actor, school)).find((l) => l.id === listId)!;
}

export async function deleteStaticList(db: Db, actor: Actor, school: School, id: string): Promise<void> {
  const [list] = await db.select().from(mailingLists).where(and(eq(mailingLists.id, id), eq(mailingLists.schoolId, school.id)));
  if (!list) throw notFound('Liste introuvable.');
  assertAllowed(actor, 'messaging.lists.edit', { schoolId: school.id, ownerId: list.ownerId });
  await db.delete(mailingLists).where(eq(mailingLists.id, id));
}
