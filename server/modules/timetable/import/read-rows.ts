import type { z } from 'zod';
import type { ImportLineError } from '../../../contracts/directory';
import { cellsByColumn, readCsvTable, type CsvColumns } from '../../directory/import/csv-table';

/** A decoded and checked timetable file: only valid lines in `rows`, every problem in `errors`. */
export interface ParsedRows<R> {
  /** Nothing could be read line by line (not a CSV, bad header, empty, too long). */
  fatal: boolean;
  rows: Array<R & { line: number }>;
  errors: ImportLineError[];
  /** Data lines in the file, valid or not. */
  rowCount: number;
  /** keyOf() of every data line, valid or not: what a refused line names is still "in the file". */
  keys: ReadonlySet<string>;
}

export interface RowsSpec<K extends string, R> {
  columns: CsvColumns<K>;
  /** Raw cells keyed by column in, one line's values out; its issues become the line's reasons. */
  schema: z.ZodType<R>;
  maxRows: number;
  /** Why a header without data lines is refused: the file replaces everything, so empty would erase it all. */
  emptyReason: string;
  /** What identifies a line's subject, from its raw cells (the slot code); '' for none. */
  keyOf?: (raw: Record<K, string>) => string;
}

/** Reads a timetable CSV with the directory import's rules (encodings, delimiters, aliases, line numbers). */
export function readRows<K extends string, R>(input: Buffer | Uint8Array | string, spec: RowsSpec<K, R>): ParsedRows<R> {
  const table = readCsvTable(input, spec.columns, spec.maxRows);
  const fail = (errors: ImportLineError[], rowCount: number): ParsedRows<R> => ({ fatal: true, rows: [], errors, rowCount, keys: new Set() });
  if (!table.ok) return fail(table.errors, table.rowCount);
  if (table.lines.length === 0) return fail([{ line: table.header.line, reason: spec.emptyReason }], 0);
  const keys = new Set<string>();
  const rows: Array<R & { line: number }> = [];
  const errors: ImportLineError[] = [];
  for (const dataLine of table.lines) {
    const cells = cellsByColumn(dataLine, table.columns, spec.columns.keys);
    if (!cells.ok) {
      errors.push(cells.error);
      continue;
    }
    const key = spec.keyOf?.(cells.raw) ?? '';
    if (key) keys.add(key);
    const parsed = spec.schema.safeParse(cells.raw);
    if (parsed.success) rows.push({ ...parsed.data, line: dataLine.line });
    else errors.push(...parsed.error.issues.map((issue) => ({ line: dataLine.line, reason: issue.message })));
  }
  return { fatal: false, rows, errors, rowCount: table.lines.length, keys };
}

/** Whitespace runs (non-breaking spaces from Excel included) made single spaces, ends trimmed. */
export const clean = (v: string) => v.replace(/[\s\u00a0]+/g, ' ').trim();
