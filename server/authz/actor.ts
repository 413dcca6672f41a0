import type { Profile, StaffFunction } from '../contracts/directory';

export interface ActorMembership {
  schoolId: string;
  uai: string;
  profile: Profile;
  staffFunction: StaffFunction | null;
}

/** The signed-in person acting in their current school and profile. */
export interface Actor {
  personId: string;
  login: string;
  /** "Camille Martin": how what they write is signed (roll calls, justifications). */
  name: string;
  schoolId: string;
  uai: string;
  profile: Profile;
  staffFunction: StaffFunction | null;
  memberships: ActorMembership[];
  /** Hash of the session token, to revoke live connections with the session. */
  sessionId: string;
}

/** Profiles that run a school: they see its whole directory. */
export const SCHOOL_STAFF: readonly Profile[] = ['staff', 'direction', 'admin'];

/** Vie scolaire (CPE and assistants) and direction follow every absence of their school. */
export function followsAbsences(m: Pick<ActorMembership, 'profile' | 'staffFunction'>): boolean {
  return m.profile === 'direction' || (m.profile === 'staff' && m.staffFunction === 'vie_scolaire');
}
