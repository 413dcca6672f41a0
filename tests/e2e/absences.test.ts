import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { absencesSchool, MONDAY_M3, type AbsencesSchool } from '../absences/absences-setup';
import { browserHubForFile, openAs } from '../helpers/browser';
import { addToGroup, createPerson, linkGuardian } from '../helpers/factories';
import { TestClock } from '../helpers/test-clock';


/** The smallest PNG there is: one transparent pixel (a photo of a note, as far as the hub can tell). */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);

const DESKTOP = { width: 1280, height: 800 };
const TABLET = { width: 820, height: 1180 };
const PHONE = { width: 390, height: 844 };

// the hub lives on Monday 23 November 2026 at 10:15 in Paris, during M3; the browsers keep their own clock
const clock = new TestClock();
const env = browserHubForFile({ clock });

/** One of the school's people, signed in, on a page of the web client. */
const open = (s: AbsencesSchool, who: string, hash: string, viewport = DESKTOP) => openAs(env, s.sessions[who].cookie, hash, viewport);

/** Waits until the page's live link is up: what is sent from now on reaches it. */
async function live(page: Page): Promise<void> {
  await page.getByRole('status').getByText('Connecté', { exact: true }).waitFor({ timeout: 15_000 });
}

/** A few more students in 4B, so that the sheet looks like a class (Léa stays the only one with guardians). */
async function fillClass(s: AbsencesSchool): Promise<void> {
  const db = env.hub.database.db;
  const names = [
    ['Inès', 'Bernard'],
    ['Noah', 'Martin'],
    ['Chloé', 'Petit'],
    ['Lucas', 'Robert'],
    ['Jade', 'Richard'],
    ['Adam', 'Faure'],
    ['Louise', 'Garcia'],
    ['Gabriel', 'Lambert'],
  ];
  for (const [firstName, lastName] of names) {
    const p = await createPerson(db, s.school.id, 'student', { firstName, lastName });
    await addToGroup(db, s.c4B.id, p.id);
  }
}

