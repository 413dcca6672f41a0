import { describe, expect, it, vi } from 'vitest';
import { createI18n, interpolate } from '../../clients/shared/i18n';
import { en } from '../../clients/web/src/i18n/en';
import { fr } from '../../clients/web/src/i18n/fr';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

const catalogues = {
  fr: { hello: 'Bonjour {name}', plain: 'Préau', onlyFr: 'seulement en français' },
  en: { hello: 'Hello {name}', plain: 'Préau', onlyFr: '' },
};

describe('createI18n', () => {
  it('speaks French by default', () => {
    const i18n = createI18n(catalogues, { storage: null, languages: [] });
    expect(i18n.locale).toBe('fr');
    expect(i18n.t('hello', { name: 'Camille' })).toBe('Bonjour Camille');
  });

  it('follows the browser when it prefers English over French', () => {
    expect(createI18n(catalogues, { storage: null, languages: ['en-GB', 'fr-FR'] }).locale).toBe('en');
    expect(createI18n(catalogues, { storage: null, languages: ['de-DE', 'fr-FR', 'en'] }).locale).toBe('fr');
    expect(createI18n(catalogues, { storage: null, languages: ['de-DE'] }).locale).toBe('fr');
  });

  it('prefers the remembered choice, and remembers a new one', () => {
    const storage = memoryStorage({ 'preau.locale': 'en' });
    const i18n = createI18n(catalogues, { storage, languages: ['fr-FR'] });
    expect(i18n.locale).toBe('en');
    expect(i18n.t('hello', { name: 'Sam' })).toBe('Hello Sam');
    const listener = vi.fn();
    i18n.subscribe(listener);
    i18n.setLocale('fr');
    expect(listener).toHaveBeenCalledWith('fr');
    expect(storage.data.get('preau.locale')).toBe('fr');
    expect(i18n.t('plain')).toBe('Préau');
  });

  it('ignores a remembered value that is not a locale', () => {
    expect(createI18n(catalogues, { storage: memoryStorage({ 'preau.locale': 'xx' }), languages: [] }).locale).toBe('fr');
  });

  it('falls back to French for a message missing in English', () => {
    const i18n = createI18n(catalogues, { storage: null, languages: ['en'] });
    expect(i18n.t('onlyFr')).toBe('seulement en français');
  });

  it('does not notify when the locale does not change', () => {
    const i18n = createI18n(catalogues, { storage: null, languages: [] });
    const listener = vi.fn();
    const unsubscribe = i18n.subscribe(listener);
    i18n.setLocale('fr');
    expect(listener).not.toHaveBeenCalled();
    unsubscribe();
    i18n.setLocale('en');
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('interpolate', () => {
  it('fills every occurrence and leaves unknown placeholders visible', () => {
    expect(interpolate('{a} et {a}, puis {b}', { a: 1 })).toBe('1 et 1, puis {b}');
    expect(interpolate('{n} min', { n: 0 })).toBe('0 min');
  });
});

describe('web catalogues', () => {
  it('English has a non-empty message for every French key, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(fr) as Array<keyof typeof fr>) {
      expect(en[key], key).toBeTruthy();
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });
});
