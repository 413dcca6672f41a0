import { followsAbsences, type Actor } from '../../authz/actor';
import { definePolicy, sameSchool } from '../../authz/registry';

type SchoolSubject = { schoolId: string };
/** What the rules need to know about the student an absence is about. */
type StudentSubject = SchoolSubject & { studentId: string; isGuardian: boolean; teachesStudent: boolean };

const vieScolaire = (a: Actor) => followsAbsences(a);

// The roll call of an occurrence: its teacher (or the colleague replacing them), or vie scolaire.
definePolicy<SchoolSubject & { teacherId: string }>(
  'absences.rollcall.take',
  (a, s) => sameSchool(a, s) && ((a.profile === 'teacher' && a.personId === s.teacherId) || vieScolaire(a)),
);

// Periods (a day, several days), removals, reasons, the dashboard and the review: vie scolaire and direction.
definePolicy<SchoolSubject>('absences.record', (a, s) => sameSchool(a, s) && vieScolaire(a));
definePolicy<SchoolSubject>('absences.dashboard', (a, s) => sameSchool(a, s) && vieScolaire(a));
definePolicy<SchoolSubject>('absences.reasons.manage', (a, s) => sameSchool(a, s) && vieScolaire(a));
definePolicy<SchoolSubject>('absences.justification.review', (a, s) => sameSchool(a, s) && vieScolaire(a));

// The reasons list: everyone who justifies or reads a justification (guardians get the visible ones only).
definePolicy<SchoolSubject>('absences.reasons.read', (a, s) => sameSchool(a, s));

// Listing absences at all: students (their own), guardians (their children's), teachers (their groups'), vie scolaire.
definePolicy<SchoolSubject>(
  'absences.list',
  (a, s) => sameSchool(a, s) && (['student', 'guardian', 'teacher'].includes(a.profile) || vieScolaire(a)),
);

// One student's absences: themselves, their guardians, their teachers, vie scolaire and direction.
definePolicy<StudentSubject>(
  'absences.view',
  (a, s) =>
    sameSchool(a, s) &&
    ((a.profile === 'student' && a.personId === s.studentId) ||
      (a.profile === 'guardian' && s.isGuardian) ||
      (a.profile === 'teacher' && s.teachesStudent) ||
      vieScolaire(a)),
);

// A family's own view: the children a guardian follows, or a student themselves, and their course changes.
definePolicy<SchoolSubject>('absences.family', (a, s) => sameSchool(a, s) && ['guardian', 'student'].includes(a.profile));

// Acknowledging the alert: the guardians it was sent to.
definePolicy<StudentSubject>('absences.acknowledge', (a, s) => sameSchool(a, s) && a.profile === 'guardian' && s.isGuardian);

// Justifying: a guardian of the student (reviewed later), or vie scolaire directly (a call, a note in the carnet).
definePolicy<StudentSubject>('absences.justify', (a, s) => sameSchool(a, s) && ((a.profile === 'guardian' && s.isGuardian) || vieScolaire(a)));

definePolicy<SchoolSubject>('absences.document.upload', (a, s) => sameSchool(a, s) && (a.profile === 'guardian' || vieScolaire(a)));
definePolicy<SchoolSubject & { uploadedBy: string | null; isGuardian: boolean }>(
  'absences.document.read',
  (a, s) => sameSchool(a, s) && (s.uploadedBy === a.personId || (a.profile === 'guardian' && s.isGuardian) || vieScolaire(a)),
);

// Board name format and the hour tomorrow shows on screens: direction and admins.
definePolicy<SchoolSubject>('absences.settings', (a, s) => sameSchool(a, s) && ['direction', 'admin'].includes(a.profile));

// Teacher absences (with their internal reason): direction and vie scolaire.
definePolicy<SchoolSubject>('teacher_absences.manage', (a, s) => sameSchool(a, s) && vieScolaire(a));

// The board is what the hall screens show anyone passing by: any member of the school.
definePolicy<SchoolSubject>('board.read', (a, s) => sameSchool(a, s));
