import { z } from 'zod';
import type { Profile } from './directory';

/** No counter is shown with fewer people behind it: small groups would name their members. */
export const MINIMUM_GROUP = 5;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue');

export const indicatorsQuerySchema = z
  .object({ from: day, to: day })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'la fin précède le début', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: 'une année au plus', path: ['to'] });

/** A school's indicators over a period, from the rollups; `null` where fewer than MINIMUM_GROUP people stand behind a figure. */
export interface IndicatorsDto {
  from: string;
  to: string;
  minimumGroup: number;
  /** People active each day, by profile. */
  activePeople: Array<{ day: string; profile: Profile; people: number | null }>;
  /** Hours of use: people active in each weekday (1 Monday … 7 Sunday) × hour, averaged over the period's such days. */
  heatmap: Array<{ weekday: number; hour: number; people: number | null }>;
  /** Push and email deliveries per day and outcome. */
  deliveries: Array<{ day: string; channel: string; status: string; deliveries: number | null }>;
  /** What was done through the hub per day: news read, messages sent, roll calls, absences justified online by guardians. */
  services: Array<{ day: string; service: IndicatorService; actions: number | null }>;
  /** Each news item published in the period: the share of its guardians who read it, in all and per class of their children. */
  newsReach: Array<{ newsId: string; title: string; publishedDay: string; guardians: number; readShare: number | null; classes: Array<{ className: string; guardians: number; readShare: number | null }> }>;
  /** Each message sent through mailing lists in the period: the share of its guardians who read it, in all and per class. */
  listReach: Array<{ messageId: string; subject: string; sentDay: string; guardians: number; readShare: number | null; classes: Array<{ className: string; guardians: number; readShare: number | null }> }>;
  /** Minutes each hall screen was heard from, per day (screens are not people: always shown). */
  screenUptime: Array<{ day: string; screenId: string; name: string; onlineMinutes: number }>;
  /** Child-absence alerts sent in the period: delay to the first guardian's acknowledgement, and the share never acknowledged. */
  absenceAlerts: { alerts: number; medianMinutes: number | null; p90Minutes: number | null; neverShare: number | null };
}

export const indicatorServices = ['news_read', 'messages_sent', 'roll_calls', 'justified_online'] as const;
export type IndicatorService = (typeof indicatorServices)[number];
