import type { ImportLineError } from '../contracts/directory';

/** Thrown inside an import's transaction when a line is refused: everything rolls back. */
export class RejectedImport extends Error {
  constructor(readonly errors: ImportLineError[]) {
    super('import rejeté');
  }
}

// Thrown at the very end of a dry run so that the transaction rolls back everything it did.
class DryRunRollback<R> extends Error {
  constructor(readonly report: R) {
    super('simulation');
  }
}

/**
 * Runs an import all or nothing. `run` does the work in one transaction and hands its report
 * to `settle` last thing: on a dry run that rolls everything back, so the report is the real
 * one. A RejectedImport thrown inside rolls back and becomes the refusal's report.
 */
export async function allOrNothing<R>(
  run: (settle: (report: R) => R) => Promise<R>,
  opts: { dryRun: boolean; refused: (errors: ImportLineError[]) => R },
): Promise<R> {
  const settle = (report: R): R => {
    if (opts.dryRun) throw new DryRunRollback(report);
    return report;
  };
  try {
    return await run(settle);
  } catch (err) {
    if (err instanceof DryRunRollback) return err.report as R;
    if (err instanceof RejectedImport) return opts.refused(err.errors);
    throw err;
  }
}
