import { and, asc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { alertDisplays, alerts, alertTemplates, screens } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed, authorize } from '../../authz/registry';
import { channels } from '../../contracts/channels';
import type { Profile } from '../../contracts/profiles';
import type { AlertDto, AlertStatusDto, AlertTemplateDto } from '../../contracts/signage';
import type { EventData } from '../../contracts/events';
import { AppError, notFound } from '../../http/errors';
import { inTransaction, type UnitOfWork } from '../../platform/outbox';
import type { School } from '../timetable/course-rows';
import { screenKeepers } from './screen-events';
import type { ScreenActor } from './screen-token';
import { screenState } from './screen-views';
import type { SignageDeps } from './screens.service';

type AlertRow = typeof alerts.$inferSelect;

/** The adults of the school who must know at once: teachers, staff, direction, admins. */
const STAFF_PROFILES: Profile[] = ['teacher', 'staff', 'direction', 'admin'];

/** What every school starts with; direction adapts the words to its PPMS. */
const DEFAULT_TEMPLATES: Array<Omit<AlertTemplateDto, 'id'>> = [
  {
    name: 'Confinement',
    responseType: 'shelter',
    headline: 'Confinement immédiat',
    instruction: 'Rejoignez la salle la plus proche. Fermez portes et fenêtres, éloignez-vous des ouvertures et restez silencieux. Attendez les consignes.',
  },
  {
    name: 'Évacuation',
    responseType: 'evacuate',
    headline: 'Évacuation du bâtiment',
    instruction: 'Quittez le bâtiment dans le calme par la sortie la plus proche, sans vos affaires, et rejoignez le point de rassemblement.',
  },
];

export function toAlert(row: AlertRow): AlertDto {
  return {
    id: row.id,
    status: row.status,
    msgType: row.msgType,
    responseType: row.responseType,
    headline: row.headline,
    instruction: row.instruction,
    zones: row.zones ?? null,
    sentAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    endKind: row.endKind ?? null,
    sentByName: row.sentByName,
  };
}

/** The school's templates, the defaults written on first use. */
export async function alertTemplatesOf(db: Db, schoolId: string): Promise<AlertTemplateDto[]> {
  let rows = await db.select().from(alertTemplates).where(eq(alertTemplates.schoolId, schoolId)).orderBy(asc(alertTemplates.position));
  if (rows.length === 0) {
    await db.insert(alertTemplates).values(DEFAULT_TEMPLATES.map((t, i) => ({ ...t, schoolId, position: String(i).padStart(2, '0') })));
    rows = await db.select().from(alertTemplates).where(eq(alertTemplates.schoolId, schoolId)).orderBy(asc(alertTemplates.position));
  }
  return rows.map((r) => ({ id: r.id, name: r.name, responseType: r.responseType, headline: r.headline, instruction: r.instruction }));
}

export async function listTemplates(deps: SignageDeps, actor: Actor, school: School): Promise<AlertTemplateDto[]> {
  assertAllowed(actor, 'signage.alerts.read', { schoolId: school.id });
  return alertTemplatesOf(deps.db, school.id);
}

export async function replaceTemplates(deps: SignageDeps, actor: Actor, school: School, templates: Array<Omit<AlertTemplateDto, 'id'>>): Promise<AlertTemplateDto[]> {
  assertAllowed(actor, 'signage.alerts.templates', { schoolId: school.id });
  await deps.db.transaction(async (tx) => {
    await tx.delete(alertTemplates).where(eq(alertTemplates.schoolId, school.id));
    await tx.insert(alertTemplates).values(templates.map((t, i) => ({ ...t, schoolId: school.id, position: String(i).padStart(2, '0') })));
  });
  return alertTemplatesOf(deps.db, school.id);
}

/** The alert in course: not ended, not past its expiry. */
export async function activeAlert(db: Db, schoolId: string, now: Date): Promise<AlertRow | null> {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.schoolId, schoolId), isNull(alerts.endedAt), or(isNull(alerts.expiresAt), gt(alerts.expiresAt, now))));
  return row ?? null;
}

/** Screens and staff learn it in one transaction with the alert; staff also get a notification (push). */
async function emitAlert(uow: UnitOfWork, school: Pick<School, 'id' | 'uai'>, type: 'alert.triggered' | 'alert.updated' | 'alert.ended', alert: AlertDto): Promise<void> {
  const data: EventData[typeof type] = { alert };
  await uow.emitMany(
    [channels.signage(school.uai), ...STAFF_PROFILES.map((p) => channels.profile(school.uai, p))].map((channel) => ({ channel, type, data })),
    school.id,
  );
}

