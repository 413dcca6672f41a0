import Router from '@koa/router';
import { eq } from 'drizzle-orm';
import { Feed } from 'feed';
import { schools } from '../../../db/schema';
import { uaiSchema } from '../../contracts/directory';
import type { HubDeps } from '../../http/deps';
import { notFound } from '../../http/errors';
import { parseInput } from '../../http/validate';
import { publicNews } from './public.queries';
import { plainText } from '../../platform/rich-text';

const CATEGORY_LABELS: Record<string, string> = {
  vie_scolaire: 'Vie scolaire',
  pedagogie: 'Pédagogie',
  orientation: 'Orientation',
  evenement: 'Événement',
  restauration: 'Restauration',
  urgent: 'Urgent',
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The school's public news page and Atom feed, for its website (no sign-in). */
export function publicNewsRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/s/:uai' });

  router.use(async (ctx, next) => {
    const uai = parseInput(uaiSchema, ctx.params.uai);
    const [school] = await deps.db.select().from(schools).where(eq(schools.uai, uai));
    if (!school) throw notFound('Établissement introuvable.');
    ctx.state.school = school;
    await next();
  });

  router.get('/actualites.atom', async (ctx) => {
    const { school } = ctx.state;
    const base = deps.config.publicUrl;
    const items = await publicNews(deps.db, school, deps.clock.now());
    const pageUrl = `${base}/s/${school.uai}/actualites`;
    const feed = new Feed({
      title: `Actualités — ${school.name}`,
      id: `${pageUrl}`,
      link: pageUrl,
      language: 'fr',
      updated: items[0]?.updatedAt ?? school.updatedAt,
      generator: 'Préau',
      copyright: school.name,
      feedLinks: { atom: `${pageUrl}.atom` },
      author: { name: school.name, link: pageUrl },
    });
    for (const item of items) {
      feed.addItem({
        // the library marks titles and summaries type="html": plain text must be escaped to stay text
        title: escapeHtml(item.title),
        id: `urn:uuid:${item.id}`,
        link: `${pageUrl}#${item.id}`,
        date: item.updatedAt,
        published: item.publishedAt ?? item.updatedAt,
        description: escapeHtml(plainText(item.bodyHtml).slice(0, 300)),
        content: item.bodyHtml,
        category: [{ name: CATEGORY_LABELS[item.category] }],
        author: [{ name: school.name }],
      });
    }
    ctx.type = 'application/atom+xml; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = feed.atom1();
  });

  router.get('/actualites', async (ctx) => {
    const { school } = ctx.state;
    const items = await publicNews(deps.db, school, deps.clock.now());
    const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: school.timeZone });
    const articles = items
      .map(
        (i) => `<article id="${i.id}">
  <p class="meta"><span class="tag">${escapeHtml(CATEGORY_LABELS[i.category])}</span> <time datetime="${(i.publishedAt ?? i.updatedAt).toISOString()}">${escapeHtml(date.format(i.publishedAt ?? i.updatedAt))}</time></p>
  <h2>${escapeHtml(i.title)}</h2>
  <div class="body">${i.bodyHtml}</div>
</article>`,
      )
      .join('\n');
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Actualités — ${escapeHtml(school.name)}</title>
<link rel="alternate" type="application/atom+xml" title="Actualités — ${escapeHtml(school.name)}" href="/s/${school.uai}/actualites.atom">
<style>
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f3f4f6}
header{background:${/^#[0-9a-fA-F]{6}$/.test(school.branding.color) ? school.branding.color : '#1d4ed8'};color:#fff;padding:1.5rem 1rem}
header h1{margin:0 auto;max-width:46rem;font-size:1.6rem}
main{max-width:46rem;margin:1.5rem auto;padding:0 1rem}
article{background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:1.25rem 1.5rem;margin-bottom:1rem}
article h2{margin:.25rem 0 .5rem;font-size:1.25rem}
.meta{margin:0;color:#4b5563;font-size:.9rem}.tag{font-weight:600;color:#1f2937}
.empty{color:#4b5563}footer{max-width:46rem;margin:2rem auto;padding:0 1rem;color:#4b5563;font-size:.85rem}
a{color:#1d4ed8}
</style>
</head>
<body>
<header><h1>Actualités — ${escapeHtml(school.name)}</h1></header>
<main>
${articles || '<p class="empty">Aucune actualité publique pour le moment.</p>'}
</main>
<footer>Publié avec Préau · <a href="/s/${school.uai}/actualites.atom">Flux Atom</a></footer>
</body>
</html>`;
  });

  return router;
}
