import { describe, expect, it } from 'vitest';
import { ApiError } from '../../clients/shared/api';
import { createI18n } from '../../clients/shared/i18n';
import { formatEvent, type EventContext } from '../../clients/web/src/lib/format-event';
import {
  allowedRoute,
  followsAlerts,
  navPages,
  navSection,
  parseRoute,
  readsAlertScreens,
  routeHref,
  signageNavPages,
  triggersAlerts,
  type Route,
} from '../../clients/web/src/lib/routes';
import { draftFromChoice, triggerChoices } from '../../clients/web/src/lib/signage-forms';
import { describeSignageError, signageFieldErrors } from '../../clients/web/src/lib/signage-errors';
import {
  alertBannerText,
  behindLabel,
  groupPairingCode,
  instantLabel,
  screenStateLabel,
  triggerConfirmation,
  zoneLabel,
  zonesLabel,
} from '../../clients/web/src/lib/signage-labels';
import { en } from '../../clients/web/src/i18n/en';
import { fr, type WebKey } from '../../clients/web/src/i18n/fr';
import type { MeDto } from '../../server/contracts/auth';
import type { EventEnvelope } from '../../server/contracts/events';
import type { AlertDto } from '../../server/contracts/signage';
import { screenZones } from '../../server/contracts/signage-rules';

const { t } = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['fr-FR'] });
const tEn = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['en'] }).t;
const UAI = '0750654D';
const SCREEN = '11111111-1111-4111-8111-111111111111';
const ALERT = '44444444-4444-4444-8444-444444444444';
// Monday 23 November 2026, 10:30 in Paris
const NOW = new Date('2026-11-23T09:30:00Z');
const labels = { t, locale: 'fr' as const, timeZone: 'Europe/Paris' };

const me = (profile: MeDto['current']['profile']): MeDto =>
  ({
    id: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
    login: 'x',
    firstName: 'Claire',
    lastName: 'Moreau',
    current: { school: { uai: UAI, name: 'Collège Jean Moulin' }, profile, staffFunction: null },
    memberships: [],
    channels: [],
  }) as unknown as MeDto;

function alert(over: Partial<AlertDto> = {}): AlertDto {
  return {
    id: ALERT,
    status: 'exercise',
    msgType: 'alert',
    responseType: 'shelter',
    headline: 'Restez dans les salles',
    instruction: 'Fermez les portes.',
    zones: null,
    sentAt: '2026-11-23T09:30:00.000Z',
    updatedAt: '2026-11-23T09:30:00.000Z',
    expiresAt: null,
    endedAt: null,
    endKind: null,
    sentByName: 'Mme Durand',
    ...over,
  };
}

describe('signage words', () => {
  it('names the zones as the school does', () => {
    expect(screenZones.map((z) => zoneLabel(z, t))).toEqual(['Hall', 'Vie scolaire', 'CDI', 'Cantine', 'Salle des professeurs']);
    expect(zonesLabel(null, t)).toBe('Tout l’établissement');
    expect(zonesLabel([...screenZones], t)).toBe('Tout l’établissement');
    // in the zones' own order, whatever order they were ticked in
    expect(zonesLabel(['cdi', 'hall'], t)).toBe('Hall, CDI');
  });

  it('names the states of a screen', () => {
    expect(['online', 'behind', 'offline', 'scheduled_off'].map((s) => screenStateLabel(s as never, t))).toEqual([
      'En ligne',
      'En retard',
      'Hors ligne',
      'Éteint (horaires)',
    ]);
  });

  it('puts the kind of alert first, in capitals, so a drill is never taken for the real thing', () => {
    expect(alertBannerText(alert(), t)).toBe('EXERCICE — Confinement\u00a0: Restez dans les salles');
    expect(alertBannerText(alert({ status: 'actual', responseType: 'evacuate', headline: 'Sortez' }), t)).toBe('ALERTE — Évacuation\u00a0: Sortez');
    expect(alertBannerText(alert({ status: 'test' }), tEn)).toBe('TEST — Lockdown: Restez dans les salles');
  });

  it('groups a pairing code as the kiosk shows it', () => {
    expect(groupPairingCode('ab3k7z')).toBe('AB3 K7Z');
    expect(groupPairingCode('AB')).toBe('AB');
  });

  it('says which channel a screen is behind on, and by how much', () => {
    const ctx = { t, me: me('admin') };
    expect(behindLabel({ channel: `school:${UAI}:signage`, hub: 12, applied: 9 }, ctx)).toBe('Écrans de l’établissement\u00a0: 3 événements de retard');
    expect(behindLabel({ channel: `school:${UAI}:zone:cdi`, hub: 5, applied: 4 }, ctx)).toBe('Zone CDI\u00a0: 1 événement de retard');
    expect(behindLabel({ channel: `school:${UAI}:board`, hub: 2, applied: 0 }, ctx)).toBe('Tableau des absences d’enseignants\u00a0: 2 événements de retard');
  });

  it('gives the time alone today, with its day otherwise', () => {
    expect(instantLabel('2026-11-23T17:00:00Z', labels, NOW)).toBe('18:00');
    expect(instantLabel('2026-11-24T17:00:00Z', labels, NOW)).toBe('mardi 24 novembre 18:00');
  });
});

