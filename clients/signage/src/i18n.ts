import { createI18n, type Params } from '../../shared/i18n';
import { newsCategories } from '../../../server/contracts/news-rules';
import type { ScreenZone } from '../../../server/contracts/signage-rules';

const fr = {
  'app.title': 'Borne d’information — Préau',
  'app.label': 'Borne d’information',
  'clock.label': 'Heure actuelle',
  'boot.connecting': 'Connexion à Préau…',
  'boot.offline': 'Serveur injoignable. Nouvelle tentative dans un instant.',

  'pairing.title': 'Borne d’information — en attente d’appairage',
  'pairing.codeLabel': 'Code d’appairage',
  'pairing.instructions': 'Dans Préau, menu Écrans › Appairer un écran, saisissez ce code',
  'pairing.scan': 'ou scannez ce QR code avec le téléphone d’un administrateur',
  'pairing.qrLabel': 'QR code du formulaire d’appairage',
  'pairing.starting': 'Préparation du code…',
  'pairing.offline': 'Serveur injoignable. Nouvelle tentative…',
  'pairing.renews': 'Le code se renouvelle de lui-même.',
  'pairing.privacy': 'Aucune donnée d’élève n’est affichée sur les bornes.',

  'board.title': 'Changements de cours',
  'board.today': 'Aujourd’hui',
  'board.tomorrow': 'Demain',
  'board.continued': '(suite)',
  'board.empty': 'Aucun changement de cours signalé aujourd’hui.',
  'board.slot': '{start} – {end}',
  'board.status.cancelled': 'Cours annulé',
  'board.status.replaced': 'Remplacé',
  'board.status.moved': 'Salle changée',
  'board.replacedBy': 'par {name}',
  'board.room': 'salle {room}',
  'board.page': 'Page {n} sur {count}',

  'news.title': 'Actualités',
  'news.position': '{n} sur {count}',
  'news.pinned': 'À la une',
  'news.roledescription': 'carrousel',
  'news.category.vie_scolaire': 'Vie scolaire',
  'news.category.pedagogie': 'Pédagogie',
  'news.category.orientation': 'Orientation',
  'news.category.evenement': 'Événement',
  'news.category.restauration': 'Restauration',
  'news.category.urgent': 'Urgent',

  'ticker.label': 'Infos',
  'stale.badge': 'Données de {time}',
  'stale.label': 'Borne hors ligne : informations mises à jour à {time}',

  'alert.shelter': 'Confinement',
  'alert.evacuate': 'Évacuation',
  'alert.allclear': 'Fin d’alerte',
  'alert.band.exercise': 'Exercice',
  'alert.band.test': 'Test',
  'alert.band.exerciseNote': 'Ceci est un exercice',
  'alert.band.testNote': 'Essai technique, aucune action requise',
  'alert.sentAt': 'Alerte donnée à {time}',
  'alert.updatedAt': 'mise à jour à {time}',
  'alert.allClearNote': 'Le danger est écarté. Suivez les consignes des adultes pour reprendre les activités.',
  'alert.allClearAt': 'Fin d’alerte donnée à {time}',

  'identify.title': 'Identification de l’écran',
  'identify.name': 'Écran',
  'identify.zone': 'Zone',
  'blank.label': 'Écran mis en veille à distance',
  'off.label': 'Borne en veille selon ses horaires',

  'zone.hall': 'Hall',
  'zone.vie_scolaire': 'Vie scolaire',
  'zone.cdi': 'CDI',
  'zone.cantine': 'Cantine',
  'zone.salle_profs': 'Salle des professeurs',
} as const;

export type SignageKey = keyof typeof fr;

const en: Record<SignageKey, string> = {
  'app.title': 'Information screen — Préau',
  'app.label': 'Information screen',
  'clock.label': 'Current time',
  'boot.connecting': 'Connecting to Préau…',
  'boot.offline': 'Server unreachable. Trying again shortly.',

  'pairing.title': 'Information screen — waiting to be paired',
  'pairing.codeLabel': 'Pairing code',
  'pairing.instructions': 'In Préau, menu Screens › Pair a screen, enter this code',
  'pairing.scan': 'or scan this QR code with an administrator’s phone',
  'pairing.qrLabel': 'QR code of the pairing form',
  'pairing.starting': 'Preparing the code…',
  'pairing.offline': 'Server unreachable. Trying again…',
  'pairing.renews': 'The code renews itself.',
  'pairing.privacy': 'No student data is ever shown on screens.',

  'board.title': 'Course changes',
  'board.today': 'Today',
  'board.tomorrow': 'Tomorrow',
  'board.continued': '(continued)',
  'board.empty': 'No course changes reported today.',
  'board.slot': '{start} – {end}',
  'board.status.cancelled': 'Cancelled',
  'board.status.replaced': 'Replaced',
  'board.status.moved': 'Room changed',
  'board.replacedBy': 'by {name}',
  'board.room': 'room {room}',
  'board.page': 'Page {n} of {count}',

  'news.title': 'News',
  'news.position': '{n} of {count}',
  'news.pinned': 'Featured',
  'news.roledescription': 'carousel',
  'news.category.vie_scolaire': 'School life',
  'news.category.pedagogie': 'Teaching',
  'news.category.orientation': 'Guidance',
  'news.category.evenement': 'Event',
  'news.category.restauration': 'Canteen',
  'news.category.urgent': 'Urgent',

  'ticker.label': 'Info',
  'stale.badge': 'Data from {time}',
  'stale.label': 'Screen offline: information last updated at {time}',

  'alert.shelter': 'Shelter in place',
  'alert.evacuate': 'Evacuation',
  'alert.allclear': 'All clear',
  'alert.band.exercise': 'Exercise',
  'alert.band.test': 'Test',
  'alert.band.exerciseNote': 'This is a drill',
  'alert.band.testNote': 'Technical test, no action needed',
  'alert.sentAt': 'Alert given at {time}',
  'alert.updatedAt': 'updated at {time}',
  'alert.allClearNote': 'The danger is over. Follow the adults’ instructions to resume activities.',
  'alert.allClearAt': 'All clear given at {time}',

  'identify.title': 'Screen identification',
  'identify.name': 'Screen',
  'identify.zone': 'Zone',
  'blank.label': 'Screen put to sleep remotely',
  'off.label': 'Screen asleep per its schedule',

  'zone.hall': 'Hall',
  'zone.vie_scolaire': 'Attendance office',
  'zone.cdi': 'Library (CDI)',
  'zone.cantine': 'Canteen',
  'zone.salle_profs': 'Staff room',
};

/**
 * The signage client's translator. A hall screen speaks the school's language whatever the kiosk
 * browser was installed with, so the browser's languages are ignored; English only when chosen.
 */
export const i18n = createI18n<SignageKey>({ fr, en }, { languages: [] });

/** Both catalogues, for the test that keeps them in step. */
export const signageCatalogues = { fr, en };

export const t = (key: SignageKey, params?: Params): string => i18n.t(key, params);

/** A news category's name; an unknown one (added on the hub later) reads « Actualités ». */
export function categoryLabel(category: string): string {
  return (newsCategories as readonly string[]).includes(category) ? i18n.t(`news.category.${category}` as SignageKey) : i18n.t('news.title');
}

/** The zone's name as people in the school say it. */
export function zoneLabel(zone: ScreenZone): string {
  return i18n.t(`zone.${zone}` as SignageKey);
}
