// When the hub no longer knows this screen: its token was revoked (an admin unpaired it) or is
// unknown (database restored, screen deleted). The kiosk then forgets it and pairs again.

const LOST_CODES = new Set(['screen_revoked', 'unauthenticated']);

/** Whether an API failure means the device token is gone for good. */
export function isAuthLost(err: unknown): boolean {
  const e = err as { status?: unknown; code?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  return e.status === 401 || (typeof e.code === 'string' && e.code === 'screen_revoked');
}

/** Whether a refused live handshake means the same. */
export function isRefusalFinal(code: string): boolean {
  return LOST_CODES.has(code);
}
