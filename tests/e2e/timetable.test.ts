import { describe, expect, it } from 'vitest';
import { absencesSchool, MONDAY_M3, type AbsencesSchool } from '../absences/absences-setup';
import { browserHubForFile, openAs } from '../helpers/browser';
import { TestClock } from '../helpers/test-clock';

const DESKTOP = { width: 1280, height: 800 };
const TABLET = { width: 820, height: 1180 };

const clock = new TestClock();
const env = browserHubForFile({ clock });

/** One of the school's people, signed in, on a page of the web client. */
const open = (s: AbsencesSchool, who: string, hash: string, viewport = DESKTOP) => openAs(env, s.sessions[who].cookie, hash, viewport);

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe('web client timetable', () => {
  it('lists the courses, refuses a bad courses file line by line, and imports a checked slots file', async () => {
    clock.setTo(MONDAY_M3);
    const s = await absencesSchool(env.hub.database.db, env.hub.url);
    const { context, page, errors } = await open(s, 'direction', '#/emploi-du-temps');

    // 1. the page, in the absences navigation, with the school's courses
    await page.getByRole('heading', { name: 'Emploi du temps', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Absences' });
    expect(await nav.getByRole('link', { name: 'Emploi du temps' }).getAttribute('aria-current')).toBe('page');
    const courses = page.getByTestId('timetable-course');
    await expect.poll(() => courses.count()).toBe(3);
    const monday = page.getByTestId('timetable-day').filter({ hasText: 'lundi' });
    const mondayText = (await monday.innerText()).replace(/\s+/g, ' ');
    expect(mondayText).toContain('4B');
    expect(mondayText).toContain('Mathématiques');
    expect(mondayText).toContain('Claire Moreau');
    expect(mondayText).toContain('salle B12');
    expect(mondayText).toContain('Histoire-géographie');
    // the 3A course is week A only; the hub's Monday 23 November is in week B (A from 16 November)
    await courses.filter({ hasText: '3A' }).getByText('A', { exact: true }).waitFor();
    await page.getByTestId('week-letter').getByText('Cette semaine est une semaine B.').waitFor();
    // the class filter
    await page.getByLabel('Classe ou groupe').selectOption({ label: '3A' });
    await expect.poll(() => courses.count()).toBe(1);
    await page.getByTestId('courses-shown').getByText('1 cours affiché').waitFor();
    await page.getByLabel('Classe ou groupe').selectOption({ label: 'Toutes les classes' });
    await expect.poll(() => courses.count()).toBe(3);
    const slotRows = page.getByTestId('timetable-slot');
    expect(await slotRows.count()).toBe(5);

    // 2. a bad courses file: every bad line with its number and reason, nothing imported
    const coursesBox = page.getByTestId('import-courses');
    const applyCourses = coursesBox.getByRole('button', { name: 'Importer' });
    expect(await applyCourses.isDisabled()).toBe(true);
    await page.getByLabel('Fichier CSV — fichier des cours').setInputFiles(
      csv(
        'cours.csv',
        [
          'classe;matiere;enseignant;jour;creneau;salle;semaine',
          `4B;Mathématiques;${s.people.teacher.login};lundi;M3;B12;`,
          '4B;Anglais;inconnu.prof;mardi;M1;B10;',
          `5Z;Français;${s.people.colleague.login};mardi;M2;;`,
          `4B;SVT;${s.people.colleague.login};mercredi;Z9;;`,
        ].join('\n'),
      ),
    );
    await coursesBox.getByRole('button', { name: 'Vérifier' }).click();
    await coursesBox.getByText('Fichier refusé : 3 lignes en erreur, rien n’a été importé.').waitFor();
    const bad = coursesBox.getByTestId('import-error');
    expect(await bad.count()).toBe(3);
    expect(await bad.evaluateAll((els) => els.map((e) => e.getAttribute('data-line')))).toEqual(['3', '4', '5']);
    expect(await bad.nth(0).innerText()).toContain('inconnu.prof');
    expect(await bad.nth(1).innerText()).toContain('5Z');
    expect(await bad.nth(2).innerText()).toContain('Z9');
    expect(await applyCourses.isDisabled()).toBe(true);
    expect(await courses.count()).toBe(3);

    // 3. a slots file: checked, then imported; the table follows
    const slotsBox = page.getByTestId('import-slots');
    await page.getByLabel('Fichier CSV — fichier des créneaux').setInputFiles(
      csv('creneaux.csv', ['code;debut;fin', 'M1;8h05;9h00', 'M2;9h05;10h00', 'M3;10h10;11h05', 'M4;11h10;12h05', 'S1;13h30;14h25', 'S2;14h30;15h25'].join('\n')),
    );
    const applySlots = slotsBox.getByRole('button', { name: 'Importer' });
    expect(await applySlots.isDisabled()).toBe(true);
    await slotsBox.getByRole('button', { name: 'Vérifier' }).click();
    await slotsBox.getByText(/Vérification réussie\s: 6 ligne\(s\)\. Rien n’a encore été importé\. 1 créé\(s\), 2 modifié\(s\), 3 inchangé\(s\), 0 retiré\(s\)\./).waitFor();
    // a dry run changes nothing
    expect(await slotRows.count()).toBe(5);
    expect(await applySlots.isDisabled()).toBe(false);
    await page.setViewportSize(TABLET);
    await page.screenshot({ path: '/tmp/preau-timetable-tablet.png', fullPage: true });
    await page.setViewportSize(DESKTOP);
    await applySlots.click();
    await slotsBox.getByText(/Import effectué\s: 6 ligne\(s\)\./).waitFor();
    await expect.poll(() => slotRows.count()).toBe(6);
    expect((await slotRows.first().innerText()).replace(/\s+/g, ' ')).toBe('M1 08:05 09:00');
    expect((await slotRows.last().innerText()).replace(/\s+/g, ' ')).toBe('S2 14:30 15:25');
    expect(await applySlots.isDisabled()).toBe(true);

    // 4. the week A Monday: a Tuesday is refused with words
    await page.getByLabel('Lundi d’une semaine A').fill('2026-11-17');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Le mardi 17 novembre 2026 n’est pas un lundi : choisissez le lundi d’une semaine A.').waitFor();
    expect(await page.getByLabel('Lundi d’une semaine A').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Lundi d’une semaine A').fill('2026-11-23');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Lundi de semaine A enregistré.').waitFor();
    await page.getByTestId('week-letter').getByText('Cette semaine est une semaine A.').waitFor();

    await page.screenshot({ path: '/tmp/preau-timetable.png', fullPage: true });
    // the refused file's 422 is logged by the browser, as expected
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await context.close();
  }, 90_000);

  it('keeps the page from teachers', async () => {
    clock.setTo(MONDAY_M3);
    const s = await absencesSchool(env.hub.database.db, env.hub.url);
    const { context, page } = await open(s, 'teacher', '#/emploi-du-temps');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('heading', { name: 'Emploi du temps', level: 1 }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Emploi du temps' }).count()).toBe(0);
    await context.close();
  }, 60_000);
});
