import type { AbsenceDto, GroupCourseChangeDto, JustificationDto, NoticeDto } from '../../../../server/contracts/absences';
import type { OccurrenceChangeDto } from '../../../../server/contracts/timetable';
import type { Locale } from '../../../shared/i18n';
import type { Translate } from '../i18n';
import type { AbsenceKind, CourseDisposition, JustificationStatus } from './absences-constants';
import type { Mark } from './roll-call';

export interface LabelContext {
  t: Translate;
  locale: Locale;
  /** The school's time zone: an absence at 10:10 is 10:10 at school, wherever the reader is. */
  timeZone: string;
}

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** "10:10", at the school. */
export function clockTime(at: string | Date, { locale, timeZone }: Pick<LabelContext, 'locale' | 'timeZone'>): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit', timeZone }).format(typeof at === 'string' ? new Date(at) : at);
}

/** "lundi 23 novembre" for a calendar date "2026-11-23" (no time zone: it is already the school's day). */
export function dayLabel(date: string, { locale }: Pick<LabelContext, 'locale'>, withYear = false): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: withYear ? 'numeric' : undefined,
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "lundi 23 novembre", the school's day of an instant. */
export function instantDayLabel(at: string | Date, { locale, timeZone }: Pick<LabelContext, 'locale' | 'timeZone'>): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(
    typeof at === 'string' ? new Date(at) : at,
  );
}

/** The state of a roll-call tile: « Présent », « Absent », « Retard · 10 min », « Exclu ». */
export function markLabel(mark: Mark | null | undefined, t: Translate): string {
  if (!mark) return t('rollCall.mark.present');
  if (mark.kind === 'late') return mark.lateMinutes ? t('rollCall.mark.lateMinutes', { n: mark.lateMinutes }) : t('rollCall.mark.lateAsk');
  return t(mark.kind === 'absent' ? 'rollCall.mark.absent' : 'rollCall.mark.excluded');
}

/** What an absence is: « Absence », « Retard de 10 min », « Exclusion de cours ». */
export function kindLabel(kind: AbsenceKind, lateMinutes: number | null, t: Translate): string {
  if (kind === 'late') return lateMinutes ? t('absences.kind.lateMinutes', { n: lateMinutes }) : t('absences.kind.late');
  return t(kind === 'absent' ? 'absences.kind.absent' : 'absences.kind.excluded');
}

/** When an absence was: the course of a roll call, else the period vie scolaire entered. */
export function absenceWhen(a: Pick<AbsenceDto, 'startsAt' | 'endsAt' | 'course'>, ctx: LabelContext): string {
  const { t } = ctx;
  const start = clockTime(a.startsAt, ctx);
  const end = clockTime(a.endsAt, ctx);
  const startDay = instantDayLabel(a.startsAt, ctx);
  // a period ending at midnight ends the day before, as people say it
  const endDay = instantDayLabel(new Date(Date.parse(a.endsAt) - 60_000), ctx);
  if (a.course) {
    return t('absences.when.course', { day: startDay, slot: a.course.slotCode, start, end, subject: a.course.subject });
  }
  if (startDay === endDay) return t('absences.when.sameDay', { day: startDay, start, end });
  return t('absences.when.period', { from: startDay, start, to: endDay, end });
}

export type StatusTone = 'unjustified' | 'pending' | 'justified' | 'refused';

/** Where an absence stands, for its chip: a refused justification reads as such until a new one. */
export function statusOf(a: Pick<AbsenceDto, 'justificationStatus' | 'justification'>): StatusTone {
  if (a.justificationStatus === 'unjustified' && a.justification?.decision === 'refused') return 'refused';
  return a.justificationStatus;
}

export function statusLabel(status: StatusTone | JustificationStatus, t: Translate): string {
  return t(`absences.status.${status}`);
}

/** The reason as this reader may see it: a confidential one is never named to families. */
export function reasonText(j: Pick<JustificationDto, 'reason' | 'confidential'>, t: Translate): string {
  if (!j.reason) return t(j.confidential ? 'absences.reason.confidential' : 'absences.reason.none');
  return j.confidential ? t('absences.reason.confidentialNamed', { label: j.reason.label }) : j.reason.label;
}

/** « Vu par Marc Durand à 10:02 », « Julie Lefèvre prévenue, pas encore vu » — who the school told, and who saw it. */
export function noticeLabel(n: Pick<NoticeDto, 'guardianName' | 'acknowledgedAt'>, ctx: LabelContext): string {
  return n.acknowledgedAt
    ? ctx.t('absences.notice.seen', { name: n.guardianName, time: clockTime(n.acknowledgedAt, ctx) })
    : ctx.t('absences.notice.notSeen', { name: n.guardianName });
}

/** What happens to a course whose teacher is away: « Cours annulé », « Remplacé par M. Martin », « Salle changée : B14 ». */
export function dispositionLabel(c: Pick<OccurrenceChangeDto, 'disposition' | 'replacementName' | 'room'>, t: Translate): string {
  switch (c.disposition) {
    case 'cancelled':
      return t('courseChange.cancelled');
    case 'replaced':
      return c.replacementName ? t('courseChange.replacedBy', { name: c.replacementName }) : t('courseChange.replaced');
    case 'moved':
      return c.room ? t('courseChange.movedTo', { room: c.room }) : t('courseChange.moved');
  }
}

export function dispositionChoice(d: CourseDisposition, t: Translate): string {
  return t(`courseChange.choice.${d}`);
}

/** One course change as a family reads it: « Mathématiques (4B), lundi 23 novembre M3 avec Mme Moreau ». */
export function groupChangeLabel(c: GroupCourseChangeDto, ctx: LabelContext): string {
  return ctx.t('courseChange.course', {
    subject: c.subject,
    group: c.groupName,
    day: dayLabel(c.date, ctx),
    slot: c.slotCode,
    teacher: c.teacherName,
  });
}

/** A teacher as the hall screens write them: the hub's rule, for the settings' live example. */
export { boardName } from '../../../../server/contracts/board-name';

/** « 1 absent », « 3 absents »: the French plural by count. */
export function countLabel(n: number, one: Parameters<Translate>[0], other: Parameters<Translate>[0], t: Translate): string {
  return t(n > 1 ? other : one, { n });
}

/** "Léa Durand (4B)". */
export function studentWithClass(a: Pick<AbsenceDto, 'studentName' | 'className'>): string {
  return a.className ? `${a.studentName} (${a.className})` : a.studentName;
}
