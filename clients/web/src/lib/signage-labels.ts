import { parseChannel } from '../../../../server/contracts/channels';
import type { AlertDto, ScreenDto } from '../../../../server/contracts/signage';
import {
  PAIRING_CODE_LENGTH,
  normalisePairingCode,
  screenZones,
  type AlertResponse,
  type AlertStatus,
  type ScreenCommand,
  type ScreenLayout,
  type ScreenState,
  type ScreenZone,
} from '../../../../server/contracts/signage-rules';
import { fromZonedInput, toZonedDate } from '../../../../server/contracts/zoned-time';
import type { Translate } from '../i18n';
import { clockTime, dayLabel, type LabelContext } from './absence-labels';
import { channelLabel, type ChannelContext } from './channel-label';
import type { AlertDraft } from './signage-forms';

/** « Hall », « Vie scolaire », « CDI », « Cantine », « Salle des professeurs ». */
export function zoneLabel(zone: ScreenZone, t: Translate): string {
  return t(`signage.zone.${zone}`);
}

/** The zones an alert or a ticker message reaches: every screen of the school (null), or a list in the zones' order. */
export function zonesLabel(zones: readonly ScreenZone[] | null, t: Translate): string {
  if (!zones || zones.length === 0 || zones.length === screenZones.length) return t('signage.zones.all');
  return screenZones
    .filter((z) => zones.includes(z))
    .map((z) => zoneLabel(z, t))
    .join(', ');
}

/** « Paysage », « Portrait ». */
export function layoutLabel(layout: ScreenLayout, t: Translate): string {
  return t(`signage.layout.${layout}`);
}

/** « En ligne », « En retard », « Hors ligne », « Éteint (horaires) ». */
export function screenStateLabel(state: ScreenState, t: Translate): string {
  return t(`signage.state.${state}`);
}

/** « Recharger », « Identifier », « Éteindre », « Rallumer ». */
export function commandLabel(command: ScreenCommand, t: Translate): string {
  return t(`signage.command.${command}`);
}

/** « Alerte réelle », « Exercice », « Test ». */
export function alertStatusLabel(status: AlertStatus, t: Translate): string {
  return t(`alert.status.${status}`);
}

/** « Confinement », « Évacuation », « Fin d’alerte ». */
export function alertResponseLabel(response: AlertResponse, t: Translate): string {
  return t(`alert.response.${response}`);
}

/**
 * The banner's line, as the screens put it: the kind first, in capitals, so that nobody mistakes
 * a drill for the real thing (« EXERCICE — Confinement : Restez dans les salles »).
 */
export function alertBannerText(alert: Pick<AlertDto, 'status' | 'responseType' | 'headline'>, t: Translate): string {
  return t('alert.banner.line', {
    kind: t(`alert.banner.kind.${alert.status}`),
    response: alertResponseLabel(alert.responseType, t),
    headline: alert.headline,
  });
}

/** The code as the kiosk shows it, in two groups of three (« AB3 K7Z »); what is not a code yet is left as typed. */
export function groupPairingCode(code: string): string {
  const c = normalisePairingCode(code);
  const half = PAIRING_CODE_LENGTH / 2;
  return c.length > half ? `${c.slice(0, half)} ${c.slice(half)}` : c;
}

/**
 * Where a screen is behind and by how much: « Écrans de l’établissement : 3 événements de retard ».
 * A zone's channel is named by its zone's label rather than its code.
 */
export function behindLabel(entry: ScreenDto['behind'][number], ctx: ChannelContext): string {
  const { t } = ctx;
  const parsed = parseChannel(entry.channel);
  const where =
    parsed?.kind === 'zone' && (screenZones as readonly string[]).includes(parsed.zone)
      ? t('channel.zone', { zone: zoneLabel(parsed.zone as ScreenZone, t) })
      : channelLabel(entry.channel, ctx);
  const n = Math.max(0, entry.hub - entry.applied);
  return t(n > 1 ? 'signage.behind.other' : 'signage.behind.one', { where, n });
}

/** The tone of a state chip: each one also carries its words, never colour alone. */
export function screenStateTone(state: ScreenState): 'ok' | 'warn' | 'bad' | 'off' {
  switch (state) {
    case 'online':
      return 'ok';
    case 'behind':
      return 'warn';
    case 'offline':
      return 'bad';
    case 'scheduled_off':
      return 'off';
  }
}

/** « 18:00 » today at school, « mardi 24 novembre 18:00 » another day. */
export function instantLabel(at: string | Date, ctx: LabelContext, now: Date): string {
  const day = toZonedDate(at, ctx.timeZone);
  const time = clockTime(at, ctx);
  return day === toZonedDate(now, ctx.timeZone) ? time : `${dayLabel(day, ctx)} ${time}`;
}

/** What the screens will show, as the confirmation puts it before anything is sent. */
export interface TriggerConfirmation {
  title: string;
  text: string;
  details: string[];
  confirm: string;
  cancel: string;
}

/**
 * The second step of a trigger: a title naming the kind (a real alert, a drill or a test), the
 * banner and the instruction as the screens will show them, where, until when, and a final
 * button that says what it does (« Déclencher l'exercice »).
 */
export function triggerConfirmation(draft: AlertDraft, ctx: LabelContext, now: Date): TriggerConfirmation {
  const { t } = ctx;
  const status = draft.status ?? 'test';
  const zones = draft.allZones ? null : draft.zones;
  const expiresAt = draft.expires ? fromZonedInput(draft.expires, ctx.timeZone) : null;
  return {
    title: t(`alert.confirm.title.${status}`),
    text: t('alert.confirm.text'),
    details: [
      alertBannerText({ status, responseType: draft.responseType, headline: draft.headline.trim() }, t),
      draft.instruction.trim(),
      t('alert.confirm.where', { zones: zonesLabel(zones, t) }),
      expiresAt ? t('alert.confirm.expires', { time: instantLabel(expiresAt, ctx, now) }) : t('alert.confirm.noExpiry'),
    ],
    confirm: t(`alert.confirm.ok.${status}`),
    cancel: t('alert.confirm.cancel'),
  };
}
