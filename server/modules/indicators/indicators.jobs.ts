import { schools } from '../../../db/schema';
import { addDays, toZonedInput } from '../../contracts/zoned-time';
import type { HubDeps } from '../../http/deps';
import { rollUp, rollUpReach } from './rollups';

export const ROLLUP_JOB = 'indicators.rollup';

export async function createIndicatorQueues(deps: HubDeps): Promise<void> {
  await deps.jobs!.createQueue(ROLLUP_JOB);
}

/**
 * Yesterday and today of every school, in its time zone (late records of yesterday are taken in
 * too), and the reach of the last 31 days' news and absence alerts, which later reads change.
 */
export async function rollUpRecentDays(deps: Pick<HubDeps, 'db' | 'clock'>): Promise<void> {
  const now = deps.clock.now();
  for (const school of await deps.db.select({ id: schools.id, timeZone: schools.timeZone }).from(schools)) {
    const today = toZonedInput(now, school.timeZone).slice(0, 10);
    await rollUp(deps.db, school, addDays(today, -1), today);
    await rollUpReach(deps.db, school, addDays(today, -31), today);
  }
}

/** Every hour at :05 on one worker node; `schedule: false` leaves it to tests. */
export async function registerIndicatorJobs(deps: HubDeps, opts: { schedule?: boolean } = {}): Promise<void> {
  await deps.jobs!.work(ROLLUP_JOB, () => rollUpRecentDays(deps));
  if (opts.schedule !== false) await deps.jobs!.schedule(ROLLUP_JOB, '5 * * * *');
}
