import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { rawRows } from '../../../db/raw-rows';
import type { SchoolBranding } from '../../../db/schema';
import { notificationCategories, type NotificationCategory } from '../../contracts/notifications';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import type { DigestPeriod } from './digest-schedule';
import type { MailResult, Mailer } from './email/mailer';
import { prepareTemplates, renderDigest, type SchoolBrand } from './email/templates';
import { unsubscribeSecret, unsubscribeToken, unsubscribeUrl } from './email/unsubscribe';
import { preferencesOf } from './notification-settings';

export interface DigestDeps {
  db: Queryable;
  clock: Clock;
  log: Logger;
  mailer: Mailer;
  /** Where Préau answers: links and the unsubscribe address in the emails. */
  publicUrl: string;
}

export interface DigestSchool {
  id: string;
  name: string;
  timeZone: string;
  branding: SchoolBranding;
  settings: unknown;
}

export interface DigestOptions {
  /** Digests in flight at once (the mailer pools its SMTP connections; this keeps them busy). */
  concurrency?: number;
  /** Recipients read, filled and claimed per round. */
  batchSize?: number;
  /** Stops claiming new recipients; those in flight finish. The run stays unfinished, to be resumed. */
  signal?: AbortSignal;
}

export interface DigestOutcome {
  runId: string;
  /** The run was already finished: nothing was done. */
  alreadyFinished: boolean;
  /** Finished by this call (false when aborted). */
  finished: boolean;
  recipients: number;
  sent: number;
  failed: number;
  empty: number;
  /** Handled earlier or by another process (its row existed or appeared first). */
  skipped: number;
  /** Rows left 'sending' by an earlier attempt: counted as sent, never sent again (see below). */
  ambiguous: number;
}

const DAY_MS = 86_400_000;
const DEFAULT_CONCURRENCY = 16;
const DEFAULT_BATCH = 500;
/** Past the mailer's connection, greeting and socket timeouts: no live process still awaits this SMTP answer. */
const ABANDONED_AFTER_MS = 5 * 60_000;

interface Recipient {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
}

interface Item {
  person_id: string;
  category: NotificationCategory;
  title: string;
  body: string;
  url: string;
  created_at: string | Date;
}

const idList = (ids: string[]) => sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

/** "mar. 24 nov., 17:05" at the school, whatever the server's zone. */
function atFormat(timeZone: string): (at: string | Date) => string {
  const f = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone });
  return (at) => f.format(new Date(at));
}

/** The run of a school, period and key: created on first call with its cutoff fixed then, read back afterwards. */
async function openRun(db: Queryable, school: DigestSchool, period: DigestPeriod, periodKey: string, now: Date) {
  await db.execute(sql`insert into digest_runs (school_id, period, period_key, cutoff, started_at)
    values (${school.id}, ${period}, ${periodKey}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
    on conflict (school_id, period, period_key) do nothing`);
  const [run] = await rawRows<{ id: string; cutoff: string | Date; finished_at: string | Date | null }>(
    db,
    sql`select id, cutoff, finished_at from digest_runs where school_id = ${school.id} and period = ${period} and period_key = ${periodKey}`,
  );
  // where the previous finished run stopped; a school's first digest looks back one period
  const [previous] = await rawRows<{ cutoff: string | Date }>(
    db,
    sql`select cutoff from digest_runs where school_id = ${school.id} and period = ${period} and finished_at is not null
      and cutoff < ${new Date(run.cutoff).toISOString()}::timestamptz order by cutoff desc limit 1`,
  );
  const cutoff = new Date(run.cutoff);
  const from = previous ? new Date(previous.cutoff) : new Date(cutoff.getTime() - (period === 'daily' ? 1 : 7) * DAY_MS);
  return { id: run.id, cutoff, from, finished: run.finished_at !== null };
}

/**
 * Who may get this digest: active, unsuspended members of the school with an address never
 * suppressed, whose email mode is this period for at least one category; with those categories.
 */
async function recipientsOf(db: Queryable, school: DigestSchool, period: DigestPeriod): Promise<Array<Recipient & { categories: Set<NotificationCategory> }>> {
  const people = await rawRows<Recipient>(
    db,
    sql`select distinct on (p.id) p.id, p.email, p.first_name, p.last_name
      from memberships m join people p on p.id = m.person_id
      where m.school_id = ${school.id} and m.active and m.suspended_at is null and p.active
        and p.email is not null and btrim(p.email) <> ''
        and not exists (select 1 from email_suppressions s where s.email = lower(btrim(p.email)))
      order by p.id`,
  );
  const result: Array<Recipient & { categories: Set<NotificationCategory> }> = [];
  for (let i = 0; i < people.length; i += 2000) {
    const part = people.slice(i, i + 2000);
    const prefs = await preferencesOf(db, school, part.map((p) => p.id));
    for (const p of part) {
      const matrix = prefs.get(p.id)!;
      const categories = new Set(notificationCategories.filter((c) => matrix[c].email === period));
      if (categories.size > 0) result.push({ ...p, email: p.email.trim(), categories });
    }
  }
  return result;
}

