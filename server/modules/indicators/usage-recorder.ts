import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Profile } from '../../contracts/directory';
import type { Logger } from '../../platform/logger';

const HOUR_MS = 3_600_000;

/**
 * Notes that a person used the hub in a school during the current hour (one row per person,
 * school and hour, nothing of what they did): the raw record behind the active-people and
 * hours-of-use indicators. Written once per hour and node, in the background: a request never
 * waits for it, and a failure costs one mark, not the request.
 */
export class UsageRecorder {
  private hour = 0;
  private readonly seenThisHour = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  seen(schoolId: string, personId: string, profile: Profile, now: Date): void {
    const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    if (hour !== this.hour) {
      this.hour = hour;
      this.seenThisHour.clear();
    }
    const key = `${schoolId}|${personId}|${profile}`;
    if (this.seenThisHour.has(key)) return;
    this.seenThisHour.add(key);
    this.db
      .execute(
        sql`insert into usage_hours (school_id, person_id, profile, hour) values (${schoolId}, ${personId}, ${profile}, ${new Date(hour).toISOString()}::timestamptz) on conflict do nothing`,
      )
      .catch((err: unknown) => {
        this.seenThisHour.delete(key);
        this.log.warn({ err }, 'usage record failed');
      });
  }
}
