import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import type { AlertStatusDto, ScreenDto, ScreenLayout, ScreenZone } from '../../server/contracts/signage';
import { absencesSchool, type AbsencesSchool } from '../absences/absences-setup';
import { useSession, watchErrors } from '../helpers/browser';
import { openTestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { signIn, type Session } from '../helpers/http-client';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
// Monday 23 November 2026, 07:50 in Paris: before the first slot; Mme Moreau teaches 4B in M3 (10:10–11:05)
const MONDAY_0750 = '2026-11-23T06:50:00Z';

// the hub is stopped and started again on its port, on the same database: these tests own both
const clock = new TestClock();
let database: Database;
let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(resolve('dist/clients/signage/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
  }
  database = await openTestDatabase();
  hub = await startTestHub({ database, clock });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await database?.close();
});

/** A school with a timetable (absences' test school), its admin, and the staff who post to screens. */
async function screenSchool() {
  const s = await absencesSchool(database.db, hub.url);
  const admin = await createPerson(database.db, s.school.id, 'admin', { firstName: 'Luc', lastName: 'Admin' });
  return { ...s, admin: await signIn(hub.url, admin.login) };
}

/** A kiosk browser on the hub's clock (its own timers, moved by the test), on the kiosk page. */
async function openKiosk(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.clock.install({ time: clock.now() });
  await page.goto(`${hub.url}/signage/`);
  return { context, page, errors };
}

