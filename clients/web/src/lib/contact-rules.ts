import type { ContactRuleDto } from '../../../../server/contracts/messaging';
import { contactProfiles, defaultReach, pairKey, relationOf, type ContactReach } from '../../../../server/contracts/messaging-rules';
import type { Profile } from '../../../../server/contracts/profiles';

type ContactProfile = (typeof contactProfiles)[number];
export type PairKey = `${Profile}>${Profile}`;

/** The table as the screen edits it: one reach per (from, to) pair. */
export type RuleGrid = Record<PairKey, ContactReach>;

/** Every pair of the table, rows (who writes) by columns (to whom), in display order. */
export function pairs(): Array<{ from: ContactProfile; to: ContactProfile }> {
  return contactProfiles.flatMap((from) => contactProfiles.map((to) => ({ from, to })));
}

/** The school's table from the hub's rules; a pair the hub left out keeps its default. */
export function gridFromRules(rules: readonly Pick<ContactRuleDto, 'from' | 'to' | 'reach'>[]): RuleGrid {
  const grid = defaultGrid();
  for (const r of rules) grid[pairKey(r.from, r.to)] = r.reach;
  return grid;
}

/** The national defaults (DOMAIN.md), pair by pair. */
export function defaultGrid(): RuleGrid {
  const grid = {} as RuleGrid;
  for (const { from, to } of pairs()) grid[pairKey(from, to)] = defaultReach(from, to);
  return grid;
}

/** The choices of a cell: « liées » only where the pair has a relation to check. */
export function reachChoices(from: Profile, to: Profile): ContactReach[] {
  return relationOf[pairKey(from, to)] ? ['none', 'related', 'any'] : ['none', 'any'];
}

export function isDefaultCell(grid: RuleGrid, from: Profile, to: Profile): boolean {
  return grid[pairKey(from, to)] === defaultReach(from, to);
}

/** How many cells differ from the defaults. */
export function changedFromDefaults(grid: RuleGrid): number {
  return pairs().filter(({ from, to }) => !isDefaultCell(grid, from, to)).length;
}

/** Pairs whose reach differs between two tables: what saving would change. */
export function unsavedPairs(saved: RuleGrid, edited: RuleGrid): PairKey[] {
  return pairs()
    .map(({ from, to }) => pairKey(from, to))
    .filter((k) => saved[k] !== edited[k]);
}

/** The body of PUT /rules: the whole table, so that what is saved is exactly what is shown. */
export function rulesBody(grid: RuleGrid): { rules: Array<{ from: ContactProfile; to: ContactProfile; reach: ContactReach }> } {
  return { rules: pairs().map(({ from, to }) => ({ from, to, reach: grid[pairKey(from, to)] })) };
}
