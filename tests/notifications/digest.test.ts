import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestRuns, digestSends, emailSuppressions, notifications, people, schools } from '../../db/schema';
import type { SendResultDto } from '../../server/contracts/messaging';
import { dueDigests, isoWeekKey, periodKeyAt } from '../../server/modules/notifications/digest-schedule';
import { DIGEST_TICK_JOB, digestTick } from '../../server/modules/notifications/digest.jobs';
import { runDigest, type DigestDeps } from '../../server/modules/notifications/digest.service';
import { createMailer, type Mailer } from '../../server/modules/notifications/email/mailer';
import { message, messagingSchool, type MessagingSchool } from '../messaging/messaging-setup';
import { startSmtpSink } from '../helpers/smtp-sink';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const clock = new TestClock();
// the end of the week sessions opened now are valid for (Paris, UTC+1), on days other test files
// do not set their hubs to: on a shared PostgreSQL, their digest ticks must not own these runs
const WED_10H = '2026-11-25T09:00:00Z';
const WED_1731 = '2026-11-25T16:31:00Z';
const THU_10H = '2026-11-26T09:00:00Z';
const THU_1731 = '2026-11-26T16:31:00Z';
const FRI_1731 = '2026-11-27T16:31:00Z';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;
type SinkMessage = Sink['messages'][number];

const addressOf = (m: SinkMessage) => m.to.join(',');

