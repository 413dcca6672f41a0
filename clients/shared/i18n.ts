import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Locale = 'fr' | 'en';
export const locales: readonly Locale[] = ['fr', 'en'];

/** The French catalogue is the reference: the English one must have exactly its keys. */
export type Catalogue = Record<string, string>;
export type Params = Record<string, string | number>;

export interface I18n<K extends string> {
  readonly locale: Locale;
  /** The message of `key` in the current locale with `{name}` placeholders filled. */
  t(key: K, params?: Params): string;
  setLocale(locale: Locale): void;
  /** Calls `listener` after each locale change; returns the unsubscribe function. */
  subscribe(listener: (locale: Locale) => void): () => void;
}

export interface I18nOptions {
  /** Where the chosen locale is remembered; absent outside browsers. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** The user agent's preferred languages, best first. */
  languages?: readonly string[];
}

const STORAGE_KEY = 'preau.locale';

/** Creates the translator of one client: French by default, English when asked or preferred. */
export function createI18n<K extends string>(
  catalogues: { fr: Record<K, string>; en: Record<K, string> },
  opts: I18nOptions = {},
): I18n<K> {
  const storage = opts.storage === undefined ? browserStorage() : opts.storage;
  const languages = opts.languages ?? browserLanguages();
  let locale = initialLocale(storage, languages);
  const listeners = new Set<(l: Locale) => void>();
  applyDocumentLang(locale);

  return {
    get locale() {
      return locale;
    },
    t(key, params) {
      // an empty translation is a missing one: French beats a blank label
      const template = catalogues[locale][key] || catalogues.fr[key] || key;
      return params ? interpolate(template, params) : template;
    },
    setLocale(next) {
      if (next === locale || !locales.includes(next)) return;
      locale = next;
      try {
        storage?.setItem(STORAGE_KEY, next);
      } catch {
        // private browsing may refuse storage: the choice then lasts for the page only
      }
      applyDocumentLang(next);
      for (const l of listeners) l(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Replaces `{name}` with params.name; unknown placeholders stay visible so they get noticed. */
export function interpolate(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

function initialLocale(storage: I18nOptions['storage'], languages: readonly string[]): Locale {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  if (stored === 'fr' || stored === 'en') return stored;
  // a French school's tool: French unless the browser prefers English over French
  for (const lang of languages) {
    const base = lang.toLowerCase().slice(0, 2);
    if (base === 'fr') return 'fr';
    if (base === 'en') return 'en';
  }
  return 'fr';
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language].filter(Boolean);
}

function applyDocumentLang(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Re-renders a lit element when the locale changes. */
export class LocaleController implements ReactiveController {
  private unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly i18n: Pick<I18n<string>, 'subscribe'>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = this.i18n.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}
