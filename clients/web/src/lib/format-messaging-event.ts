import type { EventEnvelope } from '../../../../server/contracts/events';
import type { Translate } from '../i18n';
import { num, str, type EventDescription, type Payload } from './event-payload';
import { routeHref } from './routes';

export type MessagingDescription = EventDescription<'message' | 'alert'>;

const threadHref = (id: string | null) => (id ? routeHref({ name: 'thread', id }) : null);

/**
 * The live list's words for messagerie events; null for a payload of another shape, which then
 * reads as generic messagerie activity rather than breaking the list.
 */
export function describeMessaging(event: EventEnvelope, { t }: { t: Translate }): MessagingDescription | null {
  const data = (event.data ?? {}) as Payload;
  switch (event.type) {
    case 'message.received': {
      const from = str((data.from as Payload | undefined)?.name);
      const subject = str(data.subject);
      if (from === null || subject === null) return null;
      return {
        icon: 'message',
        title: t('event.message.received', { name: from }),
        description: data.viaList ? t('event.message.viaList', { subject }) : subject,
        href: threadHref(str(data.conversationId)),
      };
    }
    case 'message.sent': {
      const n = num(data.recipients);
      if (n === null) return null;
      return { icon: 'message', title: t(n > 1 ? 'event.message.sent.other' : 'event.message.sent.one', { n }), description: null, href: threadHref(str(data.conversationId)) };
    }
    case 'message.read': {
      const read = num(data.read);
      const recipients = num(data.recipients);
      if (read === null || recipients === null) return null;
      return { icon: 'message', title: t('event.message.read', { read, recipients }), description: null, href: threadHref(str(data.conversationId)) };
    }
    case 'message.recalled':
      return { icon: 'message', title: t('event.message.recalled'), description: null, href: null };
    case 'messaging.frozen':
      return {
        icon: 'alert',
        title: t(data.frozen ? 'event.messaging.frozen' : 'event.messaging.reopened'),
        description: null,
        href: routeHref({ name: 'messages' }),
      };
    default:
      return null;
  }
}
