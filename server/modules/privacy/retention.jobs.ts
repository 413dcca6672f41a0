import { schools } from '../../../db/schema';
import type { HubDeps } from '../../http/deps';
import { applyHubRetention, applyRetention } from './retention.service';

export const RETENTION_JOB = 'privacy.retention';

export async function createPrivacyQueues(deps: HubDeps): Promise<void> {
  await deps.jobs!.createQueue(RETENTION_JOB);
}

/** Every school's retention, school after school: the whole run, once a day. */
export async function runRetention(deps: Pick<HubDeps, 'db' | 'log' | 'clock'>): Promise<void> {
  const now = deps.clock.now();
  for (const school of await deps.db.select({ id: schools.id, uai: schools.uai, timeZone: schools.timeZone, settings: schools.settings }).from(schools)) {
    await applyRetention(deps, school, now);
  }
  await applyHubRetention(deps, now);
}

/** Daily at 03:30, Paris time, on one worker node; `schedule: false` leaves it to tests. */
export async function registerPrivacyJobs(deps: HubDeps, opts: { schedule?: boolean } = {}): Promise<void> {
  await deps.jobs!.work(RETENTION_JOB, () => runRetention(deps));
  if (opts.schedule !== false) await deps.jobs!.schedule(RETENTION_JOB, '30 3 * * *', undefined, { tz: 'Europe/Paris' });
}
