import { ApiError } from '../../../shared/api';

/**
 * Tells the shell a call was refused for want of a session (it expired, or the person signed
 * out in another tab): the shell checks and shows the sign-in page if so.
 */
export function reportSessionLoss(from: EventTarget, err: unknown): void {
  if (err instanceof ApiError && err.status === 401) {
    from.dispatchEvent(new CustomEvent('pw-session-lost', { bubbles: true, composed: true }));
  }
}
