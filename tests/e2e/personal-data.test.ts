import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { PersonalDataExport } from '../../server/contracts/privacy';
import { browserHubForFile, openAs } from '../helpers/browser';
import { createPerson, createSchool } from '../helpers/factories';
import { signIn } from '../helpers/http-client';

const env = browserHubForFile();

describe('personal data in the web client', () => {
  it('« Mes données » in the header downloads the signed-in person’s own data as JSON, on a desktop and on a phone', async () => {
    const db = env.hub.database.db;
    const school = await createSchool(db, { name: 'Collège Jean Moulin' });
    const guardian = await createPerson(db, school.id, 'guardian', { firstName: 'Marc', lastName: 'Durand' });
    const session = await signIn(env.hub.url, guardian.login);

    const { context, page, errors } = await openAs(env, session.cookie, '');
    const link = page.getByRole('link', { name: 'Mes données' });
    await link.waitFor();
    expect(await link.getAttribute('title')).toBe('Télécharger mes données personnelles (fichier JSON)');
    await page.screenshot({ path: '/tmp/preau-header-my-data.png' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^preau-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile((await download.path())!, 'utf8')) as PersonalDataExport;
    expect(data.person).toMatchObject({ id: guardian.id, login: guardian.login, firstName: 'Marc', lastName: 'Durand' });
    expect(data.memberships).toEqual([expect.objectContaining({ uai: school.uai, profile: 'guardian' })]);
    expect(errors).toEqual([]);
    await context.close();

    const phone = await openAs(env, session.cookie, '', { width: 360, height: 780 });
    await phone.page.getByRole('link', { name: 'Mes données' }).waitFor();
    await phone.page.screenshot({ path: '/tmp/preau-header-my-data-phone.png' });
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });
});
