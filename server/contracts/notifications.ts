import { z } from 'zod';
import { notificationCategories, notificationChannels, notificationModes, type NotificationCategory, type NotificationChannel, type NotificationMode } from './notification-rules';

export * from './notification-rules';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure au format HH:MM');

export const preferencesInputSchema = z
  .object({
    preferences: z
      .array(z.object({ category: z.enum(notificationCategories), channel: z.enum(notificationChannels), mode: z.enum(notificationModes) }).strict())
      .min(1)
      .max(notificationCategories.length * notificationChannels.length),
  })
  .strict();

export const notificationSettingsSchema = z
  .object({
    quietHours: z.object({ start: clock, end: clock, weekends: z.boolean() }).strict().optional(),
    emailDelaySeconds: z.number().int().min(0).max(3600).optional(),
    escalationMinutes: z.number().int().min(5).max(24 * 60).optional(),
    /** When the daily digest goes (and the weekly one, on Fridays), at the school. */
    digestTime: clock.optional(),
  })
  .strict();

export const pushSubscriptionSchema = z
  .object({
    endpoint: z.string().url().max(1000),
    keys: z.object({ p256dh: z.string().min(20).max(200), auth: z.string().min(8).max(100) }).strict(),
    expirationTime: z.number().nullable().optional(),
  })
  .strict();

export interface NotificationDto {
  id: string;
  category: NotificationCategory;
  title: string;
  body: string;
  url: string;
  critical: boolean;
  createdAt: string;
  seenAt: string | null;
  acknowledgedAt: string | null;
}

export interface PreferenceDto {
  category: NotificationCategory;
  channel: NotificationChannel;
  mode: NotificationMode;
  locked: boolean;
  allowed: readonly NotificationMode[];
}
