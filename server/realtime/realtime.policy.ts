import { followsAbsences, SCHOOL_STAFF } from '../authz/actor';
import { definePolicy } from '../authz/registry';
import type { ParsedChannel } from '../contracts/channels';

/**
 * May this person listen to this channel? Deny by default: only their own user channel,
 * their schools and profiles, groups they belong to, or any group of a school they run.
 */
type GroupFacts = { inSchool: boolean; isMember: boolean };

definePolicy<{ channel: ParsedChannel | null; group?: GroupFacts }>('channel.subscribe', (actor, { channel, group }) => {
  if (!channel) return false;
  switch (channel.kind) {
    case 'user':
      return channel.userId === actor.personId;
    case 'school':
      return actor.memberships.some((m) => m.uai === channel.uai);
    case 'profile':
      return actor.memberships.some((m) => m.uai === channel.uai && m.profile === channel.profile);
    case 'group':
      if (!group?.inSchool) return false;
      return group.isMember || actor.memberships.some((m) => m.uai === channel.uai && SCHOOL_STAFF.includes(m.profile));
    case 'groupProfile':
      // computed at connect for the people concerned; asked for, only those who run the school
      return !!group?.inSchool && actor.memberships.some((m) => m.uai === channel.uai && SCHOOL_STAFF.includes(m.profile));
    case 'absences':
      return actor.memberships.some((m) => m.uai === channel.uai && followsAbsences(m));
    case 'board':
      // what the hall screens show anyone passing by: every member of the school may follow it
      return actor.memberships.some((m) => m.uai === channel.uai);
    default:
      // zones and screens are for paired screens, not people
      return false;
  }
});
