// Hall screens (bornes) and PPMS alerts: the words and pure rules shared by the hub, the kiosk
// and the web client. No zod here, so the kiosk's bundle stays small.
import { isoWeekday, toZonedDate, toZonedInput } from './zoned-time';

/** Where a screen hangs; a screen reads its school's feeds and its own zone's, nothing else. */
export const screenZones = ['hall', 'vie_scolaire', 'cdi', 'cantine', 'salle_profs'] as const;
export type ScreenZone = (typeof screenZones)[number];

export const screenLayouts = ['landscape', 'portrait'] as const;
export type ScreenLayout = (typeof screenLayouts)[number];

/** What an admin can ask a screen to do from afar. */
export const screenCommands = ['reload', 'identify', 'blank', 'wake'] as const;
export type ScreenCommand = (typeof screenCommands)[number];

/** A screen as its admin sees it: on and current, on but missing updates, gone quiet, or off by its schedule. */
export const screenStates = ['online', 'behind', 'offline', 'scheduled_off'] as const;
export type ScreenState = (typeof screenStates)[number];

/** CAP 1.2 `status`: a real alert, a drill (« EXERCICE »), or a technical test. */
export const alertStatuses = ['actual', 'exercise', 'test'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

/** CAP 1.2 `responseType`, as PPMS names them: confinement, évacuation, fin d'alerte. */
export const alertResponses = ['shelter', 'evacuate', 'allclear'] as const;
export type AlertResponse = (typeof alertResponses)[number];

/** CAP 1.2 `msgType` of the last message about an alert. */
export const alertMsgTypes = ['alert', 'update', 'cancel'] as const;
export type AlertMsgType = (typeof alertMsgTypes)[number];

/** A heartbeat is due every 30 s; a screen silent for this long is offline. */
export const HEARTBEAT_EVERY_MS = 30_000;
export const OFFLINE_AFTER_MS = 90_000;
/** Offline this long during opening hours: the school's admins get an email. */
export const OFFLINE_EMAIL_AFTER_MS = 5 * 60_000;
/** The kiosk shows « Données de HH:MM » once it has been cut off from the hub this long. */
export const STALE_BADGE_AFTER_MS = 60_000;
/** A command older than this is not run (a screen coming back does not reload for yesterday's click). */
export const COMMAND_MAX_AGE_MS = 60_000;
/** How long « identify » shows the screen's name and zone. */
export const IDENTIFY_MS = 10_000;

/** One day of a screen's week: on from `on` to `off` (school wall clock), or off all day (null). */
export interface ScreenDayHours {
  on: string;
  off: string;
}

/** When a screen is lit: per ISO weekday (index 0 = Monday), and closed periods (holidays). */
export interface ScreenSchedule {
  days: Array<ScreenDayHours | null>;
  closed: Array<{ from: string; until: string; label: string }>;
}

export const DEFAULT_SCREEN_SCHEDULE: ScreenSchedule = {
  days: [
    { on: '07:30', off: '18:30' },
    { on: '07:30', off: '18:30' },
    { on: '07:30', off: '18:30' },
    { on: '07:30', off: '18:30' },
    { on: '07:30', off: '18:30' },
    null,
    null,
  ],
  closed: [],
};

/** What a screen shows besides alerts (which always take over): the teacher board, news, the ticker. */
export interface ScreenContent {
  board: boolean;
  news: boolean;
  /** News categories shown; empty means every category. */
  newsCategories: string[];
  ticker: boolean;
}

export const DEFAULT_SCREEN_CONTENT: ScreenContent = { board: true, news: true, newsCategories: [], ticker: true };

/** Is the screen scheduled on at this instant, in the school's time zone? */
export function isScheduledOn(schedule: ScreenSchedule, at: Date | string, timeZone: string): boolean {
  const date = toZonedDate(at, timeZone);
  if (schedule.closed.some((c) => c.from <= date && date <= c.until)) return false;
  const hours = schedule.days[isoWeekday(date) - 1];
  if (!hours) return false;
  const time = toZonedInput(at, timeZone).slice(11, 16);
  return hours.on <= time && time < hours.off;
}

/** The pairing code as people read it and type it: six characters without look-alikes (0/O, 1/I/L). */
export const PAIRING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PAIRING_CODE_LENGTH = 6;

/** Normalises what an admin typed (« ab3 k7z », « AB3-K7Z ») to the stored form. */
export function normalisePairingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}
