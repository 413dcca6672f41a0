/**
 * A person's own data, as `GET /api/me/export` gives it (RGPD, right of access and
 * portability). One JSON document; instants are ISO 8601 strings. Other people appear only by
 * name where the record is the person's own (the author of a message they received, a child).
 */
export const PERSONAL_DATA_FORMAT = 'preau.personal-data/1';

type Row = Record<string, string | number | boolean | null>;

export interface PersonalDataExport {
  format: typeof PERSONAL_DATA_FORMAT;
  generatedAt: string;
  person: { id: string; login: string; firstName: string; lastName: string; email: string | null; phone: string | null; active: boolean };
  memberships: Row[];
  /** As a guardian: the children one is responsible for. */
  children: Row[];
  /** As a student: one's legal guardians. */
  guardians: Row[];
  groups: Row[];
  sessions: Row[];
  notificationPreferences: Row[];
  pushSubscriptions: Row[];
  notifications: Row[];
  messagesSent: Row[];
  messagesReceived: Row[];
  mailingLists: Row[];
  newsWritten: Row[];
  newsReceived: Row[];
  /** As a student: one's own absences (reasons the school keeps confidential are not named). */
  absences: Row[];
  /** As a guardian: the absence notices one was sent and when one acknowledged them. */
  absenceNotices: Row[];
  justificationsSubmitted: Row[];
  rollCallsTaken: Row[];
  teacherAbsences: Row[];
  /** What one did that the school's audit trail recorded. */
  auditTrail: Row[];
}
