import { describe, expect, it } from 'vitest';
import { isUsablePage, kioskFetchStrategy, MEDIA_CACHE, mediaOverflow, staleKioskCaches } from '../../clients/signage/src/lib/sw-logic';

const origin = 'https://preau.example.fr';
const get = (path: string, mode = 'cors', destination = '') => ({ url: origin + path, method: 'GET', mode, destination });

describe('kiosk service worker decisions', () => {
  it('serves the kiosk page network first with the cached shell as fallback, and leaves other apps’ pages alone', () => {
    expect(kioskFetchStrategy(get('/signage/', 'navigate'), origin)).toBe('page');
    expect(kioskFetchStrategy(get('/signage/?ecran=1', 'navigate'), origin)).toBe('page');
    expect(kioskFetchStrategy(get('/', 'navigate'), origin)).toBe('network');
    expect(kioskFetchStrategy(get('/notify/', 'navigate'), origin)).toBe('network');
  });

  it('takes hashed assets from the cache, pictures network first, and never caches the API or the live link', () => {
    expect(kioskFetchStrategy(get('/assets/signage-abc123.js'), origin)).toBe('cache-first');
    expect(kioskFetchStrategy(get('/api/screen/snapshot'), origin)).toBe('network');
    expect(kioskFetchStrategy({ url: `${origin}/api/screen/heartbeat`, method: 'POST', mode: 'cors' }, origin)).toBe('network');
    expect(kioskFetchStrategy(get('/socket.io/?EIO=4&transport=polling'), origin)).toBe('network');
    expect(kioskFetchStrategy(get('/api/news/1/image', 'no-cors', 'image'), origin)).toBe('media');
    expect(kioskFetchStrategy({ url: 'https://cdn.example/logo.png', method: 'GET', mode: 'no-cors', destination: 'image' }, origin)).toBe('network');
  });

  it('prefers the cached shell to a proxy’s error page', () => {
    expect(isUsablePage(200)).toBe(true);
    expect(isUsablePage(404)).toBe(true);
    expect(isUsablePage(502)).toBe(false);
    expect(isUsablePage(503)).toBe(false);
  });

  it('drops older shells but keeps the pictures, and keeps the pictures bounded', () => {
    expect(staleKioskCaches(['preau-signage-shell-old', 'preau-signage-shell-new', MEDIA_CACHE, 'preau-notify-x'], 'preau-signage-shell-new')).toEqual(['preau-signage-shell-old']);
    expect(mediaOverflow([1, 2, 3, 4, 5], 3)).toEqual([1, 2]);
    expect(mediaOverflow([1, 2], 3)).toEqual([]);
  });
});
