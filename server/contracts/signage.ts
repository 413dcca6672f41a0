import { z } from 'zod';
import type { BoardSnapshotDto } from './absences';
import { newsCategories } from './news-rules';
import {
  alertResponses,
  alertStatuses,
  normalisePairingCode,
  PAIRING_CODE_LENGTH,
  screenCommands,
  screenLayouts,
  screenZones,
  type AlertMsgType,
  type AlertResponse,
  type AlertStatus,
  type ScreenCommand,
  type ScreenContent,
  type ScreenLayout,
  type ScreenSchedule,
  type ScreenState,
  type ScreenZone,
} from './signage-rules';
import { calendarDateSchema, timeOfDaySchema } from './timetable';

export * from './signage-rules';

// ---- inputs -------------------------------------------------------------------------------

export const screenScheduleSchema = z
  .object({
    days: z
      .array(
        z
          .object({ on: timeOfDaySchema, off: timeOfDaySchema })
          .strict()
          .refine((d) => d.on < d.off, 'l’heure d’extinction doit suivre l’heure d’allumage')
          .nullable(),
      )
      .length(7),
    closed: z
      .array(
        z
          .object({ from: calendarDateSchema, until: calendarDateSchema, label: z.string().trim().max(80) })
          .strict()
          .refine((c) => c.from <= c.until, 'la fin doit suivre le début'),
      )
      .max(40),
  })
  .strict();

export const screenContentSchema = z
  .object({
    board: z.boolean(),
    news: z.boolean(),
    newsCategories: z.array(z.enum(newsCategories)).max(newsCategories.length),
    ticker: z.boolean(),
  })
  .strict();

const screenName = z.string().trim().min(1, 'nom requis').max(60);

/** An admin pairs the screen showing `code` and names it. */
export const screenPairSchema = z
  .object({
    code: z
      .string()
      .transform(normalisePairingCode)
      .refine((c) => c.length === PAIRING_CODE_LENGTH, 'code à 6 caractères'),
    name: screenName,
    zone: z.enum(screenZones),
    layout: z.enum(screenLayouts),
  })
  .strict();

export const screenUpdateSchema = z
  .object({
    name: screenName,
    zone: z.enum(screenZones),
    layout: z.enum(screenLayouts),
    schedule: screenScheduleSchema,
    content: screenContentSchema,
  })
  .partial()
  .strict();

export const screenCommandSchema = z.object({ command: z.enum(screenCommands) }).strict();

/** The kiosk collects its pairing result with the secret it was given with the code. */
export const pairingClaimSchema = z.object({ secret: z.string().min(20).max(200) }).strict();

export const heartbeatSchema = z
  .object({
    /** Last seq applied per channel. */
    cursors: z.record(z.string().max(120), z.number().int().min(0)).refine((c) => Object.keys(c).length <= 10, 'trop de canaux'),
    alertId: z.string().uuid().nullable(),
    uptimeSeconds: z.number().int().min(0).max(10 * 365 * 86_400),
    jsHeapBytes: z.number().int().min(0).nullable(),
    clockOffsetMs: z.number().int().min(-86_400_000).max(86_400_000),
    version: z.string().max(40),
    viewport: z.object({ width: z.number().int().min(0).max(20_000), height: z.number().int().min(0).max(20_000) }).strict(),
    /** What the screen shows now: its content, blank by command, or off by schedule. */
    display: z.enum(['content', 'blank', 'scheduled_off', 'alert']),
  })
  .strict();

export const flashInputSchema = z
  .object({
    text: z.string().trim().min(1, 'texte requis').max(140, '140 caractères au plus'),
    /** null: every screen of the school. */
    zones: z.array(z.enum(screenZones)).min(1).max(screenZones.length).nullable(),
    until: z.string().datetime({ offset: true }),
  })
  .strict();

export const alertTemplateInputSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    responseType: z.enum(alertResponses),
    headline: z.string().trim().min(1).max(80),
    instruction: z.string().trim().min(1).max(400),
  })
  .strict();

export const alertTemplatesPutSchema = z.object({ templates: z.array(alertTemplateInputSchema).min(1).max(12) }).strict();

/** Direction triggers an alert; `confirmed` is the second step the client asks for. */
export const alertTriggerSchema = z
  .object({
    status: z.enum(alertStatuses),
    responseType: z.enum(['shelter', 'evacuate'] as const),
    headline: z.string().trim().min(1).max(80),
    instruction: z.string().trim().min(1).max(400),
    /** null: the whole school. */
    zones: z.array(z.enum(screenZones)).min(1).max(screenZones.length).nullable(),
    expiresAt: z.string().datetime({ offset: true }).nullable(),
    confirmed: z.literal(true, { error: 'confirmation requise' }),
  })
  .strict();

export const alertUpdateSchema = z
  .object({ headline: z.string().trim().min(1).max(80), instruction: z.string().trim().min(1).max(400) })
  .partial()
  .strict();

