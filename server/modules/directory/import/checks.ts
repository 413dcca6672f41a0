import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/client';
import { people } from '../../../../db/schema';
import type { ImportLineError } from '../../../contracts/directory';
import { profileWords, type ImportRow } from './csv-format';
import { groupKey, type DirectorySnapshot } from './snapshot';

// Rules only the directory can check; each adds its refusals to `errors`, the caller rejects the file.

/** The person ids of each guardian line's children: students of the file or already students of the school. */
export function resolveChildren(rows: ImportRow[], fileIds: ReadonlySet<string>, snap: DirectorySnapshot, personOf: (r: ImportRow) => string, errors: ImportLineError[]) {
  const byId = new Map(rows.map((r) => [r.externalId, r]));
  const result = new Map<ImportRow, string[]>();
  for (const row of rows) {
    if (row.childIds.length === 0) continue;
    const kids: string[] = [];
    for (const childId of row.childIds) {
      const inFile = byId.get(childId);
      const known = snap.byExternalId.get(childId);
      if (inFile) {
        // parse() already refused children that are not students of the file
        kids.push(personOf(inFile));
      } else if (known?.profile === 'student') {
        kids.push(known.personId);
      } else if (fileIds.has(childId)) {
        // the child's own line is refused and already reported
      } else if (known) {
        errors.push({ line: row.line, reason: `enfant « ${childId} » : cette personne n’est pas un élève de l’établissement` });
      } else {
        errors.push({ line: row.line, reason: `enfant « ${childId} » introuvable : ni dans le fichier, ni parmi les élèves de l’établissement` });
      }
    }
    result.set(row, kids);
  }
  return result;
}

/** Custom groups belong to the people who made them in Préau: the file never fills them. */
export function checkGroups(rows: ImportRow[], snap: DirectorySnapshot, errors: ImportLineError[]): void {
  for (const row of rows) {
    for (const name of [...(row.className ? [row.className] : []), ...row.groupNames]) {
      const group = snap.groups.get(groupKey(name));
      if (group?.kind === 'custom') {
        errors.push({ line: row.line, reason: `« ${name} » est un groupe créé dans Préau, l’import ne peut pas y inscrire de membres` });
      }
    }
  }
}

/** Memberships are unique per (person, school, profile): a known person cannot take a profile they hold under another id. */
export function checkProfiles(rows: ImportRow[], snap: DirectorySnapshot, errors: ImportLineError[]): void {
  for (const row of rows) {
    const member = snap.byExternalId.get(row.externalId);
    if (!member || member.profile === row.profile) continue;
    const other = snap.members.find((m) => m.personId === member.personId && m.profile === row.profile);
    if (other) {
      errors.push({ line: row.line, reason: `profil ${profileWords[row.profile]} impossible : cette personne l’a déjà sous l’id « ${other.externalId ?? '(saisi dans Préau)'} »` });
    }
  }
}

/** A login asked for by the file must be free, or already be this person's. */
export async function checkLogins(tx: Tx, rows: ImportRow[], personOf: (r: ImportRow) => string, errors: ImportLineError[]): Promise<void> {
  const wanted = rows.filter((r) => r.login !== null);
  const owners = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 1000) {
    const logins = wanted.slice(i, i + 1000).map((r) => r.login!);
    const found = await tx
      .select({ id: people.id, login: sql<string>`lower(${people.login})` })
      .from(people)
      .where(inArray(sql`lower(${people.login})`, logins));
    for (const f of found) owners.set(f.login, f.id);
  }
  for (const row of wanted) {
    const owner = owners.get(row.login!);
    if (owner && owner !== personOf(row)) errors.push({ line: row.line, reason: `identifiant « ${row.login} » déjà pris par une autre personne` });
  }
}
