import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emailSuppressions, notificationDeliveries, notifications, people } from '../../db/schema';
import type { Database } from '../../db/client';
import type { SendResultDto } from '../../server/contracts/messaging';
import type { PreferenceDto } from '../../server/contracts/notifications';
import { createMailer } from '../../server/modules/notifications/email/mailer';
import { prepareTemplates, renderAlert, renderDigest, type SchoolBrand } from '../../server/modules/notifications/email/templates';
import { unsubscribeSecret, unsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from '../../server/modules/notifications/email/unsubscribe';
import { message, messagingSchool, type MessagingSchool } from '../messaging/messaging-setup';
import { openEmptyDatabase } from '../helpers/db';
import { createPerson, createSchool, linkGuardian } from '../helpers/factories';
import { startSmtpSink, type SmtpSink, type SunkMessage } from '../helpers/smtp-sink';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const until = async (check: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};
const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const BRAND: SchoolBrand = { name: 'Collège Jean <Moulin> & Cie', color: '#0f766e', logoUrl: '/logos/jm.png', publicUrl: 'https://preau.example.fr' };

describe('email templates', () => {
  it('refuse to render before being compiled', () => {
    expect(() => renderAlert(BRAND, { title: 't', body: 'b', url: '/', category: 'message' }, 'https://x/u/t')).toThrow(/prepareTemplates/);
  });

  it('fill an alert with the school’s name, colour and logo, escaped, with absolute links and a plain-text part', async () => {
    await prepareTemplates();
    await prepareTemplates();
    const mail = renderAlert(BRAND, { title: `Titre ${XSS} {{link}}`, body: `Corps ${XSS}`, url: '/#/messagerie/fil/42', category: 'message' }, 'https://preau.example.fr/u/abc');
    expect(mail.subject).toBe(`Titre ${XSS} {{link}} — Collège Jean <Moulin> & Cie`);
    expect(mail.html).not.toContain('<script>alert');
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain('Titre &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; {{link}}');
    expect(mail.html).toContain('Collège Jean &lt;Moulin&gt; &amp; Cie');
    expect(mail.html).toContain('href="https://preau.example.fr/#/messagerie/fil/42"');
    expect(mail.html).toContain('src="https://preau.example.fr/logos/jm.png"');
    expect(mail.html).toContain('#0f766e');
    expect(mail.html).not.toMatch(/#010203|#fefdfc/i);
    expect(mail.html).toContain('Ouvrir dans Préau');
    expect(mail.html).toContain('href="https://preau.example.fr/u/abc"');
    expect(mail.html).toContain('<html lang="fr"');
    expect(mail.text).toContain(`Titre ${XSS}`);
    expect(mail.text).toContain('Ouvrir dans Préau : https://preau.example.fr/#/messagerie/fil/42');
    expect(mail.text).toContain('Ne plus recevoir ces courriels : https://preau.example.fr/u/abc');
    // no logo: no image; a light colour gets dark text on it; a broken colour falls back
    const plain = renderAlert({ ...BRAND, logoUrl: null, color: '#fde047' }, { title: 't', body: 'b', url: '/', category: 'news' }, 'https://x/u/t');
    expect(plain.html).not.toContain('<img');
    expect(plain.html).toContain('#111827');
    const broken = renderAlert({ ...BRAND, color: 'red;background:url(x)' }, { title: 't', body: 'b', url: '/', category: 'news' }, 'https://x/u/t');
    expect(broken.html).not.toContain('url(x)');
    expect(broken.html).toContain('#1d4ed8');
  });

  it('fill a digest by category, escaped, in French, with both parts', async () => {
    await prepareTemplates();
    const mail = renderDigest(
      BRAND,
      {
        personName: `Marc ${XSS}`,
        period: 'weekly',
        sections: [
          { category: 'message', items: [{ title: `Message ${XSS}`, body: 'Bonjour', url: '/#/messagerie/fil/1', at: '2026-11-24T09:00:00Z' }] },
          { category: 'news', items: [{ title: 'Sortie', body: '', url: '/#/actualites/2', at: 'hier' }, { title: 'Cantine', body: 'Menu', url: '/#/actualites/3', at: 'lundi' }] },
          { category: 'teacher_absence', items: [] },
        ],
      },
      'https://preau.example.fr/u/digest',
    );
    expect(mail.subject).toBe('Votre résumé de la semaine : 3 nouveautés — Collège Jean <Moulin> & Cie');
    expect(mail.html).not.toContain('<script>alert');
    expect(mail.html).toContain('Marc &lt;script&gt;');
    expect(mail.html).toContain('Messagerie (1)');
    expect(mail.html).toContain('Actualités (2)');
    expect(mail.html).not.toContain('Emploi du temps');
    expect(mail.html).toContain('href="https://preau.example.fr/#/actualites/3"');
    expect(mail.html).toContain('10:00');
    expect(mail.text).toContain('== Actualités (2) ==');
    expect(mail.text).toContain('https://preau.example.fr/#/messagerie/fil/1');
    expect(mail.text).toContain('Ne plus recevoir de résumés : https://preau.example.fr/u/digest');
    expect(renderDigest(BRAND, { personName: 'A', period: 'daily', sections: [{ category: 'message', items: [{ title: 't', body: 'b', url: '/', at: 'x' }] }] }, 'u').subject).toBe(
      'Votre résumé du jour : 1 nouveauté — Collège Jean <Moulin> & Cie',
    );
  });

  it('sign unsubscribe tokens: any changed character is refused', () => {
    const target = { personId: '0b8e3f4e-3c1a-4f0e-9d8e-2a6f3f0e1a11', schoolId: 'f1e2d3c4-b5a6-4789-8abc-def012345678', scope: 'alerts' as const };
    const token = unsubscribeToken('secret', target);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken('secret', token)).toEqual(target);
    expect(verifyUnsubscribeToken('other', token)).toBeNull();
    for (let i = 0; i < token.length; i++) {
      const tampered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(verifyUnsubscribeToken('secret', tampered), `position ${i}`).toBeNull();
    }
    expect(verifyUnsubscribeToken('secret', `${token}A`)).toBeNull();
    expect(unsubscribeUrl('https://preau.example.fr/', token)).toBe(`https://preau.example.fr/u/${token}`);
  });

  it('sign with DKIM, covering both List-Unsubscribe headers (RFC 8058)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'preau-dkim-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const mailer = createMailer({ dataDir: dir, from: 'Préau <no-reply@ecole.example>', dkim: { domainName: 'ecole.example', keySelector: 'preau', privateKey } });
    const result = await mailer.send({ to: 'a@exemple.fr', subject: 'Essai', html: '<p>x</p>', text: 'x', listUnsubscribeUrl: 'https://preau.example.fr/u/t' });
    expect(result.ok).toBe(true);
    const [file] = await readdir(join(dir, 'mail'));
    const parsed = await simpleParser(await readFile(join(dir, 'mail', file)));
    const signature = parsed.headerLines.find((l) => l.key === 'dkim-signature')!.line.replace(/\s+/g, '');
    expect(signature).toContain('d=ecole.example');
    expect(signature.toLowerCase()).toMatch(/h=[^;]*list-unsubscribe:[^;]*list-unsubscribe-post/);
    mailer.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('emails through a real SMTP server', () => {
  const clock = new TestClock();
  let hub: TestHub;
  let sink: SmtpSink;
  let s: MessagingSchool;
  let drop: () => Promise<void>;
  let database: Database;
  const db = () => hub.database.db;
  const advance = (ms: number) => clock.setTo(new Date(clock.now().getTime() + ms));
  const AFTER_DELAY = 121_000;
  type Who = 'karim' | 'marc' | 'sophie' | 'teacher4B' | 'teacher3A';
  const WHO: Who[] = ['karim', 'marc', 'sophie', 'teacher4B', 'teacher3A'];
  const emailOf = (who: Who) => `${s.people[who].login}@exemple.fr`.toLowerCase();
  const mailsTo = (who: Who): SunkMessage[] => sink.messages.filter((m) => m.to.includes(emailOf(who)));
  const prefs = (who: Who) => `/api/schools/${s.school.uai}/notifications/preferences`;
  const emailMessagesAt = async (who: Who, mode: string) => {
    const res = await s.sessions[who].request(prefs(who), { method: 'PUT', json: { preferences: [{ category: 'message', channel: 'email', mode }] } });
    expect(res.status).toBe(200);
  };
  const send = async (to: Who, subject: string) => {
    const since = new Date(clock.now().getTime() - 1000);
    const res = await s.api('direction').post('/messages', message({ people: [s.people[to].id] }, { subject }));
    expect(res.status).toBeLessThan(300);
    const sent = (await res.json()) as SendResultDto;
    const [n] = (await db().select().from(notifications).where(eq(notifications.personId, s.people[to].id))).filter((x) => x.body.startsWith(subject.split(' ')[0]) && x.createdAt >= since);
    return { sent, n };
  };
  const emailDelivery = async (notificationId: string) =>
    (await db().select().from(notificationDeliveries).where(and(eq(notificationDeliveries.notificationId, notificationId), eq(notificationDeliveries.channel, 'email'))))[0];
  const settled = (notificationId: string) => until(async () => !['pending', 'sending'].includes((await emailDelivery(notificationId)).status));
  /** Nothing due or in flight: a queued SMTP answer goes to the next email sent. */
  const idle = () =>
    until(async () => {
      const busy = await db()
        .select({ id: notificationDeliveries.id })
        .from(notificationDeliveries)
        .where(sql`${notificationDeliveries.status} = 'sending' or (${notificationDeliveries.status} = 'pending' and ${notificationDeliveries.dueAt} <= ${clock.now().toISOString()}::timestamptz)`);
      return busy.length === 0;
    });

  beforeAll(async () => {
    // a database of its own: runners of other files' hubs must not send (or steal) these emails
    ({ database, drop } = await openEmptyDatabase('preau_email'));
    sink = await startSmtpSink();
    clock.setTo('2026-11-24T09:00:00Z');
    hub = await startTestHub({ database, clock, deliveryEveryMs: 200, env: { SMTP_URL: sink.url } });
    s = await messagingSchool(db(), hub.url);
    for (const who of WHO) await db().update(people).set({ email: emailOf(who) }).where(eq(people.id, s.people[who].id));
  });
  afterAll(async () => {
    await hub?.close();
    await sink?.close();
    await drop?.();
  });

  let alertUnsubscribe = '';

  it('sends an immediate email after the delay, with both parts, the school, absolute links and one-click unsubscribe headers', async () => {
    await emailMessagesAt('karim', 'immediate');
    const { sent, n } = await send('karim', 'Sortie au musée');
    const d = await emailDelivery(n.id);
    expect(d.status).toBe('pending');
    await new Promise((r) => setTimeout(r, 600));
    expect(mailsTo('karim')).toHaveLength(0);

    advance(AFTER_DELAY);
    await until(async () => mailsTo('karim').length === 1);
    const [mail] = mailsTo('karim');
    expect(mail.subject).toBe(`Message de Anne Vasseur — ${s.school.name}`);
    expect(mail.fromHeader).toEqual({ name: 'Préau', address: 'no-reply@preau.invalid' });
    expect(mail.html).toContain(s.school.name);
    expect(n.url).toContain(sent.conversationId);
    expect(mail.html).toContain(`href="${hub.url}${n.url}"`);
    expect(mail.html).toContain('Ouvrir dans Préau');
    expect(mail.text).toContain('Sortie au musée');
    expect(mail.text).toContain(`Ouvrir dans Préau : ${hub.url}${n.url}`);
    expect(mail.text).toContain('Ne plus recevoir ces courriels');
    expect(mail.headers['list-unsubscribe']).toMatch(/^<https?:\/\/[^>\s]+\/u\/[A-Za-z0-9_-]+>$/);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    alertUnsubscribe = mail.headers['list-unsubscribe'].slice(1, -1);
    expect(mail.html).toContain(`href="${alertUnsubscribe}"`);
    await until(async () => (await emailDelivery(n.id)).status === 'sent');
    expect(await emailDelivery(n.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await emailDelivery(n.id)).response).toMatch(/^250/);
  });

  it('escapes what people wrote in the HTML part', async () => {
    await idle();
    const [direction] = await db().select().from(people).where(eq(people.id, s.people.direction.id));
    await db().update(people).set({ firstName: '<b>Anne</b>' }).where(eq(people.id, direction.id));
    try {
      // markup in a subject is dropped, but entities become text: the notification holds a real `<script>`
      const { n } = await send('karim', `Piège ${XSS.replace(/</g, '&lt;').replace(/>/g, '&gt;')}`);
      expect(n.body).toContain(`Piège ${XSS}`);
      advance(AFTER_DELAY);
      await settled(n.id);
      const mail = mailsTo('karim').find((m) => m.text.includes('Piège'))!;
      expect(mail.html).not.toContain('<script>alert');
      expect(mail.html).not.toContain('<img src=x');
      expect(mail.html).not.toContain('<b>Anne</b>');
      expect(mail.html).toContain('Piège &lt;script&gt;');
      expect(mail.html).toContain('&lt;b&gt;Anne&lt;/b&gt;');
      expect(mail.text).toContain('Piège <script>');
    } finally {
      await db().update(people).set({ firstName: direction.firstName }).where(eq(people.id, direction.id));
    }
  });

  it('does not email what was read in the app during the delay', async () => {
    await idle();
    const before = mailsTo('karim').length;
    const { sent, n } = await send('karim', 'Déjà lu');
    expect((await s.api('karim').get(`/threads/${sent.conversationId}`)).status).toBe(200);
    advance(AFTER_DELAY);
    await settled(n.id);
    expect(await emailDelivery(n.id)).toMatchObject({ status: 'suppressed' });
    expect(mailsTo('karim')).toHaveLength(before);
  });

  it('unsubscribes in one click without signing in (RFC 8058), and refuses a tampered link', async () => {
    await idle();
    const page = await fetch(alertUnsubscribe);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain('Confirmer le désabonnement');
    expect(html).toContain(s.school.name);
    // GET changes nothing: link scanners open links
    expect((await (await s.sessions.karim.request(prefs('karim'))).json() as PreferenceDto[]).find((p) => p.category === 'message' && p.channel === 'email')!.mode).toBe('immediate');

    const token = alertUnsubscribe.split('/u/')[1];
    const tampered = `${alertUnsubscribe.slice(0, -10)}${token.slice(-10, -9) === 'A' ? 'B' : 'A'}${token.slice(-9)}`;
    const oneClick = (url: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://webmail.example' }, body: 'List-Unsubscribe=One-Click' });
    const refused = await oneClick(tampered);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain('Lien invalide');

    const done = await oneClick(alertUnsubscribe);
    expect(done.status).toBe(200);
    expect(done.headers.get('set-cookie')).toBeNull();
    expect(await done.text()).toContain('Désabonnement enregistré');
    const after = (await (await s.sessions.karim.request(prefs('karim'))).json()) as PreferenceDto[];
    expect(after.find((p) => p.category === 'message' && p.channel === 'email')!.mode).toBe('off');
    // a child's absence is still emailed
    expect(after.find((p) => p.category === 'child_absence' && p.channel === 'email')!.mode).toBe('immediate');
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.actorId, s.people.karim.id), eq(auditLog.action, 'notifications.unsubscribed')));
    expect(audit.map((a) => a.meta)).toEqual([{ scope: 'alerts', changed: 1 }]);

    const before = mailsTo('karim').length;
    const { n } = await send('karim', 'Après désabonnement');
    expect(await emailDelivery(n.id)).toBeUndefined();
    advance(AFTER_DELAY);
    await new Promise((r) => setTimeout(r, 600));
    expect(mailsTo('karim')).toHaveLength(before);
  });

  it('stops digests, or every email to an address, from the links of the other scopes', async () => {
    await idle();
    const secret = await unsubscribeSecret(db());
    const digests = unsubscribeUrl(hub.url, unsubscribeToken(secret, { personId: s.people.teacher4B.id, schoolId: s.school.id, scope: 'digests' }));
    expect((await fetch(digests, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
    const teacher = (await (await s.sessions.teacher4B.request(prefs('teacher4B'))).json()) as PreferenceDto[];
    const email = Object.fromEntries(teacher.filter((p) => p.channel === 'email').map((p) => [p.category, p.mode]));
    // message (daily) and news (weekly) were digests; immediate ones stay as they were
    expect(email).toMatchObject({ message: 'off', news: 'off', child_absence: 'immediate' });

    await emailMessagesAt('marc', 'immediate');
    const all = unsubscribeUrl(hub.url, unsubscribeToken(secret, { personId: s.people.marc.id, schoolId: s.school.id, scope: 'all' }));
    expect((await fetch(all, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
    expect(await db().select().from(emailSuppressions).where(eq(emailSuppressions.email, emailOf('marc')))).toMatchObject([{ reason: 'unsubscribed' }]);
    const { n } = await send('marc', 'Adresse supprimée');
    advance(AFTER_DELAY);
    await settled(n.id);
    expect(await emailDelivery(n.id)).toMatchObject({ status: 'skipped', response: 'address suppressed' });
    expect(mailsTo('marc')).toHaveLength(0);
  });

  it('suppresses an address the server refuses for good (550), and retries a temporary refusal (451)', async () => {
    await emailMessagesAt('sophie', 'immediate');
    await emailMessagesAt('teacher3A', 'immediate');
    await idle();
    sink.respondNext(550, '5.1.1 <inconnu> Mailbox unavailable');
    const bounced = await send('sophie', 'Adresse inconnue');
    advance(AFTER_DELAY);
    await settled(bounced.n.id);
    const failed = await emailDelivery(bounced.n.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.response).toContain('550');
    expect(await db().select().from(emailSuppressions).where(eq(emailSuppressions.email, emailOf('sophie')))).toMatchObject([{ reason: 'bounced' }]);
    expect(mailsTo('sophie')).toHaveLength(0);

    await idle();
    sink.respondNext(451);
    const later = await send('teacher3A', 'Réessayer');
    advance(AFTER_DELAY);
    await until(async () => {
      const d = await emailDelivery(later.n.id);
      return d.status === 'pending' && d.attempts === 1;
    });
    const waiting = await emailDelivery(later.n.id);
    expect(waiting.response).toContain('451');
    const wait = waiting.dueAt.getTime() - waiting.lastAttemptAt!.getTime();
    expect(wait).toBeGreaterThanOrEqual(5000);
    expect(wait).toBeLessThanOrEqual(10_000);
    expect(mailsTo('teacher3A')).toHaveLength(0);
    advance(11_000);
    await until(async () => mailsTo('teacher3A').length === 1);
    await until(async () => (await emailDelivery(later.n.id)).status === 'sent');
    expect(await emailDelivery(later.n.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await db().select().from(emailSuppressions).where(eq(emailSuppressions.email, emailOf('teacher3A')))).toHaveLength(0);
  });
});

describe('emails without SMTP_URL', () => {
  let hub: TestHub;
  let dataDir: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'preau-mail-'));
    const empty = await openEmptyDatabase('preau_email_files');
    drop = empty.drop;
    hub = await startTestHub({ database: empty.database, deliveryEveryMs: 200, env: { DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await hub?.close();
    await drop?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes each email as an .eml file under DATA_DIR/mail that mail clients read', async () => {
    const db = hub.database.db;
    const school = await createSchool(db, { name: 'Collège des Tilleuls', branding: { color: '#7c3aed', logoUrl: null } });
    const student = await createPerson(db, school.id, 'student', { firstName: 'Léo' });
    const guardian = await createPerson(db, school.id, 'guardian', { email: `parent.${school.uai.toLowerCase()}@exemple.fr` });
    await linkGuardian(db, school.id, guardian.id, student.id);
    const [n] = await db
      .insert(notifications)
      .values({ schoolId: school.id, personId: guardian.id, category: 'child_absence', dedupeKey: `test:${guardian.id}`, title: 'Léo : absent(e)', body: 'Absent(e) — Mathématiques, M1.', url: '/#/absences', critical: true })
      .returning();
    await db.insert(notificationDeliveries).values({ notificationId: n.id, personId: guardian.id, channel: 'email', dueAt: new Date() });
    await until(async () => (await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, n.id)))[0].status === 'sent');
    const files = await readdir(join(dataDir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const parsed = await simpleParser(await readFile(join(dataDir, 'mail', files[0])));
    expect(parsed.subject).toBe('Léo : absent(e) — Collège des Tilleuls');
    expect(parsed.text).toContain(`${hub.url}/#/absences`);
    expect(parsed.html).toContain('Collège des Tilleuls');
    expect(parsed.html).toContain('#7c3aed');
    // long header lines are folded (RFC 5322 §2.2.3): unfolded before reading
    const header = (name: string) => parsed.headerLines.find((l) => l.key === name)?.line.replace(/\r?\n[ \t]+/g, ' ');
    expect(header('list-unsubscribe')).toMatch(new RegExp(`^List-Unsubscribe: <${hub.url}/u/[A-Za-z0-9_-]+>$`));
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0].address : null;
    expect(to).toBe(guardian.email);
    const [d] = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, n.id));
    expect(d.response).toContain(join(dataDir, 'mail'));
  });
});
