import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, drawIcon, encodePng, pwaIcons } from '../../clients/mobile-notify/build/icons';
import { catalogues } from '../../clients/mobile-notify/src/i18n';
import { awaitsAcknowledgement, markLocally, openUrl, receivedAt, sortInbox, unseenCount } from '../../clients/mobile-notify/src/lib/inbox';
import { preferenceRows, quietHoursText, withPreference } from '../../clients/mobile-notify/src/lib/preferences';
import { childrenNames, routeOf } from '../../clients/mobile-notify/src/lib/route';
import type { NotificationDto, PreferenceDto } from '../../server/contracts/notifications';

const n = (id: string, createdAt: string, over: Partial<NotificationDto> = {}): NotificationDto => ({
  id,
  category: 'message',
  title: id,
  body: '',
  url: '/#/messagerie',
  critical: false,
  createdAt,
  seenAt: null,
  acknowledgedAt: null,
  ...over,
});

describe('notify inbox', () => {
  it('keeps unseen first, newest first, after local marks', () => {
    const items = [n('old', '2025-03-10T08:00:00Z'), n('seen', '2025-03-12T08:00:00Z', { seenAt: '2025-03-12T09:00:00Z' }), n('new', '2025-03-11T08:00:00Z')];
    expect(sortInbox(items).map((i) => i.id)).toEqual(['new', 'old', 'seen']);
    const after = markLocally(items, ['new'], new Date('2025-03-12T10:00:00Z'));
    expect(after.map((i) => i.id)).toEqual(['old', 'seen', 'new']);
    expect(unseenCount(after)).toBe(1);
  });

  it('asks acknowledgement of critical items until given, which also marks them seen', () => {
    const absence = n('a', '2025-03-12T08:00:00Z', { category: 'child_absence', critical: true });
    expect(awaitsAcknowledgement(absence)).toBe(true);
    const [done] = markLocally([absence], ['a'], new Date('2025-03-12T08:05:00Z'), true);
    expect(awaitsAcknowledgement(done)).toBe(false);
    expect(done.seenAt).toBe('2025-03-12T08:05:00.000Z');
  });

  it('opens items in the web client of the same origin only', () => {
    expect(openUrl({ url: '/#/absences' }, 'https://preau.example.fr')).toBe('https://preau.example.fr/#/absences');
    expect(openUrl({ url: 'https://elsewhere.example/' }, 'https://preau.example.fr')).toBe('https://preau.example.fr/');
  });

  it('says when an item came, in the school’s time zone', () => {
    const now = new Date('2025-03-12T10:00:00Z');
    expect(receivedAt('2025-03-12T09:59:30Z', now, 'fr', 'Europe/Paris')).toBe('maintenant');
    expect(receivedAt('2025-03-12T09:55:00Z', now, 'fr', 'Europe/Paris')).toBe('il y a 5 minutes');
    expect(receivedAt('2025-03-11T17:05:00Z', now, 'fr', 'Europe/Paris')).toBe('hier à 18:05');
    expect(receivedAt('2025-03-01T07:10:00Z', now, 'fr', 'Europe/Paris')).toBe('1 mars à 08:10');
    expect(receivedAt('2024-12-20T07:10:00Z', now, 'en', 'Europe/Paris')).toBe('December 20, 2024 at 08:10 AM');
  });
});

describe('notify preferences', () => {
  const prefs: PreferenceDto[] = [
    { category: 'news', channel: 'email', mode: 'weekly', locked: false, allowed: ['immediate', 'daily', 'weekly', 'off'] },
    { category: 'child_absence', channel: 'push', mode: 'immediate', locked: true, allowed: ['immediate'] },
    { category: 'child_absence', channel: 'inapp', mode: 'immediate', locked: true, allowed: ['immediate'] },
    { category: 'news', channel: 'push', mode: 'off', locked: false, allowed: ['immediate', 'off'] },
  ];

  it('orders the matrix by category then app, phone, email', () => {
    const rows = preferenceRows(prefs);
    expect(rows.map((r) => [r.category, r.critical, r.cells.map((c) => c.channel)])).toEqual([
      ['child_absence', true, ['inapp', 'push']],
      ['news', false, ['push', 'email']],
    ]);
  });

  it('refuses changes the hub would refuse: locked cells, modes a channel lacks', () => {
    expect(withPreference(prefs, 'child_absence', 'push', 'off')).toBeNull();
    expect(withPreference(prefs, 'news', 'push', 'daily')).toBeNull();
    expect(withPreference(prefs, 'news', 'email', 'off')?.find((p) => p.category === 'news' && p.channel === 'email')?.mode).toBe('off');
  });

  it('writes quiet hours the way each language reads them', () => {
    expect(quietHoursText({ start: '19:00', end: '07:30', weekends: true }, 'fr')).toEqual({ start: '19\u00a0h', end: '7\u00a0h\u00a030', weekends: true });
    expect(quietHoursText({ start: '19:00', end: '07:30', weekends: false }, 'en')).toEqual({ start: '7\u00a0pm', end: '7:30\u00a0am', weekends: false });
    expect(quietHoursText({ start: '00:00', end: '12:00', weekends: false }, 'en')).toMatchObject({ start: '12\u00a0am', end: '12\u00a0pm' });
  });
});

describe('notify app pieces', () => {
  it('routes by hash and lists children with their class', () => {
    expect(routeOf('#/reglages')).toBe('settings');
    expect(routeOf('')).toBe('inbox');
    expect(routeOf('#/autre')).toBe('inbox');
    expect(childrenNames([{ name: 'Léa', className: '5e B' }, { name: 'Hugo', className: null }], (a, b) => `${a} (${b})`)).toBe('Léa (5e B), Hugo');
  });

  it('has an English message for every French one, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(catalogues.fr)) {
      expect(catalogues.en[key as keyof typeof catalogues.fr], key).toBeTruthy();
      expect(placeholders(catalogues.en[key as keyof typeof catalogues.fr]), key).toEqual(placeholders(text));
    }
    expect(catalogues.fr['ios.text']).toBe(
      'Sur iPhone\u00a0: ajoutez Préau à l’écran d’accueil (Partager → Sur l’écran d’accueil), puis ouvrez-le depuis l’icône pour activer les notifications.',
    );
  });

  it('draws valid PNG icons: signature, size, CRCs, and opaque maskable corners', () => {
    const icons = pwaIcons();
    expect([...icons.keys()]).toEqual(['icon-192.png', 'icon-512.png', 'icon-maskable-192.png', 'icon-maskable-512.png', 'apple-touch-icon.png', 'badge-96.png']);
    const png = icons.get('icon-512.png')!;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    // every chunk's CRC holds
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      at += 12 + length;
    }
    const any = drawIcon({ size: 64, purpose: 'any' });
    const maskable = drawIcon({ size: 64, purpose: 'maskable' });
    expect(any[3]).toBe(0); // rounded corner
    expect([...maskable.subarray(0, 4)]).toEqual([0x1d, 0x4e, 0xd8, 255]);
    // the roof is drawn in white somewhere in the middle
    expect(maskable.some((v, i) => i % 4 === 0 && v === 255)).toBe(true);
    const tiny = encodePng(1, 1, new Uint8Array([1, 2, 3, 4]));
    const idat = tiny.subarray(8 + 25 + 8, tiny.length - 12 - 4);
    expect([...inflateSync(idat)]).toEqual([0, 1, 2, 3, 4]);
  });
});
