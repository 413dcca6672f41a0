import { eq, inArray, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows';
import { schools } from '../../../db/schema';
import type { HubDeps } from '../../http/deps';
import { dueDigests, type DigestPeriod } from './digest-schedule';
import { runDigest } from './digest.service';
import { createMailer, type Mailer } from './email/mailer';

export const DIGEST_TICK_JOB = 'notifications.digest-tick';
export const DIGEST_RUN_JOB = 'notifications.digest-run';

type DigestJob = { schoolId: string; period: DigestPeriod; periodKey: string };

/** Queues exist on every node (any node may send to them); only worker nodes run them. */
export async function createDigestQueues(deps: HubDeps): Promise<void> {
  await deps.jobs!.createQueue(DIGEST_TICK_JOB);
  // stately: per school and period key, at most one run queued and one running, whichever nodes tick
  await deps.jobs!.createQueue(DIGEST_RUN_JOB, { name: DIGEST_RUN_JOB, policy: 'stately' });
}

/**
 * Finds the digests owed at this instant (each school by its own wall clock) whose run is not
 * finished, and queues them; `schoolIds` limits it to some schools. Returns the jobs queued
 * (those already queued or running are not).
 */
export async function digestTick(deps: Pick<HubDeps, 'db' | 'clock' | 'jobs'>, opts: { schoolIds?: string[] } = {}): Promise<DigestJob[]> {
  const now = deps.clock.now();
  const columns = { id: schools.id, timeZone: schools.timeZone, settings: schools.settings };
  const all = opts.schoolIds
    ? await deps.db.select(columns).from(schools).where(inArray(schools.id, opts.schoolIds))
    : await deps.db.select(columns).from(schools);
  const owed = all.flatMap((s) => dueDigests(s, now).map((d) => ({ schoolId: s.id, ...d })));
  if (owed.length === 0) return [];
  const finished = await rawRows<{ school_id: string; period: string; period_key: string }>(
    deps.db,
    sql`select r.school_id, r.period, r.period_key from digest_runs r
      join jsonb_to_recordset(${JSON.stringify(owed)}::jsonb) as x("schoolId" uuid, period text, "periodKey" text)
        on r.school_id = x."schoolId" and r.period::text = x.period and r.period_key = x."periodKey"
      where r.finished_at is not null`,
  );
  const done = new Set(finished.map((f) => `${f.school_id}:${f.period}:${f.period_key}`));
  const queued: DigestJob[] = [];
  for (const job of owed) {
    const key = `${job.schoolId}:${job.period}:${job.periodKey}`;
    if (done.has(key)) continue;
    // a run interrupted by a crash or a deploy is picked up again by the next tick or retry
    const id = await deps.jobs!.send(DIGEST_RUN_JOB, job, { singletonKey: key, expireInSeconds: 3600, retryLimit: 5, retryDelay: 60 });
    if (id) queued.push(job);
  }
  return queued;
}

/**
 * The digest tick (every minute, pg-boss cron on worker nodes) and the runs it queues, sent with
 * the hub's mailer, or one of the worker's own (closed with the jobs) when none is given.
 */
export async function registerDigestJobs(deps: HubDeps, hubMailer?: Mailer, opts: { schedule?: boolean } = {}): Promise<void> {
  let mailer = hubMailer;
  if (!mailer) {
    const own = createMailer({ smtpUrl: deps.config.smtpUrl, dataDir: deps.config.dataDir, from: 'Préau <no-reply@preau.invalid>' });
    deps.jobs!.on('stopped', () => own.close());
    mailer = own;
  }
  const send = mailer;
  await deps.jobs!.work(DIGEST_TICK_JOB, async () => {
    const queued = await digestTick(deps);
    if (queued.length) deps.log.info({ queued: queued.length }, 'digest runs queued');
  });
  await deps.jobs!.work<DigestJob>(DIGEST_RUN_JOB, { pollingIntervalSeconds: 2 }, async ([job]) => {
    const [school] = await deps.db.select().from(schools).where(eq(schools.id, job.data.schoolId));
    if (!school) return;
    await runDigest({ db: deps.db, clock: deps.clock, log: deps.log, mailer: send, publicUrl: deps.config.publicUrl }, school, job.data.period, job.data.periodKey);
  });
  if (opts.schedule !== false) await deps.jobs!.schedule(DIGEST_TICK_JOB, '* * * * *');
}
