import type { AlertTemplateDto, ScreenSelfDto } from '../../../../server/contracts/signage';
import {
  DEFAULT_SCREEN_SCHEDULE,
  PAIRING_ALPHABET,
  PAIRING_CODE_LENGTH,
  normalisePairingCode,
  screenZones,
  type AlertResponse,
  type AlertStatus,
  type ScreenContent,
  type ScreenLayout,
  type ScreenSchedule,
  type ScreenZone,
} from '../../../../server/contracts/signage-rules';
import { addDays, fromZonedInput, toZonedInput } from '../../../../server/contracts/zoned-time';

/** The limits of the signage schemas (server/contracts/signage.ts), without bundling zod: a test keeps them equal. */
export const SIGNAGE_LIMITS = {
  screenName: 60,
  flashText: 140,
  headline: 80,
  instruction: 400,
  templateName: 60,
  templates: 12,
  closedPeriods: 40,
  closedLabel: 80,
} as const;

/** Why a form cannot be sent yet; each has its sentence (`signage.problem.<code>`). */
export type Problem =
  | 'codeEmpty'
  | 'codeCharacters'
  | 'codeLength'
  | 'nameRequired'
  | 'nameTooLong'
  | 'hoursMissing'
  | 'hoursOrder'
  | 'datesMissing'
  | 'datesOrder'
  | 'labelTooLong'
  | 'tooManyPeriods'
  | 'textRequired'
  | 'textTooLong'
  | 'zonesRequired'
  | 'untilMissing'
  | 'untilPast'
  | 'choiceRequired'
  | 'statusRequired'
  | 'headlineRequired'
  | 'headlineTooLong'
  | 'instructionRequired'
  | 'instructionTooLong'
  | 'expiryPast';

export type Problems = Map<string, Problem>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---- pairing ------------------------------------------------------------------------------

/**
 * What the code field shows as the person types: capitals, in two groups of three like the
 * kiosk (« ab3k » → « AB3 K »). Characters the kiosk never shows (0, O, 1, I, L) are kept so
 * that the message about them makes sense.
 */
export function formatPairingInput(input: string): string {
  const code = normalisePairingCode(input).slice(0, PAIRING_CODE_LENGTH);
  const half = PAIRING_CODE_LENGTH / 2;
  return code.length > half ? `${code.slice(0, half)} ${code.slice(half)}` : code;
}

/** Why a typed code cannot be one the kiosk shows, or null. */
export function pairingCodeProblem(input: string): Problem | null {
  const code = normalisePairingCode(input);
  if (!code) return 'codeEmpty';
  if ([...code].some((c) => !PAIRING_ALPHABET.includes(c))) return 'codeCharacters';
  if (code.length !== PAIRING_CODE_LENGTH) return 'codeLength';
  return null;
}

export function nameProblem(name: string): Problem | null {
  const n = name.trim();
  if (!n) return 'nameRequired';
  return n.length > SIGNAGE_LIMITS.screenName ? 'nameTooLong' : null;
}

// ---- a screen's settings ------------------------------------------------------------------

/** One weekday as the form holds it: the hours stay typed while the day is switched off. */
export interface DayDraft {
  on: boolean;
  from: string;
  to: string;
}

export interface ClosedDraft {
  from: string;
  until: string;
  label: string;
}

export interface ScreenDraft {
  name: string;
  zone: ScreenZone;
  layout: ScreenLayout;
  content: ScreenContent;
  days: DayDraft[];
  closed: ClosedDraft[];
}

const FALLBACK_HOURS = DEFAULT_SCREEN_SCHEDULE.days[0] ?? { on: '07:30', off: '18:30' };

/** A screen's settings as the edit form holds them. */
export function screenDraft(screen: Pick<ScreenSelfDto, 'name' | 'zone' | 'layout' | 'content' | 'schedule'>): ScreenDraft {
  const days = Array.from({ length: 7 }, (_, i) => {
    const d = screen.schedule?.days?.[i] ?? null;
    return d ? { on: true, from: d.on, to: d.off } : { on: false, from: FALLBACK_HOURS.on, to: FALLBACK_HOURS.off };
  });
  return {
    name: screen.name,
    zone: screen.zone,
    layout: screen.layout,
    content: { ...screen.content, newsCategories: [...screen.content.newsCategories] },
    days,
    closed: (screen.schedule?.closed ?? []).map((c) => ({ ...c })),
  };
}

/** The schedule the hub takes from the form: a day switched off is null. */
export function scheduleOf(draft: Pick<ScreenDraft, 'days' | 'closed'>): ScreenSchedule {
  return {
    days: draft.days.map((d) => (d.on ? { on: d.from, off: d.to } : null)),
    closed: draft.closed.map((c) => ({ from: c.from, until: c.until, label: c.label.trim() })),
  };
}

