import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { rollUp, rollUpReach } from '../../server/modules/indicators/rollups';
import { addToGroup, createGroup, createPerson, createSchool, linkGuardian } from '../helpers/factories';
import { browserHubForFile, openAs } from '../helpers/browser';
import { signIn } from '../helpers/http-client';
import { seededRandom } from '../helpers/seeded-random';
import { pairScreen } from '../signage/signage-setup';

const env = browserHubForFile();
const CHARTS = ['active', 'heatmap', 'services', 'deliveries', 'reach', 'lists', 'screens'];

describe('indicators dashboard', () => {
  it('draws every chart on a school’s last two weeks, compares with the period before, and exports each chart’s data as CSV', async () => {
    const db = env.hub.database.db;
    const sql = (text: string, values: unknown[] = []) => env.hub.database.executeSql(text, values).then((r) => r.rows as any[]);
    const school = await createSchool(db, { name: 'Collège Jean Moulin' });
    const direction = await createPerson(db, school.id, 'direction', { firstName: 'Anne', lastName: 'Vasseur' });
    const c6A = await createGroup(db, school.id, '6A');
    const c6B = await createGroup(db, school.id, '6B');
    const guardians = [];
    for (let i = 0; i < 30; i++) {
      const g = await createPerson(db, school.id, 'guardian');
      const child = await createPerson(db, school.id, 'student');
      await linkGuardian(db, school.id, g.id, child.id);
      await addToGroup(db, (i % 2 ? c6A : c6B).id, child.id);
      guardians.push({ ...g, child: child.id });
    }
    const teachers = await Promise.all(Array.from({ length: 8 }, () => createPerson(db, school.id, 'teacher')));
    const session = await signIn(env.hub.url, direction.login);

    // 40 days of activity up to today: usage marks in school hours, deliveries, reads, absence alerts
    const draw = seededRandom(7);
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    for (let back = 40; back >= 0; back--) {
      const day = today - back * 86_400_000;
      const weekend = [0, 6].includes(new Date(day).getUTCDay());
      for (const p of [...guardians.map((g) => ({ id: g.id, profile: 'guardian' })), ...teachers.map((t) => ({ id: t.id, profile: 'teacher' }))]) {
        if (draw() > (weekend ? 0.15 : p.profile === 'teacher' ? 0.9 : 0.55)) continue;
        const hour = p.profile === 'teacher' ? 7 + Math.floor(draw() * 10) : [7, 12, 17, 18, 19, 20][Math.floor(draw() * 6)];
        await sql(`insert into usage_hours (school_id, person_id, profile, hour) values ($1, $2, $3::profile, $4) on conflict do nothing`, [school.id, p.id, p.profile, new Date(day + hour * 3_600_000).toISOString()]);
      }
      for (const g of guardians) {
        if (weekend || draw() > 0.35) continue;
        const [n] = await sql(`insert into notifications (school_id, person_id, category, dedupe_key, title, body, url, created_at) values ($1, $2, 'news', $3, 'Info', 'Info', '/', $4) returning id`, [
          school.id,
          g.id,
          `e2e:${day}:${g.id}`,
          new Date(day + 9 * 3_600_000).toISOString(),
        ]);
        const outcome = draw();
        const [channel, status] = outcome < 0.55 ? ['push', 'sent'] : outcome < 0.8 ? ['email', 'sent'] : outcome < 0.93 ? ['email', 'suppressed'] : ['push', 'failed'];
        await sql(`insert into notification_deliveries (notification_id, person_id, channel, status, due_at, created_at, sent_at) values ($1, $2, $3, $4, $5, $5, $5)`, [
          n.id,
          g.id,
          channel,
          status,
          new Date(day + 9 * 3_600_000 + 60_000).toISOString(),
        ]);
      }
      if (!weekend && back % 3 === 0) {
        const g = guardians[back % guardians.length];
        const [a] = await sql(`insert into absences (school_id, student_id, kind, starts_at, ends_at, source) values ($1, $2, 'absent', $3, $4, 'vie_scolaire') returning id`, [
          school.id,
          g.child,
          new Date(day + 7 * 3_600_000).toISOString(),
          new Date(day + 11 * 3_600_000).toISOString(),
        ]);
        const delay = draw() < 0.1 ? null : Math.floor(120 + draw() * 5400) * 1000;
        await sql(`insert into absence_notices (absence_id, guardian_id, notified_at, acknowledged_at) values ($1, $2, $3, $4)`, [
          a.id,
          g.id,
          new Date(day + 8 * 3_600_000).toISOString(),
          delay === null ? null : new Date(day + 8 * 3_600_000 + delay).toISOString(),
        ]);
      }
    }
    for (const [k, title] of ['Réunion parents-professeurs', 'Sortie au musée', 'Menu de la semaine'].entries()) {
      const res = await session.request(`/api/schools/${school.uai}/news`, {
        method: 'POST',
        json: { title, bodyHtml: `<p>${title}</p>`, category: 'vie_scolaire', audience: [{ kind: 'school', profiles: ['guardian'] }], intent: 'publish' },
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      const published = today - (12 - k * 4) * 86_400_000 + 8 * 3_600_000;
      await sql(`update news_items set published_at = $2 where id = $1`, [id, new Date(published).toISOString()]);
      for (const g of guardians) {
        if (draw() < 0.75 - k * 0.2) await sql(`update news_recipients set read_at = $3 where news_id = $1 and person_id = $2`, [id, g.id, new Date(published + 10 * 3_600_000).toISOString()]);
      }
    }
    // a send through a mailing list, each guardian reached through their child's class
    const sentAt = new Date(today - 6 * 86_400_000 + 10 * 3_600_000).toISOString();
    const [conversation] = await sql(`insert into conversations (school_id, kind, subject, created_by) values ($1, 'broadcast', 'Piscine', $2) returning id`, [school.id, direction.id]);
    const [message] = await sql(
      `insert into messages (school_id, conversation_id, author_id, author_profile, subject, body_html, body_text, status, addressees, sent_at, recipient_count, via_list)
       values ($1, $2, $3, 'direction', 'Piscine : bonnets obligatoires', '<p>…</p>', '…', 'sent', '{"people":[],"lists":[]}', $4, 30, true) returning id`,
      [school.id, conversation.id, direction.id, sentAt],
    );
    for (const [i, g] of guardians.entries()) {
      await sql(
        `insert into message_recipients (message_id, person_id, school_id, conversation_id, profile, class_name, deliver_at, delivered_at, read_at) values ($1, $2, $3, $4, 'guardian', $5, $6, $6, $7)`,
        [message.id, g.id, school.id, conversation.id, i % 2 ? '6A' : '6B', sentAt, draw() < 0.7 ? sentAt : null],
      );
    }
    // two hall screens, heard from most of each school day
    const admin = await createPerson(db, school.id, 'admin');
    const adminSession = await signIn(env.hub.url, admin.login);
    for (const name of ['Hall principal', 'Cantine']) {
      const { screen } = await pairScreen(env.hub.url, adminSession, school.uai, { name });
      for (let back = 30; back >= 0; back--) {
        const day = new Date(today - back * 86_400_000).toISOString().slice(0, 10);
        await sql(`insert into screen_uptime_daily (school_id, screen_id, day, online_minutes) values ($1, $2, $3, $4)`, [school.id, screen.id, day, 480 + Math.floor(draw() * 300)]);
      }
    }
    const first = new Date(today - 40 * 86_400_000).toISOString().slice(0, 10);
    const last = new Date(today).toISOString().slice(0, 10);
    await rollUp(db, school, first, last);
    await rollUpReach(db, school, first, last);

    const { context, page, errors } = await openAs(env, session.cookie, '#/indicateurs', { width: 1280, height: 900 });
    await page.getByRole('heading', { name: 'Indicateurs de suivi', level: 1 }).waitFor();
    await page.getByTestId('indicator-kpis').getByText('Personnes actives par jour (moyenne)').waitFor();
    // the previous period is there to compare with
    expect(await page.getByTestId('indicator-kpis').getByText(/période précédente : \d/).count()).toBeGreaterThanOrEqual(3);
    for (const name of CHARTS) {
      const section = page.getByTestId(`chart-${name}`);
      await section.waitFor();
      // drawn: the canvas holds non-blank pixels
      const inked = await section.locator('canvas').evaluate((c: HTMLCanvasElement) => {
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n;
      });
      expect(inked, name).toBeGreaterThan(500);
    }
    await page.getByTestId('chart-absences').getByText('Jamais accusées').waitFor();
    expect(await page.getByTestId('chart-absences').locator('dd').first().textContent()).toMatch(/^\d+$/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-reach').getByRole('button', { name: 'Exporter en CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`indicateurs-reach-${new Date(today - 30 * 86_400_000).toISOString().slice(0, 10)}-${last}.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFactualité;publiée le;classe;familles;part lue');
    expect(csv).toContain('Sortie au musée;');
    expect(csv).toContain(';6A;15;');

    await page.screenshot({ path: '/tmp/preau-indicators.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();

    // a guardian never sees the page: the navigation has no link, the address falls back to the feed
    const guardianSession = await signIn(env.hub.url, guardians[0].login);
    const guardian = await openAs(env, guardianSession.cookie, '#/indicateurs');
    await guardian.page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await guardian.page.getByRole('heading', { name: 'Indicateurs de suivi' }).count()).toBe(0);
    expect(await guardian.page.getByRole('link', { name: 'Indicateurs' }).count()).toBe(0);
    await guardian.context.close();
  });
});
