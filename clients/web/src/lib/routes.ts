import type { Profile } from '../../../../server/contracts/profiles';

/** The pages of the signed-in web client. */
export type Route =
  | { name: 'feed' }
  | { name: 'item'; id: string }
  | { name: 'compose'; id?: string }
  | { name: 'queue' }
  | { name: 'mine' }
  | { name: 'live' };

export type RouteName = Route['name'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads a location hash: "#/actualites/…", "#/rediger", … Hash routes need nothing from the
 * hub and survive a reload; anything unknown is the feed, the page everyone has.
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [page, id] = parts;
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

/** The page to show: one the profile may not open falls back to the feed. */
export function allowedRoute(route: Route, profile: Profile): Route {
  if (route.name === 'item') return route;
  return navPages(profile).includes(route.name) ? route : { name: 'feed' };
}

/** Which navigation entry a page belongs to: an item page sits under the feed. */
export function navSection(route: Route): RouteName {
  return route.name === 'item' ? 'feed' : route.name;
}
