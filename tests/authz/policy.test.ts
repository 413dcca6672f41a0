import { describe, expect, it } from 'vitest';
import '../../server/authz/policies';
import type { Actor } from '../../server/authz/actor';
import { authorize, registeredActions } from '../../server/authz/registry';
import { parseChannel } from '../../server/contracts/channels';
import { profiles, type Profile } from '../../server/contracts/directory';

const SCHOOL_A = '11111111-1111-4111-8111-111111111111';
const SCHOOL_B = '22222222-2222-4222-8222-222222222222';

const actor = (profile: Profile): Actor => ({
  personId: '33333333-3333-4333-8333-333333333333',
  login: 'x',
  schoolId: SCHOOL_A,
  uai: '0750654D',
  profile,
  staffFunction: profile === 'staff' ? 'vie_scolaire' : null,
  memberships: [{ schoolId: SCHOOL_A, uai: '0750654D', profile, staffFunction: null }],
  sessionId: 's',
  name: 'Camille Test',
});

describe('policy registry', () => {
  it('denies actions nobody defined, and anyone not signed in', () => {
    expect(authorize(actor('admin'), 'anything.at.all', { schoolId: SCHOOL_A })).toBe(false);
    expect(authorize(null, 'school.read', { schoolId: SCHOOL_A })).toBe(false);
    expect(authorize(undefined, 'school.read', { schoolId: SCHOOL_A })).toBe(false);
  });

  it('denies when a rule throws on a malformed subject', () => {
    expect(authorize(actor('admin'), 'school.read', undefined)).toBe(false);
    expect(authorize(actor('admin'), 'channel.subscribe', null)).toBe(false);
  });

  it('denies every registered action on another school, whatever the profile', () => {
    // the most favourable facts a subject can carry, but in school B
    const otherSchool = {
      schoolId: SCHOOL_B,
      teachesGroup: true,
      channel: parseChannel('school:0000001B'),
      group: { inSchool: true, isMember: false },
    };
    const actions = registeredActions();
    expect(actions.length).toBeGreaterThan(5);
    for (const profile of profiles) {
      for (const action of actions) {
        expect(authorize(actor(profile), action, otherSchool), `${profile} ${action}`).toBe(false);
      }
    }
  });

  it('lets only direction and admin change a school', () => {
    const allowed = profiles.filter((p) => authorize(actor(p), 'school.update', { schoolId: SCHOOL_A }));
    expect(allowed).toEqual(['direction', 'admin']);
  });

  it('lets only admins import the directory', () => {
    const allowed = profiles.filter((p) => authorize(actor(p), 'directory.import', { schoolId: SCHOOL_A }));
    expect(allowed).toEqual(['admin']);
  });

  it('keeps the people directory from students and guardians', () => {
    expect(authorize(actor('guardian'), 'directory.people.list', { schoolId: SCHOOL_A })).toBe(false);
    expect(authorize(actor('student'), 'directory.people.list', { schoolId: SCHOOL_A })).toBe(false);
    expect(authorize(actor('staff'), 'directory.people.list', { schoolId: SCHOOL_A })).toBe(true);
  });

  it('lets a teacher see the members of the groups they teach only', () => {
    expect(authorize(actor('teacher'), 'directory.group.members', { schoolId: SCHOOL_A, teachesGroup: true })).toBe(true);
    expect(authorize(actor('teacher'), 'directory.group.members', { schoolId: SCHOOL_A, teachesGroup: false })).toBe(false);
  });

  it('subscribes people to their own channels only', () => {
    const a = actor('guardian');
    const sub = (c: string, group?: { inSchool: boolean; isMember: boolean }) =>
      authorize(a, 'channel.subscribe', { channel: parseChannel(c), group });
    expect(sub(`user:${a.personId}`)).toBe(true);
    expect(sub('user:44444444-4444-4444-8444-444444444444')).toBe(false);
    expect(sub('school:0750654D')).toBe(true);
    expect(sub('school:0750654D:profile:guardian')).toBe(true);
    expect(sub('school:0750654D:profile:teacher')).toBe(false);
    expect(sub('school:0750654D:group:55555555-5555-4555-8555-555555555555', { inSchool: true, isMember: false })).toBe(false);
    expect(sub('school:0750654D:group:55555555-5555-4555-8555-555555555555', { inSchool: true, isMember: true })).toBe(true);
    expect(sub('school:0750654D:zone:hall')).toBe(false);
    expect(sub('not-a-channel')).toBe(false);
  });
});
