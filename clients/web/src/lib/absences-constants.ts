// absence-rules holds the contract's plain values: importing it, unlike absences.ts or
// timetable.ts, brings no zod into the bundle.
export {
  ABSENCE_LIMITS,
  absenceKinds as ABSENCE_KINDS,
  boardNameFormats as BOARD_NAME_FORMATS,
  courseDispositions as COURSE_DISPOSITIONS,
  DOCUMENT_TYPES,
  justificationStatuses as JUSTIFICATION_STATUSES,
} from '../../../../server/contracts/absence-rules';
export type {
  AbsenceKind,
  BoardNameFormat,
  CourseDisposition,
  JustificationDecision,
  JustificationStatus,
} from '../../../../server/contracts/absence-rules';