describe('trigger confirmation', () => {
  const choice = triggerChoices([], {
    shelter: { name: 'Confinement', headline: 'Confinement immédiat', instruction: 'Restez à l’intérieur.' },
    evacuate: { name: 'Évacuation', headline: 'Évacuation immédiate', instruction: 'Sortez.' },
  })[0];

  it('says what the screens will show and names its final button after the kind chosen', () => {
    const drill = triggerConfirmation({ ...draftFromChoice(choice), status: 'exercise' }, labels, NOW);
    expect(drill.title).toBe('Déclencher un EXERCICE\u00a0?');
    expect(drill.confirm).toBe('Déclencher l’exercice');
    expect(drill.details).toEqual(['EXERCICE — Confinement\u00a0: Confinement immédiat', 'Restez à l’intérieur.', 'Écrans\u00a0: Tout l’établissement', 'Sans fin automatique']);
    const real = triggerConfirmation({ ...draftFromChoice(choice), status: 'actual', allZones: false, zones: ['cantine', 'hall'], expires: '2026-11-23T12:00' }, labels, NOW);
    expect(real.title).toBe('Déclencher une ALERTE RÉELLE\u00a0?');
    expect(real.confirm).toBe('Déclencher l’alerte');
    expect(real.details.slice(2)).toEqual(['Écrans\u00a0: Hall, Cantine', 'Fin automatique à 12:00']);
    expect(triggerConfirmation({ ...draftFromChoice(choice), status: 'test' }, labels, NOW).confirm).toBe('Déclencher le test');
  });
});

describe('signage errors', () => {
  it('tells an unknown or expired code from a screen revoked meanwhile', () => {
    expect(describeSignageError(new ApiError(404, 'pairing_not_found', 'x'), 'pair', t)).toMatch(/inconnu ou a expiré/);
    expect(describeSignageError(new ApiError(404, 'not_found', 'x'), 'command', t)).toMatch(/révoqué entre-temps/);
  });

  it('says an alert is already in course, or already over', () => {
    expect(describeSignageError(new ApiError(409, 'alert_active', 'x'), 'trigger', t)).toMatch(/déjà en cours/);
    expect(describeSignageError(new ApiError(409, 'conflict', 'x'), 'end', t)).toBe('Cette alerte est déjà terminée.');
  });

  it('warns that an alert did not go out when the hub is out of reach', () => {
    expect(describeSignageError(new ApiError(0, 'network_error', 'x'), 'trigger', t)).toMatch(/n’est PAS partie/);
    expect(describeSignageError(new ApiError(0, 'network_error', 'x'), 'flash', t)).toBe(t('error.network'));
  });

  it('puts the hub’s validation reasons under their fields, as sentences', () => {
    const err = new ApiError(400, 'validation_failed', 'Certaines informations sont invalides.', [{ path: 'code', message: 'code à 6 caractères' }]);
    expect(describeSignageError(err, 'pair', t)).toBe('Certaines informations sont invalides\u00a0: Code à 6 caractères.');
    expect(signageFieldErrors(err)).toEqual(new Map([['code', 'Code à 6 caractères.']]));
    expect(describeSignageError(new Error('boom'), 'pair', t)).toBe(t('error.generic'));
  });
});

