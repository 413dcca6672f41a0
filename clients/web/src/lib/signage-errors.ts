import { ApiError } from '../../../shared/api';
import type { Translate, WebKey } from '../i18n';
import { asSentence, fieldErrors } from './absences-errors';
import { formatDuration } from './format-time';

/** What the person was doing when the hub refused: the same code means different things per action. */
export type SignageAction = 'load' | 'pair' | 'update' | 'command' | 'revoke' | 'flash' | 'flashDelete' | 'trigger' | 'alertUpdate' | 'end' | 'templates';

const notFound: Record<SignageAction, WebKey> = {
  load: 'signage.error.notFound',
  pair: 'signage.error.pairingNotFound',
  update: 'signage.error.screenGone',
  command: 'signage.error.screenGone',
  revoke: 'signage.error.screenGone',
  flash: 'signage.error.notFound',
  flashDelete: 'signage.error.flashGone',
  trigger: 'signage.error.notFound',
  alertUpdate: 'alert.error.ended',
  end: 'alert.error.ended',
  templates: 'signage.error.notFound',
};

/**
 * A screens or alert failure in words the person can act on, by its stable code and what they
 * were doing. The hub's own French message is kept where only it can explain (a validation rule).
 */
export function describeSignageError(err: unknown, action: SignageAction, t: Translate): string {
  if (!(err instanceof ApiError)) return t('error.generic');
  switch (err.code) {
    case 'network_error':
      return t(action === 'trigger' ? 'alert.error.network' : 'error.network');
    case 'unauthenticated':
      return t('app.sessionExpired');
    case 'forbidden':
      return t(action === 'trigger' || action === 'alertUpdate' || action === 'end' ? 'alert.error.forbidden' : 'signage.error.forbidden');
    case 'pairing_not_found':
      return t('signage.error.pairingNotFound');
    case 'alert_active':
      return t('alert.error.active');
    case 'not_found':
      return t(notFound[action]);
    case 'conflict':
      return action === 'alertUpdate' || action === 'end' ? t('alert.error.ended') : err.message || t('error.generic');
    case 'rate_limited':
    case 'too_many_attempts': {
      const wait = err.retryAfterSeconds;
      return wait ? t('signage.error.tooFastWait', { wait: formatDuration(wait, t) }) : t('signage.error.tooFast');
    }
    case 'validation_failed': {
      const [first] = fieldErrors(err).values();
      return first ? t('signage.error.validationWith', { message: asSentence(first) }) : t('signage.error.validation');
    }
    case 'service_unavailable':
    case 'internal_error':
      return t('signage.error.unavailable');
    default:
      return err.status >= 500 ? t('signage.error.unavailable') : err.message || t('error.generic');
  }
}

/** The hub's validation reasons by field, as sentences to put under the fields. */
export function signageFieldErrors(err: unknown): Map<string, string> {
  return new Map([...fieldErrors(err)].map(([path, message]) => [path, asSentence(message)]));
}
