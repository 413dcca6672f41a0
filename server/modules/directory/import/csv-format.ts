import { z } from 'zod';
import type { Profile, StaffFunction } from '../../../contracts/directory';
import { csvColumns, foldKey } from './csv-table';
import { normalizePhone } from './phone';

/** The columns of the directory CSV, in their documented order (docs/csv-import.md). */
export const columnKeys = ['profil', 'id', 'nom', 'prenom', 'civilite', 'email', 'telephone', 'classe', 'groupes', 'enfants', 'fonction', 'identifiant'] as const;
export type ColumnKey = (typeof columnKeys)[number];

/** Without these in the header, no line can be understood. */
export const requiredColumns: readonly ColumnKey[] = ['profil', 'id', 'nom', 'prenom'];

// Headers written by hand or exported from other tools; compared after foldKey().
const headerAliases: Record<ColumnKey, string[]> = {
  profil: ['profil', 'profile', 'type'],
  id: ['id', 'id externe', 'identifiant externe', 'external id', 'externalid'],
  nom: ['nom', 'nom de famille', 'last name', 'lastname'],
  prenom: ['prenom', 'first name', 'firstname'],
  civilite: ['civilite', 'civ', 'titre', 'civility'],
  email: ['email', 'e mail', 'mail', 'courriel', 'adresse mail', 'adresse email'],
  telephone: ['telephone', 'tel', 'portable', 'mobile', 'phone'],
  classe: ['classe', 'division', 'class'],
  groupes: ['groupes', 'groupe', 'groups'],
  enfants: ['enfants', 'enfant', 'children'],
  fonction: ['fonction', 'function'],
  identifiant: ['identifiant', 'login'],
};

/** The directory file's header, read by readCsvTable(). */
export const directoryColumns = csvColumns(columnKeys, requiredColumns, headerAliases);

const profileByWord: Record<string, Profile> = {
  eleve: 'student',
  responsable: 'guardian',
  parent: 'guardian',
  enseignant: 'teacher',
  professeur: 'teacher',
  personnel: 'staff',
  direction: 'direction',
  admin: 'admin',
  administrateur: 'admin',
};

/** The word of the `profil` column for each profile, as written in files and change lines. */
export const profileWords: Record<Profile, string> = {
  student: 'élève',
  guardian: 'responsable',
  teacher: 'enseignant',
  staff: 'personnel',
  direction: 'direction',
  admin: 'admin',
};

const functionByWord: Record<string, StaffFunction> = {
  cpe: 'vie_scolaire',
  'vie scolaire': 'vie_scolaire',
  secretariat: 'secretariat',
  accueil: 'accueil',
  documentaliste: 'documentaliste',
  agent: 'agent',
};

/** How a staff function reads in change lines. */
export const functionWords: Record<StaffFunction, string> = {
  vie_scolaire: 'vie scolaire',
  secretariat: 'secrétariat',
  accueil: 'accueil',
  documentaliste: 'documentaliste',
  agent: 'agent',
};

/** Civilité as stored in people.civility; boards write "M. Dupont" / "Mme Martin". */
export type Civility = 'm' | 'mme';

// what national exports and hand-made files write; compared after foldKey() ("M." folds to "m")
const civilityByWord: Record<string, Civility> = { m: 'm', mr: 'm', monsieur: 'm', mme: 'mme', madame: 'mme' };

/** One valid line of the file, ready to be matched against the directory. */
export interface ImportRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  profile: Profile;
  externalId: string;
  lastName: string;
  firstName: string;
  /** Null when the cell is empty (or the column absent: see `columns` of the parsed file). */
  civility: Civility | null;
  email: string | null;
  /** E.164. */
  phone: string | null;
  /** The student's class (division); null for other profiles. */
  className: string | null;
  groupNames: string[];
  /** External ids of a guardian's children. */
  childIds: string[];
  staffFunction: StaffFunction | null;
  /** Login asked for by the file, lowercased; null to keep or generate one. */
  login: string | null;
}

const clean = (v: string) => v.replace(/[\s\u00a0]+/g, ' ').trim();

