import Router from '@koa/router';
import { z } from 'zod';
import { audienceSchema, feedQuerySchema, NEWS_LIMITS, newsSaveSchema, reviewSchema } from '../../contracts/news';
import type { HubDeps } from '../../http/deps';
import { fileRoutes } from '../../http/file-routes';
import { schoolScope } from '../../http/school-scope';
import { parseInput } from '../../http/validate';
import { loadAttachment, storeAttachment } from './attachments';
import { countAudience, feed, getNews, mine, queue, readStats } from './news.queries';
import { createNews, recordRead, reviewNews, updateNews, withdrawNews } from './news.service';

const idParam = z.string().uuid();

/** Actualités: feeds, composer, validation, read receipts, attachments. */
export function newsRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai/news' });
  router.use(schoolScope(deps));
  const now = () => deps.clock.now();

  router.get('/', async (ctx) => {
    const q = parseInput(feedQuerySchema, ctx.query);
    ctx.body = await feed(deps.db, ctx.state.actor, ctx.state.school, now(), {
      category: q.category,
      unreadFirst: q.unreadFirst === '1',
      limit: q.limit,
      before: q.before ? new Date(q.before) : undefined,
    });
  });

  router.get('/mine', async (ctx) => {
    ctx.body = await mine(deps.db, ctx.state.actor, ctx.state.school, now());
  });

  router.get('/queue', async (ctx) => {
    ctx.body = await queue(deps.db, ctx.state.actor, ctx.state.school, now());
  });

  router.post('/audience-count', async (ctx) => {
    const { audience } = parseInput(z.object({ audience: audienceSchema }).strict(), ctx.request.body);
    ctx.body = await countAudience(deps.db, ctx.state.actor, ctx.state.school, audience);
  });

  fileRoutes(router, '/attachments', {
    maxBytes: NEWS_LIMITS.attachmentBytes,
    tooLarge: 'Fichier trop volumineux (5 Mo au plus).',
    store: (ctx, name, content) => storeAttachment(deps.db, ctx.state.actor, ctx.state.school, name, content),
    load: (ctx, id) => loadAttachment(deps.db, ctx.state.actor, ctx.state.school, id),
  });

  router.post('/', async (ctx) => {
    const input = parseInput(newsSaveSchema, ctx.request.body);
    const id = await createNews(deps, ctx.state.actor, ctx.state.school, input);
    ctx.status = 201;
    ctx.body = await getNews(deps.db, ctx.state.actor, ctx.state.school, id, now());
  });

  router.get('/:id', async (ctx) => {
    ctx.body = await getNews(deps.db, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id), now());
  });

  router.patch('/:id', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    await updateNews(deps, ctx.state.actor, ctx.state.school, id, parseInput(newsSaveSchema, ctx.request.body));
    ctx.body = await getNews(deps.db, ctx.state.actor, ctx.state.school, id, now());
  });

  router.post('/:id/review', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    const { decision, comment } = parseInput(reviewSchema, ctx.request.body);
    await reviewNews(deps, ctx.state.actor, ctx.state.school, id, decision, comment);
    ctx.body = await getNews(deps.db, ctx.state.actor, ctx.state.school, id, now());
  });

  router.post('/:id/withdraw', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    await withdrawNews(deps, ctx.state.actor, ctx.state.school, id);
    ctx.body = await getNews(deps.db, ctx.state.actor, ctx.state.school, id, now());
  });

  router.post('/:id/read', async (ctx) => {
    await recordRead(deps, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id), false);
    ctx.status = 204;
  });

  router.post('/:id/acknowledge', async (ctx) => {
    await recordRead(deps, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id), true);
    ctx.status = 204;
  });

  router.get('/:id/stats', async (ctx) => {
    ctx.body = await readStats(deps.db, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id));
  });

  return router;
}
