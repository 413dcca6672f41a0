import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { fileHeaders } from '../platform/uploads';
import { readRawBody } from './raw-body';
import { parseInput } from './validate';

interface StoredFile {
  name: string;
  mimeType: string;
  content: Buffer;
}

/**
 * An upload route (`POST <path>?name=…`, the file as the raw body, checked by the store) and its
 * download route (`GET <path>/:id`, served never as a page): the same pair for every capability
 * that takes files.
 */
export function fileRoutes(
  router: Router,
  path: string,
  opts: {
    maxBytes: number;
    tooLarge: string;
    store: (ctx: Context, name: string, content: Buffer) => Promise<unknown>;
    load: (ctx: Context, id: string) => Promise<StoredFile>;
  },
): void {
  router.post(path, async (ctx) => {
    const name = parseInput(z.string().trim().min(1).max(255), ctx.query.name);
    const content = await readRawBody(ctx, opts.maxBytes, opts.tooLarge);
    ctx.status = 201;
    ctx.body = await opts.store(ctx, name, content);
  });
  router.get(`${path}/:id`, async (ctx) => {
    const file = await opts.load(ctx, parseInput(z.string().uuid(), ctx.params.id));
    ctx.set(fileHeaders(file));
    ctx.body = file.content;
  });
}
