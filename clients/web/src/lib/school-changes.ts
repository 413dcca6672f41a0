import type { SchoolDto, SchoolUpdate } from '../../../../server/contracts/directory';

/** The changes between the saved school and the form, or null when there are none. */
export function schoolChanges(school: SchoolDto, name: string, color: string): SchoolUpdate | null {
  const update: SchoolUpdate = {};
  if (name.trim() !== school.name) update.name = name.trim();
  if (color.toLowerCase() !== school.branding.color.toLowerCase()) update.branding = { color: color.toLowerCase() };
  return Object.keys(update).length > 0 ? update : null;
}
