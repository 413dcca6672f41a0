import { and, count, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../../db/client';
import { courseChanges, courses, rollCalls, timetableSlots } from '../../../../db/schema';
import type { ImportLineError } from '../../../contracts/directory';
import type { TimetableImportReport } from '../../../contracts/timetable';
import { runTimetableImport, type ImportCounts, type TimetableImportDeps, type TimetableImportInput } from './run-import';
import { parseSlotsCsv, slotKey, type SlotRow } from './slots-format';

interface KnownSlot {
  id: string;
  code: string;
  startTime: string;
  endTime: string;
}

interface SlotsPlan {
  rows: SlotRow[];
  known: Map<string, KnownSlot>;
  gone: KnownSlot[];
}

/**
 * Imports the school's complete list of slots (code;debut;fin): codes already known are updated,
 * new ones created, missing ones deleted unless courses still need them.
 */
export async function importSlots(deps: TimetableImportDeps, input: TimetableImportInput): Promise<TimetableImportReport> {
  const parsed = parseSlotsCsv(input.csv);
  return runTimetableImport('slots', deps, input, parsed, {
    check: (tx, schoolId, rows, errors) => check(tx, schoolId, rows, parsed.keys, errors),
    write,
  });
}

async function check(tx: Tx, schoolId: string, rows: SlotRow[], inFile: ReadonlySet<string>, errors: ImportLineError[]): Promise<SlotsPlan> {
  const existing = await tx
    .select({ id: timetableSlots.id, code: timetableSlots.code, startTime: timetableSlots.startTime, endTime: timetableSlots.endTime })
    .from(timetableSlots)
    .where(eq(timetableSlots.schoolId, schoolId));
  const known = new Map(existing.map((s) => [slotKey(s.code), s]));
  // inFile holds the codes of refused lines too: a slot whose line has a typo is not "missing"
  const gone = existing.filter((s) => !inFile.has(slotKey(s.code)));
  if (gone.length === 0) return { rows, known, gone };

  const goneIds = gone.map((s) => s.id);
  const active = await tx
    .select({ slotId: courses.slotId, n: count() })
    .from(courses)
    .where(and(inArray(courses.slotId, goneIds), eq(courses.active, true)))
    .groupBy(courses.slotId);
  // deleting a slot deletes its courses, and with them the roll calls and changes of the past
  const withHistory = new Set(
    (
      await tx
        .selectDistinct({ slotId: courses.slotId })
        .from(courses)
        .where(and(inArray(courses.slotId, goneIds), eq(courses.active, false)))
        .innerJoin(rollCalls, eq(rollCalls.courseId, courses.id))
    ).map((r) => r.slotId),
  );
  for (const r of await tx
    .selectDistinct({ slotId: courses.slotId })
    .from(courses)
    .innerJoin(courseChanges, eq(courseChanges.courseId, courses.id))
    .where(and(inArray(courses.slotId, goneIds), eq(courses.active, false)))) {
    withHistory.add(r.slotId);
  }
  const activeBySlot = new Map(active.map((a) => [a.slotId, a.n]));
  for (const slot of gone) {
    const n = activeBySlot.get(slot.id) ?? 0;
    if (n > 0) {
      errors.push({
        line: 1,
        reason: `créneau « ${slot.code} » absent du fichier mais utilisé par ${n} cours de l’emploi du temps : importez d’abord un emploi du temps sans ce créneau`,
      });
    } else if (withHistory.has(slot.id)) {
      errors.push({ line: 1, reason: `créneau « ${slot.code} » absent du fichier mais des appels passés s’y rattachent : gardez-le dans le fichier` });
    }
  }
  return { rows, known, gone };
}

async function write(tx: Tx, schoolId: string, plan: SlotsPlan, now: Date): Promise<ImportCounts> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  // deleted first: a code freed by one slot may be taken by another line in the same file
  if (plan.gone.length > 0) {
    await tx.delete(timetableSlots).where(inArray(timetableSlots.id, plan.gone.map((s) => s.id)));
    counts.removed = plan.gone.length;
  }
  const fresh: Array<typeof timetableSlots.$inferInsert> = [];
  for (const row of plan.rows) {
    const current = plan.known.get(slotKey(row.code));
    if (!current) {
      fresh.push({ schoolId, code: row.code, startTime: row.startTime, endTime: row.endTime });
      counts.created++;
    } else if (current.code !== row.code || current.startTime !== row.startTime || current.endTime !== row.endTime) {
      await tx
        .update(timetableSlots)
        .set({ code: row.code, startTime: row.startTime, endTime: row.endTime, updatedAt: now })
        .where(eq(timetableSlots.id, current.id));
      counts.updated++;
    } else {
      counts.unchanged++;
    }
  }
  if (fresh.length > 0) await tx.insert(timetableSlots).values(fresh);
  return counts;
}
