import type { HubDeps } from '../../http/deps';
import { purgeSessions } from './session.store';

export const PURGE_SESSIONS = 'auth.sessions.purge';

/** Hourly removal of expired and revoked sessions (worker nodes). */
export async function registerAuthJobs(deps: HubDeps): Promise<void> {
  const jobs = deps.jobs!;
  await jobs.createQueue(PURGE_SESSIONS);
  await jobs.schedule(PURGE_SESSIONS, '17 * * * *', {}, { tz: 'Europe/Paris' });
  await jobs.work(PURGE_SESSIONS, async () => {
    const removed = await purgeSessions(deps.db, deps.clock.now());
    deps.log.info({ removed }, 'expired sessions purged');
  });
}