/** A person of the school in the web client (desktop), on a page of it. */
async function openWeb(session: Session, hash: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  await useSession(context, session.cookie, hub.url);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${hub.url}/${hash}`);
  return { context, page, errors };
}

/** Reads the code the kiosk shows and pairs it as the admin would; resolves once the screen shows its content. */
async function pair(page: Page, s: { school: { uai: string }; admin: Session }, opts: { name: string; zone: ScreenZone; layout: ScreenLayout }): Promise<ScreenDto> {
  const shown = await page.getByTestId('pairing-code').textContent({ timeout: 15_000 });
  const code = (shown ?? '').replace(/\s/g, '');
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  const res = await s.admin.request(`/api/schools/${s.school.uai}/screens`, { method: 'POST', json: { code, ...opts } });
  expect(res.status).toBe(201);
  await page.getByTestId('pairing-code').waitFor({ state: 'detached', timeout: 15_000 });
  return (await res.json()) as ScreenDto;
}

/** A teacher absence over the day: every affected course cancelled (the board's « Cours annulé »). */
async function teacherAway(s: AbsencesSchool, teacherId: string) {
  const res = await s.sessions.cpe.request(`/api/schools/${s.school.uai}/teacher-absences`, {
    method: 'POST',
    json: { teacherId, startsAt: '2026-11-23T07:00:00Z', endsAt: '2026-11-23T17:00:00Z', reason: 'Formation — confidentiel', changes: [] },
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

describe('hall screens', () => {
  it('pairs with a code, shows a teacher absence live, keeps its content offline with the stale badge, drops the course when its slot ends, and catches up without a reload', async () => {
    clock.setTo(MONDAY_0750);
    const s = await screenSchool();
    const { context, page, errors } = await openKiosk(LANDSCAPE);
    await page.screenshot({ path: '/tmp/preau-signage-pairing.png' });
    // the admin follows the QR code's link (the code comes with it), names the screen and pairs it
    const shownCode = ((await page.getByTestId('pairing-code').textContent()) ?? '').replace(/\s/g, '');
    const web = await openWeb(s.admin, `#/ecrans/appairer?code=${shownCode}`);
    const form = web.page.getByTestId('pair-form');
    await form.waitFor();
    expect((await form.getByLabel('Code affiché sur l’écran').inputValue()).replace(/\s/g, '')).toBe(shownCode);
    await form.getByLabel('Nom de l’écran').fill('Hall principal');
    await form.getByLabel('Zone').selectOption({ label: 'Hall' });
    await form.getByRole('radio', { name: 'Paysage' }).check();
    await form.getByRole('button', { name: 'Appairer l’écran' }).click();
    await web.page.getByText('Écran «\u00a0Hall principal\u00a0» appairé').waitFor();
    await page.getByTestId('pairing-code').waitFor({ state: 'detached', timeout: 15_000 });
    const [screen] = (await (await s.admin.request(`/api/schools/${s.school.uai}/screens`)).json()) as ScreenDto[];
    expect(screen).toMatchObject({ name: 'Hall principal', zone: 'hall', layout: 'landscape' });
    // the « Écrans » list shows it, online once its first heartbeat is in
    await web.page.goto(`${hub.url}/#/ecrans`);
    const row = web.page.getByTestId('screen-row').filter({ hasText: 'Hall principal' });
    await row.waitFor();
    await row.getByTestId('screen-state').getByText('En ligne').waitFor({ timeout: 40_000 });
    await web.page.screenshot({ path: '/tmp/preau-signage-admin-screens.png', fullPage: true });
    expect(web.errors).toEqual([]);
    await web.context.close();
    await page.getByTestId('board').waitFor();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // recorded by the CPE: on the screen within seconds, in the board's words, without the reason
    await teacherAway(s, s.people.teacher.id);
    const item = page.getByTestId('board-item');
    await item.first().waitFor({ timeout: 5_000 });
    expect(await item.count()).toBe(1);
    const text = (await item.first().textContent()) ?? '';
    expect(text).toContain('4B');
    // no civility in this school's directory: « C. Moreau »
    expect(text).toContain('C. Moreau');
    expect(text).toContain('Cours annulé');
    expect(await page.locator('body').textContent()).not.toContain('Formation');

    // a news item for screens and a flash in the ticker, for the landscape screenshot
    const news = await s.sessions.direction.request(`/api/schools/${s.school.uai}/news`, {
      method: 'POST',
      json: {
        title: 'Portes ouvertes samedi 5 décembre',
        bodyHtml: '<p>Le collège ouvre ses portes aux familles de 9 h à 12 h : visite des salles, rencontre avec les professeurs et les élèves délégués.</p>',
        category: 'evenement',
        audience: [{ kind: 'school' }],
        onScreens: { from: clock.now().toISOString(), until: new Date(clock.now().getTime() + 7 * 86_400_000).toISOString() },
        intent: 'publish',
      },
    });
    expect(news.status).toBe(201);
    const flash = await s.sessions.cpe.request(`/api/schools/${s.school.uai}/signage/flashes`, {
      method: 'POST',
      json: { text: 'Cantine : menu de Noël jeudi 17 décembre', zones: null, until: new Date(clock.now().getTime() + 86_400_000).toISOString() },
    });
    expect(flash.status).toBe(201);
    await page.getByTestId('news').getByText('Portes ouvertes samedi 5 décembre').waitFor({ timeout: 5_000 });
    await page.getByTestId('ticker').getByText('Cantine : menu de Noël jeudi 17 décembre').first().waitFor({ timeout: 5_000 });
    // the carousel's and the list's fades run on real time: let them end before the picture
    await new Promise((r) => setTimeout(r, 1_000));
    await page.screenshot({ path: '/tmp/preau-signage-landscape.png' });

    // the hub stops: the screen keeps what it shows, and after a minute says how old it is
    const port = hub.port;
    await hub.close();
    await page.clock.fastForward('01:10');
    const badge = page.getByTestId('stale-badge');
    await badge.waitFor({ timeout: 10_000 });
    expect(await badge.textContent()).toMatch(/Données de 07:5\d/);
    expect(await item.count()).toBe(1);
    // the carousel's and the list's fades run on real time: let them end before the picture
    await new Promise((r) => setTimeout(r, 1_000));
    await page.screenshot({ path: '/tmp/preau-signage-stale.png' });

    // 11:06, still offline: the M3 course (ends 11:05) is gone from the board, by the screen's own clock
    await page.clock.fastForward('03:15:00');
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0);
    expect(await badge.isVisible()).toBe(true);

    // the hub comes back; meanwhile M. Bernard's absence was recorded: the screen catches up by itself
    await context.setOffline(true);
    clock.setTo(new Date(await page.evaluate(() => Date.now())));
    hub = await startTestHub({ database, clock, env: { PORT: String(port) } });
    await teacherAway(s, s.people.colleague.id);
    await context.setOffline(false);
    await page.getByTestId('board-item').filter({ hasText: 'Histoire' }).waitFor({ timeout: 30_000 });
    await badge.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // revoked: disconnected at once, back to a pairing code
    expect((await s.admin.request(`/api/schools/${s.school.uai}/screens/${screen.id}`, { method: 'DELETE' })).status).toBe(204);
    await page.getByTestId('pairing-code').waitFor({ timeout: 10_000 });
    // failed requests while the hub was down are the browser's to log, not errors of the page
    expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|WebSocket/.test(e))).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows a PPMS alert on every screen within 2 s, each confirms it; it survives a reload, offline too; the all clear returns them to normal', async () => {
    clock.setTo('2026-11-23T09:30:00Z'); // Monday 10:30
    const s = await screenSchool();
    const hall = await openKiosk(LANDSCAPE);
    const cdi = await openKiosk(PORTRAIT);
    await pair(hall.page, s, { name: 'Hall principal', zone: 'hall', layout: 'landscape' });
    await pair(cdi.page, s, { name: 'CDI', zone: 'cdi', layout: 'portrait' });
    await teacherAway(s, s.people.teacher.id);
    await cdi.page.getByTestId('board-item').first().waitFor({ timeout: 5_000 });
    // the carousel's and the list's fades run on real time: let them end before the picture
    await new Promise((r) => setTimeout(r, 1_000));
    await cdi.page.screenshot({ path: '/tmp/preau-signage-portrait.png' });

    // direction, in the web client: a template, « Exercice », then the second step
    const web = await openWeb(s.sessions.direction, '#/alerte');
    const triggerForm = web.page.getByTestId('trigger-form');
    await triggerForm.getByTestId('alert-choice').filter({ hasText: 'Confinement' }).click();
    await triggerForm.getByRole('radio', { name: 'Exercice' }).check();
    await triggerForm.getByTestId('trigger').click();
    const dialog = web.page.getByRole('dialog');
    await dialog.getByText('Déclencher un EXERCICE').waitFor();
    await web.page.screenshot({ path: '/tmp/preau-signage-alert-confirm.png' });
    const started = Date.now();
    await dialog.getByRole('button', { name: 'Déclencher l’exercice' }).click();
    const status = async () => (await (await s.sessions.direction.request(`/api/schools/${s.school.uai}/alerts/active`)).json()) as AlertStatusDto;
    await expect.poll(async () => (await status()).alert?.status, { timeout: 2_000 }).toBe('exercise');
    const { alert: active } = await status();
    const id = active!.id;
    await Promise.all([hall.page, cdi.page].map((p) => p.getByTestId('alert').waitFor({ timeout: 2_000 })));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2_000);
    for (const p of [hall.page, cdi.page]) {
      const shown = (await p.getByTestId('alert').textContent()) ?? '';
      // « EXERCICE » on screen: written in capitals by the style
      expect(shown).toMatch(/Exercice/i);
      expect(shown).toContain(active!.headline);
      expect(await p.getByTestId('alert').getAttribute('data-alert-id')).toBe(id);
    }
    await hall.page.screenshot({ path: '/tmp/preau-signage-alert.png' });
    await cdi.page.screenshot({ path: '/tmp/preau-signage-alert-portrait.png' });

    // both confirmed: direction's page counts no screen left unconfirmed, live
    await web.page.getByTestId('unconfirmed-count').and(web.page.locator('[data-count="0"]')).waitFor({ timeout: 5_000 });
    expect(await web.page.getByTestId('alert-screen-row').and(web.page.locator('[data-displayed="true"]')).count()).toBe(2);
    await web.page.screenshot({ path: '/tmp/preau-signage-alert-direction.png', fullPage: true });

    // reloaded, then reloaded with the hub out of reach: the alert is still what the screen shows
    await hall.page.reload();
    await hall.page.getByTestId('alert').waitFor({ timeout: 5_000 });
    await hall.context.setOffline(true);
    await hall.page.reload();
    await hall.page.getByTestId('alert').waitFor({ timeout: 5_000 });
    await hall.context.setOffline(false);

    // all clear, from direction's page: « Fin d'alerte » for a moment on the screens, then the board again
    await web.page.getByTestId('end-all-clear').click();
    await web.page.getByRole('dialog').getByRole('button', { name: 'Annoncer la fin d’alerte' }).click();
    await web.page.getByTestId('trigger-form').waitFor({ timeout: 5_000 });
    expect(web.errors).toEqual([]);
    await web.context.close();
    for (const p of [hall.page, cdi.page]) {
      await p.getByText(/Fin d.alerte/i).first().waitFor({ timeout: 10_000 });
      await p.clock.fastForward('01:00');
      await p.getByTestId('alert').waitFor({ state: 'detached', timeout: 10_000 });
      await p.getByTestId('board').waitFor();
    }
    for (const k of [hall, cdi]) {
      expect(k.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|WebSocket/.test(e))).toEqual([]);
      await k.context.close();
    }
  }, 120_000);
});
