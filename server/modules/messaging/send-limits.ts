import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../../../db/client';
import { rateLimits } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import type { Profile } from '../../contracts/directory';
import { DEFAULT_CONFIRM_ABOVE, DEFAULT_SEND_LIMITS, type SendLimits } from '../../contracts/messaging';
import { AppError } from '../../http/errors';
import { settingsSection } from '../directory/school-settings';

export interface MessagingSection {
  confirmAbove: number;
  limits: Partial<Record<Profile, Partial<SendLimits>>>;
  frozen: { at: string; by: string; byName: string } | null;
}

const DEFAULTS: MessagingSection = { confirmAbove: DEFAULT_CONFIRM_ABOVE, limits: {}, frozen: null };

/** The school's messaging settings over the defaults. */
export function messagingSettings(school: { settings: unknown }): MessagingSection {
  return settingsSection(school, 'messaging', DEFAULTS);
}

export function limitsFor(section: MessagingSection, profile: Profile): SendLimits {
  return { ...DEFAULT_SEND_LIMITS[profile], ...(section.limits[profile] ?? {}) };
}

/**
 * Per-sender counters in PostgreSQL (shared by every node, kept across restarts): messages per
 * minute and recipients per hour. A hijacked account cannot mass-mail faster than its profile allows.
 */
export class SendLimiter {
  private readonly limiters = new Map<string, RateLimiterDrizzle>();
  constructor(private readonly db: Db) {}

  private limiter(kind: 'minute' | 'hour', points: number): RateLimiterDrizzle {
    const key = `${kind}:${points}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiterDrizzle({
        storeClient: this.db,
        schema: rateLimits,
        keyPrefix: `msg-${kind}-${points}`,
        points,
        duration: kind === 'minute' ? 60 : 3600,
      });
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  /** Counts one send of `recipients` people, or throws 429 without counting it. */
  async consume(actor: Actor, limits: SendLimits, recipients: number): Promise<void> {
    const who = `${actor.schoolId}:${actor.personId}`;
    const perMinute = this.limiter('minute', limits.perMinute);
    const perHour = this.limiter('hour', limits.recipientsPerHour);
    const [minute, hour] = await Promise.all([perMinute.get(who), perHour.get(who)]);
    if (minute && minute.consumedPoints + 1 > limits.perMinute) {
      throw limited(`Vous avez envoyé ${limits.perMinute} messages en une minute : patientez avant d’en envoyer d’autres.`, minute);
    }
    if ((hour?.consumedPoints ?? 0) + recipients > limits.recipientsPerHour) {
      throw limited(
        `Limite de ${limits.recipientsPerHour} destinataires par heure atteinte : réessayez plus tard ou demandez à la vie scolaire.`,
        hour ?? new RateLimiterRes(0, 3600_000),
      );
    }
    await Promise.all([perMinute.consume(who, 1).catch(() => undefined), perHour.consume(who, Math.max(1, recipients)).catch(() => undefined)]);
  }
}

function limited(message: string, res: RateLimiterRes): AppError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new AppError('rate_limited', message, { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
}

const limiters = new WeakMap<Db, SendLimiter>();
/** One limiter per database (its instances cache the per-profile counters). */
export function sendLimiter(db: Db): SendLimiter {
  let l = limiters.get(db);
  if (!l) limiters.set(db, (l = new SendLimiter(db)));
  return l;
}
