import { describe, expect, it } from 'vitest';
import { createI18n } from '../../clients/shared/i18n';
import { channelLabel } from '../../clients/web/src/lib/channel-label';
import { formatEvent, type EventContext } from '../../clients/web/src/lib/format-event';
import { NEWS_CATEGORIES, NEWS_STATUSES } from '../../clients/web/src/lib/news-constants';
import { categoryLabel, fileKindLabel, fileSizeLabel, percent, statusChip, statusLabel } from '../../clients/web/src/lib/news-labels';
import { allowedRoute, navPages, parseRoute, routeHref, type Route } from '../../clients/web/src/lib/routes';
import { en } from '../../clients/web/src/i18n/en';
import { fr, type WebKey } from '../../clients/web/src/i18n/fr';
import type { MeDto } from '../../server/contracts/auth';
import type { EventEnvelope } from '../../server/contracts/events';

const { t } = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['fr-FR'] });
const tEn = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['en'] }).t;
const UAI = '0750654D';
const G4B = '1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0';
const NEWS_ID = '00000000-0000-4000-8000-000000000042';
const me = {
  id: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  current: { school: { id: 'x', uai: UAI, name: 'Collège Victor Hugo', timeZone: 'Europe/Paris', branding: { color: '#1d4ed8', logoUrl: null } }, profile: 'guardian', staffFunction: null },
  memberships: [],
} as unknown as MeDto;
const ctx: EventContext = {
  t,
  locale: 'fr',
  timeZone: 'Europe/Paris',
  now: new Date('2025-11-24T14:00:00Z'),
  me,
  groups: new Map([[G4B, { kind: 'class' as const, name: '4B' }]]),
};
const event = (type: string, data: unknown, channel = `school:${UAI}`) =>
  ({ channel, seq: 1, type, data, at: '2025-11-24T13:59:50Z' }) as EventEnvelope;

describe('news labels', () => {
  it('names categories and statuses in French', () => {
    expect(NEWS_CATEGORIES.map((c) => categoryLabel(c, t))).toEqual(['Vie scolaire', 'Pédagogie', 'Orientation', 'Événement', 'Restauration', 'Urgent']);
    expect(NEWS_STATUSES.map((s) => statusLabel(statusChip(s, null), t))).toEqual([
      'Brouillon',
      'En attente de validation',
      'Programmée',
      'Publiée',
      'Archivée',
    ]);
    // a draft the direction sent back with a comment
    expect(statusLabel(statusChip('draft', 'Précisez l’heure'), t)).toBe('Renvoyée');
    expect(statusChip('published', 'ancien commentaire')).toBe('published');
    expect(categoryLabel('restauration', tEn)).toBe('Canteen');
  });

  it('describes files as a file explorer does', () => {
    expect(fileSizeLabel(512, 'fr', t)).toBe('512\u00a0o');
    expect(fileSizeLabel(820 * 1024, 'fr', t)).toBe('820\u00a0Ko');
    expect(fileSizeLabel(1.45 * 1024 * 1024, 'fr', t)).toBe('1,5\u00a0Mo');
    expect(fileSizeLabel(1.45 * 1024 * 1024, 'en', tEn)).toBe('1.5 MB');
    expect(fileKindLabel('application/pdf', t)).toBe('Document PDF');
    expect(fileKindLabel('image/png', t)).toBe('Image PNG');
    expect(fileKindLabel('application/vnd.oasis.opendocument.spreadsheet', t)).toBe('Tableur OpenDocument');
    expect(fileKindLabel('application/zip', t)).toBe('Fichier');
    expect(percent(212, 250)).toBe(85);
    expect(percent(0, 0)).toBe(0);
  });
});