/** What stops the settings from being saved, by field (`name`, `days.0`, `closed.2`). */
export function screenDraftProblems(draft: ScreenDraft): Problems {
  const problems: Problems = new Map();
  const name = nameProblem(draft.name);
  if (name) problems.set('name', name);
  draft.days.forEach((d, i) => {
    if (!d.on) return;
    if (!TIME.test(d.from) || !TIME.test(d.to)) problems.set(`days.${i}`, 'hoursMissing');
    else if (d.from >= d.to) problems.set(`days.${i}`, 'hoursOrder');
  });
  if (draft.closed.length > SIGNAGE_LIMITS.closedPeriods) problems.set('closed', 'tooManyPeriods');
  draft.closed.forEach((c, i) => {
    if (!DATE.test(c.from) || !DATE.test(c.until)) problems.set(`closed.${i}`, 'datesMissing');
    else if (c.from > c.until) problems.set(`closed.${i}`, 'datesOrder');
    else if (c.label.trim().length > SIGNAGE_LIMITS.closedLabel) problems.set(`closed.${i}`, 'labelTooLong');
  });
  return problems;
}

export interface ScreenPatch {
  name?: string;
  zone?: ScreenZone;
  layout?: ScreenLayout;
  content?: ScreenContent;
  schedule?: ScreenSchedule;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** PATCH /screens/:id with only what changed; null when nothing did. */
export function screenPatch(screen: Pick<ScreenSelfDto, 'name' | 'zone' | 'layout' | 'content' | 'schedule'>, draft: ScreenDraft): ScreenPatch | null {
  const patch: ScreenPatch = {};
  const name = draft.name.trim();
  if (name !== screen.name) patch.name = name;
  if (draft.zone !== screen.zone) patch.zone = draft.zone;
  if (draft.layout !== screen.layout) patch.layout = draft.layout;
  const content: ScreenContent = { ...draft.content, newsCategories: draft.content.news ? draft.content.newsCategories : screen.content.newsCategories };
  if (!same(content, screen.content)) patch.content = content;
  const schedule = scheduleOf(draft);
  if (!same(schedule, screen.schedule)) patch.schedule = schedule;
  return Object.keys(patch).length ? patch : null;
}

// ---- ticker -------------------------------------------------------------------------------

export interface FlashDraft {
  text: string;
  /** Every screen of the school, or only those of `zones`. */
  allZones: boolean;
  zones: ScreenZone[];
  /** The school's wall clock, as a datetime-local value. */
  until: string;
}

/** Characters left in a text of at most `max`, as the hub counts them (after trimming); negative when over. */
export function charsLeft(text: string, max: number): number {
  return max - text.trim().length;
}

/** Characters left in a ticker message. */
export function flashRemaining(text: string): number {
  return charsLeft(text, SIGNAGE_LIMITS.flashText);
}

/** Until the end of the school day (18:00 at school), or tomorrow's when that is less than an hour away. */
export function defaultFlashUntil(now: Date, timeZone: string): string {
  const wall = toZonedInput(now, timeZone);
  const today = wall.slice(0, 10);
  const endToday = fromZonedInput(`${today}T18:00`, timeZone);
  if (endToday && Date.parse(endToday) - now.getTime() >= 3_600_000) return `${today}T18:00`;
  return `${addDays(today, 1)}T18:00`;
}

export function emptyFlashDraft(now: Date, timeZone: string): FlashDraft {
  return { text: '', allZones: true, zones: [], until: defaultFlashUntil(now, timeZone) };
}

export function flashProblems(draft: FlashDraft, timeZone: string, now: Date): Problems {
  const problems: Problems = new Map();
  const text = draft.text.trim();
  if (!text) problems.set('text', 'textRequired');
  else if (flashRemaining(text) < 0) problems.set('text', 'textTooLong');
  if (!draft.allZones && draft.zones.length === 0) problems.set('zones', 'zonesRequired');
  const until = fromZonedInput(draft.until, timeZone);
  if (!until) problems.set('until', 'untilMissing');
  else if (Date.parse(until) <= now.getTime()) problems.set('until', 'untilPast');
  return problems;
}

/** POST /signage/flashes; call after flashProblems found none. */
export function flashPayload(draft: FlashDraft, timeZone: string): { text: string; zones: ScreenZone[] | null; until: string } {
  return {
    text: draft.text.trim(),
    zones: zonesPayload(draft.allZones, draft.zones),
    until: fromZonedInput(draft.until, timeZone) ?? '',
  };
}

/** The zones in their canonical order; null for the whole school (also when every zone is ticked). */
export function zonesPayload(allZones: boolean, zones: readonly ScreenZone[]): ScreenZone[] | null {
  if (allZones) return null;
  const picked = screenZones.filter((z) => zones.includes(z));
  return picked.length === screenZones.length ? null : picked;
}

// ---- PPMS alert ---------------------------------------------------------------------------

/** What can be triggered: a shelter or an evacuation (« fin d'alerte » ends an alert, it is not one). */
export type TriggerResponse = Exclude<AlertResponse, 'allclear'>;

/** A template offered as a choice; the built-in ones stand in when the school has none yet. */
export interface AlertChoice {
  id: string;
  name: string;
  responseType: TriggerResponse;
  headline: string;
  instruction: string;
}

/** The built-in texts of the two PPMS responses, in the person's words (from the catalogue). */
export interface BuiltInTexts {
  shelter: { name: string; headline: string; instruction: string };
  evacuate: { name: string; headline: string; instruction: string };
}

/** The templates that can be triggered, in the school's order; the built-in pair when there are none. */
export function triggerChoices(templates: readonly AlertTemplateDto[], builtIn: BuiltInTexts): AlertChoice[] {
  const usable = templates.filter((t): t is AlertTemplateDto & { responseType: TriggerResponse } => t.responseType !== 'allclear');
  if (usable.length) return usable.map(({ id, name, responseType, headline, instruction }) => ({ id, name, responseType, headline, instruction }));
  return (['shelter', 'evacuate'] as const).map((r) => ({ id: `builtin-${r}`, responseType: r, ...builtIn[r] }));
}

export interface AlertDraft {
  /** The template chosen; empty until the person picks one. */
  choiceId: string;
  responseType: TriggerResponse;
  /** No default: the person says whether it is real, a drill or a test. */
  status: AlertStatus | null;
  headline: string;
  instruction: string;
  allZones: boolean;
  zones: ScreenZone[];
  /** Optional end, the school's wall clock as a datetime-local value; empty for none. */
  expires: string;
}

/** The form before anything is chosen: no template, no status, the whole school, no expiry. */
export function emptyAlertDraft(): AlertDraft {
  return { choiceId: '', responseType: 'shelter', status: null, headline: '', instruction: '', allZones: true, zones: [], expires: '' };
}

/** A draft with the texts of `choice`; what the person already chose (status, zones, expiry) stays. */
export function draftFromChoice(choice: AlertChoice, previous?: AlertDraft | null): AlertDraft {
  return {
    choiceId: choice.id,
    responseType: choice.responseType,
    status: previous?.status ?? null,
    headline: choice.headline,
    instruction: choice.instruction,
    allZones: previous?.allZones ?? true,
    zones: previous?.zones ?? [],
    expires: previous?.expires ?? '',
  };
}

/** Headline and instruction, shared by the trigger and the update of an alert in course. */
export function alertTextProblems(headline: string, instruction: string): Problems {
  const problems: Problems = new Map();
  const h = headline.trim();
  const i = instruction.trim();
  if (!h) problems.set('headline', 'headlineRequired');
  else if (h.length > SIGNAGE_LIMITS.headline) problems.set('headline', 'headlineTooLong');
  if (!i) problems.set('instruction', 'instructionRequired');
  else if (i.length > SIGNAGE_LIMITS.instruction) problems.set('instruction', 'instructionTooLong');
  return problems;
}

export function triggerProblems(draft: AlertDraft, timeZone: string, now: Date): Problems {
  const problems: Problems = new Map();
  if (!draft.choiceId) problems.set('choice', 'choiceRequired');
  if (!draft.status) problems.set('status', 'statusRequired');
  for (const [field, problem] of alertTextProblems(draft.headline, draft.instruction)) problems.set(field, problem);
  if (!draft.allZones && draft.zones.length === 0) problems.set('zones', 'zonesRequired');
  if (draft.expires) {
    const at = fromZonedInput(draft.expires, timeZone);
    if (!at) problems.set('expires', 'untilMissing');
    else if (Date.parse(at) <= now.getTime()) problems.set('expires', 'expiryPast');
  }
  return problems;
}

export interface TriggerPayload {
  status: AlertStatus;
  responseType: TriggerResponse;
  headline: string;
  instruction: string;
  zones: ScreenZone[] | null;
  expiresAt: string | null;
  confirmed: true;
}

/** POST /alerts, once the person confirmed; call after triggerProblems found none. */
export function triggerPayload(draft: AlertDraft, timeZone: string): TriggerPayload {
  return {
    status: draft.status ?? 'test',
    responseType: draft.responseType,
    headline: draft.headline.trim(),
    instruction: draft.instruction.trim(),
    zones: zonesPayload(draft.allZones, draft.zones),
    expiresAt: draft.expires ? fromZonedInput(draft.expires, timeZone) : null,
    confirmed: true,
  };
}

// ---- templates ----------------------------------------------------------------------------

export interface TemplateDraft {
  name: string;
  responseType: AlertResponse;
  headline: string;
  instruction: string;
}

/** What stops the templates from being saved, by field (`0.name`, `2.headline`). */
export function templateProblems(templates: readonly TemplateDraft[]): Problems {
  const problems: Problems = new Map();
  templates.forEach((tpl, i) => {
    const name = tpl.name.trim();
    if (!name) problems.set(`${i}.name`, 'nameRequired');
    else if (name.length > SIGNAGE_LIMITS.templateName) problems.set(`${i}.name`, 'nameTooLong');
    for (const [field, problem] of alertTextProblems(tpl.headline, tpl.instruction)) problems.set(`${i}.${field}`, problem);
  });
  return problems;
}

/** PUT /alerts/templates. */
export function templatesPayload(templates: readonly TemplateDraft[]): { templates: TemplateDraft[] } {
  return { templates: templates.map((t) => ({ name: t.name.trim(), responseType: t.responseType, headline: t.headline.trim(), instruction: t.instruction.trim() })) };
}
