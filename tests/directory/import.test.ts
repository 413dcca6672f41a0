import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, events, groupMembers, groups, guardianships, memberships, people } from '../../db/schema';
import { channels } from '../../server/contracts/channels';
import { importDirectory, type ImportInput } from '../../server/modules/directory/import/apply';
import { decodeCsv, detectDelimiter } from '../../server/modules/directory/import/decode';
import { LoginAllocator, loginBase } from '../../server/modules/directory/import/logins';
import { parseDirectoryCsv } from '../../server/modules/directory/import/parse';
import { normalizePhone } from '../../server/modules/directory/import/phone';
import { openTestDatabase } from '../helpers/db';
import { createPerson, createSchool } from '../helpers/factories';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const HEADER = 'profil;id;nom;prenom;email;telephone;classe;groupes;enfants;fonction;identifiant';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)));

/** Letters only, so that names (and the logins made from them) are unique to this run, even on a shared PostgreSQL. */
function tag(): string {
  return Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('');
}
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

function run(schoolId: string, file: string | Buffer, extra: Partial<ImportInput> = {}) {
  return importDirectory({ db: database.db }, { schoolId, csv: file, dryRun: false, actorId: null, ...extra });
}

async function directory(schoolId: string) {
  return database.db
    .select({
      externalId: memberships.externalId,
      profile: memberships.profile,
      staffFunction: memberships.staffFunction,
      active: memberships.active,
      deactivatedAt: memberships.deactivatedAt,
      personId: people.id,
      personActive: people.active,
      login: people.login,
      firstName: people.firstName,
      lastName: people.lastName,
      email: people.email,
      phone: people.phone,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(eq(memberships.schoolId, schoolId))
    .orderBy(asc(memberships.externalId));
}

async function byExternalId(schoolId: string) {
  return new Map((await directory(schoolId)).map((m) => [m.externalId!, m]));
}

/** "name:role" of each person's class and group memberships in the school. */
async function groupsByPerson(schoolId: string) {
  const rows = await database.db
    .select({ personId: groupMembers.personId, name: groups.name, kind: groups.kind, role: groupMembers.role })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groups.schoolId, schoolId));
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.personId, [...(map.get(r.personId) ?? []), `${r.name}:${r.role}`].sort());
  return map;
}

async function childrenOf(schoolId: string, guardianId: string) {
  const rows = await database.db
    .select({ studentId: guardianships.studentId })
    .from(guardianships)
    .where(and(eq(guardianships.schoolId, schoolId), eq(guardianships.guardianId, guardianId)));
  return rows.map((r) => r.studentId).sort();
}

/** A small but complete school: two classes, a teaching group, siblings, every profile. */
function sampleFile(t: string) {
  const T = cap(t);
  return {
    t,
    T,
    lines: [
      `eleve;E1;Dupont${T};Léa;;;4B;4B-LATIN;;;`,
      `eleve;E2;Dupont${T};Hugo;;;6A;;;;`,
      `élève;E3;Dupont${T};Léa;;;4C;;;;`,
      `responsable;R1;Martin${T};Paul;paul.${t}@example.org;06 12 34 56 78;;;E1|E2;;`,
      `responsable;R2;Dupont${T};Anne;;+33 7 11 22 33 44;;;E1|E2|E3;;`,
      `enseignant;T1;Moreau${T};Claire;;;;4B|4B-LATIN|6A;;;prof.${t}`,
      `personnel;P1;Benali${T};Nadia;;;;;;CPE;`,
      `direction;D1;Vasseur${T};Catherine;;;;;;;`,
      `admin;A1;Lefort${T};Romain;;;;;;;`,
    ],
  };
}

