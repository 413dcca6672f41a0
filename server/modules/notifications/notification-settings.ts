import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client';
import { notificationPreferences } from '../../../db/schema';
import {
  CRITICAL_CATEGORIES,
  DEFAULT_NOTIFICATION_SETTINGS,
  DEFAULT_PREFERENCES,
  MODES_BY_CHANNEL,
  notificationCategories,
  notificationChannels,
  type NotificationCategory,
  type NotificationChannel,
  type NotificationMode,
  type NotificationSettings,
  type PreferenceMatrix,
  type PreferenceDto,
} from '../../contracts/notifications';
import { settingsSection } from '../directory/school-settings';

type SchoolWithSettings = { settings: unknown };

export function notificationSettings(school: SchoolWithSettings): NotificationSettings & { defaults: PreferenceMatrix } {
  const section = settingsSection<NotificationSettings & { defaults?: Partial<PreferenceMatrix> }>(school, 'notifications', DEFAULT_NOTIFICATION_SETTINGS);
  const defaults = Object.fromEntries(
    notificationCategories.map((c) => [c, { ...DEFAULT_PREFERENCES[c], ...(section.defaults?.[c] ?? {}) }]),
  ) as PreferenceMatrix;
  return { ...section, quietHours: { ...DEFAULT_NOTIFICATION_SETTINGS.quietHours, ...section.quietHours }, defaults };
}

/** Critical categories cannot be turned off in the app or on the phone, whatever is stored. */
export function effectiveMode(category: NotificationCategory, channel: NotificationChannel, chosen: NotificationMode): NotificationMode {
  if (CRITICAL_CATEGORIES.includes(category) && channel !== 'email') return 'immediate';
  return MODES_BY_CHANNEL[channel].includes(chosen) ? chosen : 'immediate';
}

/** Each person's matrix in one school: their choices over the school's defaults. */
export async function preferencesOf(db: Queryable, school: { id: string } & SchoolWithSettings, personIds: string[]): Promise<Map<string, PreferenceMatrix>> {
  const defaults = notificationSettings(school).defaults;
  const rows = personIds.length
    ? await db
        .select()
        .from(notificationPreferences)
        .where(and(eq(notificationPreferences.schoolId, school.id), inArray(notificationPreferences.personId, [...new Set(personIds)])))
    : [];
  const result = new Map<string, PreferenceMatrix>();
  for (const id of personIds) result.set(id, structuredClone(defaults));
  for (const r of rows) result.get(r.personId)![r.category][r.channel] = r.mode;
  for (const matrix of result.values()) {
    for (const c of notificationCategories) for (const ch of notificationChannels) matrix[c][ch] = effectiveMode(c, ch, matrix[c][ch]);
  }
  return result;
}

export function preferenceDtos(matrix: PreferenceMatrix): PreferenceDto[] {
  return notificationCategories.flatMap((category) =>
    notificationChannels.map((channel) => ({
      category,
      channel,
      mode: matrix[category][channel],
      locked: CRITICAL_CATEGORIES.includes(category) && channel !== 'email',
      allowed: MODES_BY_CHANNEL[channel],
    })),
  );
}
