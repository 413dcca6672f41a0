import type { Profile, StaffFunction } from '../../../../server/contracts/profiles';

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
  | { name: 'timetable' };

export type RouteName = Route['name'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a location hash: "#/actualites/…", "#/rediger", … Hash routes need nothing from the
 * hub and survive a reload; anything unknown is the feed, the page everyone has.
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
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
  return pages;
}

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

/** The page to show: one the profile may not open falls back to the feed. */
export function allowedRoute(route: Route, profile: Profile, staffFunction: StaffFunction | null = null): Route {
  if (route.name === 'item') return route;
  if (navPages(profile).includes(route.name) || absencesNavPages(profile, staffFunction).includes(route.name)) return route;
  return { name: 'feed' };
}

/** Which navigation entry a page belongs to: an item page sits under the feed. */
export function navSection(route: Route): RouteName {
  return route.name === 'item' ? 'feed' : route.name;
}