describe('news events in the live list', () => {
  const news = { id: NEWS_ID, title: 'Sortie au musée', category: 'evenement', authorName: 'M. Petit', version: 1, status: 'published' };

  it('titles each news event in French, with a link to the item', () => {
    expect(formatEvent(event('news.published', { news, audience: [], category: 'evenement', urgent: false }), ctx)).toMatchObject({
      title: 'Nouvelle actualité\u00a0: Sortie au musée',
      description: 'Événement · par M. Petit',
      icon: 'news',
      href: `#/actualites/${NEWS_ID}`,
    });
    expect(formatEvent(event('news.updated', { news, audience: [], category: 'evenement', urgent: false }), ctx).title).toBe(
      'Actualité mise à jour\u00a0: Sortie au musée',
    );
    expect(formatEvent(event('news.withdrawn', { newsId: NEWS_ID, reason: 'expired' }), ctx)).toMatchObject({
      title: 'Actualité retirée',
      description: 'Arrivée à sa date de retrait',
      href: null,
    });
    expect(formatEvent(event('news.submitted', { newsId: NEWS_ID, title: 'Sortie au musée', authorName: 'M. Petit' }), ctx)).toMatchObject({
      title: 'Actualité à valider\u00a0: Sortie au musée',
      description: 'par M. Petit',
    });
    expect(formatEvent(event('news.reviewed', { newsId: NEWS_ID, title: 'Sortie', decision: 'approve', comment: '' }), ctx)).toMatchObject({
      title: 'Actualité validée',
      description: 'Sortie',
    });
    expect(formatEvent(event('news.reviewed', { newsId: NEWS_ID, title: 'Sortie', decision: 'return', comment: 'Précisez l’heure' }), ctx)).toMatchObject({
      title: 'Actualité renvoyée',
      description: 'Sortie · «\u00a0Précisez l’heure\u00a0»',
    });
    expect(formatEvent(event('news.read', { newsId: NEWS_ID, read: 12, recipients: 30, acknowledged: 4 }), ctx)).toMatchObject({
      title: 'Lecture\u00a0: 12 / 30',
      description: 'Pris connaissance\u00a0: 4',
    });
  });

  it('falls back to the generic title for a payload of another shape', () => {
    expect(formatEvent(event('news.read', { newsId: NEWS_ID }), ctx).title).toBe('Nouvelle activité\u00a0: actualités');
  });

  it('labels the new group-and-profile channels', () => {
    expect(channelLabel(`school:${UAI}:group:${G4B}:profile:guardian`, ctx)).toBe('Responsables — 4B');
    expect(channelLabel(`school:${UAI}:group:${G4B}:profile:student`, ctx)).toBe('Élèves — 4B');
    expect(channelLabel(`school:${UAI}:group:00000000-0000-4000-8000-000000000000:profile:teacher`, ctx)).toBe('Enseignants — un de mes groupes');
  });
});

describe('routes', () => {
  it('reads and writes the hash routes', () => {
    const routes: Route[] = [
      { name: 'feed' },
      { name: 'item', id: NEWS_ID },
      { name: 'compose' },
      { name: 'compose', id: NEWS_ID },
      { name: 'queue' },
      { name: 'mine' },
      { name: 'live' },
    ];
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
    expect(parseRoute('')).toEqual({ name: 'feed' });
    expect(parseRoute('#main')).toEqual({ name: 'feed' });
    expect(parseRoute('#/actualites/pas-un-id')).toEqual({ name: 'feed' });
  });

  it('shows each profile the pages it may use', () => {
    expect(navPages('guardian')).toEqual(['feed', 'live']);
    expect(navPages('teacher')).toEqual(['feed', 'compose', 'mine', 'live']);
    expect(navPages('direction')).toEqual(['feed', 'compose', 'queue', 'mine', 'live', 'indicators']);
    expect(navPages('admin')).toContain('indicators');
    expect(allowedRoute(parseRoute('#/indicateurs'), 'direction')).toEqual({ name: 'indicators' });
    expect(allowedRoute(parseRoute('#/indicateurs'), 'guardian')).toEqual({ name: 'feed' });
    expect(allowedRoute(parseRoute('#/indicateurs'), 'teacher')).toEqual({ name: 'feed' });
    expect(allowedRoute({ name: 'queue' }, 'teacher')).toEqual({ name: 'feed' });
    expect(allowedRoute({ name: 'compose' }, 'student')).toEqual({ name: 'feed' });
    expect(allowedRoute({ name: 'item', id: NEWS_ID }, 'student')).toEqual({ name: 'item', id: NEWS_ID });
  });
});
