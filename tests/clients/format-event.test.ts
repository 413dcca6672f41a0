import { describe, expect, it } from 'vitest';
import { createI18n } from '../../clients/shared/i18n';
import { channelLabel } from '../../clients/web/src/lib/channel-label';
import { formatEvent, type EventContext } from '../../clients/web/src/lib/format-event';
import { formatDuration, formatTime } from '../../clients/web/src/lib/format-time';
import { en } from '../../clients/web/src/i18n/en';
import { fr, type WebKey } from '../../clients/web/src/i18n/fr';
import type { MeDto } from '../../server/contracts/auth';
import type { EventEnvelope } from '../../server/contracts/events';

const fr18n = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['fr-FR'] });
const en18n = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['en-GB'] });

const ME_ID = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const GROUP_4B = '1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0';
const me: MeDto = {
  id: ME_ID,
  login: 'camille.durand',
  firstName: 'Camille',
  lastName: 'Durand',
  current: {
    school: { id: '0c1d2e3f-4a5b-4c6d-8e9f-000000000001', uai: '0750654D', name: 'Collège Victor Hugo', timeZone: 'Europe/Paris', branding: { color: '#1d4ed8', logoUrl: null } },
    profile: 'teacher',
    staffFunction: null,
  },
  memberships: [
    { schoolId: '0c1d2e3f-4a5b-4c6d-8e9f-000000000001', uai: '0750654D', schoolName: 'Collège Victor Hugo', profile: 'teacher', staffFunction: null },
    { schoolId: '0c1d2e3f-4a5b-4c6d-8e9f-000000000002', uai: '0330001B', schoolName: 'Lycée Montesquieu', profile: 'teacher', staffFunction: null },
  ],
  channels: [],
};

// Monday 24 November 2025, 15:00 in Paris (UTC+1)
const NOW = new Date('2025-11-24T14:00:00Z');

function ctx(overrides: Partial<EventContext> = {}): EventContext {
  return {
    t: fr18n.t,
    locale: 'fr',
    timeZone: 'Europe/Paris',
    now: NOW,
    me,
    groups: new Map([[GROUP_4B, { kind: 'class' as const, name: '4B' }]]),
    ...overrides,
  };
}

function envelope(partial: Partial<EventEnvelope> & Pick<EventEnvelope, 'type' | 'data'>): EventEnvelope {
  return { channel: 'school:0750654D', seq: 7, at: '2025-11-24T13:59:50Z', ...partial } as EventEnvelope;
}

