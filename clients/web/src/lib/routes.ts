import type { Folder } from '../../../../server/contracts/messaging-rules';
import type { Profile, StaffFunction } from '../../../../server/contracts/profiles';
import { normalisePairingCode } from '../../../../server/contracts/signage-rules';

/** The pages of the signed-in web client. */
export type Route =
  | { name: 'feed' }
  | { name: 'item'; id: string }
  | { name: 'compose'; id?: string }
  | { name: 'queue' }
  | { name: 'mine' }
  | { name: 'live' }
  | { name: 'rollCall'; courseId?: string; date?: string }
  | { name: 'absences' }
  | { name: 'dashboard' }
  | { name: 'justifications' }
  | { name: 'teacherAbsences' }
  | { name: 'timetable' }
  | { name: 'messages'; folder?: Folder }
  | { name: 'thread'; id: string }
  | { name: 'write'; id?: string }
  | { name: 'messageLists' }
  | { name: 'messageHours' }
  | { name: 'contactRules' }
  | { name: 'messagingSafety' }
  | { name: 'screens' }
  | { name: 'pairScreen'; code?: string }
  | { name: 'screen'; id: string }
  | { name: 'alert' }
  | { name: 'indicators' };

export type RouteName = Route['name'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The messagerie's folders in the address bar, in French like the other pages; the inbox is the bare « #/messagerie ». */
const FOLDER_SLUGS: Record<Exclude<Folder, 'inbox'>, string> = { sent: 'envoyes', drafts: 'brouillons', trash: 'corbeille' };
const MESSAGING_TOOLS: Record<string, Route> = {
  listes: { name: 'messageLists' },
  horaires: { name: 'messageHours' },
  regles: { name: 'contactRules' },
  securite: { name: 'messagingSafety' },
};

/** A pairing code from the address bar (the kiosk's QR code): kept when it could be one, checked on sending. */
function pairingCodeParam(query: string): string | undefined {
  const raw = new URLSearchParams(query).get('code');
  const code = raw ? normalisePairingCode(raw) : '';
  return /^[0-9A-Z]{1,12}$/.test(code) ? code : undefined;
}

function parseScreens(sub: string | undefined, query: string): Route {
  if (sub === 'appairer') {
    const code = pairingCodeParam(query);
    return code ? { name: 'pairScreen', code } : { name: 'pairScreen' };
  }
  return sub && UUID.test(sub) ? { name: 'screen', id: sub } : { name: 'screens' };
}

function parseMessaging(sub: string | undefined, id: string | undefined): Route {
  if (!sub) return { name: 'messages' };
  if (sub === 'conversation' && id && UUID.test(id)) return { name: 'thread', id };
  if (sub === 'ecrire') return id && UUID.test(id) ? { name: 'write', id } : { name: 'write' };
  const folder = (Object.keys(FOLDER_SLUGS) as Array<keyof typeof FOLDER_SLUGS>).find((f) => FOLDER_SLUGS[f] === sub);
  if (folder) return { name: 'messages', folder };
  return MESSAGING_TOOLS[sub] ?? { name: 'messages' };
}

/**
 * Reads a location hash: "#/actualites/…", "#/rediger", … Hash routes need nothing from the
 * hub and survive a reload; anything unknown is the feed, the page everyone has.
 */
export function parseRoute(hash: string): Route {
  // « #/ecrans/appairer?code=AB3K7Z »: what follows « ? » is the page's query, not a path segment
  const bare = hash.replace(/^#\/?/, '');
  const mark = bare.indexOf('?');
  const [path, query] = mark < 0 ? [bare, ''] : [bare.slice(0, mark), bare.slice(mark + 1)];
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  const [page, id, date] = parts;
  switch (page) {
    case 'actualites':
      return id && UUID.test(id) ? { name: 'item', id } : { name: 'feed' };
    case 'rediger':
      return id && UUID.test(id) ? { name: 'compose', id } : { name: 'compose' };
    case 'validation':
      return { name: 'queue' };
    case 'mes-actualites':
      return { name: 'mine' };
    case 'direct':
      return { name: 'live' };
    case 'appel':
      // « #/appel/<course>/<date> » opens one course's sheet; « #/appel » the current course
      return id && UUID.test(id) && date && DATE.test(date) ? { name: 'rollCall', courseId: id, date } : { name: 'rollCall' };
    case 'absences':
      return { name: 'absences' };
    case 'vie-scolaire':
      return { name: 'dashboard' };
    case 'justificatifs':
      return { name: 'justifications' };
    case 'absences-enseignants':
      return { name: 'teacherAbsences' };
    case 'emploi-du-temps':
      return { name: 'timetable' };
    case 'messagerie':
      return parseMessaging(id, date);
    case 'ecrans':
      return parseScreens(id, query);
    case 'alerte':
      return { name: 'alert' };
    case 'indicateurs':
      return { name: 'indicators' };
    default:
      return { name: 'feed' };
  }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'feed':
      return '#/actualites';
    case 'item':
      return `#/actualites/${encodeURIComponent(route.id)}`;
    case 'compose':
      return route.id ? `#/rediger/${encodeURIComponent(route.id)}` : '#/rediger';
    case 'queue':
      return '#/validation';
    case 'mine':
      return '#/mes-actualites';
    case 'live':
      return '#/direct';
    case 'rollCall':
      return route.courseId && route.date ? `#/appel/${encodeURIComponent(route.courseId)}/${route.date}` : '#/appel';
    case 'absences':
      return '#/absences';
    case 'dashboard':
      return '#/vie-scolaire';
    case 'justifications':
      return '#/justificatifs';
    case 'teacherAbsences':
      return '#/absences-enseignants';
    case 'timetable':
      return '#/emploi-du-temps';
    case 'messages':
      return route.folder && route.folder !== 'inbox' ? `#/messagerie/${FOLDER_SLUGS[route.folder]}` : '#/messagerie';
    case 'thread':
      return `#/messagerie/conversation/${encodeURIComponent(route.id)}`;
    case 'write':
      return route.id ? `#/messagerie/ecrire/${encodeURIComponent(route.id)}` : '#/messagerie/ecrire';
    case 'messageLists':
      return '#/messagerie/listes';
    case 'messageHours':
      return '#/messagerie/horaires';
    case 'contactRules':
      return '#/messagerie/regles';
    case 'messagingSafety':
      return '#/messagerie/securite';
    case 'screens':
      return '#/ecrans';
    case 'pairScreen':
      return route.code ? `#/ecrans/appairer?code=${encodeURIComponent(route.code)}` : '#/ecrans/appairer';
    case 'screen':
      return `#/ecrans/${encodeURIComponent(route.id)}`;
    case 'alert':
      return '#/alerte';
    case 'indicators':
      return '#/indicateurs';
  }
}

// a hand-edited address with a lone « % » must not throw out of the router
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const AUTHORS: readonly Profile[] = ['teacher', 'staff', 'direction', 'admin'];

/** Who writes news: teachers, staff, direction and admins. */
export const canAuthor = (profile: Profile) => AUTHORS.includes(profile);
/** Who validates news submitted by others. */
export const canReview = (profile: Profile) => profile === 'direction';

/** The pages this profile may open, in navigation order. */
export function navPages(profile: Profile): RouteName[] {
  const pages: RouteName[] = ['feed'];
  if (canAuthor(profile)) pages.push('compose');
  if (canReview(profile)) pages.push('queue');
  if (canAuthor(profile)) pages.push('mine');
  pages.push('live');
  if (readsIndicators(profile)) pages.push('indicators');
  return pages;
}

/** Who reads the school's usage indicators: direction and admins, as the hub's policy says. */
export const readsIndicators = (profile: Profile) => profile === 'direction' || profile === 'admin';

/** Vie scolaire (CPE and assistants) and direction follow every absence of their school, as the hub's policy says. */
export const followsAbsences = (profile: Profile, staffFunction: StaffFunction | null = null) =>
  profile === 'direction' || (profile === 'staff' && staffFunction === 'vie_scolaire');

/** Who sets how the hall screens name teachers, and from when they show tomorrow. */
export const setsBoard = (profile: Profile) => profile === 'direction' || profile === 'admin';

/** The absences pages this membership may open, in navigation order. */
export function absencePages(profile: Profile, staffFunction: StaffFunction | null = null): RouteName[] {
  if (followsAbsences(profile, staffFunction)) return ['dashboard', 'rollCall', 'justifications', 'teacherAbsences'];
  if (profile === 'teacher') return ['rollCall'];
  if (profile === 'guardian' || profile === 'student') return ['absences'];
  // admins set the board's name format, on the teacher-absences page
  if (profile === 'admin') return ['teacherAbsences'];
  return [];
}

/** Who imports the timetable's CSV files and sets its A/B weeks: direction and admins. */
export const managesTimetable = (profile: Profile) => profile === 'direction' || profile === 'admin';

/** The second navigation list: the absences pages, then the timetable for those who manage it. */
export function absencesNavPages(profile: Profile, staffFunction: StaffFunction | null = null): RouteName[] {
  const pages = absencePages(profile, staffFunction);
  return managesTimetable(profile) ? [...pages, 'timetable'] : pages;
}

/** The messagerie's own pages: every member has a mailbox, reads and writes messages. */
const MAILBOX_PAGES: readonly RouteName[] = ['messages', 'thread', 'write'];

/** Who builds static mailing lists: those who send to lists (teachers, direction and vie scolaire). */
export const managesStaticLists = (profile: Profile, staffFunction: StaffFunction | null = null) =>
  profile === 'teacher' || followsAbsences(profile, staffFunction);

/** Who may read the contact rules (direction) and edit them (admins). */
export const readsContactRules = (profile: Profile) => profile === 'direction' || profile === 'admin';
export const editsContactRules = (profile: Profile) => profile === 'admin';

/**
 * The messagerie's tool pages this membership may open, in the order of its side menu: static
 * lists, the teacher's hours (droit à la déconnexion), the contact rules, the safety screen.
 */
export function messagingTools(profile: Profile, staffFunction: StaffFunction | null = null): RouteName[] {
  const pages: RouteName[] = [];
  if (managesStaticLists(profile, staffFunction)) pages.push('messageLists');
  if (profile === 'teacher') pages.push('messageHours');
  if (readsContactRules(profile)) pages.push('contactRules');
  if (profile === 'direction' || profile === 'admin') pages.push('messagingSafety');
  return pages;
}

/** The third navigation list: the messagerie, for everyone. */
export function messagingNavPages(): RouteName[] {
  return ['messages'];
}

/** Who sees the PPMS alert in course (the banner above every page): teachers and the school's staff. */
export const followsAlerts = (profile: Profile) => profile === 'teacher' || profile === 'staff' || profile === 'direction' || profile === 'admin';
/** Who follows which screens show the alert, and opens the alert page: direction (who triggers) and admins (read only). */
export const readsAlertScreens = (profile: Profile) => profile === 'direction' || profile === 'admin';
/** Who triggers, updates and ends a PPMS alert: the head of the school and their deputies. */
export const triggersAlerts = (profile: Profile) => profile === 'direction';
/** Who edits the alert templates (Confinement, Évacuation…). */
export const editsAlertTemplates = (profile: Profile) => profile === 'direction' || profile === 'admin';
/** Who sees the school's screens (direction reads, admins manage). */
export const readsScreens = (profile: Profile) => profile === 'direction' || profile === 'admin';
/** Who pairs, sets, commands and revokes screens. */
export const managesScreens = (profile: Profile) => profile === 'admin';
/** Who writes the ticker's short messages (« Messages défilants »). */
export const postsFlashes = (profile: Profile) => profile === 'staff' || profile === 'direction' || profile === 'admin';

/** The fourth navigation list: the screens (or, for staff, their ticker) and the PPMS alert page. */
export function signageNavPages(profile: Profile): RouteName[] {
  const pages: RouteName[] = [];
  if (readsScreens(profile) || postsFlashes(profile)) pages.push('screens');
  if (readsAlertScreens(profile)) pages.push('alert');
  return pages;
}

/** The page to show: one the profile may not open falls back to the feed. */
export function allowedRoute(route: Route, profile: Profile, staffFunction: StaffFunction | null = null): Route {
  if (route.name === 'item') return route;
  if (route.name === 'pairScreen' || route.name === 'screen') return managesScreens(profile) ? route : { name: 'feed' };
  if (signageNavPages(profile).includes(route.name)) return route;
  if (navPages(profile).includes(route.name) || absencesNavPages(profile, staffFunction).includes(route.name)) return route;
  if (MAILBOX_PAGES.includes(route.name) || messagingTools(profile, staffFunction).includes(route.name)) return route;
  return { name: 'feed' };
}

/** Which navigation entry a page belongs to: an item page sits under the feed, every messagerie page under « Messagerie ». */
export function navSection(route: Route): RouteName {
  if (route.name === 'item') return 'feed';
  if (route.name === 'pairScreen' || route.name === 'screen') return 'screens';
  if (isMessagingRoute(route)) return 'messages';
  return route.name;
}

/** Whether the page is one of the messagerie's (mailbox or tools). */
export function isMessagingRoute(route: Route): boolean {
  return MAILBOX_PAGES.includes(route.name) || ['messageLists', 'messageHours', 'contactRules', 'messagingSafety'].includes(route.name);
}
