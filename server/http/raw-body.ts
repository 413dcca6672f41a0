import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { AppError } from './errors';

/** The request body as bytes, refused past `limit` with a clear 413 (uploads, CSV files). */
export async function readRawBody(ctx: Context, limit: number, tooLargeMessage: string): Promise<Buffer> {
  try {
    return await getRawBody(ctx.req, { limit, length: ctx.get('content-length') || undefined });
  } catch (err: any) {
    if (err?.type === 'entity.too.large') throw new AppError('payload_too_large', tooLargeMessage);
    throw err;
  }
}
