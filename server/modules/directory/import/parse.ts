import type { ImportLineError } from '../../../contracts/directory';
import { columnKeys, directoryColumns, rowSchema, type ColumnKey, type ImportRow } from './csv-format';
import { cellsByColumn, readCsvTable } from './csv-table';
import type { CsvEncoding } from './decode';

/** Largest file accepted, in data lines: a big lycée has a few thousand people. */
export const MAX_ROWS = 20_000;

/** A decoded and checked file; `rows` holds only the valid lines, `errors` every problem found so far. */
export interface ParsedFile {
  /** Header or syntax problem: no line could be read, nothing more is worth checking. */
  fatal: boolean;
  rows: ImportRow[];
  errors: ImportLineError[];
  /** Data lines in the file, valid or not. */
  rowCount: number;
  /** Ids of every data line, valid or not: a guardian's child on a bad line is not "unknown". */
  fileIds: ReadonlySet<string>;
  columns: ReadonlySet<ColumnKey>;
  encoding: CsvEncoding;
}

/** Decodes and validates a whole directory file, listing every bad line with its number. */
export function parseDirectoryCsv(input: Buffer | Uint8Array | string): ParsedFile {
  const table = readCsvTable(input, directoryColumns, MAX_ROWS);
  const fail = (rowCount: number, errors: ImportLineError[]): ParsedFile => ({
    fatal: true,
    rows: [],
    errors,
    rowCount,
    fileIds: new Set(),
    columns: new Set(),
    encoding: table.encoding,
  });
  if (!table.ok) return fail(table.rowCount, table.errors);
  const { header, columns, lines: data } = table;
  if (data.length === 0) return fail(0, [{ line: header.line, reason: 'aucune ligne après l’en-tête : un fichier vide désactiverait tout l’annuaire' }]);

  const errors: ImportLineError[] = [];
  const rows: ImportRow[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const dataLine of data) {
    const { cells, line } = dataLine;
    const id = (cells[columns.indexOf('id')] ?? '').trim();
    const seenAt = firstLineOfId.get(id);
    if (id && seenAt) errors.push({ line, reason: `id « ${id} » déjà utilisé ligne ${seenAt}` });
    else if (id) firstLineOfId.set(id, line);
    const cellsOf = cellsByColumn(dataLine, columns, columnKeys);
    if (!cellsOf.ok) {
      errors.push(cellsOf.error);
      continue;
    }
    const parsed = rowSchema.safeParse(cellsOf.raw);
    if (parsed.success) rows.push({ line, ...parsed.data });
    else errors.push(...parsed.error.issues.map((issue) => ({ line, reason: issue.message })));
  }
  errors.push(...crossRowErrors(rows));
  return {
    fatal: false,
    rows,
    errors: errors.sort((a, b) => a.line - b.line),
    rowCount: data.length,
    fileIds: new Set(firstLineOfId.keys()),
    columns: new Set(columns.filter((c): c is ColumnKey => c !== null)),
    encoding: table.encoding,
  };
}

/** Rules between valid lines: unique logins, children that are students, one class per student. */
function crossRowErrors(rows: ImportRow[]): ImportLineError[] {
  const errors: ImportLineError[] = [];
  const lineById = new Map<string, ImportRow>();
  const lineByLogin = new Map<string, number>();
  const classNames = new Set(rows.flatMap((r) => (r.className ? [r.className.toLocaleUpperCase('fr-FR')] : [])));
  for (const row of rows) {
    if (!lineById.has(row.externalId)) lineById.set(row.externalId, row);
    if (row.login) {
      const loginLine = lineByLogin.get(row.login);
      if (loginLine) errors.push({ line: row.line, reason: `identifiant « ${row.login} » déjà utilisé ligne ${loginLine}` });
      else lineByLogin.set(row.login, row.line);
    }
    if (row.profile === 'student') {
      for (const name of row.groupNames) {
        if (classNames.has(name.toLocaleUpperCase('fr-FR'))) {
          errors.push({ line: row.line, reason: `« ${name} » est une classe : un élève n’a qu’une classe, celle de la colonne classe` });
        }
      }
    }
  }
  for (const row of rows) {
    for (const childId of row.childIds) {
      const child = lineById.get(childId);
      if (child && child.profile !== 'student') errors.push({ line: row.line, reason: `enfant « ${childId} » : la ligne ${child.line} n’est pas un élève` });
    }
  }
  return errors;
}
