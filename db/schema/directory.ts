import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './_columns';

export const profileEnum = pgEnum('profile', ['student', 'guardian', 'teacher', 'staff', 'direction', 'admin']);
export const staffFunctionEnum = pgEnum('staff_function', ['vie_scolaire', 'secretariat', 'accueil', 'documentaliste', 'agent']);
/** Civilité, as the national exports give it; boards write "M. Dupont" / "Mme Martin". */
export const civilityEnum = pgEnum('civility', ['m', 'mme']);
export const groupKindEnum = pgEnum('group_kind', ['class', 'teaching_group', 'custom']);

export interface SchoolBranding {
  color: string;
  logoUrl: string | null;
}

export const schools = pgTable('schools', {
  id: id(),
  uai: text().notNull().unique(),
  name: text().notNull(),
  timeZone: text().notNull().default('Europe/Paris'),
  branding: jsonb().$type<SchoolBranding>().notNull().default({ color: '#1d4ed8', logoUrl: null }),
  settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  ...timestamps,
});

/** One account per human being, whatever the number of schools they belong to. */
export const people = pgTable(
  'people',
  {
    id: id(),
    login: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    civility: civilityEnum(),
    email: text(),
    phone: text(),
    passwordHash: text(),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [
    // sign-in looks a person up by login, case-insensitively
    uniqueIndex('people_login_lower_idx').on(sql`lower(${t.login})`),
    // the import links a guardian already known in another school by email
    index('people_email_lower_idx').on(sql`lower(${t.email})`),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    profile: profileEnum().notNull(),
    staffFunction: staffFunctionEnum(),
    /** Stable id from the school's export (SIECLE/STS/AAF or the CSV); re-imports key on it. */
    externalId: text(),
    active: boolean().notNull().default(true),
    deactivatedAt: tstz(),
    /** Suspended by direction (a hijacked account): no session in this school until lifted. */
    suspendedAt: tstz(),
    suspendedBy: uuid(),
    ...timestamps,
  },
  (t) => [
    // one membership per (person, school, profile)
    uniqueIndex('memberships_person_school_profile_idx').on(t.personId, t.schoolId, t.profile),
    // the import matches rows of a school by their external id
    uniqueIndex('memberships_school_external_idx').on(t.schoolId, t.externalId),
    // directory listings of a school by profile
    index('memberships_school_profile_idx').on(t.schoolId, t.profile),
  ],
);

/** A legal guardian's link to one child in one school. */
export const guardianships = pgTable(
  'guardianships',
  {
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    guardianId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    studentId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.guardianId, t.studentId] }),
    // "who are the guardians of this student" (absence alerts)
    index('guardianships_student_idx').on(t.studentId),
  ],
);

export const groups = pgTable(
  'groups',
  {
    id: id(),
    schoolId: uuid().notNull().references(() => schools.id, { onDelete: 'cascade' }),
    kind: groupKindEnum().notNull(),
    name: text().notNull(),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  // a school's groups are found and matched by name (import, listings)
  (t) => [uniqueIndex('groups_school_name_idx').on(t.schoolId, t.name)],
);

export const groupRoleEnum = pgEnum('group_role', ['member', 'teacher']);

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid().notNull().references(() => groups.id, { onDelete: 'cascade' }),
    personId: uuid().notNull().references(() => people.id, { onDelete: 'cascade' }),
    role: groupRoleEnum().notNull().default('member'),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.personId] }),
    // a person's groups (channel membership at connect)
    index('group_members_person_idx').on(t.personId),
  ],
);
