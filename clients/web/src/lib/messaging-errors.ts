import { ApiError } from '../../../shared/api';
import type { Translate } from '../i18n';
import { formatDuration } from './format-time';

/** The count the hub wants confirmed (409 confirmation_required), or null for any other failure. */
export function confirmationCount(err: unknown): number | null {
  if (!(err instanceof ApiError) || err.code !== 'confirmation_required') return null;
  const n = (err.details as { recipients?: unknown } | undefined)?.recipients;
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/** The question put to the person before a send to `n` people the hub wants confirmed (see confirmationCount). */
export function sendConfirmation(n: number, t: Translate): { title: string; text: string; confirm: string; cancel: string } {
  return {
    title: t('messaging.confirm.title', { n }),
    text: t('messaging.confirm.text', { n }),
    confirm: t('messaging.confirm.send'),
    cancel: t('item.cancel'),
  };
}

/** The ids the hub refused as recipients (403 recipient_not_allowed). */
export function refusedRecipients(err: unknown): string[] {
  if (!(err instanceof ApiError) || err.code !== 'recipient_not_allowed') return [];
  const refused = (err.details as { refused?: unknown } | undefined)?.refused;
  return Array.isArray(refused) ? refused.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * A messagerie failure in words the person can act on. `names` turns refused ids into the names
 * the person picked; the hub's own French message is kept for what only it can explain.
 */
export function describeMessagingError(err: unknown, t: Translate, names: ReadonlyMap<string, string> = new Map()): string {
  if (!(err instanceof ApiError)) return t('error.generic');
  switch (err.code) {
    case 'network_error':
      return t('error.network');
    case 'recipient_not_allowed': {
      const refused = refusedRecipients(err).map((id) => names.get(id)).filter((n): n is string => !!n);
      return refused.length
        ? t('messaging.error.notAllowedNames', { names: refused.join(', ') })
        : t('messaging.error.notAllowed');
    }
    case 'too_many_recipients': {
      const d = err.details as { max?: unknown; perSend?: unknown; recipients?: unknown } | undefined;
      const max = typeof d?.max === 'number' ? d.max : typeof d?.perSend === 'number' ? d.perSend : null;
      return max !== null ? t('messaging.error.tooManyMax', { max }) : t('messaging.error.tooMany');
    }
    case 'rate_limited': {
      const wait = err.retryAfterSeconds;
      return t('messaging.error.rateLimited', { wait: formatDuration(wait ?? 0, t) });
    }
    case 'recall_expired':
      return t('messaging.error.recallExpired');
    case 'confirmation_required':
      return t('messaging.error.confirm');
    case 'unsupported_media_type':
    case 'payload_too_large':
      return err.message || t('error.generic');
    case 'not_found':
      return t('messaging.error.notFound');
    case 'forbidden':
      // suspended accounts and frozen sending: the hub says which, in French
      return err.message && err.message !== err.code ? err.message : t('messaging.error.forbidden');
    case 'validation_failed':
      return validationText(err, t);
    default:
      return err.status >= 500 ? t('error.generic') : err.message || t('error.generic');
  }
}

// zod's details are lower-case fragments (« objet requis »): the first one, as a sentence
function validationText(err: ApiError, t: Translate): string {
  const details = Array.isArray(err.details) ? (err.details as Array<{ message?: unknown }>) : [];
  const first = details.find((d) => typeof d?.message === 'string')?.message as string | undefined;
  if (!first) return err.message || t('messaging.error.validation');
  const m = first.trim();
  return t('messaging.error.validationWith', { message: m.charAt(0).toLocaleUpperCase('fr-FR') + m.slice(1).replace(/[.!?…]$/, '') });
}
