import { describe, expect, it } from 'vitest';
import type { CourseDto, SlotDto } from '../../server/contracts/timetable';
import { ApiError } from '../../clients/shared/api';
import { absencesNavPages, allowedRoute, parseRoute, routeHref } from '../../clients/web/src/lib/routes';
import { coursesByDay, groupOptions, isMonday, refusedReport, weekdayName, weekLetter } from '../../clients/web/src/lib/timetable';

const slots: SlotDto[] = [
  { id: 's2', code: 'M2', startTime: '09:00', endTime: '09:55' },
  { id: 's1', code: 'M1', startTime: '08:00', endTime: '08:55' },
];

const course = (over: Partial<CourseDto>): CourseDto => ({
  id: over.id ?? Math.random().toString(36),
  groupId: 'g4b',
  groupName: '4B',
  teacherId: 't',
  teacherName: 'Claire Moreau',
  subject: 'Mathématiques',
  weekday: 1,
  slotId: 's1',
  slotCode: 'M1',
  room: null,
  week: 'all',
  ...over,
});

describe('timetable page', () => {
  it('has its hash, for direction and admins only', () => {
    expect(parseRoute(routeHref({ name: 'timetable' }))).toEqual({ name: 'timetable' });
    expect(routeHref({ name: 'timetable' })).toBe('#/emploi-du-temps');
    expect(absencesNavPages('direction')).toEqual(['dashboard', 'rollCall', 'justifications', 'teacherAbsences', 'timetable']);
    expect(absencesNavPages('admin')).toEqual(['teacherAbsences', 'timetable']);
    expect(absencesNavPages('staff', 'vie_scolaire')).not.toContain('timetable');
    expect(allowedRoute({ name: 'timetable' }, 'teacher')).toEqual({ name: 'feed' });
    expect(allowedRoute({ name: 'timetable' }, 'admin')).toEqual({ name: 'timetable' });
  });

  it('lays the week out by day and slot, filtered by class', () => {
    const courses = [
      course({ id: 'a', slotId: 's2', slotCode: 'M2' }),
      course({ id: 'b', groupId: 'g3a', groupName: '3A', week: 'A' }),
      course({ id: 'c', weekday: 6, groupId: 'g10', groupName: '4-LATIN' }),
    ];
    const week = coursesByDay(courses, slots);
    expect(week.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(week[0].courses.map((c) => c.id)).toEqual(['b', 'a']);
    const only4B = coursesByDay(courses, slots, 'g4b');
    expect(only4B.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5]);
    expect(only4B.flatMap((d) => d.courses).map((c) => c.id)).toEqual(['a']);
    expect(groupOptions(courses).map((g) => g.name)).toEqual(['3A', '4-LATIN', '4B']);
    expect(weekdayName(1, 'fr')).toBe('lundi');
    expect(weekdayName(6, 'en')).toBe('Saturday');
  });

  it('checks the week A Monday and tells the week', () => {
    expect(isMonday('2026-11-16')).toBe(true);
    expect(isMonday('2026-11-17')).toBe(false);
    expect(isMonday('2026-02-30')).toBe(false);
    expect(weekLetter('2026-11-16', '2026-11-20')).toBe('A');
    expect(weekLetter('2026-11-16', '2026-11-23')).toBe('B');
    expect(weekLetter('2026-11-16', '2026-11-09')).toBe('B');
    expect(weekLetter(null, '2026-11-23')).toBeNull();
  });

  it('reads the report of a refused file, its lines in order', () => {
    const err = new ApiError(422, 'import_invalid', 'refusé', {
      kind: 'courses',
      dryRun: true,
      applied: false,
      rows: 4,
      created: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      errors: [
        { line: 5, reason: 'b' },
        { line: 3, reason: 'a' },
      ],
    });
    expect(refusedReport(err)?.errors.map((e) => e.line)).toEqual([3, 5]);
    expect(refusedReport(new ApiError(400, 'validation_failed', 'x'))).toBeNull();
  });
});
