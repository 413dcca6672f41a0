import type { Context } from 'koa';
import { z } from 'zod';
import { AppError } from './errors';
import { readRawBody } from './raw-body';
import { parseInput } from './validate';

const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** The CSV file of an import request (raw body, text/csv) and whether it is a dry run (`?dryRun=1`). */
export async function readCsvUpload(ctx: Context): Promise<{ csv: Buffer; dryRun: boolean }> {
  if (!ctx.is('text/csv', 'text/plain', 'application/octet-stream')) {
    throw new AppError('unsupported_media_type', 'Envoyez le fichier CSV avec le type text/csv.');
  }
  const dryRun = parseInput(z.enum(['0', '1', 'true', 'false']).default('0'), ctx.query.dryRun);
  const csv = await readRawBody(ctx, IMPORT_MAX_BYTES, 'Fichier trop volumineux (10 Mo au plus).');
  return { csv, dryRun: dryRun === '1' || dryRun === 'true' };
}

/** Answers an import: the report, or a 422 carrying it when a line was refused (nothing was imported). */
export function sendImportReport(ctx: Context, report: { errors: unknown[] }): void {
  if (report.errors.length > 0) {
    ctx.status = 422;
    ctx.body = { error: { code: 'import_invalid', message: `Le fichier contient ${report.errors.length} ligne(s) en erreur : rien n’a été importé.`, details: report } };
    return;
  }
  ctx.body = report;
}
