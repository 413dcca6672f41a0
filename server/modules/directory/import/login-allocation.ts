import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/client';
import { people } from '../../../../db/schema';
import type { Profile } from '../../../contracts/directory';
import type { ImportRow } from './csv-format';
import { LoginAllocator, loginBase, loginFamily } from './logins';

// generated logins for names that leave no latin letter
const loginFallback: Record<Profile, string> = {
  student: 'eleve',
  guardian: 'responsable',
  teacher: 'enseignant',
  staff: 'personnel',
  direction: 'direction',
  admin: 'admin',
};

/** The login a new person of this line would like, before numbering. */
export function wantedLogin(row: ImportRow): string {
  return loginBase(row.firstName, row.lastName, loginFallback[row.profile]);
}

/** An allocator that knows every login that could collide with the ones to generate, in one query per thousand names. */
export async function loadLoginAllocator(tx: Tx, toGenerate: ImportRow[], allRows: ImportRow[]): Promise<LoginAllocator> {
  const families = [...new Set(toGenerate.map((r) => loginFamily(wantedLogin(r))))];
  const taken: string[] = [];
  for (let i = 0; i < families.length; i += 1000) {
    const found = await tx
      .select({ login: sql<string>`lower(${people.login})` })
      .from(people)
      .where(inArray(sql`regexp_replace(lower(${people.login}), '[0-9]+$', '')`, families.slice(i, i + 1000)));
    taken.push(...found.map((f) => f.login));
  }
  const allocator = new LoginAllocator(taken);
  // logins written in the file win over generated ones, wherever their line is
  for (const row of allRows) if (row.login) allocator.reserve(row.login);
  return allocator;
}