describe('web client absences', () => {
  it('takes the roll call on a tablet; the guardian’s open page shows the alert live and acknowledges it; the vie scolaire dashboard follows live and justifies', async () => {
    clock.setTo(MONDAY_M3);
    const s = await absencesSchool(env.hub.database.db, env.hub.url);
    await fillClass(s);
    // Marc has a second child, in 3A, who will have no absence
    const nina = await createPerson(env.hub.database.db, s.school.id, 'student', { firstName: 'Nina', lastName: 'Durand' });
    await addToGroup(env.hub.database.db, s.c3A.id, nina.id);
    await linkGuardian(env.hub.database.db, s.school.id, s.people.marc.id, nina.id);

    // 1. Marc (on his phone) and the CPE have their pages open before the roll call: each child has their place
    const marc = await open(s, 'marc', '#/absences', PHONE);
    await marc.page.getByRole('heading', { name: 'Absences', level: 1 }).waitFor();
    const children = marc.page.getByTestId('child-absences');
    await children.filter({ hasText: 'Léa Durand — 4B' }).getByText('Aucune absence', { exact: true }).waitFor();
    const ninaSection = children.filter({ hasText: 'Nina Durand — 3A' });
    await ninaSection.getByText('Aucune absence', { exact: true }).waitFor();
    expect(await children.count()).toBe(2);
    const nav = marc.page.getByRole('navigation', { name: 'Absences' });
    expect(await nav.getByRole('link', { name: 'Absences' }).getAttribute('aria-current')).toBe('page');
    await live(marc.page);
    await marc.page.evaluate(() => ((window as unknown as { preauMarker: number }).preauMarker = 11));

    const cpe = await open(s, 'cpe', '#/vie-scolaire');
    await cpe.page.getByRole('heading', { name: 'Tableau de bord de la vie scolaire' }).waitFor();
    await live(cpe.page);
    const course = cpe.page.getByTestId('dashboard-course').filter({ hasText: '4B · Mathématiques' });
    // M3 started at 10:10 by the hub's clock: its missing roll call stands out
    await course.getByText('Appel non fait').waitFor();
    expect(await course.getAttribute('data-state')).toBe('missing');
    await cpe.page.getByText('Aucune absence ni retard pour l’instant.').waitFor();
    await cpe.page.screenshot({ path: '/tmp/preau-absences-dashboard-before.png', fullPage: true });
    await cpe.page.evaluate(() => ((window as unknown as { preauMarker: number }).preauMarker = 12));

    // 2. the teacher opens « Appel » on a tablet: M3 is picked by the hub's time, not the tablet's
    const teacher = await open(s, 'teacher', '#/appel', TABLET);
    await teacher.page.getByRole('heading', { name: 'Appel — 4B · Mathématiques' }).waitFor();
    const tiles = teacher.page.getByTestId('student-tile');
    await expect.poll(() => tiles.count()).toBe(9);
    const lea = tiles.filter({ hasText: 'Léa' });
    expect(await lea.getAttribute('aria-pressed')).toBe('false');
    await lea.getByText('Présent').waitFor();
    const box = await lea.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    expect(await teacher.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);

    // keyboard: the first tile takes focus, arrows move, space cycles (présent → absent → retard → exclu → présent)
    await tiles.first().focus();
    await teacher.page.keyboard.press('ArrowRight');
    const second = tiles.nth(1);
    expect(await second.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await teacher.page.keyboard.press('Space');
    await second.getByText('Absent').waitFor();
    await teacher.page.keyboard.press('Space');
    await second.getByText('Retard — minutes\u00a0?').waitFor();
    await teacher.page.getByRole('group', { name: /Minutes de retard de/ }).getByRole('button', { name: '10\u00a0min', exact: true }).click();
    await second.getByText('Retard · 10\u00a0min').waitFor();
    await second.focus();
    await teacher.page.keyboard.press('Enter');
    await second.getByText('Exclu').waitFor();
    await teacher.page.keyboard.press('Enter');
    await second.getByText('Présent').waitFor();

    // one tap: Léa absent
    await lea.click();
    await lea.getByText('Absent').waitFor();
    expect(await lea.getAttribute('aria-pressed')).toBe('true');
    const counts = teacher.page.getByTestId('rollcall-counts');
    expect((await counts.textContent())?.replace(/\s+/g, ' ')).toContain('1 absent');
    expect((await counts.textContent())?.replace(/\s+/g, ' ')).toContain('8 présents sur 9');
    await teacher.page.screenshot({ path: '/tmp/preau-absences-rollcall-tablet.png', fullPage: true });

    await teacher.page.getByRole('button', { name: 'Valider l’appel' }).click();
    await teacher.page.getByTestId('rollcall-sent').getByText(/^Appel transmis à 10:1\d$/).waitFor();
    await teacher.page.getByTestId('rollcall-taken').getByText(/Appel transmis à 10:1\d par Claire Moreau/).waitFor();

    // 3. Marc's open page shows the alert at once, without reload, and he acknowledges it
    const card = marc.page.getByTestId('absence-card');
    await card.waitFor({ timeout: 10_000 });
    await card.getByText('Nouveau').waitFor();
    await card.getByText('Absence', { exact: true }).waitFor();
    await card.getByTestId('absence-status').getByText('Non justifiée').waitFor();
    await card.getByText('lundi 23 novembre · M3 (10:10–11:05) · Mathématiques', { exact: true }).waitFor();
    await marc.page.getByTestId('family-announce').getByText(/Nouvelle absence signalée pour Léa Durand/).waitFor({ state: 'attached' });
    // the child without absence keeps her « Aucune absence »
    await ninaSection.getByText('Aucune absence', { exact: true }).waitFor();
    expect(await ninaSection.getByTestId('absence-card').count()).toBe(0);
    expect(await marc.page.evaluate(() => (window as unknown as { preauMarker?: number }).preauMarker)).toBe(11);
    expect(await marc.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await marc.page.screenshot({ path: '/tmp/preau-absences-guardian-phone.png', fullPage: true });

    // 4. the CPE's dashboard shows the roll call done and Léa's absence, with her guardians told
    await course.getByText(/Appel fait à 10:1\d/).waitFor({ timeout: 10_000 });
    await course.getByText('1 absent').waitFor();
    const absence = cpe.page.getByTestId('dashboard-absence').filter({ hasText: 'Léa Durand (4B)' });
    await absence.waitFor({ timeout: 10_000 });
    await absence.getByText('Marc Durand prévenu(e), pas encore vu').waitFor();
    await absence.getByText('Julie Lefèvre prévenu(e), pas encore vu').waitFor();
    await cpe.page.getByTestId('dashboard-announce').getByText(/Nouvelle absence\u00a0: Léa Durand \(4B\), Absence\./).waitFor({ state: 'attached' });

    await card.getByRole('button', { name: /J’ai pris connaissance/ }).click();
    await card.getByText(/Pris connaissance le lundi 23 novembre à 10:1\d/).waitFor();

    // 5. … and the dashboard shows Marc's acknowledgement, live
    await absence.getByText(/Vu par Marc Durand à 10:1\d/).waitFor({ timeout: 10_000 });
    await absence.getByText('Julie Lefèvre prévenu(e), pas encore vu').waitFor();
    expect(await cpe.page.evaluate(() => (window as unknown as { preauMarker?: number }).preauMarker)).toBe(12);
    await cpe.page.screenshot({ path: '/tmp/preau-absences-dashboard.png', fullPage: true });

    // 6. the CPE justifies it directly from the card (Julie phoned): accepted at once, with a confidential reason
    await absence.getByRole('button', { name: 'Justifier l’absence de Léa Durand' }).click();
    const direct = cpe.page.getByRole('form', { name: 'Justifier des absences de Léa Durand' });
    await direct.getByText('la justification est acceptée aussitôt', { exact: false }).waitFor();
    await direct.getByLabel('Motif').selectOption({ label: 'Situation familiale (confidentiel)' });
    await direct.getByLabel('Commentaire').fill('Appel de la mère à 10 h 20.');
    await cpe.page.screenshot({ path: '/tmp/preau-absences-dashboard-justify.png', fullPage: true });
    await direct.getByRole('button', { name: 'Enregistrer la justification' }).click();
    await cpe.page.getByText('Absence de Léa Durand justifiée\u00a0: la famille est prévenue.').waitFor();
    await absence.getByText('Justifiée', { exact: true }).waitFor();
    expect(await absence.getByRole('button', { name: 'Justifier l’absence de Léa Durand' }).count()).toBe(0);
    // … Marc's page shows it justified, live, without naming the confidential reason
    await card.getByTestId('absence-status').getByText('Justifiée').waitFor({ timeout: 10_000 });
    await card.getByText('Motif confidentiel').waitFor();
    await card.getByText('«\u00a0Appel de la mère à 10 h 20.\u00a0»').waitFor();
    await marc.page.getByTestId('family-announce').getByText('La justification pour Léa Durand a été acceptée.').waitFor({ state: 'attached' });
    expect(await card.getByRole('button', { name: /^Justifier/ }).count()).toBe(0);
    await marc.page.screenshot({ path: '/tmp/preau-absences-guardian-justified-phone.png', fullPage: true });

    // the roll call on a classroom computer, after submission
    await teacher.page.setViewportSize(DESKTOP);
    await teacher.page.screenshot({ path: '/tmp/preau-absences-rollcall-desktop.png', fullPage: true });

    // the live panels put the same events in words
    await cpe.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Fil en direct' }).click();
    const feed = cpe.page.getByTestId('live-event');
    await feed.filter({ hasText: 'Appel fait\u00a0: 4B · Mathématiques (M3)' }).getByText('par Claire Moreau · 1 absent, 0 retard').waitFor();
    await feed.filter({ hasText: 'Absence signalée\u00a0: Léa Durand (4B)' }).first().waitFor();
    await feed.filter({ hasText: 'Marc Durand a pris connaissance d’une absence' }).waitFor();
    await cpe.page.screenshot({ path: '/tmp/preau-absences-live-panel.png', fullPage: true });
    await marc.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Fil en direct' }).click();
    await marc.page.getByTestId('live-event').filter({ hasText: 'Absence signalée\u00a0: Léa Durand (4B)' }).getByRole('link').waitFor();

    expect(marc.errors).toEqual([]);
    expect(cpe.errors).toEqual([]);
    expect(teacher.errors).toEqual([]);
    await Promise.all([marc.context.close(), cpe.context.close(), teacher.context.close()]);
  }, 120_000);

  it('keeps the marks when the submit fails and sends them on retry', async () => {
    clock.setTo(MONDAY_M3);
    const s = await absencesSchool(env.hub.database.db, env.hub.url);
    const teacher = await open(s, 'teacher', '#/appel', TABLET);
    await teacher.page.getByRole('heading', { name: 'Appel — 4B · Mathématiques' }).waitFor();
    const lea = teacher.page.getByTestId('student-tile').filter({ hasText: 'Léa' });
    await lea.click();
    await lea.click();
    await teacher.page.getByRole('button', { name: '5\u00a0min', exact: true }).click();
    await lea.getByText('Retard · 5\u00a0min').waitFor();

    // the connection drops as the teacher submits
    await teacher.page.route('**/roll-calls/**', (route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue()));
    await teacher.page.getByRole('button', { name: 'Valider l’appel' }).click();
    const error = teacher.page.getByTestId('rollcall-error');
    await error.getByText('L’appel n’a pas pu être transmis\u00a0: la connexion a été interrompue.').waitFor();
    await error.getByText('Vos saisies sont conservées sur cet appareil').waitFor();
    await lea.getByText('Retard · 5\u00a0min').waitFor();
    await teacher.page.screenshot({ path: '/tmp/preau-absences-rollcall-failed.png', fullPage: true });

    // even a reload keeps them
    await teacher.page.reload();
    await teacher.page.getByText('Les saisies non transmises de cet appel ont été retrouvées').waitFor();
    await teacher.page.getByTestId('student-tile').filter({ hasText: 'Léa' }).getByText('Retard · 5\u00a0min').waitFor();

    await teacher.page.unroute('**/roll-calls/**');
    await teacher.page.getByRole('button', { name: 'Valider l’appel' }).click();
    await teacher.page.getByTestId('rollcall-sent').getByText(/Appel transmis à/).waitFor();
    const sheet = await (await s.sessions.cpe.request(`/api/schools/${s.school.uai}/roll-calls/${s.courses.maths4B.id}/2026-11-23`)).json();
    expect(sheet.students[0].mark).toEqual({ kind: 'late', lateMinutes: 5 });
    // the aborted request is the one console error the page may show
    expect(teacher.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
    await teacher.context.close();
  }, 90_000);

  it('lets a guardian justify with a document, vie scolaire review it, and records a teacher absence with its affected courses', async () => {
    clock.setTo(MONDAY_M3);
    const s = await absencesSchool(env.hub.database.db, env.hub.url);
    const put = await s.sessions.teacher.request(`/api/schools/${s.school.uai}/roll-calls/${s.courses.maths4B.id}/2026-11-23`, {
      method: 'PUT',
      json: { marks: [{ studentId: s.people.lea.id, kind: 'absent' }] },
    });
    expect(put.status).toBe(200);

    // Marc justifies with a photo of a note
    const marc = await open(s, 'marc', '#/absences', PHONE);
    const card = marc.page.getByTestId('absence-card');
    await card.waitFor();
    await card.getByRole('button', { name: /^Justifier/ }).click();
    const form = marc.page.getByRole('form', { name: 'Justifier des absences de Léa Durand' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Envoyer la justification' }).click();
    await form.getByText('Choisissez un motif.').first().waitFor();
    await form.getByLabel('Motif').selectOption({ label: 'Maladie' });
    await form.getByLabel('Commentaire').fill('Fièvre depuis dimanche soir.');
    await form.locator('input[type=file]').setInputFiles({ name: 'mot-des-parents.png', mimeType: 'image/png', buffer: PNG });
    await form.getByText('mot-des-parents.png', { exact: true }).waitFor();
    await marc.page.screenshot({ path: '/tmp/preau-absences-justify-phone.png', fullPage: true });
    await form.getByRole('button', { name: 'Envoyer la justification' }).click();
    await marc.page.getByText('Justification envoyée pour 1 absence de Léa Durand').waitFor();
    await card.getByTestId('absence-status').getByText('En attente').waitFor();
    await live(marc.page);

    // the CPE reviews it
    const cpe = await open(s, 'cpe', '#/justificatifs');
    await cpe.page.getByRole('heading', { name: 'Justificatifs à examiner' }).waitFor();
    const navLink = cpe.page.getByRole('navigation', { name: 'Absences' }).getByRole('link', { name: /Justificatifs/ });
    await expect.poll(() => navLink.textContent()).toContain('1');
    const item = cpe.page.getByTestId('justification-item').filter({ hasText: 'Léa Durand' });
    await item.getByText('Maladie').waitFor();
    await item.getByText('«\u00a0Fièvre depuis dimanche soir.\u00a0»').waitFor();
    await item.getByRole('link', { name: /mot-des-parents\.png/ }).waitFor();
    await item.getByRole('button', { name: /Refuser/ }).click();
    await item.getByRole('button', { name: 'Confirmer le refus' }).click();
    await item.getByText('Expliquez le refus au responsable.').waitFor();
    await item.getByRole('button', { name: 'Annuler' }).click();
    await cpe.page.getByTestId('reason-row').first().waitFor();
    await cpe.page.screenshot({ path: '/tmp/preau-absences-justifications.png', fullPage: true });
    await item.getByRole('button', { name: /Accepter/ }).click();
    await cpe.page.getByText('Justification acceptée pour Léa Durand\u00a0: la famille est prévenue.').waitFor();
    await cpe.page.getByText('Aucun justificatif en attente.').waitFor();

    // Marc's page follows
    await card.getByTestId('absence-status').getByText('Justifiée').waitFor({ timeout: 10_000 });

    // M. Bernard is away this afternoon: the CPE sees his courses first, has one replaced
    await cpe.page.getByRole('navigation', { name: 'Absences' }).getByRole('link', { name: 'Absences enseignants' }).click();
    await cpe.page.getByRole('heading', { name: 'Absences enseignants', level: 1 }).waitFor();
    await cpe.page.getByLabel('Enseignant').selectOption({ label: 'BERNARD Paul' });
    await cpe.page.getByLabel('Du').fill('2026-11-23T13:00');
    await cpe.page.getByLabel('Au').fill('2026-11-23T18:00');
    await cpe.page.getByLabel('Motif (interne)').fill('Formation');
    await cpe.page.getByRole('button', { name: 'Voir les cours concernés' }).click();
    const affected = cpe.page.getByTestId('affected-course').filter({ hasText: '4B · Histoire-géographie' });
    await affected.waitFor();
    await affected.getByRole('radio', { name: 'Remplacé' }).check();
    await cpe.page.getByRole('button', { name: 'Confirmer l’absence' }).click();
    await affected.getByText('Choisissez le remplaçant.').waitFor();
    await affected.getByLabel('Remplaçant').selectOption({ label: 'MOREAU Claire' });
    await cpe.page.screenshot({ path: '/tmp/preau-absences-teacher-absences.png', fullPage: true });
    await cpe.page.getByRole('button', { name: 'Confirmer l’absence' }).click();
    await cpe.page.getByText('Absence de Paul Bernard enregistrée\u00a0: 1 cours concerné, familles et écrans prévenus.').waitFor();
    await cpe.page.getByTestId('teacher-absence').filter({ hasText: 'Paul Bernard' }).getByText('Remplacé par Claire Moreau').waitFor();

    // the family hears of it on the absences page, live …
    const changes = marc.page.getByTestId('course-changes');
    await changes.getByText(/Remplacé par/).waitFor({ timeout: 10_000 });
    // … and finds it on opening the page again, under the child's class
    await marc.page.reload();
    const group = marc.page.getByTestId('change-group').filter({ hasText: 'Léa Durand — 4B' });
    const changed = group.getByTestId('course-change');
    await changed.getByText(/^Remplacé par /).waitFor();
    await changed.getByText(/^lundi 23 novembre · S1 \(13:30–14:25\) · Histoire-géographie, avec /).waitFor();
    await live(marc.page);

    // the CPE changes her mind: the course is moved instead; the hub's check shows next to the row
    const row = cpe.page.getByTestId('teacher-absence').filter({ hasText: 'Paul Bernard' }).getByTestId('course-change-row').filter({ hasText: '4B · Histoire-géographie' });
    await row.getByRole('button', { name: /^Modifier/ }).click();
    await row.getByRole('radio', { name: 'Salle changée' }).check();
    await row.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await row.getByText('Indiquez la nouvelle salle.').waitFor();
    await cpe.page.screenshot({ path: '/tmp/preau-absences-teacher-absence-edit.png', fullPage: true });
    await row.getByLabel('Nouvelle salle').fill('B14');
    await row.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await row.getByText('Salle changée\u00a0: B14').waitFor();
    await cpe.page.getByText(/4B · Histoire-géographie, lundi 23 novembre\u00a0: Salle changée\u00a0: B14/).waitFor();
    // Marc's page follows: the change replaces the one he had
    await changed.getByText('Salle changée\u00a0: B14').waitFor({ timeout: 10_000 });
    expect(await changes.getByTestId('course-change').count()).toBe(1);
    await marc.page.screenshot({ path: '/tmp/preau-absences-guardian-changes-phone.png', fullPage: true });

    // direction sets the board's name format, with a live example
    const direction = await open(s, 'direction', '#/absences-enseignants');
    const example = direction.page.getByTestId('board-example');
    await example.getByText('Mme Dupont — cours annulé').waitFor();
    await direction.page.getByRole('radio', { name: /Initiales/ }).check();
    await example.getByText('J. D. — cours annulé').waitFor();
    await direction.page.getByRole('button', { name: 'Enregistrer' }).click();
    await direction.page.getByText('Réglages enregistrés').waitFor();
    await direction.page.screenshot({ path: '/tmp/preau-absences-board-settings.png', fullPage: true });
    const settings = await (await s.sessions.direction.request(`/api/schools/${s.school.uai}/absences/settings`)).json();
    expect(settings.boardNameFormat).toBe('initials');

    expect(marc.errors).toEqual([]);
    // the move without its room, refused by the hub, is the one failed request the page may log
    expect(cpe.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(direction.errors).toEqual([]);
    await Promise.all([marc.context.close(), cpe.context.close(), direction.context.close()]);
  }, 120_000);

  it('shows a cancelled course as such, a closed sheet read-only, and lets vie scolaire take any course’s roll call', async () => {
    clock.setTo(MONDAY_M3);
    const s = await absencesSchool(env.hub.database.db, env.hub.url);
    // Mme Moreau is away this morning: her M3 is cancelled
    const away = await s.sessions.cpe.request(`/api/schools/${s.school.uai}/teacher-absences`, {
      method: 'POST',
      json: { teacherId: s.people.teacher.id, startsAt: '2026-11-23T07:00:00Z', endsAt: '2026-11-23T11:00:00Z', reason: '' },
    });
    expect(away.status).toBe(201);
    const teacher = await open(s, 'teacher', '#/appel', TABLET);
    await teacher.page.getByTestId('rollcall-cancelled').getByText('Cours annulé').waitFor();
    expect(await teacher.page.getByTestId('student-tile').count()).toBe(0);
    await teacher.page.screenshot({ path: '/tmp/preau-absences-rollcall-cancelled.png', fullPage: true });
    await teacher.context.close();

    // another school's M3 after it ended: the teacher sees it, read-only
    clock.setTo('2026-11-23T10:30:00Z'); // 11:30 at school
    const t = await absencesSchool(env.hub.database.db, env.hub.url);
    const late = await open(t, 'teacher', '#/appel', DESKTOP);
    await late.page.getByText(/Aucun cours en ce moment/).waitFor();
    await late.page.getByRole('link', { name: /M3 · 4B/ }).click();
    await late.page.getByTestId('rollcall-closed').getByText('Appel clos depuis 11:05').waitFor();
    const lea = late.page.getByTestId('student-tile').filter({ hasText: 'Léa' });
    expect(await lea.getAttribute('aria-disabled')).toBe('true');
    // a tap on a closed sheet changes nothing
    await lea.click({ force: true });
    await lea.getByText('Présent').waitFor();
    expect(await late.page.getByRole('button', { name: 'Valider l’appel' }).count()).toBe(0);
    await late.page.screenshot({ path: '/tmp/preau-absences-rollcall-closed.png', fullPage: true });

    // vie scolaire takes it from the dashboard, after the course
    const cpe = await open(t, 'cpe', '#/vie-scolaire');
    const course = cpe.page.getByTestId('dashboard-course').filter({ hasText: '4B · Mathématiques' });
    await course.getByText('Appel non fait').waitFor();
    await course.getByRole('link', { name: 'Appel de 4B, Mathématiques' }).click();
    await cpe.page.getByRole('heading', { name: 'Appel — 4B · Mathématiques' }).waitFor();
    const tile = cpe.page.getByTestId('student-tile').filter({ hasText: 'Léa' });
    await tile.click();
    await cpe.page.getByRole('button', { name: 'Valider l’appel' }).click();
    await cpe.page.getByTestId('rollcall-sent').getByText(/Appel transmis à 11:3\d/).waitFor();
    await cpe.page.getByRole('navigation', { name: 'Absences' }).getByRole('link', { name: 'Tableau de bord' }).click();
    await course.getByText(/Appel fait à 11:3\d/).waitFor();
    await course.getByText('par Nadia Roux', { exact: false }).waitFor();

    // a period entered by vie scolaire: Hugo is away all day
    await cpe.page.getByText('Saisir une absence sur une période').click();
    await cpe.page.getByLabel('Rechercher un élève').fill('Pet');
    await cpe.page.getByRole('button', { name: /Hugo Petit/ }).click();
    await cpe.page.getByLabel('Note interne').fill('Appel de la mère à 8 h');
    await cpe.page.screenshot({ path: '/tmp/preau-absences-period-form.png', fullPage: true });
    await cpe.page.getByRole('button', { name: 'Enregistrer l’absence' }).click();
    await cpe.page.getByText('Absence enregistrée pour 1 élève\u00a0: ses responsables sont prévenus.').waitFor();
    const hugo = cpe.page.getByTestId('dashboard-absence').filter({ hasText: 'Hugo Petit (3A)' });
    await hugo.getByText('lundi 23 novembre, de 08:00 à 17:30').waitFor({ timeout: 10_000 });
    await hugo.getByText('Sophie Petit prévenu(e), pas encore vu').waitFor();
    expect(late.errors).toEqual([]);
    expect(cpe.errors).toEqual([]);
    await Promise.all([late.context.close(), cpe.context.close()]);
  }, 90_000);
});
