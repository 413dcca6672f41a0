import type { MembershipDto, Profile, StaffFunction } from '../../../../server/contracts/directory';
import type { Translate } from '../i18n';

/** "enseignant", or "personnel — CPE / vie scolaire" when the staff function is known. */
export function profileLabel(profile: Profile, staffFunction: StaffFunction | null, t: Translate): string {
  const name = t(`profile.${profile}`);
  if (profile !== 'staff' || !staffFunction) return name;
  return t('profile.withFunction', { profile: name, function: t(`staffFunction.${staffFunction}`) });
}

/** One membership as a person reads it in a switcher: "Collège Victor Hugo — enseignant". */
export function membershipLabel(m: MembershipDto, t: Translate): string {
  return t('membership.option', { school: m.schoolName, profile: profileLabel(m.profile, m.staffFunction, t) });
}

/**
 * Labels of a school/profile switcher: the school alone when every membership has the same
 * profile (the common case of a teacher in two schools), with the profile otherwise.
 */
export function switcherLabels(memberships: MembershipDto[], t: Translate): string[] {
  const oneProfile = new Set(memberships.map((m) => `${m.profile}|${m.staffFunction}`)).size <= 1;
  return memberships.map((m) => (oneProfile ? m.schoolName : membershipLabel(m, t)));
}

/** A stable key for a membership: one person may hold two profiles in the same school. */
export function membershipKey(m: Pick<MembershipDto, 'uai' | 'profile'>): string {
  return `${m.uai}|${m.profile}`;
}

/** Capitalises the first letter, for labels shown on their own ("Enseignant"). */
export function sentenceCase(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr-FR') + text.slice(1);
}

/** Initials for an avatar: "Camille Durand" → "CD". */
export function initials(firstName: string, lastName: string): string {
  return `${firstName.trim().charAt(0)}${lastName.trim().charAt(0)}`.toLocaleUpperCase('fr-FR');
}
