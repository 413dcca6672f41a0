import { ApiError } from './api';
import type { SignInKey, SignInTranslate } from './sign-in-i18n';

export interface SignInProblem {
  message: string;
  /** Which field to mark invalid and focus, if the problem is one field's. */
  field?: 'login' | 'password';
  /** Seconds during which retrying is pointless (lockout, rate limit). */
  retryAfterSeconds?: number;
}

/** Checks the form before asking the hub, so an empty field is named right away. */
export function checkSignInForm(login: string, password: string, t: SignInTranslate): SignInProblem | null {
  if (!login.trim() && !password) return { message: t('signIn.error.missingBoth'), field: 'login' };
  if (!login.trim()) return { message: t('signIn.error.missingLogin'), field: 'login' };
  if (!password) return { message: t('signIn.error.missingPassword'), field: 'password' };
  return null;
}

/** What to tell a person whose sign-in failed, from the hub's error code (messages stay in our catalogue's locale). */
export function describeSignInError(err: unknown, t: SignInTranslate): SignInProblem {
  if (!(err instanceof ApiError)) return { message: t('signIn.error.unknown') };
  const retryAfterSeconds = err.retryAfterSeconds ?? undefined;
  const wait = formatDuration(retryAfterSeconds ?? 0, t);
  switch (err.code) {
    case 'invalid_credentials':
      return { message: t('signIn.error.invalidCredentials'), field: 'password' };
    case 'account_locked':
      return { message: t('signIn.error.accountLocked', { wait }), retryAfterSeconds };
    case 'too_many_attempts':
      return { message: t('signIn.error.tooManyAttempts', { wait }), retryAfterSeconds };
    case 'validation_failed':
      return { message: t('signIn.error.missingBoth'), field: 'login' };
    case 'network_error':
      return { message: t('signIn.error.network') };
    case 'service_unavailable':
    case 'internal_error':
      return { message: t('signIn.error.unavailable') };
    default:
      // the hub's own message is French and meant for people: better than a generic one
      return { message: err.message || t('signIn.error.unknown') };
  }
}

/** A wait in seconds as people say it: "45 s", "3 min", "2 h" (rounded up, never "0"). */
export function formatDuration(seconds: number, t: (key: Extract<SignInKey, `duration.${string}`>, params?: { n: number }) => string): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return t('duration.fewMinutes');
  if (seconds < 60) return t('duration.seconds', { n: Math.ceil(seconds) });
  if (seconds < 3600) return t('duration.minutes', { n: Math.ceil(seconds / 60) });
  return t('duration.hours', { n: Math.ceil(seconds / 3600) });
}
