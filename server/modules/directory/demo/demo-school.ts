import { hash } from '@node-rs/argon2';
import { count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { people, schools } from '../../../../db/schema';
import { uaiCheckLetter, type Profile } from '../../../contracts/directory';
import type { EventPublisher } from '../../../platform/outbox';
import { importDirectory } from '../import/apply';
import { BOYS, demoCivility, GIRLS, LAST_NAMES, MEN, WOMEN } from './demo-names';

/** Password of the demo accounts listed in DEMO_LOGINS (and of no one else). */
export const DEMO_PASSWORD = 'preau-demo';

/** UAI of the demo collège: digits of a Calvados collège with their computed check letter. */
export const DEMO_UAI = `0141234${uaiCheckLetter('0141234')}`;

export const DEMO_SCHOOL_NAME = 'Collège Jean Moulin';

export interface DemoLogin {
  login: string;
  profile: Profile;
  label: string;
}

/** The accounts to try the demo with, one per kind of user; all share DEMO_PASSWORD. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { login: 'admin.demo', profile: 'admin', label: 'Administrateur ENT' },
  { login: 'direction.demo', profile: 'direction', label: 'Principale' },
  { login: 'cpe.demo', profile: 'staff', label: 'CPE (vie scolaire)' },
  { login: 'prof.demo', profile: 'teacher', label: 'Professeure de français (4A, 4B, 3A, latin)' },
  { login: 'parent.demo', profile: 'guardian', label: 'Parent de Léa (4B) et Hugo (6A)' },
  { login: 'eleve.demo', profile: 'student', label: 'Élève de 4B' },
];

/** The demo collège's classes (divisions), 25 pupils each. */
export const DEMO_CLASSES = ['6A', '6B', '6C', '5A', '5B', '5C', '4A', '4B', '4C', '3A', '3B', '3C'];
const STUDENTS_PER_CLASS = 25;

// deterministic: the demo is the same at every start, so screenshots and docs stay true
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Line = Partial<Record<'profil' | 'id' | 'nom' | 'prenom' | 'civilite' | 'email' | 'telephone' | 'classe' | 'groupes' | 'enfants' | 'fonction' | 'identifiant', string>>;
const HEADER = ['profil', 'id', 'nom', 'prenom', 'civilite', 'email', 'telephone', 'classe', 'groupes', 'enfants', 'fonction', 'identifiant'] as const;

/** The demo collège's directory as a CSV in the documented import format (about 850 lines). */
export function demoDirectoryCsv(): string {
  const rnd = mulberry32(0x5eed_2025);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const phone = () => `0${rnd() < 0.7 ? 6 : 7} ${Array.from({ length: 4 }, () => String(Math.floor(rnd() * 100)).padStart(2, '0')).join(' ')}`;
  const emails = new Map<string, number>();
  const email = (first: string, last: string, domain = 'example.org') => {
    const local = `${first}.${last}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z.-]/g, '');
    const n = (emails.get(local) ?? 0) + 1;
    emails.set(local, n);
    return `${local}${n > 1 ? n : ''}@${domain}`;
  };
  const staffMail = (first: string, last: string) => email(first, last, 'college-jean-moulin.example.org');

  const students: Line[] = [];
  const guardians: Line[] = [];
  const groupsOf = (className: string): string[] => {
    const level = className[0];
    const groups: string[] = [];
    if (level === '6') {
      if (rnd() < 0.15) groups.push('6-BILANGUE');
      return groups;
    }
    groups.push(rnd() < 0.3 ? `${level}-ALLEMAND` : `${level}-ESPAGNOL`);
    if (rnd() < 0.2) groups.push(`${level}-LATIN`);
    return groups;
  };
  const addStudent = (last: string, first: string, className: string, login?: string) => {
    const id = `ELV-${String(students.length + 1).padStart(4, '0')}`;
    students.push({ profil: 'eleve', id, nom: last, prenom: first, classe: className, groupes: groupsOf(className).join('|'), identifiant: login });
    return id;
  };
  const addGuardian = (last: string, first: string, children: string[], login?: string) => {
    const id = `RESP-${String(guardians.length + 1).padStart(4, '0')}`;
    guardians.push({
      profil: 'responsable',
      id,
      nom: last,
      prenom: first,
      email: rnd() < 0.9 ? email(first, last) : undefined,
      telephone: rnd() < 0.85 ? phone() : undefined,
      enfants: children.join('|'),
      identifiant: login,
    });
  };

  // the family behind parent.demo and eleve.demo, written by hand so the labels stay true
  const lea = addStudent('Lambert', 'Léa', '4B', 'eleve.demo');
  const hugo = addStudent('Lambert', 'Hugo', '6A');
  addGuardian('Lambert', 'Sophie', [lea, hugo], 'parent.demo');
  addGuardian('Lambert', 'Julien', [lea, hugo]);

  const seats = DEMO_CLASSES.flatMap((c) => Array.from({ length: STUDENTS_PER_CLASS - (c === '4B' || c === '6A' ? 1 : 0) }, () => c));
  for (let i = seats.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [seats[i], seats[j]] = [seats[j], seats[i]];
  }
  while (seats.length > 0) {
    const family = pick(LAST_NAMES);
    const size = seats.length >= 2 && rnd() < 0.12 ? 2 : 1;
    const children = Array.from({ length: size }, () => addStudent(family, pick(rnd() < 0.5 ? GIRLS : BOYS), seats.pop()!));
    // some mothers keep their own name; one family in five has a single guardian
    addGuardian(rnd() < 0.2 ? pick(LAST_NAMES) : family, pick(WOMEN), children);
    if (rnd() < 0.8) addGuardian(family, pick(MEN), children);
  }

  const adult = () => [rnd() < 0.6 ? pick(WOMEN) : pick(MEN), pick(LAST_NAMES)] as const;
  const teachers: Line[] = demoTeachers().map((t) => {
    // prof.demo is written by hand so that its label in DEMO_LOGINS stays true
    const [first, last] = t.login === 'prof.demo' ? ['Claire', 'Moreau'] : adult();
    return { profil: 'enseignant', id: t.id, nom: last, prenom: first, email: staffMail(first, last), groupes: t.groups.join('|'), identifiant: t.login ?? undefined };
  });

  const others: Line[] = [
    { profil: 'direction', id: 'DIR-001', nom: 'Vasseur', prenom: 'Catherine', email: staffMail('Catherine', 'Vasseur'), identifiant: 'direction.demo' },
    { profil: 'direction', id: 'DIR-002', nom: 'Garnier', prenom: 'Philippe', email: staffMail('Philippe', 'Garnier') },
    { profil: 'personnel', id: 'PERS-001', nom: 'Benali', prenom: 'Nadia', fonction: 'cpe', email: staffMail('Nadia', 'Benali'), identifiant: 'cpe.demo' },
    { profil: 'personnel', id: 'PERS-002', nom: 'Roussel', prenom: 'Thomas', fonction: 'cpe', email: staffMail('Thomas', 'Roussel') },
    { profil: 'personnel', id: 'PERS-003', nom: 'Fleury', prenom: 'Valérie', fonction: 'secretariat', email: staffMail('Valérie', 'Fleury') },
    { profil: 'personnel', id: 'PERS-004', nom: 'Hoarau', prenom: 'Josiane', fonction: 'accueil' },
    { profil: 'personnel', id: 'PERS-005', nom: 'Lecomte', prenom: 'Hélène', fonction: 'documentaliste', email: staffMail('Hélène', 'Lecomte') },
    { profil: 'personnel', id: 'PERS-006', nom: 'Da Silva', prenom: 'Manuel', fonction: 'agent' },
    { profil: 'admin', id: 'ADM-001', nom: 'Lefort', prenom: 'Romain', email: staffMail('Romain', 'Lefort'), identifiant: 'admin.demo' },
  ];

  // every adult gets a civilité, as STS-web and SIECLE give it; pupils have none in the exports
  const lines = [...others, ...teachers, ...students, ...guardians].map((l) => (l.profil === 'eleve' ? l : { ...l, civilite: demoCivility(l.prenom!) }));
  return [HEADER.join(';'), ...lines.map((l) => HEADER.map((h) => l[h] ?? '').join(';'))].join('\n') + '\n';
}

/** A demo teacher: their subject and the classes and groups they teach (the `groupes` of their line). */
export interface DemoTeacher {
  id: string;
  login: string | null;
  /** Their main subject; prof.demo also teaches Latin to the *-LATIN groups. */
  subject: string;
  groups: string[];
}

/** The demo collège's 25 teachers in file order; the demo timetable is built on the same list. */
export function demoTeachers(): DemoTeacher[] {
  const teachers: DemoTeacher[] = [];
  const teach = (subject: string, groups: string[], login: string | null = null) =>
    teachers.push({ id: `ENS-${String(teachers.length + 1).padStart(3, '0')}`, login, subject, groups });
  const split = (list: string[], parts: number) => Array.from({ length: parts }, (_, i) => list.filter((_, k) => k % parts === i));
  const levelGroups = (suffix: string) => ['5', '4', '3'].map((l) => `${l}-${suffix}`);

  teach('Français', ['4A', '4B', '3A', ...levelGroups('LATIN')], 'prof.demo');
  const french = ['6A', '6B', '6C', '5A', '5B', '5C', '4C', '3B', '3C'];
  for (const classes of split(french, 3)) teach('Français', classes);
  const college = DEMO_CLASSES.filter((c) => !c.startsWith('6'));
  // physique-chimie from 5e; the others in every class
  const subjects: Array<[string, number, string[]]> = [
    ['Mathématiques', 3, DEMO_CLASSES],
    ['Histoire-géographie', 3, DEMO_CLASSES],
    ['Anglais', 3, DEMO_CLASSES],
    ['SVT', 2, DEMO_CLASSES],
    ['Physique-chimie', 2, college],
    ['Technologie', 1, DEMO_CLASSES],
    ['EPS', 2, DEMO_CLASSES],
    ['Arts plastiques', 1, DEMO_CLASSES],
    ['Éducation musicale', 1, DEMO_CLASSES],
  ];
  for (const [subject, teacherCount, classes] of subjects) {
    for (const part of split(classes, teacherCount)) teach(subject, part);
  }
  for (const part of split(levelGroups('ESPAGNOL'), 2)) teach('Espagnol', part);
  teach('Allemand', ['6-BILANGUE', ...levelGroups('ALLEMAND')]);
  return teachers;
}

/**
 * On an empty database, creates the demo collège through the real CSV import, then gives the
 * DEMO_LOGINS accounts the demo password. Does nothing when any school exists.
 */
export async function ensureDemoSchool(deps: { db: Db; publisher?: EventPublisher }): Promise<{ created: boolean; uai: string }> {
  const [{ n }] = await deps.db.select({ n: count() }).from(schools);
  if (n > 0) return { created: false, uai: DEMO_UAI };
  // two nodes starting together: the UAI's unique index lets only one of them create it
  const [school] = await deps.db
    .insert(schools)
    .values({ uai: DEMO_UAI, name: DEMO_SCHOOL_NAME, timeZone: 'Europe/Paris' })
    .onConflictDoNothing({ target: schools.uai })
    .returning({ id: schools.id });
  if (!school) return { created: false, uai: DEMO_UAI };
  try {
    const report = await importDirectory(deps, { schoolId: school.id, csv: demoDirectoryCsv(), dryRun: false, actorId: null });
    if (!report.applied) {
      throw new Error(`annuaire de démonstration refusé : ${report.errors.slice(0, 5).map((e) => `ligne ${e.line} : ${e.reason}`).join(' ; ')}`);
    }
    // hashed once: argon2 is slow on purpose, and only these accounts can sign in
    const passwordHash = await hash(DEMO_PASSWORD);
    await deps.db
      .update(people)
      .set({ passwordHash })
      .where(inArray(sql`lower(${people.login})`, DEMO_LOGINS.map((d) => d.login)));
  } catch (err) {
    // an empty demo school would stop the next start from trying again
    await deps.db.delete(schools).where(eq(schools.id, school.id));
    throw err;
  }
  return { created: true, uai: DEMO_UAI };
}
