import { describe, expect, it } from 'vitest';
import { clickPlan, fetchStrategy, itemUrl, notificationOptions, parsePushPayload, staleCaches } from '../../clients/mobile-notify/src/lib/sw-logic';

const origin = 'https://preau.example.fr';

describe('notify service worker decisions', () => {
  it('reads the hub’s push payload and shows title, body, icon, tag and the item URL', () => {
    const payload = parsePushPayload(JSON.stringify({ title: 'Léa : absente', body: 'Mathématiques, 8 h', url: '/#/absences', tag: 'absence:1' }));
    expect(payload).toEqual({ title: 'Léa : absente', body: 'Mathématiques, 8 h', url: '/#/absences', tag: 'absence:1' });
    expect(notificationOptions(payload)).toMatchObject({
      body: 'Mathématiques, 8 h',
      icon: '/notify/icon-192.png',
      badge: '/notify/badge-96.png',
      tag: 'absence:1',
      renotify: true,
      data: { url: '/#/absences' },
    });
  });

  it('still shows something for an empty or non-JSON push, and no tag (renotify needs one) when none came', () => {
    expect(parsePushPayload(null)).toEqual({ title: 'Préau', body: '', url: '/notify/', tag: '' });
    expect(parsePushPayload('Nouvelle information')).toMatchObject({ title: 'Préau', body: 'Nouvelle information' });
    expect(parsePushPayload('[1,2]').title).toBe('Préau');
    const options = notificationOptions(parsePushPayload('{}'));
    expect(options).not.toHaveProperty('tag');
    expect(options).not.toHaveProperty('renotify');
  });

  it('opens only URLs of its own origin', () => {
    expect(itemUrl('/#/messagerie/conversation/42', origin)).toBe(`${origin}/#/messagerie/conversation/42`);
    expect(itemUrl('https://evil.example/phish', origin)).toBe(`${origin}/notify/`);
    expect(itemUrl('javascript:alert(1)', origin)).toBe(`${origin}/notify/`);
    expect(itemUrl(undefined, origin)).toBe(`${origin}/notify/`);
  });

  it('focuses a window already on the item, else sends the app’s window there, else opens one', () => {
    const target = `${origin}/#/absences`;
    expect(clickPlan([{ url: `${origin}/notify/` }, { url: target }], target, origin)).toEqual({ kind: 'focus', index: 1 });
    expect(clickPlan([{ url: `${origin}/#/actualites` }, { url: `${origin}/notify/#/reglages` }], target, origin)).toEqual({ kind: 'navigate', index: 1 });
    // the web client's window is not the worker's to navigate
    expect(clickPlan([{ url: `${origin}/#/actualites` }], target, origin)).toEqual({ kind: 'open' });
    expect(clickPlan([], target, origin)).toEqual({ kind: 'open' });
  });

  it('serves the app’s pages network first, assets from the cache, and leaves the API alone', () => {
    const get = (path: string, mode = 'cors') => ({ url: origin + path, method: 'GET', mode });
    expect(fetchStrategy(get('/notify/', 'navigate'), origin)).toBe('page');
    expect(fetchStrategy(get('/#/absences', 'navigate'), origin)).toBe('network');
    expect(fetchStrategy(get('/assets/notify-abc.js'), origin)).toBe('cache-first');
    expect(fetchStrategy(get('/notify/icon-192.png'), origin)).toBe('cache-first');
    expect(fetchStrategy(get('/api/auth/me'), origin)).toBe('network');
    expect(fetchStrategy({ url: `${origin}/api/push/subscriptions`, method: 'POST', mode: 'cors' }, origin)).toBe('network');
    expect(fetchStrategy({ url: 'https://cdn.example/x.js', method: 'GET', mode: 'cors' }, origin)).toBe('network');
  });

  it('drops only its own older caches', () => {
    expect(staleCaches(['preau-notify-old', 'preau-notify-new', 'other-app'], 'preau-notify-new')).toEqual(['preau-notify-old']);
  });
});
