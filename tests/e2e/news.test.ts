import { describe, expect, it } from 'vitest';
import { browserHubForFile, useSession, watchErrors } from '../helpers/browser';
import { addToGroup, createGroup, createPerson, createSchool, linkGuardian, TEST_PASSWORD } from '../helpers/factories';
import { signIn } from '../helpers/http-client';

/** The smallest PNG there is: one transparent pixel. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);

const env = browserHubForFile();

/** The id of the focused element, through the shadow roots of the components around it. */
function deepActiveId(): string | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el?.id ?? null;
}

async function openAs(login: string, viewport = { width: 1280, height: 900 }) {
  const session = await signIn(env.hub.url, login);
  const context = await env.browser.newContext({ viewport, locale: 'fr-FR' });
  await useSession(context, session.cookie, env.hub.url);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page), session };
}

async function collège() {
  const db = env.hub.database.db;
  const school = await createSchool(db, { name: 'Collège Jean Moulin' });
  const c4B = await createGroup(db, school.id, '4B');
  const teacher = await createPerson(db, school.id, 'teacher', { firstName: 'Claire', lastName: 'Moreau' });
  const student = await createPerson(db, school.id, 'student', { firstName: 'Léa', lastName: 'Durand' });
  const guardian = await createPerson(db, school.id, 'guardian', { firstName: 'Marc', lastName: 'Durand' });
  const direction = await createPerson(db, school.id, 'direction', { firstName: 'Anne', lastName: 'Vasseur' });
  await addToGroup(db, c4B.id, teacher.id, 'teacher');
  await addToGroup(db, c4B.id, student.id);
  await linkGuardian(db, school.id, guardian.id, student.id);
  return { school, c4B, teacher, student, guardian, direction };
}

