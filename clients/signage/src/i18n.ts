import { createI18n } from '../../shared/i18n';

const fr = {
  'screen.label': 'Borne d’information',
  'screen.title': 'Borne d’information — en attente d’appairage',
  'screen.instructions': 'Un administrateur de l’établissement doit appairer cette borne depuis Préau.',
  'screen.waiting': 'Prête pour l’appairage',
  'screen.privacy': 'Aucune donnée d’élève n’est affichée sur les bornes.',
  'clock.label': 'Heure actuelle',
} as const;

type SignageKey = keyof typeof fr;

const en: Record<SignageKey, string> = {
  'screen.label': 'Information screen',
  'screen.title': 'Information screen — waiting to be paired',
  'screen.instructions': 'A school administrator must pair this screen from Préau.',
  'screen.waiting': 'Ready to be paired',
  'screen.privacy': 'No student data is ever shown on screens.',
  'clock.label': 'Current time',
};

/**
 * The signage client's translator. A hall screen speaks the school's language whatever the kiosk
 * browser was installed with, so the browser's languages are ignored; English only when chosen.
 */
export const i18n = createI18n<SignageKey>({ fr, en }, { languages: [] });
