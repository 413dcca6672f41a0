import { createI18n, type Params } from '../../../shared/i18n';
import { en } from './en';
import { fr, type WebKey } from './fr';

export type { WebKey };
/** The translate function pure modules receive, so they never touch the browser's locale state. */
export type Translate = (key: WebKey, params?: Params) => string;

/** The web client's one translator. */
export const i18n = createI18n<WebKey>({ fr, en });
