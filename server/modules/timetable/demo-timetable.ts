import type { Db } from '../../../db/client';
import type { TimetableImportReport } from '../../contracts/timetable';
import { updateSettingsSection } from '../directory/school-settings';
import { demoCoursesCsv, demoSlotsCsv } from './demo-timetable-plan';
import { importCourses, importSlots } from './import';

/** The Monday of a week A of the demo: the first day of the 2025 school year. */
export const DEMO_WEEK_A_START = '2025-09-01';

/**
 * Gives the demo collège (built by ensureDemoSchool) its slots, weekly timetable and A/B week
 * reference, through the real CSV imports. Safe to run again: a re-import changes nothing.
 */
export async function seedDemoTimetable(deps: { db: Db }, schoolId: string): Promise<void> {
  assertApplied('créneaux', await importSlots(deps, { schoolId, csv: demoSlotsCsv(), dryRun: false }));
  assertApplied('emploi du temps', await importCourses(deps, { schoolId, csv: demoCoursesCsv(), dryRun: false }));
  await updateSettingsSection(deps.db, schoolId, 'timetable', { weekAStart: DEMO_WEEK_A_START }, new Date());
}

function assertApplied(what: string, report: TimetableImportReport): void {
  if (report.applied) return;
  const first = report.errors.slice(0, 5).map((e) => `ligne ${e.line} : ${e.reason}`).join(' ; ');
  throw new Error(`${what} de démonstration refusé : ${first}`);
}
