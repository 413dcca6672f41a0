import type { Actor } from '../../authz/actor';
import { SCHOOL_STAFF } from '../../authz/actor';
import { definePolicy, sameSchool } from '../../authz/registry';

type SchoolSubject = { schoolId: string };

const runsSchool = (a: Actor) => SCHOOL_STAFF.includes(a.profile);

// Any member of a school sees its identity (name, branding, time zone).
definePolicy<SchoolSubject>('school.read', (actor, s) => sameSchool(actor, s));

// Direction and admins set the school's identity and settings.
definePolicy<SchoolSubject>('school.update', (actor, s) => sameSchool(actor, s) && ['direction', 'admin'].includes(actor.profile));

// The list of classes and groups: those who teach or run the school.
definePolicy<SchoolSubject>('directory.groups.list', (actor, s) => sameSchool(actor, s) && (runsSchool(actor) || actor.profile === 'teacher'));

// A group's members: school staff, or a teacher of that group.
definePolicy<SchoolSubject & { teachesGroup: boolean }>(
  'directory.group.members',
  (actor, s) => sameSchool(actor, s) && (runsSchool(actor) || (actor.profile === 'teacher' && s.teachesGroup)),
);

// The people directory of the school: staff, direction and admins only.
definePolicy<SchoolSubject>('directory.people.list', (actor, s) => sameSchool(actor, s) && runsSchool(actor));

// Importing the directory replaces who belongs to the school: admins only.
definePolicy<SchoolSubject>('directory.import', (actor, s) => sameSchool(actor, s) && actor.profile === 'admin');
