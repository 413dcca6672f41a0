import type { EventData, EventEnvelope, EventType } from '../../../../server/contracts/events';
import type { WebKey } from '../i18n';
import { channelLabel, schoolName, type ChannelContext } from './channel-label';
import { formatTime, type FormattedTime, type TimeContext } from './format-time';
import { describeAbsence } from './format-absence-event';
import { describeMessaging } from './format-messaging-event';
import { describeNews } from './format-news-event';
import { describeSignage } from './format-signage-event';

/** Names of the icons the live list knows how to draw. */
export type EventIcon = 'school' | 'directory' | 'membership' | 'news' | 'absence' | 'message' | 'alert' | 'screen' | 'activity';

export interface FormattedEvent {
  /** Unique per event: a channel's seq never repeats. */
  id: string;
  /** The page the event is about, when there is one to open. */
  href: string | null;
  type: string;
  icon: EventIcon;
  title: string;
  description: string | null;
  channel: string;
  time: FormattedTime;
}

export type EventContext = ChannelContext & Omit<TimeContext, 't'>;

type Described = Pick<FormattedEvent, 'icon' | 'title' | 'description'> & { href?: string | null };

/** Turns a live event into what a person reads: icon, title, details, where it was sent, when. */
export function formatEvent(event: EventEnvelope, ctx: EventContext): FormattedEvent {
  const { href = null, ...described } = describe(event, ctx);
  return {
    id: `${event.channel}#${event.seq}`,
    type: event.type,
    href,
    ...described,
    channel: channelLabel(event.channel, ctx),
    time: formatTime(event.at, ctx),
  };
}

function describe(event: EventEnvelope, ctx: EventContext): Described {
  const { t } = ctx;
  if (is(event, 'school.updated')) {
    const { school, changed, by } = event.data;
    const parts: string[] = [];
    if (changed.includes('name')) parts.push(t('event.school.updated.name', { name: school.name }));
    const fields = changed.filter((f) => f !== 'name').map((f) => fieldLabel(f, ctx));
    if (fields.length > 0) parts.push(t('event.school.updated.changed', { fields: fields.join(', ') }));
    return { icon: 'school', title: t('event.school.updated.title'), description: withAuthor(parts, by, ctx) };
  }
  if (is(event, 'directory.imported')) {
    const { created, updated, deactivated, by } = event.data;
    const title = t('event.directory.imported.title', {
      created: t(created > 1 ? 'count.created.other' : 'count.created.one', { n: created }),
      updated: t('count.updated', { n: updated }),
    });
    const detail =
      deactivated > 0
        ? t('event.directory.imported.deactivated', {
            deactivated: t(deactivated > 1 ? 'count.deactivated.other' : 'count.deactivated.one', { n: deactivated }),
          })
        : t('event.directory.imported.nothingDeactivated');
    return { icon: 'directory', title, description: withAuthor([detail], by, ctx) };
  }
  if (is(event, 'membership.changed')) {
    const { uai, active } = event.data;
    return {
      icon: 'membership',
      title: t(active ? 'event.membership.added.title' : 'event.membership.removed.title'),
      description: schoolName(uai, ctx.me),
    };
  }
  return describeNews(event, ctx) ?? describeAbsence(event, ctx) ?? describeMessaging(event, ctx) ?? describeSignage(event, ctx) ?? generic(event.type, ctx);
}

/** Events this client does not know yet still read as something, named after their domain. */
function generic(type: string, { t }: EventContext): Described {
  const domain = type.split('.')[0];
  const known: Record<string, [WebKey, EventIcon]> = {
    news: ['domain.news', 'news'],
    absence: ['domain.absence', 'absence'],
    message: ['domain.message', 'message'],
    messaging: ['domain.message', 'message'],
    alert: ['domain.alert', 'alert'],
    screen: ['domain.screen', 'screen'],
    directory: ['domain.directory', 'directory'],
    school: ['domain.school', 'school'],
  };
  const entry = Object.prototype.hasOwnProperty.call(known, domain) ? known[domain] : undefined;
  if (!entry) return { icon: 'activity', title: t('event.generic.title'), description: null };
  return { icon: entry[1], title: t('event.generic.domainTitle', { domain: t(entry[0]) }), description: null };
}

function fieldLabel(field: string, { t }: EventContext): string {
  const keys: Record<string, WebKey> = {
    name: 'event.field.name',
    branding: 'event.field.branding',
    color: 'event.field.color',
    logoUrl: 'event.field.logoUrl',
    timeZone: 'event.field.timeZone',
  };
  // "branding.color" and "color" name the same thing
  const last = field.split('.').pop() ?? field;
  const key = keys[last] ?? keys[field];
  return key ? t(key) : field;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Adds "par Mme Durand" when the author is a name; an id means nothing to a reader. */
function withAuthor(parts: string[], by: string, { t }: EventContext): string | null {
  const all = by && !UUID.test(by) ? [...parts, t('event.by', { name: by })] : parts;
  return all.length > 0 ? all.join(' · ') : null;
}

function is<T extends EventType>(event: EventEnvelope, type: T): event is EventEnvelope<T> & { data: EventData[T] } {
  return event.type === type;
}
