import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { screenPairings, screens } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import {
  DEFAULT_SCREEN_CONTENT,
  DEFAULT_SCREEN_SCHEDULE,
  PAIRING_ALPHABET,
  PAIRING_CODE_LENGTH,
  type PairingClaimDto,
  type PairingStartDto,
  type ScreenDto,
} from '../../contracts/signage';
import { AppError } from '../../http/errors';
import type { OutboxDeps } from '../../platform/outbox';
import { inTransaction } from '../../platform/outbox';
import { hashToken } from '../auth/session.store';
import type { School } from '../timetable/course-rows';
import { newScreenToken } from './screen-token';
import { screenDto, toSelf } from './screen-views';
import { emitScreenStatus } from './screen-events';

/** A code is shown this long; the kiosk asks for a new one after. */
const PAIRING_TTL_MS = 15 * 60_000;

function newCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return code;
}

/** An unpaired kiosk asks for a code to show, and gets the secret it will collect its token with. */
export async function startPairing(db: Db, publicUrl: string, now: Date): Promise<PairingStartDto> {
  // codes of pairings nobody finished are taken back
  await db.delete(screenPairings).where(lt(screenPairings.expiresAt, new Date(now.getTime() - PAIRING_TTL_MS)));
  const secret = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + PAIRING_TTL_MS);
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = newCode();
    const [row] = await db.insert(screenPairings).values({ code, secretHash: hashToken(secret), expiresAt }).onConflictDoNothing().returning();
    if (row) return { code, secret, expiresAt: expiresAt.toISOString(), pairUrl: `${publicUrl.replace(/\/$/, '')}/#/ecrans/appairer?code=${code}` };
  }
  throw new AppError('service_unavailable', 'Aucun code libre pour l’instant : réessayez.');
}

/** The kiosk polls with its secret: pending until an admin pairs the code, then its token, once. */
export async function claimPairing(db: Db, secret: string, now: Date): Promise<PairingClaimDto> {
  const [row] = await db.select().from(screenPairings).where(eq(screenPairings.secretHash, hashToken(secret)));
  if (!row || (!row.screenId && row.expiresAt <= now)) throw new AppError('pairing_expired', 'Ce code a expiré : un nouveau code va s’afficher.');
  if (!row.screenId) return { status: 'pending', expiresAt: row.expiresAt.toISOString() };
  const { token, hash } = newScreenToken();
  return db.transaction(async (tx) => {
    // the pairing row goes with the first claim: a second claim with the same secret finds nothing
    const [taken] = await tx.delete(screenPairings).where(eq(screenPairings.code, row.code)).returning();
    if (!taken) throw new AppError('pairing_expired', 'Ce code a déjà servi.');
    const [screen] = await tx.update(screens).set({ tokenHash: hash, tokenIssuedAt: now, updatedAt: now }).where(and(eq(screens.id, row.screenId!), isNull(screens.revokedAt))).returning();
    if (!screen) throw new AppError('pairing_expired', 'Cet écran a été révoqué.');
    return { status: 'paired' as const, token, screen: toSelf(screen) };
  });
}

/** An admin pairs the screen showing `code` to their school, with its name, zone and layout. */
export async function pairScreen(
  deps: OutboxDeps & { clock: { now(): Date } },
  actor: Actor,
  school: School,
  input: { code: string; name: string; zone: ScreenDto['zone']; layout: ScreenDto['layout'] },
): Promise<ScreenDto> {
  assertAllowed(actor, 'signage.screens.manage', { schoolId: school.id });
  const now = deps.clock.now();
  return inTransaction(deps, async (uow) => {
    const [pairing] = await uow.tx
      .select()
      .from(screenPairings)
      .where(and(eq(screenPairings.code, input.code), gt(screenPairings.expiresAt, now), isNull(screenPairings.screenId)))
      .for('update');
    if (!pairing) throw new AppError('pairing_not_found', 'Aucun écran n’affiche ce code : vérifiez-le, ou rechargez l’écran pour en obtenir un nouveau.');
    // unusable until the kiosk collects its own token with its secret
    const placeholder = newScreenToken().hash;
    const [screen] = await uow.tx
      .insert(screens)
      .values({
        schoolId: school.id,
        name: input.name,
        zone: input.zone,
        layout: input.layout,
        schedule: DEFAULT_SCREEN_SCHEDULE,
        content: input.zone === 'cantine' ? { ...DEFAULT_SCREEN_CONTENT, board: false, newsCategories: ['restauration'] } : DEFAULT_SCREEN_CONTENT,
        tokenHash: placeholder,
        tokenIssuedAt: now,
        pairedAt: now,
        pairedBy: actor.personId,
      })
      .returning();
    await uow.tx.update(screenPairings).set({ screenId: screen.id }).where(eq(screenPairings.code, pairing.code));
    const dto = screenDto(screen, school, actor.name, now);
    await emitScreenStatus(uow, school, dto);
    return dto;
  });
}
