// Plain rules and limits of the messagerie, no zod: clients import these at run time.
import type { Profile } from './profiles';

/** How far a profile may write to another: nobody, only people linked to them, or everyone. */
export const contactReaches = ['none', 'related', 'any'] as const;
export type ContactReach = (typeof contactReaches)[number];

/** Profiles the contact table is written over, in display order. */
export const contactProfiles = ['student', 'guardian', 'teacher', 'staff', 'direction', 'admin'] as const satisfies readonly Profile[];

/**
 * Pairs where "related" means something, and what: a guardian and their own child; a teacher and
 * the students (or those students' guardians) of the groups they teach; classmates, colleagues
 * of a same class, guardians whose children share a group. Other pairs are "none" or "any".
 */
export const relationOf: Partial<Record<`${Profile}>${Profile}`, 'family' | 'teaches' | 'same_group'>> = {
  'student>guardian': 'family',
  'guardian>student': 'family',
  'student>teacher': 'teaches',
  'teacher>student': 'teaches',
  'guardian>teacher': 'teaches',
  'teacher>guardian': 'teaches',
  'student>student': 'same_group',
  'teacher>teacher': 'same_group',
  'guardian>guardian': 'same_group',
};

export const pairKey = (from: Profile, to: Profile) => `${from}>${to}` as const;

/**
 * The defaults (DOMAIN.md): guardians ↔ teachers of their children's groups, vie scolaire and
 * direction; students ↔ their teachers and vie scolaire; staff ↔ everyone; students never write
 * to other students' guardians; guardians ↔ other guardians only if the school opens it.
 */
export function defaultReach(from: Profile, to: Profile): ContactReach {
  const staffLike = (p: Profile) => p === 'staff' || p === 'direction' || p === 'admin';
  if (staffLike(from) || staffLike(to)) return 'any';
  if (from === 'teacher' && to === 'teacher') return 'any';
  if (relationOf[pairKey(from, to)] === 'same_group') return 'none';
  return 'related';
}

/** Profiles a list can reach: a group's students, guardians, teachers; the school's staff too. */
export const listProfiles = ['guardian', 'student', 'teacher', 'staff'] as const;
export type ListProfile = (typeof listProfiles)[number];

/**
 * A list key: `group:<id>:<profile>` (« Responsables de 4B »), `level:<code>:<profile>`
 * (« Responsables des 3e »), `school:<profile>` (« Tous les professeurs »), `static:<id>`.
 */
export type ListKey = string;

export type ParsedListKey =
  | { kind: 'group'; groupId: string; profile: ListProfile }
  | { kind: 'level'; level: string; profile: ListProfile }
  | { kind: 'school'; profile: ListProfile }
  | { kind: 'static'; listId: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PROFILE = `(${listProfiles.join('|')})`;
export const LIST_KEY_PATTERN = new RegExp(`^(group:${UUID}:${PROFILE}|level:[0-9A-Za-z]{1,4}:${PROFILE}|school:${PROFILE}|static:${UUID})$`);

export function parseListKey(key: string): ParsedListKey | null {
  if (!LIST_KEY_PATTERN.test(key)) return null;
  const parts = key.split(':');
  switch (parts[0]) {
    case 'group':
      return { kind: 'group', groupId: parts[1], profile: parts[2] as ListProfile };
    case 'level':
      return { kind: 'level', level: parts[1], profile: parts[2] as ListProfile };
    case 'school':
      return { kind: 'school', profile: parts[1] as ListProfile };
    default:
      return { kind: 'static', listId: parts[1] };
  }
}

/** Level of a class from its name (« 4B » → 4, « 2nde A » → 2, « Tle 3 » → T): the leading digit, or T. */
export function classLevel(name: string): string | null {
  const m = name.trim().match(/^(\d)|^(T)/i);
  if (!m) return null;
  return m[1] ?? 'T';
}

/** Per sender, per school: what one person can send, by profile (schools may lower or raise them). */
export interface SendLimits {
  /** Messages a person may send per minute. */
  perMinute: number;
  /** Recipients a person may reach per hour, all sends together. */
  recipientsPerHour: number;
  /** Recipients of one send. */
  perSend: number;
}

export const DEFAULT_SEND_LIMITS: Record<Profile, SendLimits> = {
  student: { perMinute: 5, recipientsPerHour: 30, perSend: 5 },
  guardian: { perMinute: 5, recipientsPerHour: 40, perSend: 10 },
  teacher: { perMinute: 10, recipientsPerHour: 1500, perSend: 300 },
  staff: { perMinute: 20, recipientsPerHour: 10_000, perSend: 5000 },
  direction: { perMinute: 30, recipientsPerHour: 30_000, perSend: 20_000 },
  admin: { perMinute: 20, recipientsPerHour: 1000, perSend: 200 },
};

/** Above this many recipients a send must be confirmed, and is written to the audit log. */
export const DEFAULT_CONFIRM_ABOVE = 50;

export const MESSAGE_LIMITS = {
  subject: 200,
  bodyHtml: 50_000,
  people: 500,
  lists: 20,
  attachments: 5,
  attachmentBytes: 10 * 1024 * 1024,
  attachmentName: 120,
  search: 200,
  /** Staff and teachers may recall a message this long after sending it. */
  recallMinutes: 60,
  listName: 100,
  listMembers: 2000,
} as const;

/** Profiles who may recall what they sent. */
export const RECALL_PROFILES: readonly Profile[] = ['teacher', 'staff', 'direction', 'admin'];

export const folders = ['inbox', 'sent', 'drafts', 'trash'] as const;
export type Folder = (typeof folders)[number];
