import { z } from 'zod';
import { ABSENCE_LIMITS } from '../../../contracts/absence-rules';
import type { ImportLineError } from '../../../contracts/directory';
import { csvColumns } from '../../directory/import/csv-table';
import { clean, readRows, type ParsedRows } from './read-rows';

export const slotColumnKeys = ['code', 'debut', 'fin'] as const;
type SlotColumn = (typeof slotColumnKeys)[number];

// compared after foldKey(): "Début", "HEURE DE DÉBUT" and "heure_debut" all name `debut`
const slotColumns = csvColumns<SlotColumn>(slotColumnKeys, slotColumnKeys, {
  code: ['code', 'creneau', 'code creneau', 'slot', 'nom'],
  debut: ['debut', 'heure debut', 'heure de debut', 'start', 'commence'],
  fin: ['fin', 'heure fin', 'heure de fin', 'end', 'termine'],
});

/** One valid line of the slots file. */
export interface SlotRow {
  line: number;
  code: string;
  /** "HH:MM". */
  startTime: string;
  endTime: string;
}

/** Slot codes match whatever their case: "m1" in the courses file is the slot "M1". */
export function slotKey(code: string): string {
  return code.toLocaleUpperCase('fr-FR');
}

/**
 * "8h00", "8h", "08:00", "8:00" and Excel's "08:00:00" to "08:00"; null when it is no time of day.
 * Exported for the courses file and the tests.
 */
export function parseTimeOfDay(value: string): string | null {
  const m = /^(\d{1,2})(?::(\d{2})(?::00)?|h(\d{2})?)$/i.exec(value.replace(/\s+/g, ''));
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? m[3] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

const time = (column: string) =>
  z.string().transform((v, ctx) => {
    const t = parseTimeOfDay(clean(v));
    if (t) return t;
    ctx.issues.push({
      code: 'custom',
      input: v,
      message: clean(v) === '' ? `${column} obligatoire (ex. 8h00 ou 08:00)` : `${column} « ${clean(v)} » invalide (ex. 8h00 ou 08:00)`,
    });
    return z.NEVER;
  });

const slotSchema = z
  .object({
    code: z
      .string()
      .transform(clean)
      .pipe(z.string().min(1, 'code du créneau obligatoire').max(8, 'code du créneau trop long (8 caractères au plus)')),
    debut: time('heure de début'),
    fin: time('heure de fin'),
  })
  .superRefine((s, ctx) => {
    if (s.debut >= s.fin) ctx.addIssue({ code: 'custom', message: `le créneau doit finir après son début (${s.debut} – ${s.fin})` });
  })
  .transform((s): Omit<SlotRow, 'line'> => ({ code: s.code, startTime: s.debut, endTime: s.fin }));

/** Decodes and checks the slots file: each line, then unique codes and no overlap between valid lines. */
export function parseSlotsCsv(input: Buffer | Uint8Array | string): ParsedRows<Omit<SlotRow, 'line'>> {
  const parsed = readRows(input, {
    columns: slotColumns,
    schema: slotSchema,
    maxRows: ABSENCE_LIMITS.slots,
    emptyReason: 'aucun créneau après l’en-tête : il faut au moins un créneau',
    keyOf: (raw) => slotKey(clean(raw.code)),
  });
  if (parsed.fatal) return parsed;
  return { ...parsed, errors: [...parsed.errors, ...crossRowErrors(parsed.rows)].sort((a, b) => a.line - b.line) };
}

function crossRowErrors(rows: SlotRow[]): ImportLineError[] {
  const errors: ImportLineError[] = [];
  const lineOfCode = new Map<string, number>();
  const unique: SlotRow[] = [];
  for (const row of rows) {
    const seenAt = lineOfCode.get(slotKey(row.code));
    if (seenAt) errors.push({ line: row.line, reason: `code « ${row.code} » déjà utilisé ligne ${seenAt}` });
    else {
      lineOfCode.set(slotKey(row.code), row.line);
      unique.push(row);
    }
  }
  // in time order, each slot must start once every earlier one has ended
  const sorted = [...unique].sort((a, b) => a.startTime.localeCompare(b.startTime) || a.line - b.line);
  let latest: SlotRow | null = null;
  for (const row of sorted) {
    if (latest && row.startTime < latest.endTime) {
      errors.push({
        line: row.line,
        reason: `le créneau ${row.code} (${row.startTime}–${row.endTime}) chevauche ${latest.code} (${latest.startTime}–${latest.endTime}, ligne ${latest.line})`,
      });
    }
    if (!latest || row.endTime > latest.endTime) latest = row;
  }
  return errors;
}
