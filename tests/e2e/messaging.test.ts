import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserHubForFile, openAs } from '../helpers/browser';
import { addToGroup, createGroup, createPerson, createSchool, linkGuardian } from '../helpers/factories';
import { signIn, type Session } from '../helpers/http-client';

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

const env = browserHubForFile();

/** A collège: Mme Moreau teaches 4B, where Léa (father Marc) and Inès (father Karim) are; direction and an admin. */
async function collège() {
  const db = env.hub.database.db;
  const school = await createSchool(db, { name: 'Collège Jean Moulin' });
  const c4B = await createGroup(db, school.id, '4B');
  const people = {
    teacher: await createPerson(db, school.id, 'teacher', { firstName: 'Claire', lastName: 'Moreau' }),
    lea: await createPerson(db, school.id, 'student', { firstName: 'Léa', lastName: 'Durand' }),
    ines: await createPerson(db, school.id, 'student', { firstName: 'Inès', lastName: 'Haddad' }),
    marc: await createPerson(db, school.id, 'guardian', { firstName: 'Marc', lastName: 'Durand' }),
    karim: await createPerson(db, school.id, 'guardian', { firstName: 'Karim', lastName: 'Haddad' }),
    direction: await createPerson(db, school.id, 'direction', { firstName: 'Anne', lastName: 'Vasseur' }),
    admin: await createPerson(db, school.id, 'admin', { firstName: 'Louis', lastName: 'Martin' }),
  };
  await addToGroup(db, c4B.id, people.teacher.id, 'teacher');
  await addToGroup(db, c4B.id, people.lea.id);
  await addToGroup(db, c4B.id, people.ines.id);
  await linkGuardian(db, school.id, people.marc.id, people.lea.id);
  await linkGuardian(db, school.id, people.karim.id, people.ines.id);
  const sessions = {} as Record<keyof typeof people, Session>;
  await Promise.all(Object.entries(people).map(async ([k, p]) => (sessions[k as keyof typeof people] = await signIn(env.hub.url, p.login))));
  return { school, c4B, people, sessions };
}
type Collège = Awaited<ReturnType<typeof collège>>;

/** Someone on the home page until their live link is up, then in the messagerie without a reload. */
async function liveIn(s: Collège, who: keyof Collège['people'], hash: string, viewport = DESKTOP) {
  const opened = await openAs(env, s.sessions[who].cookie, '#/', viewport);
  await opened.page.getByRole('status').getByText('Connecté', { exact: true }).waitFor({ timeout: 15_000 });
  await opened.page.evaluate((h) => (location.hash = h), hash);
  await opened.page.evaluate(() => ((window as unknown as { preauMarker: number }).preauMarker = 42));
  return opened;
}

const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { preauMarker?: number }).preauMarker === 42);

async function typeInEditor(page: Page, name: string, text: string): Promise<void> {
  await page.getByRole('textbox', { name }).click();
  await page.keyboard.type(text);
}

