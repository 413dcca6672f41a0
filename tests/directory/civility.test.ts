import { randomInt } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { memberships, people } from '../../db/schema';
import { importDirectory } from '../../server/modules/directory/import/apply';
import { openTestDatabase } from '../helpers/db';
import { createSchool } from '../helpers/factories';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** Letters only, so that names (and logins made from them) are unique to this run, even on a shared PostgreSQL. */
const tag = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('');

function run(schoolId: string, csv: string) {
  return importDirectory({ db: database.db }, { schoolId, csv, dryRun: false, actorId: null });
}

async function civilities(schoolId: string) {
  const rows = await database.db
    .select({ id: memberships.externalId, civility: people.civility })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(eq(memberships.schoolId, schoolId))
    .orderBy(asc(memberships.externalId));
  return Object.fromEntries(rows.map((r) => [r.id, r.civility]));
}

describe('civilité in the directory import', () => {
  it('reads M, M., Mr, Monsieur, Mme, Mme., Madame in any case; empty is none', async () => {
    const school = await createSchool(database.db);
    const t = tag();
    const words = ['M', 'm.', 'Mr', 'MONSIEUR', 'Mme', 'mme.', 'Madame', ''];
    const lines = words.map((w, i) => `direction;D${i};Nom${t};Prénom;${w}`);
    const report = await run(school.id, ['profil;id;nom;prenom;Civ', ...lines].join('\n'));
    expect(report.errors).toEqual([]);
    expect(await civilities(school.id)).toEqual({ D0: 'm', D1: 'm', D2: 'm', D3: 'm', D4: 'mme', D5: 'mme', D6: 'mme', D7: null });
  });

  it('refuses any other word with its line', async () => {
    const school = await createSchool(database.db);
    const t = tag();
    const report = await run(school.id, ['profil;id;nom;prenom;titre', `direction;D1;Nom${t};Anne;Mme`, `direction;D2;Nom${t};Paul;Dr`, `direction;D3;Nom${t};Lou;Mlle`].join('\n'));
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      { line: 3, reason: 'civilité inconnue « Dr » (attendu : M. ou Mme)' },
      { line: 4, reason: 'civilité inconnue « Mlle » (attendu : M. ou Mme)' },
    ]);
  });

  it('updates a changed civilité, clears an empty one, and leaves it alone when the column is absent', async () => {
    const school = await createSchool(database.db);
    const t = tag();
    await run(school.id, ['profil;id;nom;prenom;civilite', `enseignant;T1;Nom${t};Claire;Mme`, `enseignant;T2;Nom${t};Marc;M.`].join('\n'));
    const changed = await run(school.id, ['profil;id;nom;prenom;civilite', `enseignant;T1;Nom${t};Claire;M`, `enseignant;T2;Nom${t};Marc;`].join('\n'));
    expect(changed).toMatchObject({ updated: 2, unchanged: 0 });
    expect(changed.changes).toContain(`~ enseignant NOM${t.toUpperCase()} Claire : civilité`);
    expect(await civilities(school.id)).toEqual({ T1: 'm', T2: null });

    const without = await run(school.id, ['profil;id;nom;prenom', `enseignant;T1;Nom${t};Claire`, `enseignant;T2;Nom${t};Marc`].join('\n'));
    expect(without).toMatchObject({ updated: 0, unchanged: 2 });
    expect(await civilities(school.id)).toEqual({ T1: 'm', T2: null });
  });
});