/**
 * Sends a school's daily or weekly digest, or resumes it: each recipient gets at most one
 * digest per run, listing their notifications of the digest's categories created since the
 * previous finished run's cutoff and before this one's, not seen in the app meanwhile.
 *
 * Exactly once, and its limit. Each recipient is claimed (a 'sending' row, committed) right
 * before its SMTP call and recorded 'sent' or 'failed' after it: whoever inserts the row first
 * sends, any other process or later attempt skips. A crash can only leave ambiguous the
 * messages in flight at that instant, at most `concurrency` of them, each with a committed
 * claim and an SMTP transaction in an unknown state. Nothing in SMTP tells whether the server
 * took a message whose answer we never read, so no 'sending' row can be proven unsent, however
 * old: they are counted as sent and never retried. A digest missed that way loses nothing (its
 * items stay unseen in the app's inbox); one received twice is what families notice and
 * report. A resumed run turns such rows into 'sent' once older than any SMTP transaction can
 * last (fresher ones may still belong to a live process, which marks them itself), and logs how
 * many it found, so the window stays visible.
 */
export async function runDigest(deps: DigestDeps, school: DigestSchool, period: DigestPeriod, periodKey: string, opts: DigestOptions = {}): Promise<DigestOutcome> {
  const { db, log, mailer } = deps;
  const run = await openRun(db, school, period, periodKey, deps.clock.now());
  const outcome: DigestOutcome = { runId: run.id, alreadyFinished: run.finished, finished: false, recipients: 0, sent: 0, failed: 0, empty: 0, skipped: 0, ambiguous: 0 };
  if (run.finished) return outcome;

  // claims older than any SMTP transaction can last were abandoned by a process that died
  const stale = new Date(deps.clock.now().getTime() - ABANDONED_AFTER_MS).toISOString();
  const settled = await rawRows<{ person_id: string }>(
    db,
    sql`update digest_sends set status = 'sent', response = ${'interrupted in flight: counted as sent'}
      where run_id = ${run.id} and status = 'sending' and at < ${stale}::timestamptz returning person_id`,
  );
  const [held] = await rawRows<{ n: number }>(db, sql`select count(*)::int as n from digest_sends where run_id = ${run.id} and status = 'sending'`);
  outcome.ambiguous = settled.length + held.n;
  if (outcome.ambiguous > 0) log.warn({ runId: run.id, settled: settled.length, held: held.n }, 'digest run resumed: messages in flight at an interruption are counted as sent');

  const recipients = await recipientsOf(db, school, period);
  outcome.recipients = recipients.length;
  const secret = await unsubscribeSecret(db);
  await prepareTemplates();
  const brand: SchoolBrand = { name: school.name, color: school.branding.color, logoUrl: school.branding.logoUrl, publicUrl: deps.publicUrl };
  const formatAt = atFormat(school.timeZone);
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH);
  const stopped = () => opts.signal?.aborted === true;

  for (let start = 0; start < recipients.length && !stopped(); start += batchSize) {
    const batch = recipients.slice(start, start + batchSize);
    const ids = batch.map((r) => r.id);
    const done = new Set(
      (await rawRows<{ person_id: string }>(db, sql`select person_id from digest_sends where run_id = ${run.id} and person_id in ${idList(ids)}`)).map((r) => r.person_id),
    );
    const todo = batch.filter((r) => !done.has(r.id));
    outcome.skipped += batch.length - todo.length;
    if (todo.length === 0) continue;
    // read just before sending, so what was seen in the app a moment ago is left out
    const items = await rawRows<Item>(
      db,
      sql`select n.person_id, n.category, n.title, n.body, n.url, n.created_at from notifications n
        where n.person_id in ${idList(todo.map((r) => r.id))} and n.school_id = ${school.id}
          and n.created_at >= ${run.from.toISOString()}::timestamptz and n.created_at < ${run.cutoff.toISOString()}::timestamptz
          and n.seen_at is null
        order by n.person_id, n.created_at`,
    );
    const byPerson = new Map<string, Item[]>();
    for (const it of items) {
      const list = byPerson.get(it.person_id) ?? [];
      list.push(it);
      byPerson.set(it.person_id, list);
    }
    const work: Array<{ r: Recipient; items: Item[] }> = [];
    const nothing: string[] = [];
    for (const r of todo) {
      const mine = (byPerson.get(r.id) ?? []).filter((it) => r.categories.has(it.category));
      if (mine.length) work.push({ r, items: mine });
      else nothing.push(r.id);
    }
    if (nothing.length) {
      const marked = await rawRows<{ person_id: string }>(
        db,
        sql`insert into digest_sends (run_id, person_id, status, items, at)
          select ${run.id}, value::uuid, 'empty', 0, ${deps.clock.now().toISOString()}::timestamptz from jsonb_array_elements_text(${JSON.stringify(nothing)}::jsonb)
          on conflict (run_id, person_id) do nothing returning person_id`,
      );
      outcome.empty += marked.length;
      outcome.skipped += nothing.length - marked.length;
    }

    let next = 0;
    let crash: unknown = null;
    const marks = new MarkWriter(db, run.id);
    const lane = async () => {
      while (next < work.length && !stopped() && !crash) {
        const { r, items: mine } = work[next++];
        try {
          const result = await sendOne(deps, run.id, school.id, r, mine, { brand, secret, period, formatAt });
          if (result === 'skipped') {
            outcome.skipped++;
            continue;
          }
          if (result.ok) outcome.sent++;
          else outcome.failed++;
          await marks.add({ person_id: r.id, status: result.ok ? 'sent' : 'failed', response: result.response, at: deps.clock.now().toISOString() });
        } catch (err) {
          // a database or mailer exception mid-send: stop like a crash, leave the claim as it is
          crash ??= err;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, work.length) }, lane));
    await marks.flush();
    if (crash) throw crash;
  }
  if (stopped()) return outcome;

  await db.execute(sql`update digest_runs set finished_at = ${deps.clock.now().toISOString()}::timestamptz where id = ${run.id} and finished_at is null`);
  outcome.finished = true;
  log.info({ schoolId: school.id, period, periodKey, ...outcome }, 'digest run finished');
  return outcome;
}

