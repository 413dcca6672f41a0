import iconv from 'iconv-lite';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, courses, memberships, rollCalls, timetableSlots } from '../../db/schema';
import { importCourses, importSlots } from '../../server/modules/timetable/import';
import { parseTimeOfDay } from '../../server/modules/timetable/import/slots-format';
import { openTestDatabase } from '../helpers/db';
import { addToGroup, createGroup, createPerson, createSchool } from '../helpers/factories';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const SLOTS = ['code;debut;fin', 'M1;8h00;8h55', 'M2;09:00;09:55', 'S1;13:30;14:25'].join('\n');
const COURSES_HEADER = 'classe;matiere;enseignant;jour;creneau;salle;semaine';

/** A school with two classes, two teachers (one known by STS id, one by login) and the three slots. */
async function setup() {
  const db = database.db;
  const school = await createSchool(db);
  const sixth = await createGroup(db, school.id, '6A');
  const fourth = await createGroup(db, school.id, '4B');
  const maths = await createPerson(db, school.id, 'teacher', { lastName: 'Euler' });
  // teachers imported from STS-web carry their export id; the file may name them by it
  await db.update(memberships).set({ externalId: 'STS-1' }).where(eq(memberships.personId, maths.id));
  const french = await createPerson(db, school.id, 'teacher', { lastName: 'Hugo' });
  for (const g of [sixth, fourth]) {
    await addToGroup(db, g.id, maths.id, 'teacher');
    await addToGroup(db, g.id, french.id, 'teacher');
  }
  const slotsReport = await importSlots({ db }, { schoolId: school.id, csv: SLOTS, dryRun: false });
  expect(slotsReport.errors).toEqual([]);
  const lines = [
    `4B;Mathématiques;STS-1;lundi;M1;B12;`,
    `4B;Français;${french.login.toUpperCase()};Mardi;m2;B12;toutes`,
    `6A;Mathématiques;sts-1;1;M2;A11;`,
    `6A;SVT;${french.login};jeudi;S1;Labo 1;A`,
    // the same class, slot and teacher as the line above would clash, but not in the other week
    `6A;Physique-chimie;${french.login};jeudi;S1;Labo 2;B`,
  ];
  return { school, sixth, fourth, maths, french, lines };
}

const coursesFile = (...lines: string[]) => [COURSES_HEADER, ...lines].join('\n') + '\n';

function run(schoolId: string, csv: string | Buffer, dryRun = false) {
  return importCourses({ db: database.db }, { schoolId, csv, dryRun });
}

async function coursesOf(schoolId: string) {
  return database.db
    .select({ id: courses.id, subject: courses.subject, weekday: courses.weekday, slotCode: timetableSlots.code, room: courses.room, week: courses.week, active: courses.active, revision: courses.revision, teacherId: courses.teacherId, groupId: courses.groupId })
    .from(courses)
    .innerJoin(timetableSlots, eq(timetableSlots.id, courses.slotId))
    .where(eq(courses.schoolId, schoolId))
    .orderBy(asc(courses.weekday), asc(timetableSlots.code), asc(courses.subject));
}

async function slotsOf(schoolId: string) {
  return database.db
    .select({ code: timetableSlots.code, startTime: timetableSlots.startTime, endTime: timetableSlots.endTime })
    .from(timetableSlots)
    .where(eq(timetableSlots.schoolId, schoolId))
    .orderBy(asc(timetableSlots.startTime));
}

