import { definePolicy } from '../../authz/registry';
import type { ActorMembership } from '../../authz/actor';

// A person may only move their session to one of their own active memberships.
definePolicy<{ membership?: ActorMembership }>('auth.switch', (actor, { membership }) =>
  !!membership && actor.memberships.some((m) => m.schoolId === membership.schoolId && m.profile === membership.profile),
);
