import { CsvError, parse } from 'csv-parse/sync';
import type { ImportLineError } from '../../../contracts/directory';
import { columnForHeader, columnKeys, requiredColumns, rowSchema, type ColumnKey, type ImportRow } from './csv-format';
import { decodeCsv, detectDelimiter, type CsvEncoding } from './decode';

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

interface RawRecord {
  record: string[];
  info: { lines: number };
}

const csvErrorReasons: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'guillemet ouvert et jamais refermé',
  CSV_INVALID_CLOSING_QUOTE: 'guillemet fermant suivi d’autre chose que le séparateur',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'caractère inattendu après un guillemet fermant',
};

/** Decodes and validates a whole directory file, listing every bad line with its number. */
export function parseDirectoryCsv(input: Buffer | Uint8Array | string): ParsedFile {
  const { text: decoded, encoding } = decodeCsv(input);
  const fail = (rowCount: number, errors: ImportLineError[]): ParsedFile => ({
    fatal: true,
    rows: [],
    errors,
    rowCount,
    fileIds: new Set(),
    columns: new Set(),
    encoding,
  });
  // the most common wrong upload: the spreadsheet itself (a zip) or another binary file
  if (decoded.startsWith('PK\u0003\u0004') || decoded.includes('\u0000')) {
    return fail(0, [{ line: 1, reason: 'ce n’est pas un fichier CSV (classeur Excel ?) : enregistrez-le au format « CSV (séparateur : point-virgule) »' }]);
  }
  // csv-parse miscounts lines after a quoted field spanning a CRLF; LF only keeps numbers exact
  const text = decoded.replace(/\r\n?/g, '\n');
  const headerLine = text.split('\n').find((l) => l.trim() !== '');
  if (headerLine === undefined) return fail(0, [{ line: 1, reason: 'fichier vide : la première ligne doit être l’en-tête des colonnes' }]);

  let records: RawRecord[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(headerLine),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      // Excel leaves lines of bare separators below the data
      skip_records_with_empty_values: true,
      // header + the maximum + one, to tell "too long" without reading a huge file
      to: MAX_ROWS + 2,
    }) as unknown as RawRecord[];
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = Number((err as unknown as { lines?: number }).lines) || 1;
    return fail(0, [{ line, reason: `CSV illisible à partir de cette ligne : ${csvErrorReasons[err.code] ?? err.message}` }]);
  }

  const [header, ...data] = records.map((r) => ({ cells: r.record, line: startLine(r) }));
  if (!header) return fail(0, [{ line: 1, reason: 'fichier vide : la première ligne doit être l’en-tête des colonnes' }]);
  if (data.length > MAX_ROWS) return fail(data.length, [{ line: 1, reason: `fichier trop long : plus de ${MAX_ROWS.toLocaleString('fr-FR')} lignes` }]);

  const headerResult = readHeader(header.cells);
  if (!headerResult.ok) return fail(data.length, headerResult.errors.map((reason) => ({ line: header.line, reason })));
  const { columns } = headerResult;
  if (data.length === 0) return fail(0, [{ line: header.line, reason: 'aucune ligne après l’en-tête : un fichier vide désactiverait tout l’annuaire' }]);

  const errors: ImportLineError[] = [];
  const rows: ImportRow[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const { cells, line } of data) {
    const id = (cells[columns.indexOf('id')] ?? '').trim();
    const seenAt = firstLineOfId.get(id);
    if (id && seenAt) errors.push({ line, reason: `id « ${id} » déjà utilisé ligne ${seenAt}` });
    else if (id) firstLineOfId.set(id, line);
    if (cells.length > columns.length) {
      errors.push({ line, reason: `${cells.length} valeurs pour ${columns.length} colonnes (séparateur en trop, ou valeur à mettre entre guillemets ?)` });
      continue;
    }
    const raw = Object.fromEntries(columnKeys.map((key) => [key, '']));
    columns.forEach((key, i) => key && (raw[key] = cells[i] ?? ''));
    const parsed = rowSchema.safeParse(raw);
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
    encoding,
  };
}

// csv-parse reports the line a record ends on; a quoted value may span lines
function startLine(r: RawRecord): number {
  const inner = r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return r.info.lines - inner;
}

// a blank header cell (Excel's trailing separator) is a column to ignore
function readHeader(cells: string[]): { ok: true; columns: Array<ColumnKey | null> } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const columns: Array<ColumnKey | null> = [];
  for (const cell of cells) {
    const key = columnForHeader(cell);
    if (cell.trim() === '') columns.push(null);
    else if (key === null) errors.push(`colonne inconnue « ${cell.trim().slice(0, 40)} » (colonnes possibles : ${columnKeys.join(', ')})`);
    else if (columns.includes(key)) errors.push(`colonne « ${key} » présente deux fois`);
    else columns.push(key);
  }
  const missing = requiredColumns.filter((key) => !columns.includes(key));
  if (missing.length > 0) errors.unshift(`colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} de l’en-tête : ${missing.join(', ')}`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns };
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
