import { randomBytes } from 'node:crypto';
import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { schools, screens } from '../../../db/schema';
import type { ScreenContent, ScreenZone } from '../../contracts/signage-rules';
import { hashToken } from '../auth/session.store';

/** Device tokens are replaced this often; the kiosk gets the new one in an answer it was going to read anyway. */
export const SCREEN_TOKEN_ROTATE_AFTER_MS = 7 * 24 * 3600_000;

/** A paired screen acting with its device token: read-only, scoped to its school and zone. */
export interface ScreenActor {
  screenId: string;
  schoolId: string;
  uai: string;
  zone: ScreenZone;
  content: ScreenContent;
  /** The token came in under its previous value (the kiosk missed a rotation). */
  usedPreviousToken: boolean;
  tokenIssuedAt: Date;
}

export function newScreenToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** The screen behind a device token, or null when unknown or revoked. */
export async function loadScreen(db: Db, token: string): Promise<ScreenActor | null> {
  if (!token || token.length > 100) return null;
  const hash = hashToken(token);
  const [row] = await db
    .select({ screen: screens, uai: schools.uai })
    .from(screens)
    .innerJoin(schools, eq(schools.id, screens.schoolId))
    .where(and(or(eq(screens.tokenHash, hash), eq(screens.previousTokenHash, hash)), isNull(screens.revokedAt)));
  if (!row) return null;
  const usedPreviousToken = row.screen.tokenHash !== hash;
  if (!usedPreviousToken && row.screen.previousTokenHash) {
    // the kiosk uses its new token: the old one is done
    await db.update(screens).set({ previousTokenHash: null }).where(eq(screens.id, row.screen.id));
  }
  return {
    screenId: row.screen.id,
    schoolId: row.screen.schoolId,
    uai: row.uai,
    zone: row.screen.zone,
    content: row.screen.content,
    usedPreviousToken,
    tokenIssuedAt: row.screen.tokenIssuedAt,
  };
}

/**
 * A new token when the current one is due, or when the kiosk still used the previous one (it
 * missed the answer that carried the new one): the token it holds stays valid until it uses the new.
 */
export async function rotateIfDue(db: Db, screen: ScreenActor, now: Date): Promise<string | undefined> {
  const due = now.getTime() - screen.tokenIssuedAt.getTime() >= SCREEN_TOKEN_ROTATE_AFTER_MS;
  if (!due && !screen.usedPreviousToken) return undefined;
  const { token, hash } = newScreenToken();
  if (screen.usedPreviousToken) {
    await db.update(screens).set({ tokenHash: hash, tokenIssuedAt: now }).where(eq(screens.id, screen.screenId));
  } else {
    const [current] = await db.select({ hash: screens.tokenHash }).from(screens).where(eq(screens.id, screen.screenId));
    await db.update(screens).set({ tokenHash: hash, previousTokenHash: current.hash, tokenIssuedAt: now }).where(eq(screens.id, screen.screenId));
  }
  return token;
}

/** The device token of a request: `Authorization: Bearer …`. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header ?? '');
  return m ? m[1] : null;
}
