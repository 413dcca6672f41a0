import { describe, expect, it } from 'vitest';
import { browserHubForFile, useSession, watchErrors } from '../helpers/browser';
import { createPerson, createSchool, TEST_PASSWORD } from '../helpers/factories';
import { signIn } from '../helpers/http-client';

const env = browserHubForFile();

describe('web client live panel', () => {
  it('shows a school update made by direction live on a signed-in teacher’s page, without reload', async () => {
    const db = env.hub.database.db;
    const school = await createSchool(db, { name: 'Collège Jean Moulin' });
    const teacher = await createPerson(db, school.id, 'teacher', { firstName: 'Camille', lastName: 'Durand' });
    const direction = await createPerson(db, school.id, 'direction', { firstName: 'Hélène', lastName: 'Martin' });

    const context = await env.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(env.hub.url + '/');

    // sign-in page: labelled fields, a French error on a wrong password, announced as an alert
    await page.getByRole('heading', { name: 'Connexion à Préau' }).waitFor();
    await page.getByLabel('Identifiant').fill(teacher.login);
    await page.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText('Identifiant ou mot de passe incorrect').waitFor();
    await page.screenshot({ path: '/tmp/preau-sign-in.png' });

    await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Bonjour Camille' }).waitFor();
    await page.getByTestId('profile').getByText('Enseignant').waitFor();
    await page.getByRole('status').getByText('Connecté', { exact: true }).waitFor();
    expect(await page.getByTestId('live-event').count()).toBe(0);
    await page.getByText('Aucun événement pour l’instant').waitFor();
    // a reload would lose this marker
    await page.evaluate(() => ((window as unknown as { preauMarker: number }).preauMarker = 42));

    const directionSession = await signIn(env.hub.url, direction.login);
    const res = await directionSession.request(`/api/schools/${school.uai}`, {
      method: 'PATCH',
      json: { name: 'Collège Jean Moulin — site Nord', branding: { color: '#0f766e' } },
    });
    expect(res.status).toBe(200);

    const item = page.getByTestId('live-event').filter({ hasText: 'Établissement mis à jour' });
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain('Tout l’établissement');
    expect(await item.textContent()).toContain('Nouveau nom\u00a0: Collège Jean Moulin — site Nord');
    // the header follows the same event
    await page.getByTestId('school-name').getByText('Collège Jean Moulin — site Nord').waitFor();
    expect(await page.evaluate(() => (window as unknown as { preauMarker?: number }).preauMarker)).toBe(42);
    await page.screenshot({ path: '/tmp/preau-shell.png' });
    expect(errors).toEqual([]);

    // direction on a phone: the same shell, narrow, with the school identity form
    const mobile = await env.browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR', deviceScaleFactor: 2, isMobile: true });
    await useSession(mobile, directionSession.cookie, env.hub.url);
    const phone = await mobile.newPage();
    const phoneErrors = watchErrors(phone);
    await phone.goto(env.hub.url + '/');
    await phone.getByRole('heading', { name: 'Bonjour Hélène' }).waitFor();
    await phone.getByRole('heading', { name: 'Identité de l’établissement' }).waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await phone.screenshot({ path: '/tmp/preau-mobile.png', fullPage: true });
    expect(phoneErrors).toEqual([]);

    await mobile.close();
    await context.close();
  }, 90_000);

  it('serves the signage placeholder and the family notification app under their own URLs', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'fr-FR' });
    const screen = await context.newPage();
    const errors = watchErrors(screen);
    await screen.goto(env.hub.url + '/signage/');
    await screen.getByRole('heading', { name: 'Borne d’information — en attente d’appairage' }).waitFor();
    expect(await screen.locator('time').textContent()).toMatch(/^\d{2}:\d{2}$/);
    await screen.screenshot({ path: '/tmp/preau-signage.png' });

    const phone = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', isMobile: true, deviceScaleFactor: 2 });
    const notify = await phone.newPage();
    const notifyErrors = watchErrors(notify);
    await notify.goto(env.hub.url + '/notify/');
    // signed out: the app's own sign-in, not a link to the web client's
    await notify.getByRole('heading', { name: 'Les notifications de Préau' }).waitFor();
    await notify.getByLabel('Identifiant').waitFor();
    await notify.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(await notify.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href'))).toBe('/notify/manifest.webmanifest');
    await notify.screenshot({ path: '/tmp/preau-notify.png', fullPage: true });

    expect(errors).toEqual([]);
    expect(notifyErrors).toEqual([]);
    await phone.close();
    await context.close();
  }, 60_000);
});
