import { profiles, type Profile } from './profiles';

/** The one place that builds and parses channel names (see DESIGN.md). */
export const channels = {
  school: (uai: string) => `school:${uai}`,
  profile: (uai: string, profile: Profile) => `school:${uai}:profile:${profile}`,
  group: (uai: string, groupId: string) => `school:${uai}:group:${groupId}`,
  /** One profile within a group: its students, its teachers, or the guardians of its students. */
  groupProfile: (uai: string, groupId: string, profile: Profile) => `school:${uai}:group:${groupId}:profile:${profile}`,
  zone: (uai: string, zone: string) => `school:${uai}:zone:${zone}`,
  /** Vie scolaire and direction: the day's roll calls and student absences, live. */
  absences: (uai: string) => `school:${uai}:absences`,
  /** The teacher-absence board the hall screens show: no student data, no reasons. */
  board: (uai: string) => `school:${uai}:board`,
  /** What every paired screen of the school shows: news for screens, the ticker, PPMS alerts. */
  signage: (uai: string) => `school:${uai}:signage`,
  user: (userId: string) => `user:${userId}`,
  screen: (screenId: string) => `screen:${screenId}`,
};

export type ParsedChannel =
  | { kind: 'school'; uai: string }
  | { kind: 'profile'; uai: string; profile: Profile }
  | { kind: 'group'; uai: string; groupId: string }
  | { kind: 'groupProfile'; uai: string; groupId: string; profile: Profile }
  | { kind: 'zone'; uai: string; zone: string }
  | { kind: 'absences'; uai: string }
  | { kind: 'board'; uai: string }
  | { kind: 'signage'; uai: string }
  | { kind: 'user'; userId: string }
  | { kind: 'screen'; screenId: string };

const isProfile = (p: string): p is Profile => (profiles as readonly string[]).includes(p);

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UAI = '[0-9]{7}[A-Z]';
const patterns: Array<[RegExp, (m: RegExpMatchArray) => ParsedChannel | null]> = [
  [new RegExp(`^school:(${UAI})$`), (m) => ({ kind: 'school', uai: m[1] })],
  [
    new RegExp(`^school:(${UAI}):profile:([a-z]+)$`),
    (m) => (isProfile(m[2]) ? { kind: 'profile', uai: m[1], profile: m[2] } : null),
  ],
  [new RegExp(`^school:(${UAI}):group:(${UUID})$`), (m) => ({ kind: 'group', uai: m[1], groupId: m[2] })],
  [
    new RegExp(`^school:(${UAI}):group:(${UUID}):profile:([a-z]+)$`),
    (m) => (isProfile(m[3]) ? { kind: 'groupProfile', uai: m[1], groupId: m[2], profile: m[3] } : null),
  ],
  [new RegExp(`^school:(${UAI}):zone:([a-z0-9_-]{1,40})$`), (m) => ({ kind: 'zone', uai: m[1], zone: m[2] })],
  [new RegExp(`^school:(${UAI}):absences$`), (m) => ({ kind: 'absences', uai: m[1] })],
  [new RegExp(`^school:(${UAI}):board$`), (m) => ({ kind: 'board', uai: m[1] })],
  [new RegExp(`^school:(${UAI}):signage$`), (m) => ({ kind: 'signage', uai: m[1] })],
  [new RegExp(`^user:(${UUID})$`), (m) => ({ kind: 'user', userId: m[1] })],
  [new RegExp(`^screen:(${UUID})$`), (m) => ({ kind: 'screen', screenId: m[1] })],
];

/** Parses a channel name; null for anything that is not a well-formed channel. */
export function parseChannel(name: string): ParsedChannel | null {
  if (typeof name !== 'string' || name.length > 120) return null;
  for (const [re, build] of patterns) {
    const m = name.match(re);
    if (m) return build(m);
  }
  return null;
}
