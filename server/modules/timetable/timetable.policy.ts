import { SCHOOL_STAFF } from '../../authz/actor';
import { definePolicy, sameSchool } from '../../authz/registry';

type SchoolSubject = { schoolId: string };

// The timetable: those who teach or run the school (families see changes, not the grid).
definePolicy<SchoolSubject>('timetable.read', (a, s) => sameSchool(a, s) && (a.profile === 'teacher' || SCHOOL_STAFF.includes(a.profile)));

// Slots, courses, A/B weeks and the timetable import: direction and admins.
definePolicy<SchoolSubject>('timetable.manage', (a, s) => sameSchool(a, s) && ['direction', 'admin'].includes(a.profile));
