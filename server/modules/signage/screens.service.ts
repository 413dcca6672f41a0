import { and, asc, eq, isNull } from 'drizzle-orm';
import { screens } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import { channels } from '../../contracts/channels';
import type { ScreenCommand, ScreenDto } from '../../contracts/signage';
import type { RealtimeControls } from '../../http/deps';
import { notFound } from '../../http/errors';
import type { Clock } from '../../platform/clock';
import { inTransaction, type OutboxDeps } from '../../platform/outbox';
import type { School } from '../timetable/course-rows';
import { emitScreenStatus, screenKeepers } from './screen-events';
import { pairedByNames, screenDto, toSelf } from './screen-views';

export type SignageDeps = OutboxDeps & { clock: Clock; realtime?: RealtimeControls };

/** The school's paired screens, for its admins and direction. */
export async function listScreens(deps: SignageDeps, actor: Actor, school: School): Promise<ScreenDto[]> {
  assertAllowed(actor, 'signage.screens.read', { schoolId: school.id });
  const rows = await deps.db.select().from(screens).where(and(eq(screens.schoolId, school.id), isNull(screens.revokedAt))).orderBy(asc(screens.name));
  const names = await pairedByNames(deps.db, rows);
  const now = deps.clock.now();
  return rows.map((r) => screenDto(r, school, r.pairedBy ? (names.get(r.pairedBy) ?? null) : null, now));
}

async function loadScreenRow(deps: SignageDeps, school: School, id: string) {
  const [row] = await deps.db.select().from(screens).where(and(eq(screens.id, id), eq(screens.schoolId, school.id), isNull(screens.revokedAt)));
  if (!row) throw notFound('Écran introuvable.');
  return row;
}

/** Renames, moves, re-lays out or reprograms a screen: it redraws live. */
export async function updateScreen(
  deps: SignageDeps,
  actor: Actor,
  school: School,
  id: string,
  input: Partial<Pick<ScreenDto, 'name' | 'zone' | 'layout' | 'schedule' | 'content'>>,
): Promise<ScreenDto> {
  assertAllowed(actor, 'signage.screens.manage', { schoolId: school.id });
  const current = await loadScreenRow(deps, school, id);
  const pairedBy = current.pairedBy ? ((await pairedByNames(deps.db, [current])).get(current.pairedBy) ?? null) : null;
  const now = deps.clock.now();
  const dto = await inTransaction(deps, async (uow) => {
    const [row] = await uow.tx.update(screens).set({ ...input, updatedAt: now }).where(eq(screens.id, id)).returning();
    await uow.emit(channels.screen(id), 'screen.updated', { screen: toSelf(row) }, school.id);
    const dto = screenDto(row, school, pairedBy, now);
    await emitScreenStatus(uow, school, dto);
    return dto;
  });
  // a new zone or board setting changes the channels it may follow: it reconnects and gets them
  if (input.zone !== undefined && input.zone !== current.zone) deps.realtime?.disconnectScreen(id);
  else if (input.content && input.content.board !== current.content.board) deps.realtime?.disconnectScreen(id);
  return dto;
}

/** Revokes a screen: its token stops working and its live connection is closed at once. */
export async function revokeScreen(deps: SignageDeps, actor: Actor, school: School, id: string): Promise<void> {
  assertAllowed(actor, 'signage.screens.manage', { schoolId: school.id });
  await loadScreenRow(deps, school, id);
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    await uow.tx.update(screens).set({ revokedAt: now, previousTokenHash: null, updatedAt: now }).where(eq(screens.id, id));
    await uow.emitMany(
      screenKeepers(school.uai).map((channel) => ({ channel, type: 'screen.revoked' as const, data: { screenId: id } })),
      school.id,
    );
  });
  deps.realtime?.disconnectScreen(id);
}

/** Sends a command to a screen (reload, identify, blank, wake); a screen offline runs it only if it comes back within a minute. */
export async function commandScreen(deps: SignageDeps, actor: Actor, school: School, id: string, command: ScreenCommand): Promise<void> {
  assertAllowed(actor, 'signage.screens.manage', { schoolId: school.id });
  await loadScreenRow(deps, school, id);
  const issuedAt = deps.clock.now().toISOString();
  await inTransaction(deps, (uow) => uow.emit(channels.screen(id), 'screen.command', { command, issuedAt }, school.id));
}
