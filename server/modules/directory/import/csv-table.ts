import { CsvError, parse } from 'csv-parse/sync';
import type { ImportLineError } from '../../../contracts/directory';
import { decodeCsv, detectDelimiter, type CsvEncoding } from './decode';

// What every school CSV import shares (directory, timetable): decoding, csv-parse with exact
// line numbers, and a header matched through aliases. Each file kind brings its own columns.

/** Lowercase, accents stripped, separators collapsed: "Prénom", "PRENOM" and "pré_nom " compare equal. */
export function foldKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_\-'’.]+/g, ' ')
    .trim();
}

/** The columns one kind of file knows. */
export interface CsvColumns<K extends string> {
  /** In their documented order (error messages list them so). */
  keys: readonly K[];
  /** Without these in the header, no line can be understood. */
  required: readonly K[];
  /** The column a header cell names, or null when it names none. */
  forHeader(cell: string): K | null;
}

/** Columns whose header cells are recognised through aliases, compared after foldKey(). */
export function csvColumns<K extends string>(keys: readonly K[], required: readonly K[], aliases: Record<K, string[]>): CsvColumns<K> {
  const byAlias = new Map<string, K>(keys.flatMap((key) => aliases[key].map((alias) => [foldKey(alias), key] as [string, K])));
  return { keys, required, forHeader: (cell) => byAlias.get(foldKey(cell)) ?? null };
}

/** One record of the file with the line it starts on (1-based; the header is usually line 1). */
export interface CsvLine {
  cells: string[];
  line: number;
}

export type CsvTable<K extends string> =
  | { ok: true; encoding: CsvEncoding; header: CsvLine; columns: Array<K | null>; lines: CsvLine[] }
  | { ok: false; encoding: CsvEncoding; rowCount: number; errors: ImportLineError[] };

interface RawRecord {
  record: string[];
  info: { lines: number };
}

const csvErrorReasons: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'guillemet ouvert et jamais refermé',
  CSV_INVALID_CLOSING_QUOTE: 'guillemet fermant suivi d’autre chose que le séparateur',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'caractère inattendu après un guillemet fermant',
};

/**
 * Decodes a file and splits it into records under a checked header. Not ok when nothing can be
 * read line by line (not a CSV, empty, broken quoting, bad header, more than maxRows lines).
 * Zero data lines is ok here: what an empty file would mean depends on the kind of file.
 */
export function readCsvTable<K extends string>(input: Buffer | Uint8Array | string, columns: CsvColumns<K>, maxRows: number): CsvTable<K> {
  const { text: decoded, encoding } = decodeCsv(input);
  const fail = (rowCount: number, errors: ImportLineError[]): CsvTable<K> => ({ ok: false, encoding, rowCount, errors });
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
      to: maxRows + 2,
    }) as unknown as RawRecord[];
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = Number((err as unknown as { lines?: number }).lines) || 1;
    return fail(0, [{ line, reason: `CSV illisible à partir de cette ligne : ${csvErrorReasons[err.code] ?? err.message}` }]);
  }

  const [header, ...lines] = records.map((r) => ({ cells: r.record, line: startLine(r) }));
  if (!header) return fail(0, [{ line: 1, reason: 'fichier vide : la première ligne doit être l’en-tête des colonnes' }]);
  if (lines.length > maxRows) return fail(lines.length, [{ line: 1, reason: `fichier trop long : plus de ${maxRows.toLocaleString('fr-FR')} lignes` }]);
  const headerResult = readHeader(header.cells, columns);
  if (!headerResult.ok) return fail(lines.length, headerResult.errors.map((reason) => ({ line: header.line, reason })));
  return { ok: true, encoding, header, columns: headerResult.columns, lines };
}

/** A data line's cells keyed by column ('' when missing), or its error when it has more values than columns. */
export function cellsByColumn<K extends string>(
  { cells, line }: CsvLine,
  columns: Array<K | null>,
  keys: readonly K[],
): { ok: true; raw: Record<K, string> } | { ok: false; error: ImportLineError } {
  if (cells.length > columns.length) {
    return { ok: false, error: { line, reason: `${cells.length} valeurs pour ${columns.length} colonnes (séparateur en trop, ou valeur à mettre entre guillemets ?)` } };
  }
  const raw = Object.fromEntries(keys.map((key) => [key, ''])) as Record<K, string>;
  columns.forEach((key, i) => key && (raw[key] = cells[i] ?? ''));
  return { ok: true, raw };
}

// csv-parse reports the line a record ends on; a quoted value may span lines
function startLine(r: RawRecord): number {
  const inner = r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return r.info.lines - inner;
}

// a blank header cell (Excel's trailing separator) is a column to ignore
function readHeader<K extends string>(cells: string[], spec: CsvColumns<K>): { ok: true; columns: Array<K | null> } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const columns: Array<K | null> = [];
  for (const cell of cells) {
    const key = spec.forHeader(cell);
    if (cell.trim() === '') columns.push(null);
    else if (key === null) errors.push(`colonne inconnue « ${cell.trim().slice(0, 40)} » (colonnes possibles : ${spec.keys.join(', ')})`);
    else if (columns.includes(key)) errors.push(`colonne « ${key} » présente deux fois`);
    else columns.push(key);
  }
  const missing = spec.required.filter((key) => !columns.includes(key));
  if (missing.length > 0) errors.unshift(`colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} de l’en-tête : ${missing.join(', ')}`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns };
}
