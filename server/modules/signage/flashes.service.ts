import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { screenFlashes } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import { channels } from '../../contracts/channels';
import type { FlashDto, ScreenZone } from '../../contracts/signage';
import { AppError, notFound } from '../../http/errors';
import { inTransaction, type OutgoingEvent } from '../../platform/outbox';
import type { School } from '../timetable/course-rows';
import type { SignageDeps } from './screens.service';

type FlashRow = typeof screenFlashes.$inferSelect;

export function toFlash(row: FlashRow): FlashDto {
  return { id: row.id, text: row.text, zones: row.zones ?? null, until: row.until.toISOString(), createdAt: row.createdAt.toISOString() };
}

/** A flash goes to the school's signage channel, or only to the zones it is for (a zone's ticker is its own). */
function flashEvents(uai: string, zones: ScreenZone[] | null, data: { upserted: FlashDto[]; removed: string[] }): OutgoingEvent[] {
  const targets = zones ? zones.map((z) => channels.zone(uai, z)) : [channels.signage(uai)];
  return targets.map((channel) => ({ channel, type: 'signage.flash_updated' as const, data }));
}

/** The ticker's messages still current, as a screen of `zone` shows them (all of them when no zone). */
export async function currentFlashes(deps: Pick<SignageDeps, 'db'>, schoolId: string, now: Date, zone?: ScreenZone): Promise<FlashDto[]> {
  const rows = await deps.db
    .select()
    .from(screenFlashes)
    .where(and(eq(screenFlashes.schoolId, schoolId), isNull(screenFlashes.removedAt), gt(screenFlashes.until, now)))
    .orderBy(asc(screenFlashes.createdAt));
  return rows.filter((r) => !zone || !r.zones || r.zones.includes(zone)).map(toFlash);
}

export async function listFlashes(deps: SignageDeps, actor: Actor, school: School): Promise<FlashDto[]> {
  assertAllowed(actor, 'signage.flashes.manage', { schoolId: school.id });
  return currentFlashes(deps, school.id, deps.clock.now());
}

export async function createFlash(deps: SignageDeps, actor: Actor, school: School, input: { text: string; zones: ScreenZone[] | null; until: string }): Promise<FlashDto> {
  assertAllowed(actor, 'signage.flashes.manage', { schoolId: school.id });
  const now = deps.clock.now();
  const until = new Date(input.until);
  if (until <= now) throw new AppError('validation_failed', 'La fin d’affichage doit être dans le futur.', [{ path: 'until', message: 'date passée' }]);
  if (until.getTime() - now.getTime() > 31 * 86_400_000) {
    throw new AppError('validation_failed', 'Un message défilant reste au plus 31 jours.', [{ path: 'until', message: 'trop loin' }]);
  }
  const zones = input.zones ? [...new Set(input.zones)] : null;
  return inTransaction(deps, async (uow) => {
    const [row] = await uow.tx.insert(screenFlashes).values({ schoolId: school.id, text: input.text, zones, until, createdBy: actor.personId, createdAt: now }).returning();
    const flash = toFlash(row);
    await uow.emitMany(flashEvents(school.uai, zones, { upserted: [flash], removed: [] }), school.id);
    return flash;
  });
}

export async function removeFlash(deps: SignageDeps, actor: Actor, school: School, id: string): Promise<void> {
  assertAllowed(actor, 'signage.flashes.manage', { schoolId: school.id });
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    const [row] = await uow.tx
      .update(screenFlashes)
      .set({ removedAt: now })
      .where(and(eq(screenFlashes.id, id), eq(screenFlashes.schoolId, school.id), isNull(screenFlashes.removedAt)))
      .returning();
    if (!row) throw notFound('Message introuvable.');
    await uow.emitMany(flashEvents(school.uai, row.zones ?? null, { upserted: [], removed: [id] }), school.id);
  });
}
