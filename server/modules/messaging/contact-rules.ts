import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { contactRules } from '../../../db/schema';
import type { Profile } from '../../contracts/directory';
import {
  contactProfiles,
  defaultReach,
  pairKey,
  relationOf,
  type ContactReach,
  type ContactRuleDto,
} from '../../contracts/messaging';
import { AppError } from '../../http/errors';

/** Who may write to whom in one school: the stored table over the defaults. */
export class ContactTable {
  constructor(private readonly stored: Map<string, ContactReach>) {}

  reach(from: Profile, to: Profile): ContactReach {
    return this.stored.get(pairKey(from, to)) ?? defaultReach(from, to);
  }

  /** Target profiles reachable from a profile, split by how. */
  targetsOf(from: Profile): { any: Profile[]; related: Profile[] } {
    const any: Profile[] = [];
    const related: Profile[] = [];
    for (const to of contactProfiles) {
      const r = this.reach(from, to);
      if (r === 'any') any.push(to);
      else if (r === 'related' && relationOf[pairKey(from, to)]) related.push(to);
    }
    return { any, related };
  }

  toDtos(): ContactRuleDto[] {
    return contactProfiles.flatMap((from) =>
      contactProfiles.map((to) => {
        const reach = this.reach(from, to);
        return { from, to, reach, relation: relationOf[pairKey(from, to)] ?? null, isDefault: reach === defaultReach(from, to) };
      }),
    );
  }
}

export async function loadContactTable(db: Queryable, schoolId: string): Promise<ContactTable> {
  const rows = await db.select().from(contactRules).where(eq(contactRules.schoolId, schoolId));
  return new ContactTable(new Map(rows.map((r) => [pairKey(r.fromProfile, r.toProfile), r.reach])));
}

/** Saves changed cells; "related" only where the pair has a relation. */
export async function saveContactRules(
  db: Queryable,
  schoolId: string,
  rules: Array<{ from: Profile; to: Profile; reach: ContactReach }>,
  by: string,
  now: Date,
): Promise<ContactTable> {
  const invalid = rules.filter((r) => r.reach === 'related' && !relationOf[pairKey(r.from, r.to)]);
  if (invalid.length) {
    throw new AppError(
      'validation_failed',
      '« Personnes liées » n’a pas de sens pour ces profils : choisissez « personne » ou « tout le monde ».',
      invalid.map((r) => ({ path: `${r.from}>${r.to}`, message: 'aucune relation définie' })),
    );
  }
  await db
    .insert(contactRules)
    .values(rules.map((r) => ({ schoolId, fromProfile: r.from, toProfile: r.to, reach: r.reach, updatedBy: by, updatedAt: now })))
    .onConflictDoUpdate({
      target: [contactRules.schoolId, contactRules.fromProfile, contactRules.toProfile],
      set: { reach: sql`excluded.reach`, updatedBy: by, updatedAt: now },
    });
  return loadContactTable(db, schoolId);
}