describe('signage routes', () => {
  it('reads and writes the screens’ and alert’s hashes, with the QR code’s code', () => {
    const routes: Route[] = [{ name: 'screens' }, { name: 'pairScreen' }, { name: 'pairScreen', code: 'AB3K7Z' }, { name: 'screen', id: SCREEN }, { name: 'alert' }];
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
    // the kiosk's QR code, typed or lower-case
    expect(parseRoute('#/ecrans/appairer?code=ab3k7z')).toEqual({ name: 'pairScreen', code: 'AB3K7Z' });
    expect(parseRoute('#/ecrans/appairer?code=AB3-K7Z')).toEqual({ name: 'pairScreen', code: 'AB3K7Z' });
    expect(parseRoute('#/ecrans/appairer?code=%3Cscript%3E')).toEqual({ name: 'pairScreen' });
    expect(parseRoute('#/ecrans/pas-un-id')).toEqual({ name: 'screens' });
    expect(parseRoute('#/ecrans/%E0%A4%A')).toEqual({ name: 'screens' });
    // the other pages are not disturbed by a query
    expect(parseRoute('#/messagerie/listes?x=1')).toEqual({ name: 'messageLists' });
  });

  it('opens each page to those it is for', () => {
    expect(signageNavPages('admin')).toEqual(['screens', 'alert']);
    expect(signageNavPages('direction')).toEqual(['screens', 'alert']);
    expect(signageNavPages('staff')).toEqual(['screens']);
    expect(signageNavPages('teacher')).toEqual([]);
    expect(signageNavPages('guardian')).toEqual([]);
    expect(allowedRoute({ name: 'pairScreen', code: 'AB3K7Z' }, 'admin')).toEqual({ name: 'pairScreen', code: 'AB3K7Z' });
    expect(allowedRoute({ name: 'pairScreen' }, 'direction')).toEqual({ name: 'feed' });
    expect(allowedRoute({ name: 'screen', id: SCREEN }, 'direction')).toEqual({ name: 'feed' });
    expect(allowedRoute({ name: 'alert' }, 'teacher')).toEqual({ name: 'feed' });
    expect(allowedRoute({ name: 'alert' }, 'admin')).toEqual({ name: 'alert' });
    expect(allowedRoute({ name: 'screens' }, 'student')).toEqual({ name: 'feed' });
    expect(navSection({ name: 'screen', id: SCREEN })).toBe('screens');
    expect(navSection({ name: 'pairScreen' })).toBe('screens');
    // the news navigation is unchanged: screens and alerts have a list of their own
    expect(navPages('direction')).toEqual(['feed', 'compose', 'queue', 'mine', 'live', 'indicators']);
  });

  it('shows the banner to teachers and staff, the screens to direction and admins, the trigger to direction only', () => {
    expect(['student', 'guardian', 'teacher', 'staff', 'direction', 'admin'].filter((p) => followsAlerts(p as never))).toEqual(['teacher', 'staff', 'direction', 'admin']);
    expect(['teacher', 'staff', 'direction', 'admin'].filter((p) => readsAlertScreens(p as never))).toEqual(['direction', 'admin']);
    expect(['teacher', 'staff', 'direction', 'admin'].filter((p) => triggersAlerts(p as never))).toEqual(['direction']);
  });
});

describe('live list', () => {
  const ctx = (profile: MeDto['current']['profile']): EventContext => ({ t, locale: 'fr', timeZone: 'Europe/Paris', now: NOW, me: me(profile) });
  const envelope = (type: string, data: unknown) => ({ channel: `school:${UAI}:profile:teacher`, seq: 1, type, data, at: '2026-11-23T09:30:00.000Z' }) as EventEnvelope;

  it('reads an alert in the live list, linking direction to its page', () => {
    const e = formatEvent(envelope('alert.triggered', { alert: alert() }), ctx('direction'));
    expect(e.title).toBe('Alerte PPMS déclenchée');
    expect(e.description).toBe('EXERCICE — Confinement\u00a0: Restez dans les salles · par Mme Durand');
    expect(e.href).toBe('#/alerte');
    expect(formatEvent(envelope('alert.triggered', { alert: alert() }), ctx('teacher')).href).toBeNull();
    const cancelled = formatEvent(envelope('alert.ended', { alert: alert({ endKind: 'cancel', endedAt: '2026-11-23T09:35:00.000Z' }) }), ctx('teacher'));
    expect(cancelled.title).toBe('Alerte PPMS annulée');
  });

  it('reads a payload of another shape as alert activity rather than breaking', () => {
    expect(formatEvent(envelope('alert.triggered', { alert: { status: 'nope' } }), ctx('teacher')).title).toBe(t('event.generic.domainTitle', { domain: t('domain.alert') }));
  });
});