const list = (v: string) => {
  const seen = new Set<string>();
  return v
    .split('|')
    .map(clean)
    .filter((item) => {
      const key = item.toLocaleUpperCase('fr-FR');
      if (item === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
};

const requiredText = (column: string, max: number) =>
  z
    .string()
    .transform(clean)
    .pipe(z.string().min(1, `${column} obligatoire`).max(max, `${column} trop long (${max} caractères au plus)`));

const field = z.string().default('');

/** Zod schema of one data line: raw cells keyed by column in, an ImportRow (without its line number) out. */
export const rowSchema = z
  .object({
    profil: field.transform((v, ctx) => {
      const profile = profileByWord[foldKey(v)];
      if (profile) return profile;
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: v.trim() === ''
          ? 'profil obligatoire (eleve, responsable, enseignant, personnel, direction ou admin)'
          : `profil inconnu « ${clean(v)} » (attendu : eleve, responsable, enseignant, personnel, direction ou admin)`,
      });
      return z.NEVER;
    }),
    id: requiredText('id', 64).refine((v) => !/[\s|]/.test(v), { error: (iss) => `id « ${iss.input} » invalide : ni espace ni « | »` }),
    nom: requiredText('nom', 100),
    prenom: requiredText('prénom', 100),
    civilite: field.transform((v, ctx) => {
      if (clean(v) === '') return null;
      const civility = civilityByWord[foldKey(v)];
      if (civility) return civility;
      ctx.issues.push({ code: 'custom', input: v, message: `civilité inconnue « ${clean(v)} » (attendu : M. ou Mme)` });
      return z.NEVER;
    }),
    email: field
      .transform((v) => clean(v).toLowerCase())
      .pipe(z.union([z.literal(''), z.email({ error: (iss) => `email invalide « ${String(iss.input)} »` }).max(254)]))
      .transform((v) => v || null),
    telephone: field.transform((v, ctx) => {
      if (clean(v) === '') return null;
      const phone = normalizePhone(v);
      if (phone) return phone;
      ctx.issues.push({ code: 'custom', input: v, message: `téléphone invalide « ${clean(v)} » (ex. 06 12 34 56 78 ou +33 6 12 34 56 78)` });
      return z.NEVER;
    }),
    classe: field.transform(clean).pipe(z.string().max(40, 'classe trop longue (40 caractères au plus)')),
    groupes: field.transform(list).pipe(z.array(z.string().max(60, 'nom de groupe trop long (60 caractères au plus)'))),
    enfants: field.transform(list),
    fonction: field.transform((v, ctx) => {
      if (clean(v) === '') return null;
      const fn = functionByWord[foldKey(v)];
      if (fn) return fn;
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: `fonction inconnue « ${clean(v)} » (attendu : cpe, vie scolaire, secretariat, accueil, documentaliste ou agent)`,
      });
      return z.NEVER;
    }),
    identifiant: field
      .transform((v) => clean(v).toLowerCase())
      .refine((v) => v === '' || /^[a-z0-9][a-z0-9._-]{1,59}$/.test(v), {
        error: (iss) => `identifiant « ${String(iss.input)} » invalide : 2 à 60 lettres sans accent, chiffres, points, tirets`,
      }),
  })
  .superRefine((r, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
    const word = profileWords[r.profil];
    if (r.profil === 'student' && !r.classe) fail('classe obligatoire pour un élève');
    if (r.profil !== 'student' && r.classe) {
      fail(r.profil === 'teacher' ? 'classe réservée aux élèves : les classes d’un enseignant vont dans « groupes »' : `classe réservée aux élèves (profil ${word})`);
    }
    if (r.groupes.length > 0 && !['student', 'teacher', 'staff'].includes(r.profil)) fail(`groupes sans objet pour le profil ${word}`);
    if (r.profil === 'guardian' && r.enfants.length === 0) fail('enfants obligatoire pour un responsable (id des élèves séparés par « | »)');
    if (r.profil !== 'guardian' && r.enfants.length > 0) fail(`enfants réservé aux responsables (profil ${word})`);
    if (r.profil === 'staff' && !r.fonction) fail('fonction obligatoire pour un personnel (cpe, secretariat, accueil, documentaliste ou agent)');
    if (r.profil !== 'staff' && r.fonction) fail(`fonction réservée au profil personnel (profil ${word})`);
  })
  .transform(
    (r): Omit<ImportRow, 'line'> => ({
      profile: r.profil,
      externalId: r.id,
      lastName: r.nom,
      firstName: r.prenom,
      civility: r.civilite,
      email: r.email,
      phone: r.telephone,
      className: r.classe || null,
      groupNames: r.groupes,
      childIds: r.enfants,
      staffFunction: r.fonction,
      login: r.identifiant || null,
    }),
  );
