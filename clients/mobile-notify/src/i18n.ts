import { createI18n } from '../../shared/i18n';

const fr = {
  'page.title': 'Préau — notifications des familles',
  'page.intro': 'Recevez sur ce téléphone ce que l’établissement de vos enfants vous adresse, dès que c’est publié.',
  'feature.absence.title': 'Absences',
  'feature.absence.text': 'Une alerte dans les secondes qui suivent l’appel, à justifier en ligne.',
  'feature.message.title': 'Messages',
  'feature.message.text': 'Les messages des enseignants et de la vie scolaire.',
  'feature.alert.title': 'Alertes de sécurité',
  'feature.alert.text': 'Confinement, évacuation, fin d’alerte\u00a0: sans délai.',
  'signIn': 'Se connecter',
  'signIn.hint': 'Avec l’identifiant Préau de responsable fourni par l’établissement. L’activation des notifications vous sera proposée ensuite.',
  'quietHours': 'Pause numérique\u00a0: aucune notification entre 19\u00a0h et 7\u00a0h ni le week-end, sauf les alertes de sécurité.',
  'locale.other': 'English',
  'locale.otherLabel': 'Switch to English',
} as const;

type NotifyKey = keyof typeof fr;

const en: Record<NotifyKey, string> = {
  'page.title': 'Préau — notifications for families',
  'page.intro': 'Get on this phone what your children’s school sends you, as soon as it is published.',
  'feature.absence.title': 'Absences',
  'feature.absence.text': 'An alert within seconds of the roll call, to justify online.',
  'feature.message.title': 'Messages',
  'feature.message.text': 'Messages from teachers and the pupil welfare office.',
  'feature.alert.title': 'Safety alerts',
  'feature.alert.text': 'Lockdown, evacuation, all clear: without delay.',
  'signIn': 'Sign in',
  'signIn.hint': 'With the Préau parent username given by the school. You will then be offered to turn notifications on.',
  'quietHours': 'Digital break: no notifications between 7 pm and 7 am nor at weekends, except safety alerts.',
  'locale.other': 'Français',
  'locale.otherLabel': 'Passer en français',
};

/** The family notifications client's translator. */
export const i18n = createI18n<NotifyKey>({ fr, en });