describe('formatEvent', () => {
  it('describes a school update in French, with what changed and by whom', () => {
    const f = formatEvent(
      envelope({
        type: 'school.updated',
        data: { school: { ...me.current.school, name: 'Collège Hugo' }, changed: ['name', 'branding'], by: 'Mme Martin' },
      }),
      ctx(),
    );
    expect(f).toMatchObject({
      id: 'school:0750654D#7',
      icon: 'school',
      title: 'Établissement mis à jour',
      description: 'Nouveau nom\u00a0: Collège Hugo · Modifié\u00a0: identité visuelle · par Mme Martin',
      channel: 'Tout l’établissement',
    });
    expect(f.time.relative).toBe('à l’instant');
    expect(f.time.iso).toBe('2025-11-24T13:59:50.000Z');
    expect(f.time.absolute).toContain('lundi 24 novembre 2025');
    expect(f.time.absolute).toContain('14:59');
  });

  it('does not print an author that is only an id', () => {
    const f = formatEvent(
      envelope({ type: 'school.updated', data: { school: me.current.school, changed: ['branding.color'], by: ME_ID } }),
      ctx(),
    );
    expect(f.description).toBe('Modifié\u00a0: couleur');
  });

  it('counts an import with French agreement', () => {
    const many = formatEvent(envelope({ type: 'directory.imported', data: { created: 12, updated: 3, deactivated: 2, by: 'import' } }), ctx());
    expect(many.title).toBe('Annuaire importé\u00a0: 12 créés, 3 mis à jour');
    expect(many.description).toBe('2 comptes désactivés depuis le précédent import · par import');
    expect(many.icon).toBe('directory');
    const one = formatEvent(envelope({ type: 'directory.imported', data: { created: 1, updated: 0, deactivated: 0, by: '' } }), ctx());
    expect(one.title).toBe('Annuaire importé\u00a0: 1 créé, 0 mis à jour');
    expect(one.description).toBe('Aucun compte désactivé');
  });

  it('names the school of a membership change from the person’s memberships', () => {
    const f = formatEvent(
      envelope({ channel: `user:${ME_ID}`, type: 'membership.changed', data: { uai: '0330001B', active: false } }),
      ctx(),
    );
    expect(f).toMatchObject({ title: 'Accès à un établissement retiré', description: 'Lycée Montesquieu', channel: 'Mon compte', icon: 'membership' });
  });

  it('gives events it does not know yet a title from their domain, or a generic one', () => {
    const news = formatEvent(envelope({ type: 'news.published' as never, data: {} as never }), ctx());
    expect(news).toMatchObject({ title: 'Nouvelle activité\u00a0: actualités', icon: 'news', description: null });
    const odd = formatEvent(envelope({ type: 'weather.changed' as never, data: {} as never }), ctx());
    expect(odd).toMatchObject({ title: 'Nouvelle activité', icon: 'activity' });
    // names of Object.prototype are not domains
    expect(formatEvent(envelope({ type: 'constructor.x' as never, data: {} as never }), ctx()).icon).toBe('activity');
  });

  it('speaks English when asked', () => {
    const f = formatEvent(
      envelope({ type: 'school.updated', data: { school: me.current.school, changed: ['branding'], by: '' } }),
      ctx({ t: en18n.t, locale: 'en' }),
    );
    expect(f).toMatchObject({ title: 'School updated', description: 'Changed: branding', channel: 'Whole school' });
    expect(f.time.relative).toBe('just now');
  });
});

describe('channelLabel', () => {
  const label = (channel: string) => channelLabel(channel, ctx());
  it('puts channels in human words', () => {
    expect(label('school:0750654D')).toBe('Tout l’établissement');
    expect(label('school:0330001B')).toBe('Établissement Lycée Montesquieu');
    expect(label('school:0750654D:profile:teacher')).toBe('Tous les enseignants');
    expect(label(`school:0750654D:group:${GROUP_4B}`)).toBe('Classe 4B');
    expect(label('school:0750654D:group:00000000-0000-4000-8000-000000000000')).toBe('Un de mes groupes');
    expect(label(`user:${ME_ID}`)).toBe('Mon compte');
    expect(label('school:0750654D:zone:hall')).toBe('Zone hall');
    expect(label('nonsense')).toBe('Autre canal');
  });
});

describe('formatTime', () => {
  const at = (iso: string) => formatTime(iso, { t: fr18n.t, locale: 'fr', timeZone: 'Europe/Paris', now: NOW }).relative;
  it('is relative when recent, then by day in the school’s time zone', () => {
    expect(at('2025-11-24T14:00:03Z')).toBe('à l’instant'); // a client clock slightly behind the hub
    expect(at('2025-11-24T13:55:00Z')).toBe('il y a 5 minutes');
    expect(at('2025-11-24T12:00:00Z')).toBe('il y a 2 heures');
    expect(at('2025-11-24T07:30:00Z')).toBe('aujourd’hui à 08:30');
    // 23:30 UTC on the 23rd is already the 24th in Paris
    expect(at('2025-11-23T23:30:00Z')).toBe('aujourd’hui à 00:30');
    expect(at('2025-11-23T22:30:00Z')).toBe('hier à 23:30');
    expect(at('2025-11-12T09:15:00Z')).toBe('12 novembre à 10:15');
    expect(at('2024-11-12T09:15:00Z')).toBe('12 novembre 2024 à 10:15');
  });
});

describe('formatDuration', () => {
  it('rounds waits up to what people say', () => {
    expect(formatDuration(45, fr18n.t)).toBe('45\u00a0s');
    expect(formatDuration(61, fr18n.t)).toBe('2\u00a0min');
    expect(formatDuration(900, fr18n.t)).toBe('15\u00a0min');
    expect(formatDuration(7200, fr18n.t)).toBe('2\u00a0h');
    expect(formatDuration(0, fr18n.t)).toBe('quelques minutes');
  });
});
