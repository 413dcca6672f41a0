import type { schools } from '../../../db/schema';
import type { SchoolDto } from '../../contracts/directory';

/** What of a school row clients may see (settings stay server-side). */
export function toSchoolDto(row: typeof schools.$inferSelect): SchoolDto {
  return { id: row.id, uai: row.uai, name: row.name, timeZone: row.timeZone, branding: row.branding };
}
