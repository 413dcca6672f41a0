// Notification categories, channels and modes: plain lists, no zod (the PWA imports them at run time).

export const notificationCategories = ['child_absence', 'emergency', 'message', 'teacher_absence', 'news'] as const;
export type NotificationCategory = (typeof notificationCategories)[number];

export const notificationChannels = ['inapp', 'push', 'email'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export const notificationModes = ['immediate', 'daily', 'weekly', 'off'] as const;
export type NotificationMode = (typeof notificationModes)[number];

/** A child's absence and an emergency alert always reach the app and the phone. */
export const CRITICAL_CATEGORIES: readonly NotificationCategory[] = ['child_absence', 'emergency'];

/** Modes that make sense per channel: digests are emails; the app and the phone are live or off. */
export const MODES_BY_CHANNEL: Record<NotificationChannel, readonly NotificationMode[]> = {
  inapp: ['immediate', 'off'],
  push: ['immediate', 'off'],
  email: ['immediate', 'daily', 'weekly', 'off'],
};

export type PreferenceMatrix = Record<NotificationCategory, Record<NotificationChannel, NotificationMode>>;

/** The defaults a school starts from (it may change them for its families in settings.notifications.defaults). */
export const DEFAULT_PREFERENCES: PreferenceMatrix = {
  child_absence: { inapp: 'immediate', push: 'immediate', email: 'immediate' },
  emergency: { inapp: 'immediate', push: 'immediate', email: 'immediate' },
  message: { inapp: 'immediate', push: 'immediate', email: 'daily' },
  teacher_absence: { inapp: 'immediate', push: 'immediate', email: 'off' },
  news: { inapp: 'immediate', push: 'off', email: 'weekly' },
};

/** Web push delivery per category: how long the service keeps it, and how urgently it wakes the phone. */
export const PUSH_DELIVERY: Record<NotificationCategory, { ttlSeconds: number; urgency: 'low' | 'normal' | 'high' }> = {
  child_absence: { ttlSeconds: 86_400, urgency: 'high' },
  emergency: { ttlSeconds: 3600, urgency: 'high' },
  message: { ttlSeconds: 86_400, urgency: 'normal' },
  teacher_absence: { ttlSeconds: 43_200, urgency: 'normal' },
  news: { ttlSeconds: 172_800, urgency: 'normal' },
};

export interface QuietHours {
  /** Wall-clock times at the school; the pause spans midnight when start > end. */
  start: string;
  end: string;
  weekends: boolean;
}

export interface NotificationSettings {
  quietHours: QuietHours;
  /** Immediate emails wait this long, so what was seen in the app meanwhile is not emailed. */
  emailDelaySeconds: number;
  /** A child-absence alert not acknowledged after this long is emailed to guardians who only had push. */
  escalationMinutes: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  quietHours: { start: '19:00', end: '07:00', weekends: true },
  emailDelaySeconds: 120,
  escalationMinutes: 30,
};
