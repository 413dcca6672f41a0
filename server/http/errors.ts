import type { ErrorCode } from '../contracts/errors';

const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_credentials: 401,
  account_locked: 429,
  too_many_attempts: 429,
  cross_site_request: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  import_invalid: 422,
  roll_call_closed: 409,
  recipient_not_allowed: 403,
  too_many_recipients: 422,
  confirmation_required: 409,
  rate_limited: 429,
  recall_expired: 409,
  pairing_not_found: 404,
  pairing_expired: 410,
  screen_revoked: 401,
  alert_active: 409,
  service_unavailable: 503,
  internal_error: 500,
};

/** An expected failure with a stable code, a French message for the UI and optional details. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = statusByCode[code];
  }
}

export const forbidden = (message = 'Action non autorisée.') => new AppError('forbidden', message);
export const notFound = (message = 'Introuvable.') => new AppError('not_found', message);