describe('directory CSV import', () => {
  it('creates people, memberships, classes, groups with roles, guardian links and logins', async () => {
    const school = await createSchool(database.db);
    const { t, T, lines } = sampleFile(tag());
    const report = await run(school.id, csv(...lines));

    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ applied: true, dryRun: false, rows: 9, created: 9, updated: 0, unchanged: 0, deactivated: 0, reactivated: 0, groupsCreated: 4 });
    expect(report.changes).toContain(`+ élève DUPONT${T.toUpperCase()} Léa (4B)`);
    expect(report.changes).toContain(`+ personnel BENALI${T.toUpperCase()} Nadia (vie scolaire)`);

    const dir = await byExternalId(school.id);
    expect(dir.get('E1')).toMatchObject({ profile: 'student', login: `lea.dupont${t}`, active: true });
    // same first and last name: the second one gets a numeric suffix
    expect(dir.get('E3')!.login).toBe(`lea.dupont${t}2`);
    expect(dir.get('T1')!.login).toBe(`prof.${t}`);
    expect(dir.get('R1')).toMatchObject({ profile: 'guardian', email: `paul.${t}@example.org`, phone: '+33612345678' });
    expect(dir.get('R2')!.phone).toBe('+33711223344');
    expect(dir.get('P1')).toMatchObject({ profile: 'staff', staffFunction: 'vie_scolaire' });
    expect(dir.get('D1')!.profile).toBe('direction');
    expect(dir.get('A1')!.profile).toBe('admin');

    const kinds = await database.db.select({ name: groups.name, kind: groups.kind }).from(groups).where(eq(groups.schoolId, school.id)).orderBy(asc(groups.name));
    expect(kinds).toEqual([
      { name: '4B', kind: 'class' },
      { name: '4B-LATIN', kind: 'teaching_group' },
      { name: '4C', kind: 'class' },
      { name: '6A', kind: 'class' },
    ]);
    const roles = await groupsByPerson(school.id);
    expect(roles.get(dir.get('E1')!.personId)).toEqual(['4B-LATIN:member', '4B:member']);
    expect(roles.get(dir.get('T1')!.personId)).toEqual(['4B-LATIN:teacher', '4B:teacher', '6A:teacher']);
    expect(roles.get(dir.get('R1')!.personId)).toBeUndefined();

    expect(await childrenOf(school.id, dir.get('R1')!.personId)).toEqual([dir.get('E1')!.personId, dir.get('E2')!.personId].sort());
    expect(await childrenOf(school.id, dir.get('R2')!.personId)).toHaveLength(3);

    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.schoolId, school.id), eq(auditLog.action, 'directory.import')));
    expect(audit).toHaveLength(1);
    expect(audit[0].meta).toMatchObject({ rows: 9, created: 9 });
    // counts only: no name or email may leak into the audit trail
    expect(JSON.stringify(audit[0].meta)).not.toMatch(new RegExp(t, 'i'));

    const emitted = await database.db.select().from(events).where(eq(events.schoolId, school.id));
    const imported = emitted.filter((e) => e.type === 'directory.imported').map((e) => e.channel).sort();
    expect(imported).toEqual([channels.profile(school.uai, 'admin'), channels.profile(school.uai, 'direction')].sort());
    expect(emitted.find((e) => e.type === 'directory.imported')!.data).toEqual({ created: 9, updated: 0, deactivated: 0, by: 'system' });
  });

  it('refuses a file with errors: nothing is written and every bad line is listed with its number', async () => {
    const school = await createSchool(database.db);
    const T = cap(tag());
    const file = [
      HEADER,
      `eleve;E1;Durand${T};Jules;;;5A;;;;`, // 2: fine
      `parent d'élève;E2;Durand${T};Marc;;;;;;;`, // 3: unknown profile
      `eleve;E3;Durand${T};Lou;;;;;;;`, // 4: student without class
      '', // 5: blank lines are skipped, not renumbered
      `responsable;R1;Durand${T};Anne;anne@;;;;E1;;`, // 6: bad email
      `responsable;R2;Durand${T};Marc;;12 34;;;E1;;`, // 7: bad phone
      `eleve;E1;Durand${T};Zoé;;;5A;;;;`, // 8: duplicate id
      `responsable;R3;Durand${T};Léon;;;;;NOPE;;`, // 9: unknown child, found only against the directory
      `personnel;P1;Durand${T};Inès;;;;;;;`, // 10: staff without function
      `enseignant;T1;Durand${T};Yves;;;;;;;;;`, // 11: too many values
      `eleve;E4;Durand${T};Tom;;;5A;;;;`, // 12: fine
    ].join('\r\n');
    const report = await run(school.id, file);

    expect(report.applied).toBe(false);
    expect(report.created).toBe(0);
    expect(report.errors.map((e) => e.line)).toEqual([3, 4, 6, 7, 8, 9, 10, 11]);
    const reason = (line: number) => report.errors.filter((e) => e.line === line).map((e) => e.reason).join(' | ');
    expect(reason(3)).toMatch(/profil inconnu « parent d'élève »/);
    expect(reason(4)).toMatch(/classe obligatoire/);
    expect(reason(6)).toMatch(/email invalide « anne@ »/);
    expect(reason(7)).toMatch(/téléphone invalide « 12 34 »/);
    expect(reason(8)).toMatch(/id « E1 » déjà utilisé ligne 2/);
    expect(reason(9)).toMatch(/enfant « NOPE » introuvable/);
    expect(reason(10)).toMatch(/fonction obligatoire/);
    expect(reason(11)).toMatch(/13 valeurs pour 11 colonnes/);

    expect(await directory(school.id)).toEqual([]);
    expect(await database.db.select().from(groups).where(eq(groups.schoolId, school.id))).toEqual([]);
    expect(await database.db.select().from(people).where(eq(people.lastName, `Durand${T}`))).toEqual([]);
  });

  it('reports a header without a required column as one error on line 1', async () => {
    const school = await createSchool(database.db);
    const report = await run(school.id, 'profil;nom;prénom;email\neleve;Petit;Léo;\n');
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([{ line: 1, reason: expect.stringMatching(/obligatoire.*absente.*: id$/) }]);
  });

  it('re-imports idempotently, updates what changed, deactivates the absent and reactivates the returning', async () => {
    const school = await createSchool(database.db);
    const { t, T, lines } = sampleFile(tag());
    expect((await run(school.id, csv(...lines))).created).toBe(9);

    const again = await run(school.id, csv(...lines));
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 9, deactivated: 0, reactivated: 0, groupsCreated: 0, changes: [] });

    const before = await byExternalId(school.id);
    const teacherId = before.get('T1')!.personId;
    const modified = lines
      .filter((l) => !l.startsWith('enseignant;T1;'))
      .map((l) => l.replace(`paul.${t}@example.org`, `paul.martin.${t}@example.org`))
      // Léa moves from 4B to 4C; her Latin group stays
      .map((l) => (l.startsWith('eleve;E1;') ? l.replace(';4B;', ';4C;') : l))
      // Anne no longer has E3 as a child
      .map((l) => l.replace('E1|E2|E3', 'E1|E2'));
    const update = await run(school.id, csv(...modified));
    expect(update).toMatchObject({ created: 0, updated: 3, unchanged: 5, deactivated: 1, reactivated: 0 });
    expect(update.changes).toEqual(
      expect.arrayContaining([
        `~ élève DUPONT${T.toUpperCase()} Léa (4C) : classe`,
        `~ responsable MARTIN${T.toUpperCase()} Paul : email`,
        `~ responsable DUPONT${T.toUpperCase()} Anne : enfants`,
        `- enseignant MOREAU${T.toUpperCase()} Claire`,
      ]),
    );

    const after = await byExternalId(school.id);
    expect(after.get('R1')!.email).toBe(`paul.martin.${t}@example.org`);
    expect(after.get('T1')).toMatchObject({ active: false, personActive: false });
    expect(after.get('T1')!.deactivatedAt).toBeInstanceOf(Date);
    const roles = await groupsByPerson(school.id);
    expect(roles.get(after.get('E1')!.personId)).toEqual(['4B-LATIN:member', '4C:member']);
    expect(roles.get(teacherId)).toBeUndefined();
    expect(await childrenOf(school.id, after.get('R2')!.personId)).toHaveLength(2);
    const userEvents = await database.db.select().from(events).where(eq(events.channel, channels.user(teacherId)));
    expect(userEvents.map((e) => [e.type, e.data])).toEqual([['membership.changed', { uai: school.uai, active: false }]]);

    const stable = await run(school.id, csv(...modified));
    expect(stable).toMatchObject({ created: 0, updated: 0, unchanged: 8, deactivated: 0 });

    const back = await run(school.id, csv(...lines));
    expect(back).toMatchObject({ created: 0, reactivated: 1, deactivated: 0 });
    expect(back.changes).toContain(`↺ enseignant MOREAU${T.toUpperCase()} Claire`);
    const final = await byExternalId(school.id);
    expect(final.get('T1')).toMatchObject({ active: true, personActive: true, deactivatedAt: null, personId: teacherId });
    expect((await groupsByPerson(school.id)).get(teacherId)).toEqual(['4B-LATIN:teacher', '4B:teacher', '6A:teacher']);
    // still the same people: nobody was duplicated along the way
    expect(new Set([...final.values()].map((m) => m.personId)).size).toBe(9);
  });

  it('decodes a Windows-1252 file with accented names and header', async () => {
    const bytes = fixture('annuaire-windows-1252.csv');
    // the fixture must really not be UTF-8, or this test would prove nothing
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const school = await createSchool(database.db);
    const report = await run(school.id, bytes);
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(5);

    const dir = await byExternalId(school.id);
    expect(dir.get('W-E1')).toMatchObject({ lastName: 'Cœur', firstName: 'Anaïs' });
    expect(dir.get('W-E2')).toMatchObject({ lastName: 'Françoise', firstName: 'Loïc' });
    expect(dir.get('W-R1')).toMatchObject({ firstName: 'Hélène', phone: '+33611223344' });
    expect(dir.get('W-P1')).toMatchObject({ lastName: 'Bézier', firstName: 'Noël', staffFunction: 'vie_scolaire' });
    expect(dir.get('W-T1')).toMatchObject({ lastName: 'Lefèvre', firstName: 'Zoë' });
    expect(dir.get('W-E1')!.login).toMatch(/^anais\.coeur\d*$/);
    const names = await database.db.select({ name: groups.name }).from(groups).where(eq(groups.schoolId, school.id)).orderBy(asc(groups.name));
    expect(names.map((g) => g.name)).toEqual(['5-LATIN', '5ème A']);
  });

  it('reads a comma-separated file with quoted values', async () => {
    const school = await createSchool(database.db);
    const report = await run(school.id, fixture('annuaire-virgules.csv'));
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ created: 3, groupsCreated: 3 });
    const dir = await byExternalId(school.id);
    expect(dir.get('C-R1')).toMatchObject({ lastName: 'Le Gall', firstName: 'Anne-Sophie', phone: '+33798765432' });
    const roles = await groupsByPerson(school.id);
    expect(roles.get(dir.get('C-E1')!.personId)).toEqual(['3-ESPAGNOL:member', '3-LATIN:member', '3C:member']);
    expect(roles.get(dir.get('C-T1')!.personId)).toEqual(['3-ESPAGNOL:teacher', '3C:teacher']);
  });

  it('dry-runs: the same report as the real import, and nothing written', async () => {
    const school = await createSchool(database.db);
    const { t, lines } = sampleFile(tag());
    const progress: Array<[number, number]> = [];
    const dry = await run(school.id, csv(...lines), { dryRun: true, onProgress: (done, total) => progress.push([done, total]) });
    expect(dry).toMatchObject({ dryRun: true, applied: false, created: 9, groupsCreated: 4, errors: [] });
    expect(progress.at(-1)).toEqual([9, 9]);

    expect(await directory(school.id)).toEqual([]);
    expect(await database.db.select().from(groups).where(eq(groups.schoolId, school.id))).toEqual([]);
    expect(await database.db.select().from(events).where(eq(events.schoolId, school.id))).toEqual([]);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.schoolId, school.id))).toEqual([]);
    expect(await database.db.select().from(people).where(eq(people.login, `prof.${t}`))).toEqual([]);

    const real = await run(school.id, csv(...lines));
    expect({ ...real, dryRun: true, applied: false }).toEqual(dry);

    // a dry run of a deactivation reports it and leaves the membership active
    const dryGone = await run(school.id, csv(...lines.slice(1)), { dryRun: true });
    expect(dryGone).toMatchObject({ deactivated: 1, unchanged: 8 });
    expect((await byExternalId(school.id)).get('E1')!.active).toBe(true);
  });

  it('links a guardian already known in another school by email: one person, two memberships', async () => {
    const t = tag();
    const T = cap(t);
    const email = `parent.${t}@example.org`;
    const first = await createSchool(database.db);
    const second = await createSchool(database.db);
    await run(first.id, csv(`eleve;A-E1;Roy${T};Jade;;;3A;;;;`, `responsable;A-R1;Roy${T};Karim;${email};;;;A-E1;;`));
    const report = await run(
      second.id,
      csv(
        `eleve;B-E1;Roy${T};Noé;;;6B;;;;`,
        // the same human, written in capitals by the other school's export
        `responsable;B-R1;Roy${T};Karim;${email.toUpperCase()};;;;B-E1;;`,
        // the other parent shares the family address: a different human, not merged
        `responsable;B-R2;Roy${T};Samira;${email};;;;B-E1;;`,
      ),
    );
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(3);
    expect(report.changes.some((c) => c.includes('Karim') && c.includes('compte déjà connu'))).toBe(true);

    const karim = (await byExternalId(first.id)).get('A-R1')!;
    const inSecond = await byExternalId(second.id);
    expect(inSecond.get('B-R1')!.personId).toBe(karim.personId);
    expect(inSecond.get('B-R2')!.personId).not.toBe(karim.personId);
    const karimMemberships = await database.db.select().from(memberships).where(eq(memberships.personId, karim.personId));
    expect(karimMemberships.map((m) => m.schoolId).sort()).toEqual([first.id, second.id].sort());
    expect(await database.db.select().from(people).where(eq(people.firstName, 'Karim')).then((r) => r.filter((p) => p.lastName === `Roy${T}`))).toHaveLength(1);
    expect(await childrenOf(first.id, karim.personId)).toHaveLength(1);
    expect(await childrenOf(second.id, karim.personId)).toEqual([inSecond.get('B-E1')!.personId]);

    // the linked guardian is stable on re-import too
    expect(await run(second.id, csv(`eleve;B-E1;Roy${T};Noé;;;6B;;;;`, `responsable;B-R1;Roy${T};Karim;${email};;;;B-E1;;`, `responsable;B-R2;Roy${T};Samira;${email};;;;B-E1;;`))).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
  });

  it('refuses a login already taken by someone else, and leaves manual memberships alone', async () => {
    const school = await createSchool(database.db);
    const t = tag();
    const other = await createPerson(database.db, school.id, 'teacher', { login: `pris.${t}` });
    const report = await run(school.id, csv(`enseignant;T9;Roux${cap(t)};Marc;;;;;;;pris.${t}`));
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([{ line: 2, reason: `identifiant « pris.${t} » déjà pris par une autre personne` }]);

    // a membership made in Préau (no external id here: factories use T-…) is not the file's to remove
    await database.db.update(memberships).set({ externalId: null }).where(eq(memberships.personId, other.id));
    const ok = await run(school.id, csv(`enseignant;T9;Roux${cap(t)};Marc;;;;;;;`));
    expect(ok).toMatchObject({ applied: true, created: 1, deactivated: 0 });
    const [manual] = await database.db.select().from(memberships).where(eq(memberships.personId, other.id));
    expect(manual.active).toBe(true);
  });

  it('accepts a child who is a student of the school but not in the file', async () => {
    const school = await createSchool(database.db);
    const T = cap(tag());
    await run(school.id, csv(`eleve;E1;Blanc${T};Rose;;;5B;;;;`, `eleve;E2;Blanc${T};Paul;;;5C;;;;`));
    // E2 left: deactivated, yet their guardian can still be linked to them
    const report = await run(school.id, csv(`eleve;E1;Blanc${T};Rose;;;5B;;;;`, `responsable;R1;Blanc${T};Eva;;;;;E1|E2;;`));
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ created: 1, unchanged: 1, deactivated: 1 });
    const dir = await byExternalId(school.id);
    expect(await childrenOf(school.id, dir.get('R1')!.personId)).toEqual([dir.get('E1')!.personId, dir.get('E2')!.personId].sort());
  });

  it('keeps emails and phones when their column is left out, clears them when the cell is empty', async () => {
    const school = await createSchool(database.db);
    const t = tag();
    await run(school.id, csv(`eleve;E1;Faure${cap(t)};Iris;;;5A;;;;`, `responsable;R1;Faure${cap(t)};Yann;yann.${t}@example.org;0612345678;;;E1;;`));
    const without = await run(school.id, `profil;id;nom;prenom;classe;enfants\neleve;E1;Faure${cap(t)};Iris;5A;\nresponsable;R1;Faure${cap(t)};Yann;;E1\n`);
    expect(without).toMatchObject({ updated: 0, unchanged: 2 });
    expect((await byExternalId(school.id)).get('R1')).toMatchObject({ email: `yann.${t}@example.org`, phone: '+33612345678' });

    const emptied = await run(school.id, csv(`eleve;E1;Faure${cap(t)};Iris;;;5A;;;;`, `responsable;R1;Faure${cap(t)};Yann;;;;;E1;;`));
    expect(emptied.changes).toContain(`~ responsable FAURE${t.toUpperCase()} Yann : email, téléphone`);
    expect((await byExternalId(school.id)).get('R1')).toMatchObject({ email: null, phone: null });
  });

  it('runs two imports at once without handing out the same login twice', async () => {
    const [a, b] = [await createSchool(database.db), await createSchool(database.db)];
    const t = tag();
    const file = csv(`eleve;E1;Petit${cap(t)};Jules;;;5A;;;;`);
    const [ra, rb] = await Promise.all([run(a.id, file), run(b.id, file)]);
    expect([ra.created, rb.created]).toEqual([1, 1]);
    const logins = [(await byExternalId(a.id)).get('E1')!.login, (await byExternalId(b.id)).get('E1')!.login];
    expect(logins.sort()).toEqual([`jules.petit${t}`, `jules.petit${t}2`]);
  });

  it('applies a thousand lines in one go', async () => {
    const school = await createSchool(database.db);
    const T = cap(tag());
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) lines.push(`eleve;E${i};Nom${T}${String.fromCharCode(97 + (i % 26))};Élève${i % 40};;;${3 + (i % 4)}${'ABCDE'[i % 5]};;;;`);
    for (let i = 0; i < 400; i++) lines.push(`responsable;R${i};Nom${T};Parent${i};;06 00 00 ${String(i).padStart(4, '0').replace(/(\d\d)(\d\d)/, '$1 $2')};;;E${i}|E${i + 200};;`);
    const started = Date.now();
    const report = await run(school.id, csv(...lines));
    const elapsed = Date.now() - started;
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ created: 1000, groupsCreated: 20 });
    const count = await database.db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.schoolId, school.id), inArray(memberships.profile, ['student', 'guardian'])));
    expect(count).toHaveLength(1000);
    // generous: the point is "seconds, not minutes" (one query per chunk, not per line)
    expect(elapsed).toBeLessThan(20_000);
  });
});