describe('timetable slots import', () => {
  it('reads times written 8h00, 8:00, 08:00 or 08:00:00', () => {
    expect(['8h00', '8h', '8:00', '08:00', '08:00:00', ' 8 h 05 '].map(parseTimeOfDay)).toEqual(['08:00', '08:00', '08:00', '08:00', '08:00', '08:05']);
    expect(['', '24:00', '8h60', '8', 'huit heures', '8.00'].map(parseTimeOfDay)).toEqual([null, null, null, null, null, null]);
  });

  it('creates, updates and deletes slots to match the file, and re-importing changes nothing', async () => {
    const school = await createSchool(database.db);
    const first = await importSlots({ db: database.db }, { schoolId: school.id, csv: SLOTS, dryRun: false });
    expect(first).toMatchObject({ kind: 'slots', applied: true, rows: 3, created: 3, updated: 0, unchanged: 0, removed: 0, errors: [] });
    expect(await slotsOf(school.id)).toEqual([
      { code: 'M1', startTime: '08:00', endTime: '08:55' },
      { code: 'M2', startTime: '09:00', endTime: '09:55' },
      { code: 'S1', startTime: '13:30', endTime: '14:25' },
    ]);
    expect(await importSlots({ db: database.db }, { schoolId: school.id, csv: SLOTS, dryRun: false })).toMatchObject({ created: 0, updated: 0, unchanged: 3, removed: 0 });

    // header aliases, a comma delimiter, M1 moved, S1 dropped (no course uses it), S2 new
    const next = ['Créneau,Heure de début,Heure de fin', 'M1,8h05,9h00', 'm2,09:00,09:55', 'S2,14h30,15h25'].join('\r\n');
    const report = await importSlots({ db: database.db }, { schoolId: school.id, csv: next, dryRun: false });
    expect(report).toMatchObject({ applied: true, created: 1, updated: 2, unchanged: 0, removed: 1, errors: [] });
    expect(await slotsOf(school.id)).toEqual([
      { code: 'M1', startTime: '08:05', endTime: '09:00' },
      { code: 'm2', startTime: '09:00', endTime: '09:55' },
      { code: 'S2', startTime: '14:30', endTime: '15:25' },
    ]);
  });

  it('refuses overlaps, duplicate codes, bad times and slots ending before they start, listing every line', async () => {
    const school = await createSchool(database.db);
    const file = [
      'code;debut;fin',
      'M1;08:00;08:55', // 2: fine
      'M2;08:50;09:45', // 3: overlaps M1
      'm1;10:00;10:55', // 4: same code as line 2
      'M3;10h;9h', // 5: ends before it starts
      'M4;11h10;midi', // 6: not a time
      ';13:30;14:25', // 7: no code
    ].join('\n');
    const report = await importSlots({ db: database.db }, { schoolId: school.id, csv: file, dryRun: false });
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      { line: 3, reason: 'le créneau M2 (08:50–09:45) chevauche M1 (08:00–08:55, ligne 2)' },
      { line: 4, reason: 'code « m1 » déjà utilisé ligne 2' },
      { line: 5, reason: 'le créneau doit finir après son début (10:00 – 09:00)' },
      { line: 6, reason: 'heure de fin « midi » invalide (ex. 8h00 ou 08:00)' },
      { line: 7, reason: 'code du créneau obligatoire' },
    ]);
    expect(await slotsOf(school.id)).toEqual([]);
  });

  it('refuses more slots than the limit', async () => {
    const school = await createSchool(database.db);
    const lines = Array.from({ length: 21 }, (_, i) => `C${i};${String(i).padStart(2, '0')}:00;${String(i).padStart(2, '0')}:30`);
    const report = await importSlots({ db: database.db }, { schoolId: school.id, csv: ['code;debut;fin', ...lines].join('\n'), dryRun: false });
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([{ line: 1, reason: 'fichier trop long : plus de 20 lignes' }]);
  });

  it('refuses to drop a slot that active courses or past roll calls still use', async () => {
    const { school, lines } = await setup();
    expect((await run(school.id, coursesFile(...lines))).errors).toEqual([]);
    const withoutS1 = ['code;debut;fin', 'M1;8h00;8h55', 'M2;09:00;09:55'].join('\n');
    const report = await importSlots({ db: database.db }, { schoolId: school.id, csv: withoutS1, dryRun: false });
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      { line: 1, reason: 'créneau « S1 » absent du fichier mais utilisé par 2 cours de l’emploi du temps : importez d’abord un emploi du temps sans ce créneau' },
    ]);
    expect(await slotsOf(school.id)).toHaveLength(3);

    // once its courses are gone from the timetable, the roll calls taken in them still hold the slot
    const [svt] = (await coursesOf(school.id)).filter((c) => c.subject === 'SVT');
    await database.db.insert(rollCalls).values({ schoolId: school.id, courseId: svt.id, date: '2025-09-04' });
    expect((await run(school.id, coursesFile(...lines.slice(0, 3)))).removed).toBe(2);
    const again = await importSlots({ db: database.db }, { schoolId: school.id, csv: withoutS1, dryRun: false });
    expect(again.errors).toEqual([{ line: 1, reason: 'créneau « S1 » absent du fichier mais des appels passés s’y rattachent : gardez-le dans le fichier' }]);
    expect(await coursesOf(school.id)).toHaveLength(5);
  });
});