describe('web client news', () => {
  it('takes a teacher’s item through validation to a guardian’s open feed, and shows the teacher who read it', async () => {
    const { teacher, guardian, direction } = await collège();
    const title = 'Réunion parents-professeurs du 4 décembre';

    // 1. the guardian signs in and stays on the feed
    const parentContext = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const parent = await parentContext.newPage();
    const parentErrors = watchErrors(parent);
    await parent.goto(env.hub.url + '/');
    await parent.getByLabel('Identifiant').fill(guardian.login);
    await parent.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
    await parent.getByRole('button', { name: 'Se connecter' }).click();
    await parent.getByRole('heading', { name: 'Bonjour Marc' }).waitFor();
    await parent.getByText('Aucune actualité pour l’instant').waitFor();
    await parent.getByRole('status').getByText('Connecté', { exact: true }).waitFor();
    const nav = parent.getByRole('navigation', { name: 'Navigation principale' });
    expect((await nav.getByRole('link').allTextContents()).map((s) => s.trim())).toEqual(['Actualités', 'Fil en direct']);
    expect(await nav.getByRole('link', { name: 'Actualités' }).getAttribute('aria-current')).toBe('page');
    await parent.evaluate(() => ((window as unknown as { preauMarker: number }).preauMarker = 7));

    // 2. the teacher writes to every guardian of the school: wider than her classes, so it goes to validation
    const t = await openAs(teacher.login);
    await t.page.goto(env.hub.url + '/');
    await t.page.getByRole('navigation').getByRole('link', { name: 'Rédiger' }).click();
    await t.page.getByRole('heading', { name: 'Rédiger une actualité' }).waitFor();
    await t.page.getByLabel('Titre *').fill(title);
    const editor = t.page.getByRole('textbox', { name: 'Texte *' });
    await editor.click();
    await t.page.keyboard.type('Les professeurs de 4e reçoivent les familles ');
    await t.page.getByRole('button', { name: 'Gras' }).click();
    await t.page.keyboard.type('jeudi 4 décembre de 17 h à 20 h');
    await t.page.getByRole('button', { name: 'Gras' }).click();
    await t.page.keyboard.type('. Prenez rendez-vous auprès de la vie scolaire.');
    await t.page.getByLabel('Catégorie *').selectOption('vie_scolaire');
    await t.page.getByRole('checkbox', { name: 'Tous les responsables' }).check();
    await t.page.getByRole('checkbox', { name: '4B' }).check();
    // the class's guardians are already in the school-wide choice: only its students are added
    await t.page.getByTestId('audience-count').getByText('2 personnes concernées').waitFor();
    expect(await t.page.getByTestId('audience-summary').textContent()).toContain('Tous les responsables · Élèves — 4B');
    await t.page.getByRole('checkbox', { name: '4B' }).uncheck();
    await t.page.getByTestId('audience-count').getByText('1 personne concernée').waitFor();
    await t.page.getByTestId('audience-summary').getByText('envoyée à la direction pour validation').waitFor();
    await t.page.getByRole('button', { name: 'Envoyer pour validation' }).waitFor();
    await t.page.screenshot({ path: '/tmp/preau-news-composer.png', fullPage: true });

    // the preview shows the text as readers will see it
    await t.page.getByRole('tab', { name: 'Aperçu' }).click();
    await t.page.getByTestId('news-title').getByText(title).waitFor();
    expect(await t.page.getByTestId('news-body').innerHTML()).toMatch(/<b>jeudi 4 décembre de 17 h à 20 h<\/b>/);
    await t.page.getByRole('tab', { name: 'Rédaction' }).click();

    await t.page.getByRole('button', { name: 'Envoyer pour validation' }).click();
    await t.page.getByText('Actualité envoyée à la direction pour validation.').waitFor();
    await t.page.getByTestId('news-status').getByText('En attente de validation').waitFor();

    // 3. direction validates it from « À valider »
    const d = await openAs(direction.login);
    await d.page.goto(env.hub.url + '/');
    const queueLink = d.page.getByRole('navigation').getByRole('link', { name: /À valider/ });
    await expect.poll(() => queueLink.textContent()).toContain('1');
    await queueLink.click();
    await d.page.getByRole('heading', { name: 'À valider' }).waitFor();
    const row = d.page.getByTestId('queue-item').filter({ hasText: title });
    await row.getByText('Proposée par Claire Moreau').waitFor();
    await row.getByText('Tout l’établissement (responsables)').waitFor();
    await d.page.screenshot({ path: '/tmp/preau-news-queue.png', fullPage: true });
    await row.getByRole('link', { name: /^Examiner/ }).click();
    await d.page.getByRole('heading', { name: title }).waitFor();
    await d.page.getByRole('button', { name: 'Valider', exact: true }).click();
    await d.page.getByText('Actualité validée\u00a0: elle est publiée.').waitFor();
    await d.page.getByTestId('news-status').getByText('Publiée').waitFor();

    // 4. the guardian's open page shows it without reload, announced politely
    const card = parent.getByTestId('news-card').filter({ hasText: title });
    await card.waitFor({ timeout: 10_000 });
    await card.getByText('Non lue').waitFor();
    await parent.getByText(`Nouvelle actualité\u00a0: ${title}`).first().waitFor({ state: 'attached' });
    expect(await parent.evaluate(() => (window as unknown as { preauMarker?: number }).preauMarker)).toBe(7);
    await parent.getByTestId('unread-count').getByText('1 non lue').waitFor();
    await parent.screenshot({ path: '/tmp/preau-news-feed.png', fullPage: true });

    // 5. opening it records the read
    await card.getByRole('link', { name: title }).click();
    await parent.getByRole('heading', { name: title, level: 1 }).waitFor();
    expect(await parent.getByTestId('news-body').locator('b, strong').first().textContent()).toBe('jeudi 4 décembre de 17 h à 20 h');
    // direction, still on the item it validated, sees the read arrive though it did not write it
    await d.page.getByTestId('read-count').getByText('Lu par 1 / 1').waitFor({ timeout: 10_000 });
    await parent.getByRole('link', { name: 'Retour aux actualités' }).click();
    await parent.getByTestId('news-card').filter({ hasText: title }).waitFor();
    await expect.poll(() => parent.getByTestId('news-card').filter({ hasText: 'Non lue' }).count()).toBe(0);

    // 6. the teacher sees the guardian among the readers
    await t.page.getByRole('navigation').getByRole('link', { name: 'Mes publications' }).click();
    const mine = t.page.getByTestId('mine-item').filter({ hasText: title });
    await mine.getByText('Publiée', { exact: true }).waitFor();
    await mine.getByRole('link', { name: title, exact: true }).click();
    await t.page.getByTestId('read-count').getByText('Lu par 1 / 1').waitFor({ timeout: 10_000 });
    await t.page.getByText('Tous les destinataires l’ont lue.').waitFor();
    await t.page.screenshot({ path: '/tmp/preau-news-item.png', fullPage: true });

    expect(parentErrors).toEqual([]);
    expect(t.errors).toEqual([]);
    expect(d.errors).toEqual([]);
    await Promise.all([parentContext.close(), t.context.close(), d.context.close()]);
  }, 120_000);

  it('updates the read count live, withdraws with confirmation, and fits a phone', async () => {
    const { guardian, direction } = await collège();
    const d = await openAs(direction.login);
    const created = await d.session.request(`/api/schools/${(await d.session.request('/api/auth/me').then((r) => r.json())).current.school.uai}/news`, {
      method: 'POST',
      json: {
        title: 'Menu de Noël à la cantine',
        bodyHtml: '<p>Repas de fête le <strong>jeudi 18 décembre</strong>.</p>',
        category: 'restauration',
        audience: [{ kind: 'school', profiles: ['guardian'] }],
        ackMode: 'per_guardian',
        intent: 'publish',
      },
    });
    expect(created.status).toBe(201);
    const news = (await created.json()) as { id: string };

    // direction watches the statistics while the guardian reads and acknowledges
    await d.page.goto(`${env.hub.url}/#/actualites/${news.id}`);
    await d.page.getByTestId('read-count').getByText('Lu par 0 / 1').waitFor();
    const g = await openAs(guardian.login, { width: 360, height: 780 });
    await g.page.goto(`${env.hub.url}/#/actualites/${news.id}`);
    await g.page.getByRole('heading', { name: 'Menu de Noël à la cantine' }).waitFor();
    await d.page.getByTestId('read-count').getByText('Lu par 1 / 1').waitFor({ timeout: 10_000 });
    await g.page.getByRole('button', { name: 'J’ai pris connaissance' }).click();
    await g.page.getByText('Vous avez confirmé en avoir pris connaissance').waitFor();
    await d.page.getByText('Pris connaissance\u00a0: 1 / 1').waitFor({ timeout: 10_000 });
    expect(await g.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await g.page.screenshot({ path: '/tmp/preau-news-item-phone.png', fullPage: true });

    // withdrawing asks first; the guardian's page says it is gone
    await d.page.getByRole('button', { name: 'Retirer', exact: true }).click();
    const dialog = d.page.getByRole('dialog', { name: 'Retirer cette actualité\u00a0?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await d.page.getByRole('button', { name: 'Retirer', exact: true }).click();
    await dialog.getByRole('button', { name: 'Retirer l’actualité' }).click();
    await d.page.getByTestId('news-status').getByText('Archivée').waitFor();
    // the figures stay, as they were when it went
    await d.page.getByTestId('stats-final').getByText('Chiffres définitifs').waitFor();
    await d.page.getByTestId('read-count').getByText('Lu par 1 / 1').waitFor();
    await d.page.getByText('Pris connaissance\u00a0: 1 / 1').waitFor();
    expect(await d.page.getByRole('button', { name: 'Retirer', exact: true }).count()).toBe(0);
    await d.page.screenshot({ path: '/tmp/preau-news-withdrawn.png', fullPage: true });
    await g.page.getByText('Cette actualité vient d’être retirée.').waitFor({ timeout: 10_000 });
    await g.page.getByRole('link', { name: 'Retour aux actualités' }).click();
    await g.page.getByText('Aucune actualité pour l’instant').waitFor();

    // the composer on a phone: nothing wider than the screen
    const phone = await env.browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR', isMobile: true, deviceScaleFactor: 2 });
    await useSession(phone, d.session.cookie, env.hub.url);
    const p = await phone.newPage();
    const phoneErrors = watchErrors(p);
    await p.goto(`${env.hub.url}/#/rediger`);
    await p.getByRole('heading', { name: 'Rédiger une actualité' }).waitFor();
    await p.getByRole('checkbox', { name: 'Tout le monde' }).check();
    await p.getByRole('button', { name: 'Publier', exact: true }).waitFor();
    // a bare attempt lists what is missing and puts the message next to each field
    await p.getByRole('button', { name: 'Publier', exact: true }).click();
    const summary = p.getByRole('alert').filter({ hasText: 'L’actualité n’a pas été enregistrée' });
    await summary.getByText('Le titre doit compter au moins 3 caractères.').waitFor();
    await summary.getByRole('link', { name: 'Choisissez une catégorie.' }).click();
    await expect.poll(() => p.evaluate(deepActiveId)).toBe('f-category');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await p.screenshot({ path: '/tmp/preau-news-composer-phone.png', fullPage: true });

    expect(d.errors).toEqual([]);
    expect(g.errors).toEqual([]);
    expect(phoneErrors).toEqual([]);
    await Promise.all([d.context.close(), g.context.close(), phone.close()]);
  }, 120_000);

  it('shows an author the date a scheduled item goes out, its image when editing, and a clean preview', async () => {
    const { school, direction } = await collège();
    const d = await openAs(direction.login);
    const base = `/api/schools/${school.uai}/news`;
    const upload = await d.session.request(`${base}/attachments?name=${encodeURIComponent('affiche-noel.png')}`, {
      method: 'POST',
      body: new Uint8Array(PNG),
      headers: { 'content-type': 'image/png' },
    });
    expect(upload.status).toBe(201);
    const image = (await upload.json()) as { id: string };
    const title = 'Concert de printemps';
    const created = await d.session.request(base, {
      method: 'POST',
      json: {
        title,
        bodyHtml: '<p>La chorale chante au gymnase.</p>',
        category: 'evenement',
        audience: [{ kind: 'school' }],
        publishAt: '2030-03-14T08:30:00.000Z',
        imageId: image.id,
        intent: 'publish',
      },
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { status: string }).status).toBe('scheduled');

    await d.page.goto(`${env.hub.url}/#/mes-actualites`);
    const row = d.page.getByTestId('mine-item').filter({ hasText: title });
    await row.getByText('Programmée', { exact: true }).waitFor();
    // in the school's time, not the server's
    expect(await row.getByTestId('mine-planned').textContent()).toContain('Programmée pour le jeudi 14 mars 2030 à 09:30');
    await d.page.screenshot({ path: '/tmp/preau-news-mine.png', fullPage: true });

    await row.getByRole('link', { name: `Modifier «\u00a0${title}\u00a0»` }).click();
    await d.page.getByRole('heading', { name: 'Modifier l’actualité' }).waitFor();
    await d.page.getByText('affiche-noel.png', { exact: true }).waitFor();
    await d.page.getByText('Image PNG · 67\u00a0o').waitFor();
    await d.page.getByText('affiche-noel.png', { exact: true }).scrollIntoViewIfNeeded();
    await d.page.screenshot({ path: '/tmp/preau-news-composer-edit.png' });

    // HTML that never went through the hub, given to the editor (as a saved body is) and to the
    // preview (as the editor reports what is typed): both keep prose and safe links only
    const hostile =
      '<p>Avant <a href="https://www.ac-paris.fr/">le rectorat</a></p><script>window.__xss=1</script><img src=x onerror="window.__xss=1">' +
      '<a href="javascript:window.__xss=1">piège</a><p onclick="window.__xss=1" style="color:red">Après</p><svg><script>window.__xss=1</script></svg>';
    const inEditor = await d.page.evaluate(async (html) => {
      // the editor sits in the shadow roots of the shell and the composer
      const roots: Array<Document | ShadowRoot> = [document];
      let found: Element | null = null;
      while (!found && roots.length) {
        const root = roots.shift()!;
        found = root.querySelector('pw-rich-text-editor');
        for (const el of Array.from(root.querySelectorAll('*'))) if (el.shadowRoot) roots.push(el.shadowRoot);
      }
      const editor = found as HTMLElement & { value: string; updateComplete: Promise<boolean> };
      editor.value = html;
      await editor.updateComplete;
      const area = editor.shadowRoot!.querySelector('.area')!;
      const result = { text: area.textContent, unsafe: area.querySelectorAll('script, img, svg, [onclick], [onerror], [style]').length };
      editor.dispatchEvent(new CustomEvent('pw-input', { detail: html, bubbles: true, composed: true }));
      return result;
    }, hostile);
    expect(inEditor).toEqual({ text: 'Avant le rectoratpiègeAprès', unsafe: 0 });
    await d.page.getByRole('tab', { name: 'Aperçu' }).click();
    const body = d.page.getByTestId('news-body');
    await body.getByText('Après').waitFor();
    await d.page.screenshot({ path: '/tmp/preau-news-preview.png', fullPage: true });
    expect(await body.locator('script, img, svg, [onclick], [onerror], [style]').count()).toBe(0);
    const links = await body.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]));
    expect(links).toEqual([
      ['le rectorat', 'https://www.ac-paris.fr/', '_blank', 'noopener noreferrer nofollow'],
      ['piège', null, null, null],
    ]);
    expect(await d.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // Chromium checks the page's CSP as soon as it parses a handler attribute, even in the inert
    // document the sanitiser parses into: it reports them blocked, and nothing else goes wrong
    expect(d.errors.filter((e) => !/Executing inline event handler violates the following Content Security Policy/.test(e))).toEqual([]);
    await d.context.close();
  }, 60_000);

  it('shows hostile titles and bodies as text, running nothing', async () => {
    const { school, guardian, direction } = await collège();
    const g = await openAs(guardian.login);
    await g.page.goto(env.hub.url + '/');
    await g.page.getByText('Aucune actualité pour l’instant').waitFor();
    await g.page.getByRole('status').getByText('Connecté', { exact: true }).waitFor();

    const d = await signIn(env.hub.url, direction.login);
    const hostileTitle = '<img src=x onerror=window.__xss=1>';
    const res = await d.request(`/api/schools/${school.uai}/news`, {
      method: 'POST',
      json: {
        title: hostileTitle,
        bodyHtml:
          '<p>Avant</p><script>window.__xss=1</script><img src=x onerror="window.__xss=1"><a href="javascript:window.__xss=1">x</a><p onclick="window.__xss=1">Après</p>',
        category: 'urgent',
        audience: [{ kind: 'school' }],
        intent: 'publish',
      },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    // live, in the feed and in the live list, the title is text
    const card = g.page.getByTestId('news-card').filter({ hasText: hostileTitle });
    await card.waitFor({ timeout: 10_000 });
    await g.page.getByTestId('live-event').filter({ hasText: hostileTitle }).waitFor();
    await card.getByRole('link', { name: hostileTitle }).click();
    await g.page.getByRole('heading', { name: hostileTitle, level: 1 }).waitFor();
    const body = g.page.getByTestId('news-body');
    await body.getByText('Après').waitFor();
    expect(await body.locator('script, img, [onclick], [onerror]').count()).toBe(0);
    const hrefs = await body.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.every((h) => !h || !/^\s*javascript:/i.test(h))).toBe(true);
    // clicking what is left of the link runs nothing either
    if (hrefs.length > 0) await body.locator('a').first().click({ noWaitAfter: true });
    await g.page.waitForTimeout(300);
    expect(await g.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(g.page.url()).toContain(`#/actualites/${id}`);
    expect(g.errors).toEqual([]);
    await g.context.close();
  }, 60_000);
});