/** Ends an alert: « fin d'alerte » (all clear, the danger is over) or a cancellation (sent in error). */
export const alertEndSchema = z.object({ kind: z.enum(['all_clear', 'cancel']), confirmed: z.literal(true, { error: 'confirmation requise' }) }).strict();

// ---- outputs ------------------------------------------------------------------------------

/** What the kiosk receives with its code: the code to show, and the secret to collect its token with. */
export interface PairingStartDto {
  code: string;
  secret: string;
  expiresAt: string;
  /** Where an admin types the code (the QR code's target). */
  pairUrl: string;
}

export type PairingClaimDto = { status: 'pending'; expiresAt: string } | { status: 'paired'; token: string; screen: ScreenSelfDto };

/** A screen as it knows itself. */
export interface ScreenSelfDto {
  id: string;
  name: string;
  zone: ScreenZone;
  layout: ScreenLayout;
  schedule: ScreenSchedule;
  content: ScreenContent;
}

/** The last heartbeat a screen sent. */
export interface ScreenHeartbeatDto {
  at: string;
  cursors: Record<string, number>;
  alertId: string | null;
  uptimeSeconds: number;
  jsHeapBytes: number | null;
  clockOffsetMs: number;
  version: string;
  viewport: { width: number; height: number };
  display: 'content' | 'blank' | 'scheduled_off' | 'alert';
}

/** A screen as its school's admins see it. */
export interface ScreenDto extends ScreenSelfDto {
  state: ScreenState;
  pairedAt: string;
  pairedByName: string | null;
  lastSeenAt: string | null;
  heartbeat: ScreenHeartbeatDto | null;
  /** Channels where the screen is behind: the hub's seq and the one it applied. */
  behind: Array<{ channel: string; hub: number; applied: number }>;
}

/** A news item on the screens: title, text and image only, never an author or an audience. */
export interface ScreenNewsDto {
  id: string;
  title: string;
  /** Sanitised HTML. */
  body: string;
  category: string;
  imageUrl: string | null;
  /** Seconds the carousel shows it. */
  durationSeconds: number;
  /** On the screens from this instant until `until` (the kiosk applies both, offline too). */
  from: string;
  until: string;
  pinned: boolean;
}

/** A short message in the ticker. */
export interface FlashDto {
  id: string;
  text: string;
  zones: ScreenZone[] | null;
  until: string;
  createdAt: string;
}

export interface AlertTemplateDto {
  id: string;
  name: string;
  responseType: AlertResponse;
  headline: string;
  instruction: string;
}

/** A PPMS alert, after CAP 1.2. */
export interface AlertDto {
  id: string;
  status: AlertStatus;
  msgType: AlertMsgType;
  responseType: AlertResponse;
  headline: string;
  instruction: string;
  zones: ScreenZone[] | null;
  sentAt: string;
  updatedAt: string;
  expiresAt: string | null;
  endedAt: string | null;
  endKind: 'all_clear' | 'cancel' | null;
  sentByName: string;
}

/** Direction's view of the alert in course: which screens confirmed they show it. */
export interface AlertStatusDto {
  alert: AlertDto | null;
  screens: Array<{ id: string; name: string; zone: ScreenZone; state: ScreenState; displayedAt: string | null }>;
}

/** Everything a kiosk draws, in one answer; `cursors` are the seqs it continues from live. */
export interface ScreenSnapshotDto {
  screen: ScreenSelfDto;
  school: { uai: string; name: string; timeZone: string; color: string; logoUrl: string | null };
  board: BoardSnapshotDto | null;
  news: ScreenNewsDto[];
  flashes: FlashDto[];
  alert: AlertDto | null;
  templates: AlertTemplateDto[];
  serverTime: string;
  cursors: Record<string, number>;
  /** A new device token when the current one is due for rotation: the kiosk keeps it from now on. */
  rotatedToken?: string;
}

export interface HeartbeatAnswerDto {
  serverTime: string;
  rotatedToken?: string;
}

/** Payloads of the screens' and alerts' live events. */
export interface SignageEventData {
  /** To the screen (`screen:{id}`). */
  'screen.command': { command: ScreenCommand; issuedAt: string };
  'screen.updated': { screen: ScreenSelfDto };
  /** To the school's admins and direction: a screen changed state, was paired, renamed or revoked. */
  'screen.status_changed': { screen: ScreenDto };
  'screen.revoked': { screenId: string };
  /** To every screen of the school (`school:{uai}:signage`). */
  'signage.news_updated': { upserted: ScreenNewsDto[]; removed: string[] };
  /** To the screens concerned: the school's signage channel, or a zone's. */
  'signage.flash_updated': { upserted: FlashDto[]; removed: string[] };
  /** To screens, staff (profile channels) and direction. */
  'alert.triggered': { alert: AlertDto };
  'alert.updated': { alert: AlertDto };
  'alert.ended': { alert: AlertDto };
  /** To direction and admins: a screen confirmed it shows the alert. */
  'alert.displayed': { alertId: string; screenId: string; at: string };
}

export type { ScreenCommand, ScreenContent, ScreenLayout, ScreenSchedule, ScreenState, ScreenZone };
