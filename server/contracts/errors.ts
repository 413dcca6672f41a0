/** Stable error codes of the API; clients map them to messages. */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_credentials',
  'account_locked',
  'too_many_attempts',
  'cross_site_request',
  'payload_too_large',
  'unsupported_media_type',
  'import_invalid',
  'roll_call_closed',
  'recipient_not_allowed',
  'too_many_recipients',
  'confirmation_required',
  'rate_limited',
  'recall_expired',
  'pairing_not_found',
  'pairing_expired',
  'screen_revoked',
  'alert_active',
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