describe('timetable courses import', () => {
  it('imports the weekly courses, naming teachers by STS id or login in any case', async () => {
    const { school, sixth, fourth, maths, french, lines } = await setup();
    const report = await run(school.id, coursesFile(...lines));
    expect(report).toEqual({ kind: 'courses', dryRun: false, applied: true, rows: 5, created: 5, updated: 0, unchanged: 0, removed: 0, errors: [] });

    const rows = await coursesOf(school.id);
    expect(rows.map(({ subject, weekday, slotCode, room, week, active, revision }) => ({ subject, weekday, slotCode, room, week, active, revision }))).toEqual([
      { subject: 'Mathématiques', weekday: 1, slotCode: 'M1', room: 'B12', week: 'all', active: true, revision: 1 },
      { subject: 'Mathématiques', weekday: 1, slotCode: 'M2', room: 'A11', week: 'all', active: true, revision: 1 },
      { subject: 'Français', weekday: 2, slotCode: 'M2', room: 'B12', week: 'all', active: true, revision: 1 },
      { subject: 'Physique-chimie', weekday: 4, slotCode: 'S1', room: 'Labo 2', week: 'B', active: true, revision: 1 },
      { subject: 'SVT', weekday: 4, slotCode: 'S1', room: 'Labo 1', week: 'A', active: true, revision: 1 },
    ]);
    expect(rows[0]).toMatchObject({ groupId: fourth.id, teacherId: maths.id });
    expect(rows[1]).toMatchObject({ groupId: sixth.id, teacherId: maths.id });
    expect(rows[2]).toMatchObject({ groupId: fourth.id, teacherId: french.id });
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.schoolId, school.id), eq(auditLog.action, 'timetable.import.courses')));
    expect(audit.map((a) => a.meta)).toEqual([{ rows: 5, created: 5, updated: 0, unchanged: 0, removed: 0 }]);
  });

  it('re-imports idempotently, updates a room, deactivates a removed course and reactivates it when it returns', async () => {
    const { school, lines } = await setup();
    await run(school.id, coursesFile(...lines));
    const before = await coursesOf(school.id);

    expect(await run(school.id, coursesFile(...lines))).toMatchObject({ created: 0, updated: 0, unchanged: 5, removed: 0, errors: [] });
    expect(await coursesOf(school.id)).toEqual(before);

    // the room of line 1 changes, line 3 leaves the file
    const moved = [lines[0].replace(';B12;', ';B14;'), lines[1], lines[3], lines[4]];
    expect(await run(school.id, coursesFile(...moved))).toMatchObject({ created: 0, updated: 1, unchanged: 3, removed: 1, errors: [] });
    const after = await coursesOf(school.id);
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
    const byId = new Map(after.map((c) => [c.id, c]));
    expect(byId.get(before[0].id)).toMatchObject({ room: 'B14', revision: 2, active: true });
    // never deleted: roll calls point to courses
    expect(byId.get(before[1].id)).toMatchObject({ active: false, revision: 2 });

    // the course comes back: the same row, active again, and no twin created
    expect(await run(school.id, coursesFile(...moved, lines[2]))).toMatchObject({ created: 1, updated: 0, unchanged: 4, removed: 0 });
    const back = await coursesOf(school.id);
    expect(back).toHaveLength(5);
    expect(back.find((c) => c.id === before[1].id)).toMatchObject({ active: true, revision: 3 });
  });

  it('refuses a file with errors: nothing is written and every bad line is listed with its reason', async () => {
    const { school, french, lines } = await setup();
    await run(school.id, coursesFile(...lines));
    const before = await coursesOf(school.id);
    const file = coursesFile(
      lines[0], // 2: fine
      '4B;Anglais;inconnu.prof;lundi;M2;;', // 3: unknown teacher
      `5C;Anglais;${french.login};lundi;S1;;`, // 4: unknown class
      '6A;Anglais;STS-1;mardi;S9;;', // 5: unknown slot
      '6A;Anglais;STS-1;dimanche;M1;;', // 6: bad day
      '6A;Anglais;STS-1;mardi;M1;;C', // 7: bad week
      '6A;Histoire;STS-1;lundi;M1;A11;A', // 8: STS-1 already teaches 4B on Monday M1 (line 2), every week
      lines[0].replace(';B12;', ';B14;'), // 9: the same course as line 2
      `4B;Anglais;${french.login};lundi;M1;;B`, // 10: 4B already has maths then (line 2)
      lines[1], // 11: fine
    );
    const report = await run(school.id, file);
    expect(report).toMatchObject({ applied: false, rows: 10, created: 0, updated: 0, unchanged: 0, removed: 0 });
    expect(report.errors).toEqual([
      { line: 3, reason: 'enseignant « inconnu.prof » introuvable : ni l’id ni l’identifiant d’un enseignant de l’établissement' },
      { line: 4, reason: 'classe ou groupe « 5C » introuvable dans l’annuaire de l’établissement' },
      { line: 5, reason: 'créneau « S9 » inconnu (créneaux de l’établissement : M1, M2, S1)' },
      { line: 6, reason: 'jour « dimanche » invalide (lundi à samedi, ou 1 à 6)' },
      { line: 7, reason: 'semaine « C » invalide (vide ou « toutes », « A », « B »)' },
      { line: 8, reason: 'enseignant « STS-1 » déjà en cours le lundi en M1 (ligne 2, 4B)' },
      { line: 9, reason: 'même cours que la ligne 2 (ligne en double)' },
      { line: 10, reason: '« 4B » a déjà cours le lundi en M1 (ligne 2, Mathématiques)' },
    ]);
    // the previous timetable is untouched: nothing deactivated, nothing added
    expect(await coursesOf(school.id)).toEqual(before);
  });

  it('refuses a teacher who left the school', async () => {
    const { school, maths, lines } = await setup();
    await database.db.update(memberships).set({ active: false }).where(eq(memberships.personId, maths.id));
    const report = await run(school.id, coursesFile(lines[0]));
    expect(report.errors).toEqual([{ line: 2, reason: 'enseignant « STS-1 » désactivé : il n’enseigne plus dans l’établissement' }]);
  });

  it('decodes a Windows-1252 file with accented header and values', async () => {
    const { school, french } = await setup();
    await createGroup(database.db, school.id, '5ème A');
    const text = ['Classe;Matière;Professeur;Jour;Créneau;Salle', `5ème A;Éducation musicale;${french.login};Mercredi;M1;Salle d’œuvre`].join('\r\n');
    const bytes = iconv.encode(text, 'win1252');
    // really not UTF-8, or this test would prove nothing
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const report = await run(school.id, bytes);
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(1);
    expect(await coursesOf(school.id)).toMatchObject([{ subject: 'Éducation musicale', weekday: 3, room: 'Salle d’œuvre', week: 'all' }]);
  });

  it('dry run reports what would change and writes nothing', async () => {
    const { school, lines } = await setup();
    const dry = await run(school.id, coursesFile(...lines), true);
    expect(dry).toEqual({ kind: 'courses', dryRun: true, applied: false, rows: 5, created: 5, updated: 0, unchanged: 0, removed: 0, errors: [] });
    expect(await coursesOf(school.id)).toEqual([]);
    expect(await database.db.select().from(auditLog).where(and(eq(auditLog.schoolId, school.id), eq(auditLog.action, 'timetable.import.courses')))).toEqual([]);

    const slotsDry = await importSlots({ db: database.db }, { schoolId: school.id, csv: 'code;debut;fin\nM1;8h;9h\n', dryRun: true });
    expect(slotsDry).toMatchObject({ dryRun: true, applied: false, created: 0, updated: 1, removed: 2, errors: [] });
    expect(await slotsOf(school.id)).toHaveLength(3);
  });

  it('refuses an empty file and an unknown column', async () => {
    const { school } = await setup();
    expect((await run(school.id, `${COURSES_HEADER}\n`)).errors).toEqual([
      { line: 1, reason: 'aucun cours après l’en-tête : un fichier vide retirerait tout l’emploi du temps' },
    ]);
    expect((await run(school.id, 'classe;matiere;enseignant;jour;heure\n4B;Maths;STS-1;lundi;M1\n')).errors).toEqual([
      { line: 1, reason: 'colonne obligatoire absente de l’en-tête : creneau' },
      { line: 1, reason: 'colonne inconnue « heure » (colonnes possibles : classe, matiere, enseignant, jour, creneau, salle, semaine)' },
    ]);
  });
});