describe('email digests', () => {
  let hub: TestHub;
  let sink: Sink;
  let mailer: Mailer;
  let s: MessagingSchool;
  let deps: DigestDeps;
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    sink = await startSmtpSink();
    hub = await startTestHub({ clock, env: { SMTP_URL: sink.url } });
    // the tests drive the tick themselves, at the instants they set; the minute cron would run it
    // at whatever the test clock says when a real minute turns
    await hub.jobs!.unschedule(DIGEST_TICK_JOB);
    s = await messagingSchool(hub.database.db, hub.url);
    for (const [key, p] of Object.entries(s.people)) {
      if (!['marc', 'karim', 'sophie'].includes(key)) continue;
      emails[key] = `${p.login}@exemple.fr`.toLowerCase();
      await hub.database.db.update(people).set({ email: emails[key] }).where(eq(people.id, p.id));
    }
    mailer = createMailer({ smtpUrl: sink.url, dataDir: '/tmp/preau-test-unused', from: 'Préau <no-reply@preau.invalid>' });
    deps = { db: hub.database.db, clock, log: hub.deps.log, mailer, publicUrl: hub.url };
  });
  afterAll(async () => {
    mailer?.close();
    await hub?.close();
    await sink?.close();
  });

  const db = () => hub.database.db;
  const mine = () => sink.messages.filter((m) => Object.values(emails).includes(addressOf(m)));
  const to = (who: string) => mine().filter((m) => addressOf(m) === emails[who]);
  const school = async () => (await db().select().from(schools).where(eq(schools.id, s.school.id)))[0];
  const send = async (subject: string, recipients: string[]) => {
    const res = await s.api('direction').post('/messages', message({ people: recipients }, { subject }));
    expect(res.status).toBe(201);
    return (await res.json()) as SendResultDto;
  };
  const sendsOf = (runId: string) => db().select().from(digestSends).where(eq(digestSends.runId, runId));

  it('schedules by the school’s wall clock: today after 17:30 (or its own time), the ISO week from Friday 17:30', () => {
    const paris = { timeZone: 'Europe/Paris', settings: {} };
    expect(dueDigests(paris, new Date('2027-02-09T16:29:00Z'))).toEqual([]);
    expect(dueDigests(paris, new Date('2027-02-09T16:31:00Z'))).toEqual([{ period: 'daily', periodKey: '2027-02-09' }]);
    expect(dueDigests(paris, new Date('2027-02-12T16:31:00Z'))).toEqual([
      { period: 'daily', periodKey: '2027-02-12' },
      { period: 'weekly', periodKey: '2027-W06' },
    ]);
    // Sunday morning: the week's digest is still owed (a hub down on Friday evening catches up)
    expect(dueDigests(paris, new Date('2027-02-14T09:00:00Z')).map((d) => d.periodKey)).toEqual(['2027-W06']);
    // Nouméa is UTC+11: its Wednesday evening is Wednesday morning in Paris
    expect(dueDigests({ timeZone: 'Pacific/Noumea', settings: {} }, new Date('2027-02-10T06:45:00Z'))).toEqual([{ period: 'daily', periodKey: '2027-02-10' }]);
    expect(dueDigests({ timeZone: 'Europe/Paris', settings: { notifications: { digestTime: '07:00' } } }, new Date('2027-02-09T09:00:00Z'))).toHaveLength(1);
    expect(periodKeyAt(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris', 'weekly')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-03')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-04')).toBe('2027-W01');
  });

  it('a guardian gets one daily digest of their unseen messages; what they read is left out; someone with nothing gets nothing', async () => {
    clock.setTo(WED_10H);
    const outing = await send('Sortie au musée', [s.people.marc.id]);
    const meeting = await send('Réunion des parents', [s.people.marc.id]);
    // Marc opens the second thread in the app: seen, so not in his digest
    expect((await s.sessions.marc.request(`/api/schools/${s.school.uai}/messaging/threads/${meeting.conversationId}`)).status).toBe(200);
    const [seen] = await db().select().from(notifications).where(eq(notifications.dedupeKey, `message:${meeting.messageId}:${s.people.marc.id}`));
    expect(seen.seenAt).not.toBeNull();

    clock.setTo(WED_1731);
    const outcome = await runDigest(deps, await school(), 'daily', '2026-11-25');
    expect(outcome).toMatchObject({ finished: true, sent: 1, failed: 0, skipped: 0, ambiguous: 0 });
    // Karim and Sophie, with an address and the daily mode but nothing new, are handled without an email
    expect(outcome.empty).toBeGreaterThanOrEqual(2);
    await sink.waitFor(1, 10_000);
    expect(to('marc')).toHaveLength(1);
    expect(to('karim')).toHaveLength(0);
    expect(to('sophie')).toHaveLength(0);
    const [mail] = to('marc');
    expect(mail.subject).toBe('Votre résumé du jour : 1 nouveauté — Collège de test');
    expect(mail.text).toContain('Bonjour Marc Durand,');
    expect(mail.text).toContain('== Messagerie (1) ==');
    expect(mail.text).toContain('Sortie au musée');
    const [told] = await db().select().from(notifications).where(eq(notifications.dedupeKey, `message:${outing.messageId}:${s.people.marc.id}`));
    expect(told.url).toContain(outing.conversationId);
    expect(mail.text).toContain(`${hub.url}${told.url}`);
    // the item's time is the school's wall clock
    expect(mail.text).toContain('10:00');
    expect(mail.text).not.toContain('Réunion des parents');
    expect(mail.html).toContain('Sortie au musée');
    expect(mail.headers['list-unsubscribe']).toContain(`<${hub.url}/`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    const rows = await sendsOf(outcome.runId);
    expect(rows.find((r) => r.personId === s.people.marc.id)).toMatchObject({ status: 'sent', items: 1 });
    expect(rows.find((r) => r.personId === s.people.karim.id)).toMatchObject({ status: 'empty', items: 0 });
    // no address, no row: the teacher has none
    expect(rows.find((r) => r.personId === s.people.teacher4B.id)).toBeUndefined();
  });

  it('running the same run again, finished or resumed, sends nothing more', async () => {
    const before = mine().length;
    clock.setTo('2026-11-25T16:45:00Z');
    const again = await runDigest(deps, await school(), 'daily', '2026-11-25');
    expect(again).toMatchObject({ alreadyFinished: true, sent: 0 });
    // as if it had crashed before finishing: every person is found handled
    await db().update(digestRuns).set({ finishedAt: null }).where(eq(digestRuns.id, again.runId));
    const resumed = await runDigest(deps, await school(), 'daily', '2026-11-25');
    expect(resumed).toMatchObject({ finished: true, sent: 0, empty: 0 });
    expect(resumed.skipped).toBe(resumed.recipients);
    // the cutoff is the one fixed when the run was created, not this call's
    const [run] = await db().select().from(digestRuns).where(eq(digestRuns.id, again.runId));
    expect(run.cutoff.getTime() - Date.parse(WED_1731)).toBeGreaterThanOrEqual(0);
    expect(run.cutoff.getTime() - Date.parse(WED_1731)).toBeLessThan(10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(mine()).toHaveLength(before);
  });

  it('the next day’s digest has only what came after the previous cutoff', async () => {
    clock.setTo(THU_10H);
    await send('Menu de la cantine', [s.people.marc.id, s.people.karim.id]);
    clock.setTo(THU_1731);
    const before = mine().length;
    const outcome = await runDigest(deps, await school(), 'daily', '2026-11-26');
    expect(outcome).toMatchObject({ finished: true, sent: 2 });
    await sink.waitFor(before + 2, 10_000);
    const [marc] = to('marc').slice(1);
    expect(marc.text).toContain('Menu de la cantine');
    // still unseen, but told yesterday
    expect(marc.text).not.toContain('Sortie au musée');
    expect(to('karim')).toHaveLength(1);
    expect(to('karim')[0].text).toContain('Menu de la cantine');
  });

  it('the weekly digest gathers the week by category, for the categories set to weekly', async () => {
    // Sophie takes her messages weekly too; news are weekly by default
    const saved = await s.sessions.sophie.request(`/api/schools/${s.school.uai}/notifications/preferences`, {
      method: 'PUT',
      json: { preferences: [{ category: 'message', channel: 'email', mode: 'weekly' }] },
    });
    expect(saved.status).toBe(200);
    clock.setTo('2026-11-23T08:00:00Z');
    await send('Carnet de correspondance', [s.people.sophie.id]);
    // news for the families, straight into the table (publishing is tested with the news)
    const news = (title: string, at: string, personId: string) => ({
      schoolId: s.school.id,
      personId,
      category: 'news' as const,
      dedupeKey: `news:test-${title}:${personId}`,
      title,
      body: `${title} : détails`,
      url: '/#/actualites',
      createdAt: new Date(at),
    });
    await db()
      .insert(notifications)
      .values([
        news('Vacances d’hiver', '2026-11-19T10:00:00Z', s.people.sophie.id), // last week: before the window
        news('Cross du collège', '2026-11-23T10:00:00Z', s.people.sophie.id),
        news('Portes ouvertes', '2026-11-26T10:00:00Z', s.people.sophie.id),
        news('Cross du collège', '2026-11-23T10:00:00Z', s.people.marc.id),
      ]);
    clock.setTo(FRI_1731);
    const before = mine().length;
    const queued = await digestTick({ ...hub.deps, clock }, { schoolIds: [s.school.id] });
    const ours = queued.filter((q) => q.schoolId === s.school.id);
    expect(ours.map((q) => `${q.period} ${q.periodKey}`).sort()).toEqual(['daily 2026-11-27', 'weekly 2026-W48']);
    // the worker runs what the tick queued (the hub's own mailer, the same sink)
    await expect.poll(async () => (await db().select().from(digestRuns).where(sql`${digestRuns.schoolId} = ${s.school.id} and ${digestRuns.finishedAt} is not null`)).length, { timeout: 20_000 }).toBe(4);
    // a second tick finds both done: nothing queued for this school
    expect((await digestTick({ ...hub.deps, clock }, { schoolIds: [s.school.id] })).filter((q) => q.schoolId === s.school.id)).toEqual([]);
    await sink.waitFor(before + 2, 10_000);
    const weekly = (who: string) => to(who).filter((m) => m.subject.startsWith('Votre résumé de la semaine'));
    expect(weekly('sophie')).toHaveLength(1);
    const [sophie] = weekly('sophie');
    expect(sophie.subject).toBe('Votre résumé de la semaine : 3 nouveautés — Collège de test');
    expect(sophie.text.indexOf('== Messagerie (1) ==')).toBeGreaterThan(-1);
    expect(sophie.text.indexOf('== Actualités (2) ==')).toBeGreaterThan(sophie.text.indexOf('== Messagerie (1) =='));
    expect(sophie.text).toContain('Carnet de correspondance');
    expect(sophie.text).toContain('Portes ouvertes');
    expect(sophie.text).not.toContain('Vacances d’hiver');
    // Marc's messages are daily: his weekly digest has the news only
    expect(weekly('marc')).toHaveLength(1);
    expect(weekly('marc')[0].text).not.toContain('== Messagerie');
    expect(weekly('marc')[0].text).toContain('Cross du collège');
    expect(weekly('karim')).toHaveLength(0);
    // Sophie's message is weekly now: not in Friday's daily digest
    expect(to('sophie').filter((m) => m.subject.startsWith('Votre résumé du jour'))).toHaveLength(0);
  });

  it('a permanent refusal is recorded and the address is never emailed again', async () => {
    clock.setTo('2026-11-28T09:00:00Z');
    await send('Bulletin', [s.people.karim.id]);
    clock.setTo('2026-11-28T16:31:00Z');
    sink.respondNext(550, '5.1.1 Mailbox unavailable');
    const outcome = await runDigest(deps, await school(), 'daily', '2026-11-28', { concurrency: 1 });
    expect(outcome).toMatchObject({ sent: 0, failed: 1 });
    const [row] = (await sendsOf(outcome.runId)).filter((r) => r.personId === s.people.karim.id);
    expect(row.status).toBe('failed');
    expect(row.response).toContain('550');
    const [suppressed] = await db().select().from(emailSuppressions).where(eq(emailSuppressions.email, emails.karim));
    expect(suppressed.reason).toBe('bounced');
    clock.setTo('2026-11-29T09:00:00Z');
    await send('Bulletin (bis)', [s.people.karim.id]);
    clock.setTo('2026-11-29T16:31:00Z');
    const next = await runDigest(deps, await school(), 'daily', '2026-11-29');
    expect((await sendsOf(next.runId)).find((r) => r.personId === s.people.karim.id)).toBeUndefined();
  });
});
