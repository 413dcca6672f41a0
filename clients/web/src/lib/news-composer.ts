import type { AckMode, AttachmentDto, NewsCategory, NewsDto, NewsSave } from '../../../../server/contracts/news';
import { ApiError } from '../../../shared/api';
import type { Translate } from '../i18n';
import { audienceFromTargets, audienceProblem, audienceTargets, emptyAudience, type AudienceState } from './audience';
import { NEWS_LIMITS } from './news-constants';
import { htmlToText, isBlankHtml, tidyEditorHtml } from './rich-text';
import { endOfZonedDay, fromZonedInput, lastZonedDay, startOfZonedDay, toZonedDate, toZonedInput } from '../../../../server/contracts/zoned-time';

/** The composer's fields as the form holds them: dates are the school's wall-clock values. */
export interface ComposerState {
  title: string;
  bodyHtml: string;
  category: NewsCategory | '';
  audience: AudienceState;
  visibility: 'ent' | 'public';
  schedule: boolean;
  /** datetime-local value, school time */
  publishAt: string;
  /** date values, school time; "until" dates include their day */
  expireOn: string;
  pinned: boolean;
  pinnedUntil: string;
  ackMode: AckMode;
  onScreens: boolean;
  screensFrom: string;
  screensUntil: string;
  image: AttachmentDto | null;
  attachments: AttachmentDto[];
}

export type ComposerField =
  | 'title'
  | 'bodyHtml'
  | 'category'
  | 'audience'
  | 'visibility'
  | 'publishAt'
  | 'expireOn'
  | 'pinnedUntil'
  | 'ackMode'
  | 'screens'
  | 'image'
  | 'attachments';

export type FieldErrors = Partial<Record<ComposerField, string>>;

/** Order of the fields on the page: the error summary lists them, and focus goes to the first. */
export const FIELD_ORDER: readonly ComposerField[] = [
  'title',
  'bodyHtml',
  'category',
  'audience',
  'visibility',
  'publishAt',
  'expireOn',
  'pinnedUntil',
  'ackMode',
  'screens',
  'image',
  'attachments',
];

export type Intent = NewsSave['intent'];

export function emptyComposer(): ComposerState {
  return {
    title: '',
    bodyHtml: '',
    category: '',
    audience: emptyAudience(),
    visibility: 'ent',
    schedule: false,
    publishAt: '',
    expireOn: '',
    pinned: false,
    pinnedUntil: '',
    ackMode: 'none',
    onScreens: false,
    screensFrom: '',
    screensUntil: '',
    image: null,
    attachments: [],
  };
}

/** The form of a saved item, to edit it. */
export function composerFromNews(news: NewsDto, timeZone: string): ComposerState {
  return {
    title: news.title,
    bodyHtml: news.bodyHtml,
    category: news.category,
    audience: audienceFromTargets(news.audience),
    visibility: news.visibility,
    // a published item keeps its date: "schedule" is for what is still to come
    schedule: !!news.publishAt && news.status !== 'published' && news.status !== 'archived',
    publishAt: news.publishAt ? toZonedInput(news.publishAt, timeZone) : '',
    expireOn: news.expireAt ? lastZonedDay(news.expireAt, timeZone) : '',
    pinned: !!news.pinnedUntil,
    pinnedUntil: news.pinnedUntil ? lastZonedDay(news.pinnedUntil, timeZone) : '',
    ackMode: news.ackMode,
    onScreens: !!news.onScreens,
    screensFrom: news.onScreens ? toZonedDate(news.onScreens.from, timeZone) : '',
    screensUntil: news.onScreens ? lastZonedDay(news.onScreens.until, timeZone) : '',
    image: news.image,
    attachments: news.attachments,
  };
}

export interface CheckContext {
  t: Translate;
  timeZone: string;
  now: Date;
  intent: Intent;
  groupNames: ReadonlyMap<string, { name: string }>;
}

