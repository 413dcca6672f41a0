import type { AbsenceDto, GroupCourseChangeDto, JustificationDto } from '../../../../server/contracts/absences';
import type { EventEnvelope } from '../../../../server/contracts/events';
import type { Profile, StaffFunction } from '../../../../server/contracts/profiles';
import type { OccurrenceDto } from '../../../../server/contracts/timetable';
import type { Locale } from '../../../shared/i18n';
import type { Translate } from '../i18n';
import { absenceWhen, dispositionLabel, groupChangeLabel, kindLabel, reasonText, studentWithClass } from './absence-labels';
import { str, type EventDescription, type Payload } from './event-payload';
import { followsAbsences, routeHref } from './routes';

export type AbsenceDescription = EventDescription<'absence'>;

export interface AbsenceEventContext {
  t: Translate;
  locale: Locale;
  timeZone: string;
  me: { current: { profile: Profile; staffFunction: StaffFunction | null } };
}


/** An absence as the event carries it, if it has the fields the words need. */
function absenceOf(data: Payload): AbsenceDto | null {
  const a = data.absence as AbsenceDto | undefined;
  return a && typeof a.studentName === 'string' && typeof a.startsAt === 'string' && typeof a.kind === 'string' ? a : null;
}

/**
 * The live list's words for absence, roll-call and teacher-absence events; null for a payload
 * of another shape, which then reads as generic absence activity rather than breaking the list.
 */
export function describeAbsence(event: EventEnvelope, ctx: AbsenceEventContext): AbsenceDescription | null {
  const { t } = ctx;
  const data = (event.data ?? {}) as Payload;
  const staff = followsAbsences(ctx.me.current.profile, ctx.me.current.staffFunction);
  const absencesPage = staff ? routeHref({ name: 'dashboard' }) : ['guardian', 'student'].includes(ctx.me.current.profile) ? routeHref({ name: 'absences' }) : null;
  const labels = { t, locale: ctx.locale, timeZone: ctx.timeZone };
  switch (event.type) {
    case 'absence.recorded':
    case 'absence.corrected': {
      const a = absenceOf(data);
      if (!a) return null;
      const key = event.type === 'absence.recorded' ? 'event.absence.recorded' : 'event.absence.corrected';
      return {
        icon: 'absence',
        title: t(key, { name: studentWithClass(a) }),
        description: `${kindLabel(a.kind, a.lateMinutes, t)} · ${absenceWhen(a, labels)}`,
        href: absencesPage,
      };
    }
    case 'absence.removed': {
      const name = str(data.studentName);
      if (name === null) return null;
      return { icon: 'absence', title: t('event.absence.removed', { name }), description: null, href: absencesPage };
    }
    case 'absence.acknowledged': {
      const name = str(data.guardianName);
      if (name === null) return null;
      return { icon: 'absence', title: t('event.absence.acknowledged', { name }), description: null, href: absencesPage };
    }
    case 'absence.justification_submitted': {
      const name = str(data.studentName);
      if (name === null) return null;
      const n = Array.isArray(data.absenceIds) ? data.absenceIds.length : 1;
      return {
        icon: 'absence',
        title: t('event.absence.justificationSubmitted', { name }),
        description: t(n > 1 ? 'event.absence.covers.other' : 'event.absence.covers.one', { n }),
        href: staff ? routeHref({ name: 'justifications' }) : null,
      };
    }
    case 'absence.justification_reviewed': {
      const j = data.justification as JustificationDto | undefined;
      if (!j || typeof j.decision !== 'string') return null;
      const accepted = j.decision === 'accepted';
      const comment = str(j.reviewComment)?.trim();
      return {
        icon: 'absence',
        title: t(accepted ? 'event.absence.justificationAccepted' : 'event.absence.justificationRefused'),
        description: [reasonText(j, t), !accepted && comment ? `«\u00a0${comment}\u00a0»` : null].filter(Boolean).join(' · ') || null,
        href: absencesPage,
      };
    }
    case 'rollcall.submitted': {
      const o = data.occurrence as OccurrenceDto | undefined;
      if (!o || typeof o.groupName !== 'string') return null;
      const rc = o.rollCall;
      const figures = rc
        ? [
            t(rc.absent > 1 ? 'rollCall.countN.absent.other' : 'rollCall.countN.absent.one', { n: rc.absent }),
            t(rc.late > 1 ? 'rollCall.countN.late.other' : 'rollCall.countN.late.one', { n: rc.late }),
          ].join(', ')
        : null;
      return {
        icon: 'absence',
        title: t('event.rollcall.submitted', { group: o.groupName, subject: o.subject, slot: o.slotCode }),
        description: [rc?.takenByName ? t('event.by', { name: rc.takenByName }) : null, figures].filter(Boolean).join(' · ') || null,
        href: staff ? routeHref({ name: 'dashboard' }) : null,
      };
    }
    case 'teacher_absence.recorded':
    case 'teacher_absence.updated':
    case 'teacher_absence.cancelled': {
      const changes = data.changes as GroupCourseChangeDto[] | undefined;
      if (!Array.isArray(changes) || changes.length === 0 || typeof changes[0]?.subject !== 'string') return null;
      const first = changes[0];
      const restored = event.type === 'teacher_absence.cancelled';
      const title = restored
        ? t('event.teacherAbsence.cancelled')
        : t(event.type === 'teacher_absence.recorded' ? 'event.teacherAbsence.recorded' : 'event.teacherAbsence.updated');
      const more = changes.length > 1 ? ` ${t('event.teacherAbsence.more', { n: changes.length - 1 })}` : '';
      const what = restored ? t('courseChange.restored') : dispositionLabel(first, t);
      return {
        icon: 'absence',
        title,
        description: `${what}\u00a0: ${groupChangeLabel(first, labels)}${more}`,
        href: staff ? routeHref({ name: 'teacherAbsences' }) : absencesPage,
      };
    }
    default:
      return null;
  }
}
