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
