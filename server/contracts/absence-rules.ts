// Plain lists and limits of the timetable and absences, no zod: clients import these at run time.

/** ISO weekdays a course can fall on: Monday (1) to Saturday (6). */
export const weekdays = [1, 2, 3, 4, 5, 6] as const;
export type Weekday = (typeof weekdays)[number];

/** Which weeks a course runs: every week, or one side of the A/B alternation. */
export const courseWeeks = ['all', 'A', 'B'] as const;
export type CourseWeek = (typeof courseWeeks)[number];

export const absenceKinds = ['absent', 'late', 'excluded'] as const;
export type AbsenceKind = (typeof absenceKinds)[number];

/** Where an absence stands: not justified (yet, or refused), justification awaiting review, justified. */
export const justificationStatuses = ['unjustified', 'pending', 'justified'] as const;
export type JustificationStatus = (typeof justificationStatuses)[number];

export const justificationDecisions = ['pending', 'accepted', 'refused'] as const;
export type JustificationDecision = (typeof justificationDecisions)[number];

/** What happens to a course whose teacher is away. */
export const courseDispositions = ['cancelled', 'replaced', 'moved'] as const;
export type CourseDisposition = (typeof courseDispositions)[number];

/**
 * How the board writes a teacher's name, per school: "M. Dupont", "M. D.", "J. Dupont", "J. D.".
 * Without a known civilité, the first name's initial stands in.
 */
export const boardNameFormats = ['civility_last', 'civility_initial', 'initial_last', 'initials'] as const;
export type BoardNameFormat = (typeof boardNameFormats)[number];

export const ABSENCE_LIMITS = {
  /** Students on one sheet: a class is at most ~35; groups merged for options stay well below. */
  marks: 200,
  lateMinutes: 240,
  /** A period recorded by vie scolaire: at most a month at once. */
  periodDays: 31,
  /** Students in one period entry (a class leaving on a trip). */
  periodStudents: 60,
  note: 500,
  comment: 1000,
  reasonLabel: 80,
  reasons: 40,
  /** How far back a guardian or vie scolaire may act on an absence: the school year. */
  historyDays: 366,
  /** A teacher absence affects at most this many days of courses. */
  teacherAbsenceDays: 92,
  documentBytes: 5 * 1024 * 1024,
  documentName: 120,
  /** A teacher may take the roll call from a few minutes before the course until its end. */
  openBeforeMinutes: 10,
  slots: 20,
  courses: 5000,
  subject: 80,
  room: 30,
} as const;

/** Justification documents, by the MIME type found in their bytes: PDF or a photo / scan. */
export const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/** Reasons a school starts with; confidential ones ("situation familiale") are never named to guardians. */
export const DEFAULT_ABSENCE_REASONS: ReadonlyArray<{ label: string; visibleToGuardians: boolean }> = [
  { label: 'Maladie', visibleToGuardians: true },
  { label: 'Rendez-vous médical', visibleToGuardians: true },
  { label: 'Raison familiale', visibleToGuardians: true },
  { label: 'Transport', visibleToGuardians: true },
  { label: 'Convocation officielle', visibleToGuardians: true },
  { label: 'Autre', visibleToGuardians: true },
  { label: 'Situation familiale (confidentiel)', visibleToGuardians: false },
  { label: 'Suivi médical ou social (confidentiel)', visibleToGuardians: false },
];
