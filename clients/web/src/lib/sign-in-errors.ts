import { ApiError } from '../../../shared/api';
import type { Translate } from '../i18n';
import { formatDuration } from './format-time';

export interface SignInProblem {
  message: string;
  /** Which field to mark invalid and focus, if the problem is one field's. */
  field?: 'login' | 'password';
  /** Seconds during which retrying is pointless (lockout, rate limit). */
  retryAfterSeconds?: number;
}

/** Checks the form before asking the hub, so an empty field is named right away. */
export function checkSignInForm(login: string, password: string, t: Translate): SignInProblem | null {
  if (!login.trim() && !password) return { message: t('signIn.error.missingBoth'), field: 'login' };
  if (!login.trim()) return { message: t('signIn.error.missingLogin'), field: 'login' };
  if (!password) return { message: t('signIn.error.missingPassword'), field: 'password' };
  return null;
}

/** What to tell a person whose sign-in failed, from the hub's error code (messages stay in our catalogue's locale). */
export function describeSignInError(err: unknown, t: Translate): SignInProblem {
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
