import type { BoardNameFormat } from './absence-rules';

/** Name parts of a person, with their civilité when the directory knows it. */
export interface NameParts {
  firstName: string;
  lastName: string;
  civility?: 'm' | 'mme' | null;
}

const initial = (s: string) => `${[...s.trim()][0]?.toUpperCase() ?? ''}.`;

/**
 * A teacher as the school's screens write them, in the format the school chose: "M. Dupont",
 * "Mme D.", "J. Dupont", "J. D.". Without a known civilité the first name's initial stands in.
 * The hub names teachers with it; the settings page shows a live example with it.
 */
export function boardName(p: NameParts, format: BoardNameFormat): string {
  const title = p.civility === 'm' ? 'M.' : p.civility === 'mme' ? 'Mme' : initial(p.firstName);
  switch (format) {
    case 'civility_last':
      return `${title} ${p.lastName}`;
    case 'civility_initial':
      return `${title} ${initial(p.lastName)}`;
    case 'initial_last':
      return `${initial(p.firstName)} ${p.lastName}`;
    case 'initials':
      return `${initial(p.firstName)} ${initial(p.lastName)}`;
  }
}
