import { ApiError } from '../../../shared/api';
import type { Translate, WebKey } from '../i18n';

/** What the person was doing when the hub refused: the same code means different things per action. */
export type AbsenceAction =
  | 'load'
  | 'rollCall'
  | 'acknowledge'
  | 'justify'
  | 'upload'
  | 'review'
  | 'reason'
  | 'period'
  | 'remove'
  | 'teacherAbsence'
  | 'courseChange'
  | 'settings';

const notFound: Partial<Record<AbsenceAction, WebKey>> = {
  rollCall: 'absences.error.rollCallNotFound',
  acknowledge: 'absences.error.absenceGone',
  justify: 'absences.error.absenceGone',
  remove: 'absences.error.absenceGone',
  review: 'absences.error.justificationGone',
  teacherAbsence: 'absences.error.teacherAbsenceGone',
  courseChange: 'absences.error.courseChangeGone',
};

const conflict: Partial<Record<AbsenceAction, WebKey>> = {
  rollCall: 'absences.error.courseCancelled',
  justify: 'absences.error.alreadyJustified',
  review: 'absences.error.alreadyReviewed',
  teacherAbsence: 'absences.error.teacherAbsenceOverlap',
  courseChange: 'absences.error.teacherAbsenceCancelled',
};

/** What the hub says of any refused form (zod's checks); its other validation messages name the problem. */
const GENERIC_VALIDATION = 'Certaines informations sont invalides.';

/**
 * An API failure in words the person can act on, by its stable code and what they were doing.
 * The hub's own French message is kept where it is more precise than a general one (a
 * validation with no field to point at, a limit it names).
 */
export function describeAbsenceError(err: unknown, action: AbsenceAction, t: Translate): string {
  if (!(err instanceof ApiError)) return t('error.generic');
  switch (err.code) {
    case 'network_error':
      return t(action === 'rollCall' ? 'absences.error.networkKept' : 'error.network');
    case 'unauthenticated':
      return t('app.sessionExpired');
    case 'forbidden':
      return t(action === 'rollCall' ? 'absences.error.rollCallForbidden' : 'absences.error.forbidden');
    case 'not_found':
      return t(notFound[action] ?? 'absences.error.notFound');
    case 'conflict':
      return conflict[action] ? t(conflict[action]!) : err.message || t('error.generic');
    case 'roll_call_closed':
      return t('absences.error.rollCallClosed');
    case 'payload_too_large':
      return t('absences.error.documentTooLarge');
    case 'unsupported_media_type':
      return t('absences.error.documentType');
    case 'too_many_attempts':
      return t('absences.error.tooFast');
    case 'validation_failed': {
      // a sentence of the hub's own (« Le remplaçant ne peut pas être l’enseignant absent. ») says it all;
      // under the general one, the field's reason (« la fin doit suivre le début ») says more
      if (err.message && err.message !== GENERIC_VALIDATION && /[.!]$/.test(err.message)) return err.message;
      const [first] = fieldErrors(err).values();
      const message = first ?? err.message;
      return message ? t('absences.error.validationWith', { message }) : t('absences.error.validation');
    }
    case 'service_unavailable':
    case 'internal_error':
      return t('absences.error.unavailable');
    default:
      return err.message || t('error.generic');
  }
}

/** The hub's validation details by field path (« endsAt », « changes.0 »), to show next to the fields. */
export function fieldErrors(err: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!(err instanceof ApiError) || err.code !== 'validation_failed' || !Array.isArray(err.details)) return out;
  for (const d of err.details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof d?.path === 'string' && typeof d.message === 'string' && !out.has(d.path)) out.set(d.path, d.message);
  }
  return out;
}

/** A field's reason from the hub (« indiquez la nouvelle salle ») as a sentence to show under it. */
export function asSentence(message: string): string {
  const s = message.trim();
  if (!s) return s;
  return `${s[0].toLocaleUpperCase('fr')}${s.slice(1)}${/[.!?…]$/.test(s) ? '' : '.'}`;
}

/**
 * The hub's validation problems as sentences to put under their fields: its own sentence when it
 * wrote one for the case (« Le remplaçant ne peut pas être l’enseignant absent. »), else the
 * field's reason (« Indiquez la nouvelle salle. »).
 */
export function fieldSentences(err: unknown): Map<string, string> {
  const fields = fieldErrors(err);
  const own = err instanceof ApiError && err.message !== GENERIC_VALIDATION && /[.!]$/.test(err.message) ? err.message : null;
  return new Map([...fields].map(([path, message]) => [path, own ?? asSentence(message)]));
}