describe('directory CSV format', () => {
  it('strips a UTF-8 BOM and maps the Windows-1252 letters Node leaves as control characters', () => {
    expect(decodeCsv(Buffer.from('\ufeffprofil;id', 'utf8'))).toEqual({ text: 'profil;id', encoding: 'utf-8' });
    // œ, €, ’ live in 0x80–0x9F in Windows-1252, where ISO-8859-1 has control characters
    expect(decodeCsv(Buffer.from([0x43, 0x9c, 0x75, 0x72, 0x20, 0x80, 0x20, 0x92, 0xe9]))).toEqual({ text: 'Cœur € ’é', encoding: 'windows-1252' });
  });

  it('detects the delimiter from the header, ignoring quoted separators', () => {
    expect(detectDelimiter('profil;id;nom')).toBe(';');
    expect(detectDelimiter('profil,id,nom')).toBe(',');
    expect(detectDelimiter('"a;b;c",id,nom')).toBe(',');
  });

  it('normalises French phone numbers and rejects nonsense', () => {
    expect(normalizePhone('06 12 34 56 78')).toBe('+33612345678');
    expect(normalizePhone('06.12.34.56.78')).toBe('+33612345678');
    expect(normalizePhone('+33 (0)6 12 34 56 78')).toBe('+33612345678');
    expect(normalizePhone('0033 1 23 45 67 89')).toBe('+33123456789');
    expect(normalizePhone('0692 12 34 56')).toBe('+262692123456');
    expect(normalizePhone('+32 470 12 34 56')).toBe('+32470123456');
    for (const bad of ['12 34', '06 12 34 56', '06 12 34 56 78 90', '00 12 34 56 78', 'appeler le soir', '+33 0 12 34 56 78']) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
  });

  it('makes logins without accents, spaces or apostrophes, numbered when taken', () => {
    expect(loginBase('Léa-Noëlle', "D'Aubigné de la Tour", 'eleve')).toBe('lea-noelle.daubignedelatour');
    expect(loginBase('Œdipe', 'Müller', 'eleve')).toBe('oedipe.muller');
    expect(loginBase('李', '王', 'eleve')).toBe('eleve');
    const logins = new LoginAllocator(['lea.dupont', 'LEA.DUPONT2']);
    expect([logins.allocate('lea.dupont'), logins.allocate('lea.dupont')]).toEqual(['lea.dupont3', 'lea.dupont4']);
  });

  it('tells a spreadsheet from a CSV file', () => {
    const xlsx = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from([0x14, 0x00, 0x06, 0x00, 0x08, 0x00])]);
    expect(parseDirectoryCsv(xlsx)).toMatchObject({ fatal: true, errors: [{ line: 1, reason: expect.stringMatching(/pas un fichier CSV/) }] });
  });

  it('accepts the example of docs/csv-import.md', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/csv-import.md', import.meta.url)), 'utf8');
    const example = /```csv\n([\s\S]*?)```/.exec(doc)![1];
    const parsed = parseDirectoryCsv(example);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.profile)).toEqual(['student', 'student', 'guardian', 'teacher', 'staff', 'direction', 'admin']);
  });
});
