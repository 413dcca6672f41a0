import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../../db/client';
import { absenceReasons } from '../../../db/schema';
import { followsAbsences, type Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import { DEFAULT_ABSENCE_REASONS, ABSENCE_LIMITS } from '../../contracts/absence-rules';
import type { ReasonDto } from '../../contracts/absences';
import { AppError, notFound } from '../../http/errors';

type School = { id: string };
type ReasonRow = typeof absenceReasons.$inferSelect;

const toDto = (r: ReasonRow): ReasonDto => ({ id: r.id, label: r.label, visibleToGuardians: r.visibleToGuardians, active: r.active });

/** A school without reasons yet starts with the default list (once; a school that edits it keeps its own). */
async function ensureReasons(db: Queryable, schoolId: string) {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(absenceReasons).where(eq(absenceReasons.schoolId, schoolId));
  if (Number(n) > 0) return;
  await db
    .insert(absenceReasons)
    .values(DEFAULT_ABSENCE_REASONS.map((r, i) => ({ schoolId, ...r, position: i })))
    .onConflictDoNothing();
}

/** The reasons the actor may see: guardians and students get the active, non-confidential ones. */
export async function listReasons(db: Db, actor: Actor, school: School): Promise<ReasonDto[]> {
  assertAllowed(actor, 'absences.reasons.read', { schoolId: school.id });
  await ensureReasons(db, school.id);
  const staff = followsAbsences(actor);
  const rows = await db
    .select()
    .from(absenceReasons)
    .where(and(eq(absenceReasons.schoolId, school.id), staff ? undefined : and(eq(absenceReasons.active, true), eq(absenceReasons.visibleToGuardians, true))))
    .orderBy(asc(absenceReasons.position), asc(absenceReasons.label));
  return rows.map(toDto);
}

/** A reason usable in a justification by this actor, or a 400 naming the field. */
export async function usableReason(db: Queryable, actor: Actor, schoolId: string, reasonId: string): Promise<ReasonRow> {
  await ensureReasons(db, schoolId);
  const [row] = await db.select().from(absenceReasons).where(and(eq(absenceReasons.id, reasonId), eq(absenceReasons.schoolId, schoolId)));
  const usable = row && row.active && (row.visibleToGuardians || followsAbsences(actor));
  if (!usable) throw new AppError('validation_failed', 'Motif inconnu.', [{ path: 'reasonId', message: 'choisissez un motif de la liste' }]);
  return row;
}

export async function createReason(db: Db, actor: Actor, school: School, input: { label: string; visibleToGuardians: boolean; active: boolean }) {
  assertAllowed(actor, 'absences.reasons.manage', { schoolId: school.id });
  await ensureReasons(db, school.id);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(absenceReasons).where(eq(absenceReasons.schoolId, school.id));
  if (Number(n) >= ABSENCE_LIMITS.reasons) throw new AppError('conflict', `Au plus ${ABSENCE_LIMITS.reasons} motifs.`);
  const [row] = await db
    .insert(absenceReasons)
    .values({ schoolId: school.id, ...input, position: Number(n) })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict', 'Ce motif existe déjà.');
  return toDto(row);
}

/** Renames a reason or changes its flags; reasons are deactivated, never deleted (justifications keep them). */
export async function updateReason(db: Db, actor: Actor, school: School, id: string, input: { label: string; visibleToGuardians: boolean; active: boolean }, now: Date) {
  assertAllowed(actor, 'absences.reasons.manage', { schoolId: school.id });
  try {
    const [row] = await db
      .update(absenceReasons)
      .set({ ...input, updatedAt: now })
      .where(and(eq(absenceReasons.id, id), eq(absenceReasons.schoolId, school.id)))
      .returning();
    if (!row) throw notFound('Motif introuvable.');
    return toDto(row);
  } catch (err: any) {
    if (err?.code === '23505' || /duplicate key/.test(String(err?.message))) throw new AppError('conflict', 'Ce motif existe déjà.');
    throw err;
  }
}
