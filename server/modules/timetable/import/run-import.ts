import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../../db/client';
import { auditLog, schools } from '../../../../db/schema';
import type { ImportLineError } from '../../../contracts/directory';
import type { TimetableImportReport } from '../../../contracts/timetable';
import { allOrNothing, RejectedImport } from '../../../platform/all-or-nothing';
import { systemClock, type Clock } from '../../../platform/clock';
import type { ParsedRows } from './read-rows';

export interface TimetableImportDeps {
  db: Db;
  clock?: Clock;
}

export interface TimetableImportInput {
  schoolId: string;
  csv: Buffer | Uint8Array | string;
  dryRun: boolean;
  /** Who runs the import, for the audit trail; null or absent from the command line or the demo. */
  actorId?: string | null;
}

export type ImportCounts = Pick<TimetableImportReport, 'created' | 'updated' | 'unchanged' | 'removed'>;

/** The two halves of an import: checks that only read (adding refusals to `errors`), then writes. */
export interface ImportSteps<R, P> {
  check(tx: Tx, schoolId: string, rows: Array<R & { line: number }>, errors: ImportLineError[]): Promise<P>;
  write(tx: Tx, schoolId: string, plan: P, now: Date): Promise<ImportCounts>;
}

// one key for both timetable files, the school in the second key: a slots import and a courses
// import of the same school wait for each other (each checks what the other writes)
const TIMETABLE_LOCK = 7_310_003;

/**
 * Runs one timetable import all or nothing in one transaction: every refusal of the file and of
 * the database is reported with its line, and nothing is written unless there are none. A dry
 * run does the same work and rolls it back, so its report is the real one.
 */
export async function runTimetableImport<R, P>(
  kind: TimetableImportReport['kind'],
  deps: TimetableImportDeps,
  input: TimetableImportInput,
  parsed: ParsedRows<R>,
  steps: ImportSteps<R, P>,
): Promise<TimetableImportReport> {
  const refused = (errors: ImportLineError[]): TimetableImportReport => ({
    kind,
    dryRun: input.dryRun,
    applied: false,
    rows: parsed.rowCount,
    created: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    errors,
  });
  if (parsed.fatal) return refused(parsed.errors);
  return allOrNothing(
    (settle) =>
      deps.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(${TIMETABLE_LOCK}::int, hashtext(${input.schoolId}::text))`);
          const [school] = await tx.select({ id: schools.id }).from(schools).where(eq(schools.id, input.schoolId));
          if (!school) throw new Error(`Établissement introuvable : ${input.schoolId}`);
          const errors = [...parsed.errors];
          const plan = await steps.check(tx, school.id, parsed.rows, errors);
          if (errors.length > 0) throw new RejectedImport(errors.sort((a, b) => a.line - b.line));
          const now = (deps.clock ?? systemClock).now();
          const counts = await steps.write(tx, school.id, plan, now);
          const report: TimetableImportReport = { kind, dryRun: input.dryRun, applied: !input.dryRun, rows: parsed.rows.length, ...counts, errors: [] };
          if (!input.dryRun) {
            // counts only, like the directory import
            await tx.insert(auditLog).values({ schoolId: school.id, actorId: input.actorId ?? null, action: `timetable.import.${kind}`, meta: { rows: report.rows, ...counts }, at: now });
          }
          return settle(report);
      }),
    { dryRun: input.dryRun, refused },
  );
}
