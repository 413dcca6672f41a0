import { and, eq, exists, inArray, ne, notExists, sql } from 'drizzle-orm';
import type { Queryable } from '../../../../db/client';
import { memberships, people } from '../../../../db/schema';
import type { ImportRow } from './csv-format';
import { foldKey } from './csv-table';

/** A person already in the directory, as the import compares it with a line. */
export interface ExistingPerson {
  id: string;
  login: string;
  firstName: string;
  lastName: string;
  civility: 'm' | 'mme' | null;
  email: string | null;
  phone: string | null;
  active: boolean;
}

/**
 * One account per human: a new guardian line is linked to the person who is already a
 * guardian in another school with the same email. Families often share one address, so the
 * first name must match too; without that, a father would be merged into the mother's
 * account and see her children's data. Each person is claimed by at most one line.
 */
export async function findGuardiansElsewhere(db: Queryable, schoolId: string, rows: ImportRow[]): Promise<Map<ImportRow, ExistingPerson>> {
  const linked = new Map<ImportRow, ExistingPerson>();
  const emails = [...new Set(rows.flatMap((r) => (r.profile === 'guardian' && r.email ? [r.email] : [])))];
  for (let i = 0; i < emails.length; i += 1000) {
    const chunk = emails.slice(i, i + 1000);
    const guardianIn = (sameSchool: boolean) =>
      db
        .select({ one: sql`1` })
        .from(memberships)
        .where(
          and(
            eq(memberships.personId, people.id),
            eq(memberships.profile, 'guardian'),
            sameSchool ? eq(memberships.schoolId, schoolId) : ne(memberships.schoolId, schoolId),
          ),
        );
    const found = await db
      .select({
        id: people.id,
        login: people.login,
        firstName: people.firstName,
        lastName: people.lastName,
        civility: people.civility,
        email: people.email,
        phone: people.phone,
        active: people.active,
      })
      .from(people)
      .where(and(inArray(sql`lower(${people.email})`, chunk), exists(guardianIn(false)), notExists(guardianIn(true))));
    for (const email of chunk) {
      const sameEmail = (p: { email: string | null }) => p.email?.toLowerCase() === email;
      const candidates = found.filter(sameEmail);
      const lines = rows.filter((r) => r.profile === 'guardian' && r.email === email);
      for (const person of candidates) {
        const matching = lines.filter((r) => foldKey(r.firstName) === foldKey(person.firstName) && !linked.has(r));
        const samePerson = candidates.filter((c) => foldKey(c.firstName) === foldKey(person.firstName));
        // two accounts or two lines that fit equally well: guessing could merge two humans
        if (matching.length === 1 && samePerson.length === 1) linked.set(matching[0], person);
      }
    }
  }
  return linked;
}
