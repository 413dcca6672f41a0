import { eq } from 'drizzle-orm';
import { schools } from '../../../db/schema';
import type { HubDeps } from '../../http/deps';
import { expireDue, NEWS_EXPIRE_JOB, NEWS_PUBLISH_JOB, publishDue } from './news.service';

type NewsJob = { newsId: string; schoolId: string };

/** Queues exist on every node (any node may schedule); only worker nodes run them. */
export async function createNewsQueues(deps: HubDeps): Promise<void> {
  await deps.jobs!.createQueue(NEWS_PUBLISH_JOB);
  await deps.jobs!.createQueue(NEWS_EXPIRE_JOB);
}

/** Scheduled publication and expiry, polled every second so items go live within seconds of their time. */
export async function registerNewsJobs(deps: HubDeps): Promise<void> {
  const run = (fn: typeof publishDue) => async ([job]: Array<{ data: NewsJob }>) => {
    const [school] = await deps.db.select().from(schools).where(eq(schools.id, job.data.schoolId));
    if (!school) return;
    const done = await fn(deps, school, job.data.newsId);
    deps.log.info({ newsId: job.data.newsId, done }, fn === publishDue ? 'scheduled news checked' : 'news expiry checked');
  };
  await deps.jobs!.work<NewsJob>(NEWS_PUBLISH_JOB, { pollingIntervalSeconds: 1 }, run(publishDue));
  await deps.jobs!.work<NewsJob>(NEWS_EXPIRE_JOB, { pollingIntervalSeconds: 1 }, run(expireDue));
}
