import { RateLimiterDrizzle } from 'rate-limiter-flexible';
import type { Db } from '../../../db/client';
import { rateLimits } from '../../../db/schema';
import { AppError } from '../../http/errors';

export const ACCOUNT_MAX_FAILURES = 5;
export const ADDRESS_MAX_FAILURES = 30;
const WINDOW_SECONDS = 15 * 60;

/**
 * Failed sign-ins counted per account and per address in PostgreSQL, so a lockout holds
 * across restarts and nodes. A locked account stays locked for the window even with the right password.
 */
export class LoginLimiter {
  private readonly perAccount: RateLimiterDrizzle;
  private readonly perAddress: RateLimiterDrizzle;

  constructor(db: Db) {
    const common = { storeClient: db, schema: rateLimits, duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS };
    this.perAccount = new RateLimiterDrizzle({ ...common, keyPrefix: 'login-account', points: ACCOUNT_MAX_FAILURES });
    this.perAddress = new RateLimiterDrizzle({ ...common, keyPrefix: 'login-address', points: ADDRESS_MAX_FAILURES });
  }

  /** Throws 429 when the account or the address has used up its attempts. */
  async assertAllowed(login: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.perAccount.get(accountKey(login)), this.perAddress.get(ip)]);
    if (account && account.consumedPoints >= ACCOUNT_MAX_FAILURES) {
      throw locked('account_locked', 'Compte temporairement verrouillé après plusieurs échecs. Réessayez dans {min} min.', account.msBeforeNext);
    }
    if (address && address.consumedPoints >= ADDRESS_MAX_FAILURES) {
      throw locked('too_many_attempts', 'Trop de tentatives depuis cette adresse. Réessayez dans {min} min.', address.msBeforeNext);
    }
  }

  async recordFailure(login: string, ip: string): Promise<void> {
    // consume() rejects once over the limit: that is the lockout itself, not an error here
    await Promise.all([
      this.perAccount.consume(accountKey(login)).catch(() => undefined),
      this.perAddress.consume(ip).catch(() => undefined),
    ]);
  }

  async recordSuccess(login: string): Promise<void> {
    await this.perAccount.delete(accountKey(login));
  }
}

const accountKey = (login: string) => login.trim().toLowerCase();

function locked(code: 'account_locked' | 'too_many_attempts', template: string, msBeforeNext: number): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError(code, template.replace('{min}', String(Math.ceil(seconds / 60))), { retryAfterSeconds: seconds }, {
    'Retry-After': String(seconds),
  });
}
