/** The app's two pages, from the URL hash ("#/reglages"); anything else is the inbox. */
export type NotifyRoute = 'inbox' | 'settings';

export function routeOf(hash: string): NotifyRoute {
  return /^#\/reglages\/?$/.test(hash) ? 'settings' : 'inbox';
}

export const routeHash: Record<NotifyRoute, string> = { inbox: '#/', settings: '#/reglages' };

/** "Léa (5e B), Hugo": a guardian's children in the current school, in the hub's order. */
export function childrenNames(children: ReadonlyArray<{ name: string; className: string | null }>, withClass: (name: string, cls: string) => string): string {
  return children.map((c) => (c.className ? withClass(c.name, c.className) : c.name)).join(', ');
}
