import type { GroupDto } from '../../../../server/contracts/directory';
import type { AudienceTarget } from '../../../../server/contracts/news';
import type { Translate } from '../i18n';
import { AUDIENCE_PROFILES, GROUP_PROFILES, NEWS_LIMITS, type AudienceProfile, type GroupProfile } from './news-constants';
import { sentenceCase } from './person-labels';

/** What the audience picker shows: school-wide choices and the ticked groups with their profiles. */
export interface AudienceState {
  /** Everyone in the school: the other choices are then moot. */
  everyone: boolean;
  /** "Tous les responsables", "Tous les enseignants"… */
  schoolProfiles: AudienceProfile[];
  /** Ticked groups, in the order they were ticked. */
  groups: Array<{ groupId: string; profiles: GroupProfile[] }>;
}

export const emptyAudience = (): AudienceState => ({ everyone: false, schoolProfiles: [], groups: [] });

/** A class is written to for its students and their parents unless the author says otherwise. */
export const DEFAULT_GROUP_PROFILES: readonly GroupProfile[] = ['student', 'guardian'];

const inOrder = <T extends string>(order: readonly T[], values: Iterable<T>): T[] => {
  const set = new Set(values);
  return order.filter((v) => set.has(v));
};

export function setEveryone(state: AudienceState, everyone: boolean): AudienceState {
  return { ...state, everyone };
}

export function setSchoolProfile(state: AudienceState, profile: AudienceProfile, on: boolean): AudienceState {
  const others = state.schoolProfiles.filter((p) => p !== profile);
  return { ...state, schoolProfiles: inOrder(AUDIENCE_PROFILES, on ? [...others, profile] : others) };
}

export function setGroup(state: AudienceState, groupId: string, on: boolean): AudienceState {
  const others = state.groups.filter((g) => g.groupId !== groupId);
  const existing = state.groups.find((g) => g.groupId === groupId);
  if (!on) return { ...state, groups: others };
  return { ...state, groups: existing ? state.groups : [...others, { groupId, profiles: [...DEFAULT_GROUP_PROFILES] }] };
}

export function setGroupProfile(state: AudienceState, groupId: string, profile: GroupProfile, on: boolean): AudienceState {
  return {
    ...state,
    groups: state.groups.map((g) => {
      if (g.groupId !== groupId) return g;
      const others = g.profiles.filter((p) => p !== profile);
      return { groupId, profiles: inOrder(GROUP_PROFILES, on ? [...others, profile] : others) };
    }),
  };
}

/**
 * The targets the hub gets. Groups always carry their profiles, so "4B" never depends on the
 * hub's default; a group's profiles already reached school-wide are left out as redundant.
 */
export function audienceTargets(state: AudienceState): AudienceTarget[] {
  if (state.everyone) return [{ kind: 'school' }];
  const targets: AudienceTarget[] = [];
  const schoolWide = new Set<string>(state.schoolProfiles);
  if (state.schoolProfiles.length > 0) targets.push({ kind: 'school', profiles: inOrder(AUDIENCE_PROFILES, state.schoolProfiles) });
  for (const g of state.groups) {
    const profiles = inOrder(GROUP_PROFILES, g.profiles).filter((p) => !schoolWide.has(p));
    if (profiles.length > 0) targets.push({ kind: 'group', groupId: g.groupId, profiles });
  }
  return targets;
}

/** The picker state of a saved audience (editing an item). */
export function audienceFromTargets(targets: readonly AudienceTarget[]): AudienceState {
  const state = emptyAudience();
  for (const t of targets) {
    if (t.kind === 'school') {
      if (!t.profiles?.length) state.everyone = true;
      else state.schoolProfiles = inOrder(AUDIENCE_PROFILES, [...state.schoolProfiles, ...t.profiles]);
    } else {
      const profiles = t.profiles?.length ? t.profiles : GROUP_PROFILES;
      const existing = state.groups.find((g) => g.groupId === t.groupId);
      if (existing) existing.profiles = inOrder(GROUP_PROFILES, [...existing.profiles, ...profiles]);
      else state.groups.push({ groupId: t.groupId, profiles: inOrder(GROUP_PROFILES, profiles) });
    }
  }
  return state;
}

/** What is wrong with the picker, in words for its error line; null when it can be sent. */
export function audienceProblem(state: AudienceState, groupNames: ReadonlyMap<string, Pick<GroupDto, 'name'>>, t: Translate): string | null {
  if (!state.everyone) {
    const empty = state.groups.find((g) => g.profiles.length === 0);
    if (empty) return t('audience.error.groupWithoutProfile', { group: groupNames.get(empty.groupId)?.name ?? '?' });
  }
  const targets = audienceTargets(state);
  if (targets.length === 0) return t('audience.error.empty');
  if (targets.length > NEWS_LIMITS.targets) return t('audience.error.tooMany', { max: NEWS_LIMITS.targets });
  return null;
}

/** « Élèves et responsables » for a group's profiles. */
export function groupProfilesLabel(profiles: readonly GroupProfile[], t: Translate): string {
  const names = profiles.map((p) => t(`audience.plural.${p}`));
  const text = names.length > 1 ? t('audience.and', { first: names.slice(0, -1).join(', '), last: names[names.length - 1] }) : (names[0] ?? '');
  return sentenceCase(text);
}

/** An audience in words: « Tous les enseignants · Responsables — 4B, 4C ». */
export function describeAudience(
  targets: readonly AudienceTarget[],
  groupNames: ReadonlyMap<string, Pick<GroupDto, 'name'>>,
  t: Translate,
): string {
  const parts: string[] = [];
  if (targets.some((x) => x.kind === 'school' && !x.profiles?.length)) return t('channel.school');
  const state = audienceFromTargets(targets);
  for (const p of state.schoolProfiles) parts.push(t(`channel.profile.${p}`));
  // "Responsables — 4B, 4C": groups with the same profiles read as one phrase
  const byProfiles = new Map<string, string[]>();
  for (const g of state.groups) {
    const key = groupProfilesLabel(g.profiles, t);
    byProfiles.set(key, [...(byProfiles.get(key) ?? []), groupNames.get(g.groupId)?.name ?? t('audience.unknownGroup')]);
  }
  for (const [profiles, names] of byProfiles) {
    parts.push(t('audience.groupPhrase', { profiles, groups: names.sort((a, b) => a.localeCompare(b, 'fr', { numeric: true })).join(', ') }));
  }
  return parts.join(' · ');
}

/** Groups for the picker: classes first, then teaching groups, then the rest, each by name. */
export function sortGroups<G extends Pick<GroupDto, 'kind' | 'name'>>(groups: readonly G[]): G[] {
  const rank = { class: 0, teaching_group: 1, custom: 2 } as const;
  return [...groups].sort((a, b) => rank[a.kind] - rank[b.kind] || a.name.localeCompare(b.name, 'fr', { numeric: true }));
}

/** Groups whose name contains the query, ignoring case and accents ("4e" finds "4E1"). */
export function filterGroups<G extends Pick<GroupDto, 'name'>>(groups: readonly G[], query: string): G[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const q = fold(query.trim());
  return q ? groups.filter((g) => fold(g.name).includes(q)) : [...groups];
}