export async function triggerAlert(
  deps: SignageDeps,
  actor: Actor,
  school: School,
  input: { status: AlertDto['status']; responseType: 'shelter' | 'evacuate'; headline: string; instruction: string; zones: AlertDto['zones']; expiresAt: string | null },
): Promise<AlertDto> {
  assertAllowed(actor, 'signage.alerts.trigger', { schoolId: school.id });
  const now = deps.clock.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw new AppError('validation_failed', 'La fin prévue doit être dans le futur.', [{ path: 'expiresAt', message: 'date passée' }]);
  return inTransaction(deps, async (uow) => {
    // an alert past its expiry no longer counts: it is closed before the new one is written
    await uow.tx
      .update(alerts)
      .set({ endedAt: now, endKind: 'cancel', updatedAt: now })
      .where(and(eq(alerts.schoolId, school.id), isNull(alerts.endedAt), lte(alerts.expiresAt, now)));
    const [open] = await uow.tx.select({ id: alerts.id }).from(alerts).where(and(eq(alerts.schoolId, school.id), isNull(alerts.endedAt))).for('update');
    if (open) throw new AppError('alert_active', 'Une alerte est déjà en cours : mettez-la à jour ou terminez-la d’abord.');
    const zones = input.zones ? [...new Set(input.zones)] : null;
    const [row] = await uow.tx
      .insert(alerts)
      .values({
        schoolId: school.id,
        status: input.status,
        responseType: input.responseType,
        headline: input.headline,
        instruction: input.instruction,
        zones,
        expiresAt,
        sentBy: actor.personId,
        sentByName: actor.name,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const alert = toAlert(row);
    await emitAlert(uow, school, 'alert.triggered', alert);
    return alert;
  });
}

async function lockActive(uow: UnitOfWork, school: School, id: string): Promise<AlertRow> {
  const [row] = await uow.tx.select().from(alerts).where(and(eq(alerts.id, id), eq(alerts.schoolId, school.id))).for('update');
  if (!row) throw notFound('Alerte introuvable.');
  if (row.endedAt) throw new AppError('conflict', 'Cette alerte est déjà terminée.');
  return row;
}

/** New words for the alert in course (CAP Update): screens redraw it at once. */
export async function updateAlert(deps: SignageDeps, actor: Actor, school: School, id: string, input: { headline?: string; instruction?: string }): Promise<AlertDto> {
  assertAllowed(actor, 'signage.alerts.trigger', { schoolId: school.id });
  const now = deps.clock.now();
  return inTransaction(deps, async (uow) => {
    await lockActive(uow, school, id);
    const [row] = await uow.tx.update(alerts).set({ ...input, msgType: 'update', updatedAt: now }).where(eq(alerts.id, id)).returning();
    const alert = toAlert(row);
    await emitAlert(uow, school, 'alert.updated', alert);
    return alert;
  });
}

/** Fin d'alerte (CAP AllClear) or cancellation of an alert sent in error (CAP Cancel): screens return to normal. */
export async function endAlert(deps: SignageDeps, actor: Actor, school: School, id: string, kind: 'all_clear' | 'cancel'): Promise<AlertDto> {
  assertAllowed(actor, 'signage.alerts.trigger', { schoolId: school.id });
  const now = deps.clock.now();
  return inTransaction(deps, async (uow) => {
    await lockActive(uow, school, id);
    const [row] = await uow.tx
      .update(alerts)
      .set(kind === 'all_clear' ? { endedAt: now, endKind: kind, endedBy: actor.personId, msgType: 'update', responseType: 'allclear', updatedAt: now } : { endedAt: now, endKind: kind, endedBy: actor.personId, msgType: 'cancel', updatedAt: now })
      .where(eq(alerts.id, id))
      .returning();
    const alert = toAlert(row);
    await emitAlert(uow, school, 'alert.ended', alert);
    return alert;
  });
}

/** The alert in course and, for direction and admins, which screens confirmed showing it. */
export async function alertStatus(deps: SignageDeps, actor: Actor, school: School): Promise<AlertStatusDto> {
  assertAllowed(actor, 'signage.alerts.read', { schoolId: school.id });
  const now = deps.clock.now();
  const row = await activeAlert(deps.db, school.id, now);
  if (!row) return { alert: null, screens: [] };
  if (!authorize(actor, 'signage.alerts.screens', { schoolId: school.id })) return { alert: toAlert(row), screens: [] };
  const list = await deps.db
    .select({ screen: screens, displayedAt: alertDisplays.displayedAt })
    .from(screens)
    .leftJoin(alertDisplays, and(eq(alertDisplays.screenId, screens.id), eq(alertDisplays.alertId, row.id)))
    .where(and(eq(screens.schoolId, school.id), isNull(screens.revokedAt)))
    .orderBy(asc(screens.name));
  const concerned = list.filter((r) => !row.zones || row.zones.includes(r.screen.zone));
  return {
    alert: toAlert(row),
    screens: concerned.map((r) => ({
      id: r.screen.id,
      name: r.screen.name,
      zone: r.screen.zone,
      state: screenState(r.screen, school.timeZone, now),
      displayedAt: r.displayedAt?.toISOString() ?? null,
    })),
  };
}

/** A screen confirms it shows the alert; direction sees it live. Confirming twice changes nothing. */
export async function confirmDisplayed(deps: SignageDeps, screen: ScreenActor, alertId: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    const [alert] = await uow.tx.select({ id: alerts.id }).from(alerts).where(and(eq(alerts.id, alertId), eq(alerts.schoolId, screen.schoolId)));
    if (!alert) throw notFound('Alerte introuvable.');
    const [row] = await uow.tx.insert(alertDisplays).values({ alertId, screenId: screen.screenId, displayedAt: now }).onConflictDoNothing().returning();
    if (!row) return;
    await uow.emitMany(
      screenKeepers(screen.uai).map((channel) => ({ channel, type: 'alert.displayed' as const, data: { alertId, screenId: screen.screenId, at: now.toISOString() } })),
      screen.schoolId,
    );
  });
}
