import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { schools } from '../../../db/schema';

type SchoolWithSettings = { settings: unknown };

/** One section of a school's settings over its defaults (settings are jsonb, one key per capability). */
export function settingsSection<T extends object>(school: SchoolWithSettings, key: string, defaults: T): T {
  const section = (school.settings as Record<string, unknown> | null)?.[key];
  return { ...defaults, ...(section && typeof section === 'object' ? (section as Partial<T>) : {}) };
}

/** Merges a change into one section, leaving the others alone; returns the school row. */
export async function updateSettingsSection(db: Queryable, schoolId: string, key: string, patch: object, now: Date) {
  const [row] = await db
    .update(schools)
    .set({
      settings: sql`jsonb_set(${schools.settings}, ${`{${key}}`}::text[], coalesce(${schools.settings} -> ${key}, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb)`,
      updatedAt: now,
    })
    .where(eq(schools.id, schoolId))
    .returning();
  return row;
}
