import { z } from 'zod';
import { ABSENCE_LIMITS, type CourseWeek, type Weekday } from '../../../contracts/absence-rules';
import { csvColumns, foldKey } from '../../directory/import/csv-table';
import { clean, readRows, type ParsedRows } from './read-rows';

export const courseColumnKeys = ['classe', 'matiere', 'enseignant', 'jour', 'creneau', 'salle', 'semaine'] as const;
type CourseColumn = (typeof courseColumnKeys)[number];

const courseColumns = csvColumns<CourseColumn>(courseColumnKeys, ['classe', 'matiere', 'enseignant', 'jour', 'creneau'], {
  classe: ['classe', 'groupe', 'division', 'class', 'group'],
  matiere: ['matiere', 'discipline', 'subject'],
  enseignant: ['enseignant', 'professeur', 'prof', 'teacher'],
  jour: ['jour', 'day'],
  creneau: ['creneau', 'code creneau', 'slot'],
  salle: ['salle', 'room'],
  semaine: ['semaine', 'week', 'alternance'],
});

/** One valid line of the courses file, before its names are looked up in the directory. */
export interface CourseRow {
  line: number;
  groupName: string;
  subject: string;
  /** A teacher membership's external id or login, as written. */
  teacher: string;
  weekday: Weekday;
  slotCode: string;
  room: string | null;
  week: CourseWeek;
}

/** The file's words for a day, after foldKey(); ISO numbers (Monday = 1) work too. */
const weekdayByWord: Record<string, Weekday> = {
  lundi: 1, lun: 1, '1': 1,
  mardi: 2, mar: 2, '2': 2,
  mercredi: 3, mer: 3, '3': 3,
  jeudi: 4, jeu: 4, '4': 4,
  vendredi: 5, ven: 5, '5': 5,
  samedi: 6, sam: 6, '6': 6,
};

/** How a weekday reads in reasons and generated files. */
export const weekdayNames: Record<Weekday, string> = { 1: 'lundi', 2: 'mardi', 3: 'mercredi', 4: 'jeudi', 5: 'vendredi', 6: 'samedi' };

const weekByWord: Record<string, CourseWeek> = {
  '': 'all',
  toutes: 'all',
  tous: 'all',
  all: 'all',
  'toutes les semaines': 'all',
  a: 'A',
  b: 'B',
  'semaine a': 'A',
  'semaine b': 'B',
  'sem a': 'A',
  'sem b': 'B',
};

const required = (column: string, max: number) =>
  z
    .string()
    .transform(clean)
    .pipe(z.string().min(1, `${column} obligatoire`).max(max, `${column} trop long (${max} caractères au plus)`));

const courseSchema = z
  .object({
    classe: required('classe', 60),
    matiere: required('matière', ABSENCE_LIMITS.subject),
    enseignant: required('enseignant', 64),
    jour: z.string().transform((v, ctx) => {
      const day = weekdayByWord[foldKey(v)];
      if (day) return day;
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: clean(v) === '' ? 'jour obligatoire (lundi à samedi, ou 1 à 6)' : `jour « ${clean(v)} » invalide (lundi à samedi, ou 1 à 6)`,
      });
      return z.NEVER;
    }),
    creneau: required('créneau', 8),
    salle: z
      .string()
      .transform(clean)
      .pipe(z.string().max(ABSENCE_LIMITS.room, `salle trop longue (${ABSENCE_LIMITS.room} caractères au plus)`)),
    semaine: z.string().transform((v, ctx) => {
      const week = weekByWord[foldKey(v)];
      if (week) return week;
      ctx.issues.push({ code: 'custom', input: v, message: `semaine « ${clean(v)} » invalide (vide ou « toutes », « A », « B »)` });
      return z.NEVER;
    }),
  })
  .transform(
    (r): Omit<CourseRow, 'line'> => ({
      groupName: r.classe,
      subject: r.matiere,
      teacher: r.enseignant,
      weekday: r.jour,
      slotCode: r.creneau,
      room: r.salle || null,
      week: r.semaine,
    }),
  );

/** Decodes the courses file and checks each line on its own; the database checks come next. */
export function parseCoursesCsv(input: Buffer | Uint8Array | string): ParsedRows<Omit<CourseRow, 'line'>> {
  return readRows(input, {
    columns: courseColumns,
    schema: courseSchema,
    maxRows: ABSENCE_LIMITS.courses,
    emptyReason: 'aucun cours après l’en-tête : un fichier vide retirerait tout l’emploi du temps',
  });
}
