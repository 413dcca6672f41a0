import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { notifications, pushSubscriptions } from '../../db/schema';
import { browserHubForFile, launchProfileContext, useSession, watchErrors } from '../helpers/browser';
import { startBrowserPushService } from '../helpers/browser-push-service';
import { addMembership, addToGroup, createGroup, createPerson, createSchool, linkGuardian, TEST_PASSWORD } from '../helpers/factories';
import { signIn } from '../helpers/http-client';

// with its registration endpoint overridden, Chromium builds endpoints on its staging push host
const env = browserHubForFile({ env: { PUSH_ALLOWED_HOSTS: 'jmt17.google.com' } });

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('families’ notification PWA', () => {
  it('installs its worker, shows pushes as notifications, opens the item from one, and keeps the inbox and preferences', async () => {
    const db = env.hub.database.db;
    const school = await createSchool(db, { name: 'Collège Jean Moulin' });
    const other = await createSchool(db, { name: 'Lycée Victor Hugo' });
    const parent = await createPerson(db, school.id, 'guardian', { firstName: 'Nadia', lastName: 'Benali' });
    await addMembership(db, parent.id, other.id, 'guardian');
    const lea = await createPerson(db, school.id, 'student', { firstName: 'Léa', lastName: 'Benali' });
    const hugo = await createPerson(db, other.id, 'student', { firstName: 'Hugo', lastName: 'Benali' });
    const klass = await createGroup(db, school.id, '5e B');
    await addToGroup(db, klass.id, lea.id);
    await linkGuardian(db, school.id, parent.id, lea.id);
    await linkGuardian(db, other.id, parent.id, hugo.id);

    const notify = (values: { category: 'child_absence' | 'message'; title: string; body: string; url: string; critical?: boolean; minutesAgo: number }) =>
      db
        .insert(notifications)
        .values({ schoolId: school.id, personId: parent.id, dedupeKey: randomUUID(), ...values, createdAt: new Date(Date.now() - values.minutesAgo * 60_000) })
        .returning()
        .then(([row]) => row);
    const absence = await notify({
      category: 'child_absence',
      title: 'Léa Benali : absente',
      body: 'Absente en mathématiques — aujourd’hui 08:00. Merci d’en prendre connaissance.',
      url: '/#/absences',
      critical: true,
      minutesAgo: 12,
    });
    const message = await notify({
      category: 'message',
      title: 'Message de Anne Vasseur',
      body: 'Sortie au musée — Pensez à l’autorisation signée pour jeudi.',
      // the inbox, not a conversation: this message has no thread behind it for the web client to open
      url: '/#/messagerie',
      minutesAgo: 3,
    });

    const session = await signIn(env.hub.url, parent.login);
    // a browser with a profile on disk (push is refused off the record) and its push service on this machine
    const pushService = await startBrowserPushService();
    const context = await launchProfileContext(pushService.chromiumArgs, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    // Playwright sends CDP Browser.grantPermissions with ['notifications'] for this origin
    await context.grantPermissions(['notifications'], { origin: env.hub.url });
    await useSession(context, session.cookie, env.hub.url);
    const page = await context.newPage();
    const errors = watchErrors(page);

    // the registration id DeliverPushMessage needs comes from the ServiceWorker domain's events
    const cdp = await context.newCDPSession(page);
    const registrations = new Map<string, string>();
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: list }) => {
      for (const r of list) if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
    });
    await cdp.send('ServiceWorker.enable');

    await page.goto(`${env.hub.url}/notify/`);
    await page.getByRole('heading', { name: 'Vos notifications' }).waitFor();
    await page.getByTestId('school-switcher').waitFor();
    await page.getByTestId('children').getByText('Vos enfants ici\u00a0: Léa Benali (5e B)').waitFor();
    await page.getByTestId('unseen-count').getByText('2 notifications non lues').waitFor();
    const cards = page.getByTestId('notification');
    expect(await cards.count()).toBe(2);
    // unread first, newest first: the message (3 min) before the absence (12 min)
    expect(await cards.nth(0).getAttribute('data-id')).toBe(message.id);
    await cards.nth(1).getByText('Important').waitFor();

    // the worker is installed for /notify/, controls the page, and has the app shell cached
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${env.hub.url}/notify/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cached = await page.evaluate(async () => {
      const name = (await caches.keys()).find((n) => n.startsWith('preau-notify-'));
      return name ? (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname) : [];
    });
    expect(cached).toEqual(expect.arrayContaining(['/notify/', '/notify/manifest.webmanifest', '/notify/icon-192.png']));
    expect(cached.some((p) => /^\/assets\/notify-.+\.js$/.test(p))).toBe(true);
    await page.screenshot({ path: '/tmp/preau-notify-inbox.png' });

    // « J’ai pris connaissance » on the child's absence
    await cards.nth(1).getByRole('button', { name: 'J’ai pris connaissance' }).click();
    await page.getByText('Vous en avez pris connaissance.').waitFor();
    const [acked] = await db.select().from(notifications).where(eq(notifications.id, absence.id));
    expect(acked.acknowledgedAt).not.toBeNull();

    // « Activer les notifications »: permission (granted above), then a real pushManager.subscribe with the
    // hub's VAPID key through the browser's push service, and the subscription registered with the hub
    await page.getByRole('button', { name: 'Activer les notifications' }).click();
    await page.getByText('Les notifications sont activées sur cet appareil.').waitFor({ timeout: 25_000 });
    const { publicKey } = (await (await session.request('/api/push/vapid-public-key')).json()) as { publicKey: string };
    expect(pushService.registrations).toHaveLength(1);
    const [registration] = pushService.registrations;
    expect(registration.sender).toBe(publicKey);
    expect(registration.subtype.startsWith(`wp:${env.hub.url}/`)).toBe(true);
    const browserSub = await page.evaluate(async () => (await (await navigator.serviceWorker.ready).pushManager.getSubscription())?.toJSON());
    expect(browserSub?.endpoint).toBe(`https://jmt17.google.com/fcm/send/${registration.token}`);
    const stored = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.personId, parent.id));
    expect(stored.map((s) => ({ endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth }))).toEqual([
      { endpoint: browserSub!.endpoint, p256dh: browserSub!.keys!.p256dh, auth: browserSub!.keys!.auth },
    ]);
    expect(stored[0].userAgent).toContain('Chrome/');
    await page.screenshot({ path: '/tmp/preau-notify-push.png' });

    // a push arrives (delivered by DevTools to the worker, as the push service would) while the hub
    // has just created its notification: the worker shows it, and tells the open inbox to reload
    const registrationId = registrations.get(`${env.hub.url}/notify/`);
    expect(registrationId).toBeTruthy();
    const late = await notify({ category: 'child_absence', title: 'Léa Benali : retard', body: 'En retard en histoire — 10:05.', url: '/#/absences', critical: true, minutesAgo: 0 });
    const push = { title: late.title, body: late.body, url: late.url, tag: `absence:${late.id}` };
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: env.hub.url, registrationId: registrationId!, data: JSON.stringify(push) });
    const shown = async () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, icon: n.icon, url: (n.data as { url?: string })?.url })),
      );
    // the worker may have to start first: slow when the other browser tests load the machine
    await expect.poll(shown, { timeout: 30_000 }).toEqual([
      { title: push.title, body: push.body, tag: push.tag, icon: `${env.hub.url}/notify/icon-192.png`, url: '/#/absences' },
    ]);
    await cards.filter({ hasText: 'Léa Benali : retard' }).waitFor({ timeout: 10_000 });

    // preferences: the quiet hours, locked cells for the critical categories, one change saved
    await page.getByRole('link', { name: 'Réglages' }).click();
    await page.getByTestId('quiet-hours').getByText('Pas de notification sur le téléphone de 19\u00a0h à 7\u00a0h, ni le week-end.').waitFor();
    expect(await page.getByTestId('locked-cell').count()).toBe(4);
    expect(await page.getByTestId('locked-cell').first().textContent()).toContain('Toujours activé');
    await page.getByRole('img', { name: 'Absences de vos enfants, Téléphone\u00a0: toujours, non modifiable' }).waitFor();
    await page.getByLabel('Actualités, E-mail').selectOption('off');
    await page.getByText('Préférence enregistrée.').waitFor();
    const prefs = (await (await session.request(`/api/schools/${school.uai}/notifications/preferences`)).json()) as Array<{ category: string; channel: string; mode: string }>;
    expect(prefs.find((p) => p.category === 'news' && p.channel === 'email')?.mode).toBe('off');
    await page.screenshot({ path: '/tmp/preau-notify-settings.png', fullPage: true });

    // the switcher: Hugo's school, then back
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.getByLabel('Établissement affiché').selectOption({ label: 'Lycée Victor Hugo' });
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByTestId('children').getByText('Vos enfants ici\u00a0: Hugo Benali').waitFor();
    await page.getByText('Aucune notification pour l’instant.').waitFor();
    await page.getByLabel('Établissement affiché').selectOption({ label: 'Collège Jean Moulin' });
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByTestId('children').getByText('Léa Benali (5e B)').waitFor();

    // a tap on the notification. No DevTools command clicks a notification, and a script-made
    // NotificationEvent refuses waitUntil, so the worker's own shipped handler (self.onnotificationclick)
    // is called in the worker with the real Notification and an event whose waitUntil hands back the
    // work. What it does then is real: it closes the notification and navigates the app's window to
    // the item. (A new window, when none is open, needs the tap's permission: not reachable headless.)
    const worker: Worker = context.serviceWorkers().find((w) => w.url().endsWith('/notify/sw.js')) ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(async (tag) => {
      const scope = self as unknown as { registration: ServiceWorkerRegistration; onnotificationclick: (e: unknown) => void };
      const [notification] = await scope.registration.getNotifications({ tag });
      let work: Promise<unknown> = Promise.resolve();
      scope.onnotificationclick({ notification, waitUntil: (p: Promise<unknown>) => (work = p) });
      await work;
    }, push.tag);
    await page.waitForURL(`${env.hub.url}/#/absences`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await worker.evaluate(async () => (await (self as unknown as { registration: ServiceWorkerRegistration }).registration.getNotifications()).length)).toBe(0);

    // opening an item from the inbox marks it seen, then goes to the web client
    await page.goto(`${env.hub.url}/notify/`);
    await page.getByRole('link', { name: 'Message de Anne Vasseur' }).click();
    await page.waitForURL(`${env.hub.url}${message.url}`);
    const [seen] = await db.select().from(notifications).where(and(eq(notifications.id, message.id), eq(notifications.personId, parent.id)));
    expect(seen.seenAt).not.toBeNull();

    // « Désactiver sur cet appareil » (in the settings once push is on): the hub forgets the endpoint and
    // the browser gives up its subscription
    await page.goto(`${env.hub.url}/notify/`);
    await page.getByRole('link', { name: 'Réglages' }).click();
    await page.getByRole('button', { name: 'Désactiver sur cet appareil' }).click();
    await page.getByRole('button', { name: 'Activer les notifications' }).waitFor();
    await expect.poll(() => db.select().from(pushSubscriptions).where(eq(pushSubscriptions.personId, parent.id))).toEqual([]);
    expect(await page.evaluate(async () => (await (await navigator.serviceWorker.ready).pushManager.getSubscription()) === null)).toBe(true);
    await expect.poll(() => pushService.deletions).toEqual([registration.subtype]);

    expect(errors).toEqual([]);
    await context.close();
    await pushService.close();
  }, 90_000);

  it('guides iPhone Safari users to the home screen instead of offering a button that cannot work there', async () => {
    const db = env.hub.database.db;
    const school = await createSchool(db, { name: 'Collège Jean Moulin' });
    const parent = await createPerson(db, school.id, 'guardian', { firstName: 'Paul' });
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'fr-FR', userAgent: IPHONE_SAFARI });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${env.hub.url}/notify/`);
    // the app's own sign-in, with the web client's error wording
    await page.getByLabel('Identifiant').fill(parent.login);
    await page.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText('Identifiant ou mot de passe incorrect').waitFor();
    await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Vos notifications' }).waitFor();
    const guide = page.getByTestId('ios-guide');
    await guide
      .getByText(
        'Sur iPhone\u00a0: ajoutez Préau à l’écran d’accueil (Partager → Sur l’écran d’accueil), puis ouvrez-le depuis l’icône pour activer les notifications.',
      )
      .waitFor();
    expect(await page.getByRole('button', { name: 'Activer les notifications' }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/preau-notify-ios.png' });

    // what an installed app reads: the manifest, its icons, the worker at the app's scope
    const manifest = await fetch(`${env.hub.url}/notify/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
    const body = (await manifest.json()) as { name: string; scope: string; start_url: string; icons: Array<{ src: string; sizes: string; purpose: string }> };
    expect(body).toMatchObject({ name: 'Préau — Notifications', scope: '/notify/', start_url: '/notify/' });
    expect(body.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '192x192 maskable', '512x512 maskable']);
    for (const icon of body.icons) {
      const res = await fetch(env.hub.url + icon.src);
      expect(res.headers.get('content-type')).toBe('image/png');
    }
    const sw = await fetch(`${env.hub.url}/notify/sw.js`);
    expect(sw.headers.get('content-type')).toContain('javascript');
    expect(errors).toEqual([]);
    await context.close();
  }, 30_000);
});
