import { describe, expect, it } from 'vitest';
import type { Actor } from '../../server/authz/actor';
import { sharedRoom, socketActor } from '../../server/realtime/interned';

const actor = (personId: string, uai = '0750001A'): Actor => ({
  personId,
  login: `p.${personId}`,
  name: 'Camille Martin',
  schoolId: `school-${uai}`,
  uai,
  profile: 'guardian',
  staffFunction: null,
  // built afresh, as each socket's database rows are
  memberships: [{ schoolId: `school-${uai}`, uai: `${uai}`, profile: 'guardian', staffFunction: null }],
  sessionId: `session-${personId}`,
});

describe('what sockets share', () => {
  it('gives people with the same memberships one frozen list, and keeps what is their own', () => {
    const a = socketActor(actor('a'));
    const b = socketActor(actor('b'));
    const other = socketActor(actor('c', '0750002B'));
    expect(a.memberships).toBe(b.memberships);
    expect(Object.isFrozen(a.memberships[0])).toBe(true);
    expect(other.memberships).not.toBe(a.memberships);
    expect(other.memberships[0].uai).toBe('0750002B');
    expect(a).toMatchObject({ personId: 'a', login: 'p.a', sessionId: 'session-a', uai: '0750001A', schoolId: 'school-0750001A' });
    expect(b.personId).toBe('b');
  });

  it('gives room names back unchanged, shared or a person’s own', () => {
    const first = sharedRoom(['school', '0750001A', 'profile', 'guardian'].join(':'));
    const second = sharedRoom(['school', '0750001A', 'profile', 'guardian'].join(':'));
    expect(second).toBe('school:0750001A:profile:guardian');
    expect(first).toBe(second);
    expect(sharedRoom('user:1234')).toBe('user:1234');
  });
});