describe('web client messagerie', () => {
  it('a guardian writes to his daughter’s teacher: her open inbox shows it live, she reads and replies, his open thread shows the read and the reply live', async () => {
    const s = await collège();
    const subject = 'Absence de Léa jeudi';
    const teacher = await liveIn(s, 'teacher', '#/messagerie');
    await teacher.page.getByRole('heading', { name: 'Boîte de réception', level: 1 }).waitFor();
    await teacher.page.getByTestId('folder-empty').waitFor();

    // 1. Marc writes from the composer, finding Mme Moreau in his address book with the keyboard
    const marc = await liveIn(s, 'marc', '#/messagerie/ecrire');
    await marc.page.getByRole('heading', { name: 'Nouveau message', level: 1 }).waitFor();
    const picker = marc.page.getByRole('combobox', { name: 'Personnes' });
    await picker.fill('More');
    await marc.page.getByRole('option', { name: /Claire Moreau/ }).waitFor();
    expect(await picker.getAttribute('aria-expanded')).toBe('true');
    await picker.press('Enter');
    await marc.page.getByTestId('recipient-chip').filter({ hasText: 'Claire Moreau' }).waitFor();
    await marc.page.getByTestId('recipient-total').getByText('1 destinataire').waitFor();
    await marc.page.getByLabel('Objet *').fill(subject);
    await typeInEditor(marc.page, 'Message *', 'Bonjour Madame, Léa aura un rendez-vous médical jeudi matin.');
    await marc.page.screenshot({ path: '/tmp/preau-messaging-composer.png', fullPage: true });
    await marc.page.getByTestId('send').click();
    await marc.page.getByRole('heading', { name: subject, level: 1 }).waitFor();
    await marc.page.getByText('Message envoyé à 1 destinataire.').waitFor();
    const receipt = marc.page.getByTestId('read-receipt');
    await receipt.getByText('Pas encore lu').waitFor();

    // 2. her inbox, open all along, shows it at once, unread, and the badge counts it
    const row = teacher.page.getByTestId('message-row').filter({ hasText: subject });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-unread')).toBe('true');
    await row.getByText('Marc Durand').waitFor();
    const navLink = teacher.page.getByRole('navigation', { name: 'Messagerie' }).getByRole('link', { name: /^Messagerie/ });
    await expect.poll(() => navLink.textContent()).toContain('1 message non lu');
    expect(await stillSamePage(teacher.page)).toBe(true);
    await teacher.page.screenshot({ path: '/tmp/preau-messaging-inbox.png', fullPage: true });

    // 3. she opens it: his thread shows « Lu » live; her badge goes
    await row.getByRole('link', { name: new RegExp(subject) }).click();
    await teacher.page.getByRole('heading', { name: subject, level: 1 }).waitFor();
    await teacher.page.getByTestId('message-body').getByText('rendez-vous médical').waitFor();
    await receipt.getByText('Lu', { exact: true }).waitFor({ timeout: 10_000 });
    await expect.poll(() => navLink.textContent()).not.toContain('non lu');

    // 4. she replies; the box says to whom
    await teacher.page.getByTestId('reply-to').getByText('Réponse à\u00a0: Marc Durand').waitFor();
    await typeInEditor(teacher.page, 'Votre réponse *', 'Merci de m’avoir prévenue, bon rétablissement à Léa.');
    await teacher.page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await teacher.page.getByText('Réponse envoyée.').waitFor();
    await expect.poll(() => teacher.page.getByTestId('thread-message').count()).toBe(2);
    await teacher.page.screenshot({ path: '/tmp/preau-messaging-thread-teacher.png', fullPage: true });

    // 5. his open thread shows the reply without a reload
    const messages = marc.page.getByTestId('thread-message');
    await expect.poll(() => messages.count()).toBe(2);
    await messages.nth(1).getByText('bon rétablissement à Léa').waitFor();
    await messages.nth(1).getByText('Claire Moreau').waitFor();
    expect(await stillSamePage(marc.page)).toBe(true);
    await marc.page.screenshot({ path: '/tmp/preau-messaging-thread-guardian.png', fullPage: true });

    expect(teacher.errors).toEqual([]);
    expect(marc.errors).toEqual([]);
    await Promise.all([teacher.context.close(), marc.context.close()]);
  }, 60_000);

  it('a teacher writes to « Responsables de 4B » and watches the reads rise; a parent’s reply goes privately to her', async () => {
    const s = await collège();
    const subject = 'Sortie au musée vendredi';
    const teacher = await liveIn(s, 'teacher', '#/messagerie/ecrire');
    await teacher.page.getByRole('heading', { name: 'Nouveau message', level: 1 }).waitFor();
    await teacher.page.getByRole('checkbox', { name: /Responsables de 4B/ }).check();
    await teacher.page.getByTestId('recipient-total').getByText('2 destinataires').waitFor();
    await teacher.page.getByLabel('Objet *').fill(subject);
    await typeInEditor(teacher.page, 'Message *', 'Rendez-vous à 8 h devant le collège, prévoir un pique-nique.');
    await teacher.page.getByTestId('send').click();
    await teacher.page.getByRole('heading', { name: subject, level: 1 }).waitFor();
    const reads = teacher.page.getByTestId('read-receipt');
    await reads.getByText('Lu par 0 / 2').waitFor();
    await reads.click();
    await teacher.page.getByTestId('receipts').getByText('Karim Haddad').waitFor();

    // Marc, on his phone, opens it from his inbox: the teacher's count moves on its own
    const marc = await openAs(env, s.sessions.marc.cookie, '#/messagerie', PHONE);
    const row = marc.page.getByTestId('message-row').filter({ hasText: subject });
    await row.getByText('Liste de diffusion').waitFor();
    await marc.page.screenshot({ path: '/tmp/preau-messaging-inbox-phone.png', fullPage: true });
    expect(await marc.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await row.getByRole('link', { name: new RegExp(subject) }).click();
    await marc.page.getByRole('heading', { name: subject, level: 1 }).waitFor();
    await reads.getByText('Lu par 1 / 2').waitFor({ timeout: 10_000 });
    await teacher.page.getByTestId('receipts-by-class').getByRole('row', { name: /4B/ }).getByText('1 / 2').waitFor();
    await teacher.page.getByTestId('receipts').getByText(/^Lu le /).waitFor();
    await teacher.page.screenshot({ path: '/tmp/preau-messaging-receipts.png', fullPage: true });

    // his reply goes to her alone, in a conversation of its own
    await marc.page.getByTestId('reply-to').getByText('Réponse privée à Claire Moreau').waitFor();
    await typeInEditor(marc.page, 'Votre réponse *', 'Léa est allergique aux arachides.');
    await marc.page.screenshot({ path: '/tmp/preau-messaging-reply-phone.png', fullPage: true });
    const listThread = marc.page.url();
    await marc.page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await marc.page.getByTestId('thread-flash').getByText('Réponse envoyée.').waitFor();
    expect(marc.page.url()).not.toBe(listThread);
    await marc.page.getByTestId('reply-to').getByText('Réponse à\u00a0: Claire Moreau').waitFor();
    expect(await marc.page.getByTestId('thread-message').count()).toBe(1);
    expect(await marc.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    expect(teacher.errors).toEqual([]);
    expect(marc.errors).toEqual([]);
    await Promise.all([teacher.context.close(), marc.context.close()]);
  }, 60_000);

  it('an admin edits a contact rule and saves it; direction reads the table without changing it', async () => {
    const s = await collège();
    const admin = await openAs(env, s.sessions.admin.cookie, '#/messagerie/regles');
    await admin.page.getByRole('heading', { name: 'Règles de contact', level: 1 }).waitFor();
    await admin.page.getByTestId('rules-changed').getByText('Toutes les règles sont celles par défaut.').waitFor();
    const cell = admin.page.getByLabel('Responsables peuvent écrire aux Responsables');
    expect(await cell.inputValue()).toBe('none');
    await admin.page.getByTestId('rule-guardian-guardian').getByText('Liées\u00a0: même classe ou groupe').waitFor();
    // « liées » only where the pair has a relation
    expect(await admin.page.getByLabel('Personnels peuvent écrire aux Responsables').locator('option').allTextContents()).toEqual(['Personne', 'Tous']);
    await cell.selectOption('related');
    await admin.page.getByTestId('rules-unsaved').getByText('1 modification non enregistrée').waitFor();
    await admin.page.getByTestId('rule-guardian-guardian').getByText('Modifié').waitFor();
    await admin.page.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await admin.page.getByText('Règles enregistrées').waitFor();
    await admin.page.getByTestId('rules-changed').getByText('1 règle diffère de la valeur par défaut.').waitFor();
    await admin.page.screenshot({ path: '/tmp/preau-messaging-rules.png', fullPage: true });

    const saved = (await (await s.sessions.admin.request(`/api/schools/${s.school.uai}/messaging/rules`)).json()) as Array<{ from: string; to: string; reach: string; isDefault: boolean }>;
    expect(saved.find((r) => r.from === 'guardian' && r.to === 'guardian')).toMatchObject({ reach: 'related', isDefault: false });

    const direction = await openAs(env, s.sessions.direction.cookie, '#/messagerie/regles');
    await direction.page.getByText('Seul l’administrateur ENT peut modifier ces règles.').waitFor();
    await direction.page.getByTestId('rule-guardian-guardian').getByText('Seulement les personnes liées').waitFor();
    expect(await direction.page.getByRole('combobox').count()).toBe(0);
    expect(await direction.page.getByRole('button', { name: 'Enregistrer les règles' }).count()).toBe(0);

    expect(admin.errors).toEqual([]);
    expect(direction.errors).toEqual([]);
    await Promise.all([admin.context.close(), direction.context.close()]);
  }, 30_000);
});
