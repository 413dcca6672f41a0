import type { HubDeps } from '../../http/deps';
import type { Mailer } from '../notifications/email/mailer';
import { monitorScreens } from './screen-monitor';

export const SCREEN_MONITOR_JOB = 'signage.monitor';

export async function createSignageQueues(deps: HubDeps): Promise<void> {
  await deps.jobs!.createQueue(SCREEN_MONITOR_JOB);
}

/** The screen monitor, once a minute across the worker nodes; `schedule: false` leaves it to tests. */
export async function registerSignageJobs(deps: HubDeps, mailer: Mailer | undefined, opts: { schedule?: boolean } = {}): Promise<void> {
  await deps.jobs!.work(SCREEN_MONITOR_JOB, async () => {
    const { changed, emailed } = await monitorScreens({ ...deps, mailer, publicUrl: deps.config.publicUrl });
    if (changed || emailed) deps.log.info({ changed, emailed }, 'screens monitored');
  });
  if (opts.schedule !== false) await deps.jobs!.schedule(SCREEN_MONITOR_JOB, '* * * * *');
}