/** What the form must fix before sending, by field; the hub checks again and has the last word. */
export function validateComposer(s: ComposerState, ctx: CheckContext): FieldErrors {
  const { t, timeZone, now } = ctx;
  const errors: FieldErrors = {};
  const title = s.title.trim();
  if (title.length < 3) errors.title = t('composer.error.titleShort');
  else if (title.length > NEWS_LIMITS.title) errors.title = t('composer.error.titleLong', { max: NEWS_LIMITS.title });
  const body = tidyEditorHtml(s.bodyHtml);
  if (ctx.intent === 'publish' && isBlankHtml(body)) errors.bodyHtml = t('composer.error.bodyEmpty');
  else if (body.length > NEWS_LIMITS.bodyHtml) errors.bodyHtml = t('composer.error.bodyLong');
  if (!s.category) errors.category = t('composer.error.category');
  const audience = audienceProblem(s.audience, ctx.groupNames, t);
  if (audience) errors.audience = audience;

  const publishAt = s.schedule ? fromZonedInput(s.publishAt, timeZone) : null;
  if (s.schedule && !publishAt) errors.publishAt = t('composer.error.dateInvalid');
  else if (publishAt && ctx.intent === 'publish' && Date.parse(publishAt) <= now.getTime()) errors.publishAt = t('composer.error.publishPast');
  const start = publishAt ? Date.parse(publishAt) : now.getTime();

  if (s.expireOn) {
    const expireAt = endOfZonedDay(s.expireOn, timeZone);
    if (!expireAt) errors.expireOn = t('composer.error.dateInvalid');
    else if (Date.parse(expireAt) <= start) errors.expireOn = t('composer.error.expireBeforePublish');
  }
  if (s.pinned) {
    const until = endOfZonedDay(s.pinnedUntil, timeZone);
    if (!until) errors.pinnedUntil = t('composer.error.pinnedUntil');
    else if (Date.parse(until) <= start) errors.pinnedUntil = t('composer.error.pinnedPast');
  }
  if (s.onScreens) {
    const from = startOfZonedDay(s.screensFrom, timeZone);
    const until = endOfZonedDay(s.screensUntil, timeZone);
    if (!from || !until) errors.screens = t('composer.error.screensDates');
    else if (Date.parse(until) <= Date.parse(from)) errors.screens = t('composer.error.screensOrder');
  }
  if (s.attachments.length > NEWS_LIMITS.attachments) errors.attachments = t('composer.error.tooManyFiles', { max: NEWS_LIMITS.attachments });
  return errors;
}

/** The body of POST/PATCH /news from the form. */
export function toNewsSave(s: ComposerState, intent: Intent, timeZone: string): NewsSave {
  return {
    title: s.title.trim(),
    bodyHtml: tidyEditorHtml(s.bodyHtml),
    category: (s.category || 'vie_scolaire') as NewsCategory,
    audience: audienceTargets(s.audience),
    visibility: s.visibility,
    publishAt: s.schedule ? fromZonedInput(s.publishAt, timeZone) : null,
    expireAt: s.expireOn ? endOfZonedDay(s.expireOn, timeZone) : null,
    pinnedUntil: s.pinned ? endOfZonedDay(s.pinnedUntil, timeZone) : null,
    ackMode: s.ackMode,
    onScreens:
      s.onScreens && s.screensFrom && s.screensUntil
        ? { from: startOfZonedDay(s.screensFrom, timeZone)!, until: endOfZonedDay(s.screensUntil, timeZone)! }
        : null,
    imageId: s.image?.id ?? null,
    attachmentIds: s.attachments.map((a) => a.id),
    intent,
  };
}

const API_FIELDS: Record<string, ComposerField> = {
  title: 'title',
  bodyHtml: 'bodyHtml',
  category: 'category',
  audience: 'audience',
  visibility: 'visibility',
  publishAt: 'publishAt',
  expireAt: 'expireOn',
  pinnedUntil: 'pinnedUntil',
  ackMode: 'ackMode',
  onScreens: 'screens',
  imageId: 'image',
  attachmentIds: 'attachments',
};

/** The hub's validation details ([{ path: "audience.0.groupId", message }]) put next to the fields. */
export function fieldErrorsFromApi(err: unknown): FieldErrors | null {
  if (!(err instanceof ApiError) || err.code !== 'validation_failed' || !Array.isArray(err.details)) return null;
  const errors: FieldErrors = {};
  for (const d of err.details as Array<{ path?: unknown; message?: unknown }>) {
    const path = Array.isArray(d?.path) ? d.path.join('.') : String(d?.path ?? '');
    const field = API_FIELDS[path.split('.')[0]];
    if (field && !errors[field] && typeof d.message === 'string') errors[field] = sentence(d.message);
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

// the hub's messages are lower-case fragments ("titre trop court"): next to a field they read as sentences
function sentence(message: string): string {
  const m = message.trim();
  return m ? m.charAt(0).toLocaleUpperCase('fr-FR') + m.slice(1) + (/[.!?…]$/.test(m) ? '' : '.') : m;
}

/** Characters left in the title, for its counter. */
export function titleRemaining(title: string): number {
  return NEWS_LIMITS.title - title.trim().length;
}

/** Length of the body's text, for its counter. */
export function bodyTextLength(html: string): number {
  return htmlToText(html).length;
}

/**
 * The main button's label. It says what will happen: published now, on a date, or sent to the
 * direction; while the audience count is unknown it says the cautious "submit".
 */
export function publishButtonKey(directPublish: boolean | null, scheduled: boolean): 'composer.publish' | 'composer.schedule' | 'composer.submit' {
  if (!directPublish) return 'composer.submit';
  return scheduled ? 'composer.schedule' : 'composer.publish';
}
