import type { EventEnvelope } from '../../../../server/contracts/events';
import { alertResponses, alertStatuses, type AlertResponse, type AlertStatus } from '../../../../server/contracts/signage-rules';
import type { Profile } from '../../../../server/contracts/profiles';
import type { Translate } from '../i18n';
import { str, type EventDescription, type Payload } from './event-payload';
import { readsAlertScreens, routeHref } from './routes';
import { alertBannerText } from './signage-labels';

export type SignageDescription = EventDescription<'alert' | 'screen'>;

const isStatus = (v: unknown): v is AlertStatus => (alertStatuses as readonly unknown[]).includes(v);
const isResponse = (v: unknown): v is AlertResponse => (alertResponses as readonly unknown[]).includes(v);

/**
 * The live list's words for PPMS alerts and screens; null for a payload of another shape, which
 * then reads as generic alert or screen activity rather than breaking the list.
 */
export function describeSignage(event: EventEnvelope, { t, me }: { t: Translate; me: { current: { profile: Profile } } }): SignageDescription | null {
  const data = (event.data ?? {}) as Payload;
  const alertHref = readsAlertScreens(me.current.profile) ? routeHref({ name: 'alert' }) : null;
  switch (event.type) {
    case 'alert.triggered':
    case 'alert.updated':
    case 'alert.ended': {
      const alert = (data.alert ?? {}) as Payload;
      const headline = str(alert.headline);
      if (headline === null || !isStatus(alert.status) || !isResponse(alert.responseType)) return null;
      const line = alertBannerText({ status: alert.status, responseType: alert.responseType, headline }, t);
      if (event.type === 'alert.ended') {
        const title = t(alert.endKind === 'cancel' ? 'event.alert.cancelled' : 'event.alert.allClear');
        return { icon: 'alert', title, description: line, href: alertHref };
      }
      const by = str(alert.sentByName);
      const title = t(event.type === 'alert.triggered' ? 'event.alert.triggered' : 'event.alert.updated');
      return { icon: 'alert', title, description: by ? `${line} · ${t('event.by', { name: by })}` : line, href: alertHref };
    }
    case 'screen.revoked':
      return { icon: 'screen', title: t('event.screen.revoked'), description: null, href: routeHref({ name: 'screens' }) };
    case 'screen.status_changed': {
      const name = str((data.screen as Payload | undefined)?.name);
      return name === null ? null : { icon: 'screen', title: t('event.screen.changed', { name }), description: null, href: routeHref({ name: 'screens' }) };
    }
    default:
      return null;
  }
}