interface Mark {
  person_id: string;
  status: 'sent' | 'failed';
  response: string;
  at: string;
}

/**
 * Records outcomes in groups, one statement for many. This does not widen the window: a crash
 * before a group is written leaves its rows 'sending', and those messages did go out, which is
 * what a resumed run assumes of such rows. Only the claim has to precede each SMTP call.
 */
class MarkWriter {
  private pending: Mark[] = [];
  constructor(
    private readonly db: Queryable,
    private readonly runId: string,
    private readonly groupSize = 50,
  ) {}

  async add(mark: Mark): Promise<void> {
    this.pending.push(mark);
    if (this.pending.length >= this.groupSize) await this.flush();
  }

  async flush(): Promise<void> {
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    await this.db.execute(sql`update digest_sends d set status = x.status, response = x.response, at = x.at
      from jsonb_to_recordset(${JSON.stringify(group)}::jsonb) as x(person_id uuid, status text, response text, at timestamptz)
      where d.run_id = ${this.runId} and d.person_id = x.person_id`);
  }
}

/** Render, claim, send: one recipient, with nothing between the claim and the SMTP call. */
async function sendOne(
  deps: DigestDeps,
  runId: string,
  schoolId: string,
  r: Recipient,
  items: Item[],
  ctx: { brand: SchoolBrand; secret: string; period: DigestPeriod; formatAt: (at: string | Date) => string },
): Promise<MailResult | 'skipped'> {
  const { db } = deps;
  const sections = notificationCategories
    .map((category) => ({
      category,
      items: items.filter((it) => it.category === category).map((it) => ({ title: it.title, body: it.body, url: it.url, at: ctx.formatAt(it.created_at) })),
    }))
    .filter((s) => s.items.length > 0);
  const unsubscribe = unsubscribeUrl(deps.publicUrl, unsubscribeToken(ctx.secret, { personId: r.id, schoolId, scope: 'digests' }));
  // rendered before the claim: a template error leaves the person unclaimed, not ambiguous
  const mail = renderDigest(ctx.brand, { personName: `${r.first_name} ${r.last_name}`, period: ctx.period, sections }, unsubscribe);
  const claimed = await rawRows<{ person_id: string }>(
    db,
    sql`insert into digest_sends (run_id, person_id, status, items, at)
      values (${runId}, ${r.id}, 'sending', ${items.length}, ${deps.clock.now().toISOString()}::timestamptz)
      on conflict (run_id, person_id) do nothing returning person_id`,
  );
  if (claimed.length === 0) return 'skipped';
  const result = await deps.mailer.send({ to: r.email, subject: mail.subject, html: mail.html, text: mail.text, listUnsubscribeUrl: unsubscribe });
  if (!result.ok && result.permanent) {
    // the server refused the address for good: never emailed again, whatever the preferences say
    await db.execute(sql`insert into email_suppressions (email, reason, detail, created_at)
      values (${r.email.toLowerCase()}, 'bounced', ${result.response}, ${deps.clock.now().toISOString()}::timestamptz) on conflict (email) do nothing`);
  }
  return result;
}
