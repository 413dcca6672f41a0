import { describe, expect, it } from 'vitest';
import { HubClock } from '../../clients/web/src/lib/hub-clock';
import {
  gridMove,
  marksOfSheet,
  nextMark,
  parseLateMinutes,
  pickCurrentOccurrence,
  restoreDraft,
  sameMarks,
  serializeDraft,
  sheetState,
  sortOccurrences,
  summarize,
  toSubmission,
  withMark,
  type Mark,
} from '../../clients/web/src/lib/roll-call';
import type { RollCallSheetDto } from '../../server/contracts/absences';
import { HUGO, LEA, occurrence } from './absences-fixtures';

const INES = '00000000-0000-4000-8000-000000000003';
const students = [LEA, HUGO, INES].map((id, i) => ({ id, firstName: ['Léa', 'Hugo', 'Inès'][i], lastName: 'X', mark: null }));

const M2 = occurrence({ courseId: '10000000-0000-4000-8000-000000000002', slotCode: 'M2', startsAt: '2026-11-23T08:00:00Z', endsAt: '2026-11-23T08:55:00Z' });
const M3 = occurrence();
// back to back with M3: its roll call opens (10 min before) while M3 is still on
const M4 = occurrence({ courseId: '10000000-0000-4000-8000-000000000004', slotCode: 'M4', startsAt: '2026-11-23T10:10:00Z', endsAt: '2026-11-23T11:05:00Z', groupName: '3A' });
const at = (iso: string) => new Date(iso);

describe('roll-call marks', () => {
  it('cycles présent → absent → retard → exclu → présent in one tap each', () => {
    const seen: Array<Mark | null> = [];
    let mark: Mark | null = null;
    for (let i = 0; i < 4; i++) {
      mark = nextMark(mark);
      seen.push(mark);
    }
    expect(seen).toEqual([{ kind: 'absent', lateMinutes: null }, { kind: 'late', lateMinutes: null }, { kind: 'excluded', lateMinutes: null }, null]);
    // a late mark with its minutes moves on the same way
    expect(nextMark({ kind: 'late', lateMinutes: 10 })).toEqual({ kind: 'excluded', lateMinutes: null });
  });

  it('counts the summary bar and lists the late students still without minutes', () => {
    let marks: Map<string, Mark> = new Map();
    marks = withMark(marks, LEA, { kind: 'absent', lateMinutes: null });
    marks = withMark(marks, HUGO, { kind: 'late', lateMinutes: null });
    expect(summarize(students, marks)).toEqual({ total: 3, present: 1, absent: 1, late: 1, excluded: 0, missingMinutes: [HUGO] });
    marks = withMark(marks, HUGO, { kind: 'late', lateMinutes: 5 });
    expect(summarize(students, marks).missingMinutes).toEqual([]);
    // a student no longer on the sheet is not counted
    marks = withMark(marks, '00000000-0000-4000-8000-000000000099', { kind: 'absent', lateMinutes: null });
    expect(summarize(students, marks).absent).toBe(1);
    marks = withMark(marks, LEA, null);
    expect(summarize(students, marks).present).toBe(2);
  });

  it('sends every non-present student of the sheet, minutes only for a late one', () => {
    const marks = new Map<string, Mark>([
      [INES, { kind: 'excluded', lateMinutes: 12 }],
      [LEA, { kind: 'late', lateMinutes: 15 }],
      ['00000000-0000-4000-8000-000000000099', { kind: 'absent', lateMinutes: null }],
    ]);
    expect(toSubmission(students, marks)).toEqual({
      marks: [
        { studentId: LEA, kind: 'late', lateMinutes: 15 },
        { studentId: INES, kind: 'excluded', lateMinutes: null },
      ],
    });
    expect(toSubmission(students, new Map())).toEqual({ marks: [] });
  });

  it('compares marks as the hub would store them', () => {
    const a = new Map<string, Mark>([[LEA, { kind: 'late', lateMinutes: 5 }]]);
    expect(sameMarks(a, new Map([[LEA, { kind: 'late', lateMinutes: 5 }]]))).toBe(true);
    expect(sameMarks(a, new Map([[LEA, { kind: 'late', lateMinutes: 10 }]]))).toBe(false);
    expect(sameMarks(a, new Map([[LEA, { kind: 'absent', lateMinutes: null }]]))).toBe(false);
    expect(sameMarks(a, new Map())).toBe(false);
    expect(sameMarks(new Map([[LEA, { kind: 'absent', lateMinutes: 3 }]]), new Map([[LEA, { kind: 'absent', lateMinutes: null }]]))).toBe(true);
  });

  it('reads the marks of a sheet', () => {
    const sheet = { students: [{ ...students[0], mark: { kind: 'late' as const, lateMinutes: 7 } }, students[1]] };
    expect([...marksOfSheet(sheet)]).toEqual([[LEA, { kind: 'late', lateMinutes: 7 }]]);
  });

  it('accepts « Autre » minutes within the hub’s limit only', () => {
    expect(parseLateMinutes(' 25 ')).toBe(25);
    expect(parseLateMinutes('240')).toBe(240);
    for (const bad of ['', '0', '241', '2.5', '-3', 'dix', '1e2']) expect(parseLateMinutes(bad), bad).toBeNull();
  });
});

describe('current course by the hub’s time', () => {
  it('picks the course from ten minutes before it starts until it ends', () => {
    const day = [M2, M3];
    expect(pickCurrentOccurrence(day, at('2026-11-23T08:59:00Z'))).toBeNull(); // 09:59, the break
    expect(pickCurrentOccurrence(day, at('2026-11-23T09:00:00Z'))?.slotCode).toBe('M3'); // 10:00, opens
    expect(pickCurrentOccurrence(day, at('2026-11-23T09:15:00Z'))?.slotCode).toBe('M3');
    expect(pickCurrentOccurrence(day, at('2026-11-23T10:05:00Z'))?.slotCode).toBe('M3'); // the last minute
    expect(pickCurrentOccurrence(day, at('2026-11-23T10:06:00Z'))).toBeNull();
    expect(pickCurrentOccurrence([], at('2026-11-23T09:15:00Z'))).toBeNull();
  });

  it('when two overlap, the one still to take comes first, then the one under way', () => {
    const overlap = at('2026-11-23T10:02:00Z'); // 11:02: M3 ends at 11:05, M4 opened at 11:00
    expect(pickCurrentOccurrence([M4, M3], overlap)?.slotCode).toBe('M3');
    const m3Done = { ...M3, rollCall: { submittedAt: '2026-11-23T09:20:00Z', takenByName: 'Claire Moreau', absent: 0, late: 0, excluded: 0 } };
    expect(pickCurrentOccurrence([m3Done, M4], overlap)?.slotCode).toBe('M4');
    const m4Cancelled = { ...M4, change: { disposition: 'cancelled' as const, replacementName: null, room: null } };
    expect(pickCurrentOccurrence([m3Done, m4Cancelled], overlap)?.slotCode).toBe('M3');
    // a cancelled course alone is still "the current one", shown as cancelled
    expect(pickCurrentOccurrence([m4Cancelled], at('2026-11-23T10:30:00Z'))?.slotCode).toBe('M4');
  });

  it('orders the day’s list by time, then class', () => {
    const other = occurrence({ courseId: '10000000-0000-4000-8000-000000000009', groupName: '3A' });
    expect(sortOccurrences([M4, M3, M2, other]).map((o) => `${o.slotCode} ${o.groupName}`)).toEqual(['M2 4B', 'M3 3A', 'M3 4B', 'M4 3A']);
  });

  it('runs on from the hub’s time with the device’s elapsed time, whatever the device’s clock says', () => {
    let device = Date.parse('2025-01-01T00:00:00Z'); // a classroom computer a year behind
    const clock = new HubClock(() => device);
    expect(clock.synced).toBe(false);
    clock.sync('2026-11-23T09:15:00.000Z');
    expect(clock.synced).toBe(true);
    device += 90_000;
    expect(clock.now().toISOString()).toBe('2026-11-23T09:16:30.000Z');
    clock.sync('not a date');
    expect(clock.now().toISOString()).toBe('2026-11-23T09:16:30.000Z');
    expect(pickCurrentOccurrence([M2, M3], clock.now())?.slotCode).toBe('M3');
  });

  it('tells a closed sheet from one not open yet', () => {
    const sheet = { open: false, occurrence: M3 };
    expect(sheetState(sheet, at('2026-11-23T08:30:00Z'))).toBe('notYetOpen');
    expect(sheetState(sheet, at('2026-11-23T10:30:00Z'))).toBe('closed');
    expect(sheetState({ ...sheet, open: true }, at('2026-11-23T10:30:00Z'))).toBe('open');
  });
});

describe('keyboard grid', () => {
  it('moves by tile and by row, stops at the edges', () => {
    // 8 tiles in rows of 3
    expect(gridMove(0, 'ArrowRight', 8, 3)).toBe(1);
    expect(gridMove(3, 'ArrowLeft', 8, 3)).toBe(2);
    expect(gridMove(1, 'ArrowDown', 8, 3)).toBe(4);
    expect(gridMove(4, 'ArrowUp', 8, 3)).toBe(1);
    expect(gridMove(6, 'ArrowDown', 8, 3)).toBeNull();
    expect(gridMove(0, 'ArrowLeft', 8, 3)).toBeNull();
    expect(gridMove(7, 'ArrowRight', 8, 3)).toBeNull();
    expect(gridMove(5, 'Home', 8, 3)).toBe(0);
    expect(gridMove(2, 'End', 8, 3)).toBe(7);
    expect(gridMove(7, 'End', 8, 3)).toBeNull();
    expect(gridMove(2, ' ', 8, 3)).toBeNull();
    expect(gridMove(2, 'ArrowDown', 8, 0)).toBe(3);
  });
});

describe('roll-call drafts', () => {
  const sheet = (submittedAt: string | null): Pick<RollCallSheetDto, 'students' | 'submittedAt'> => ({ students, submittedAt });
  const marks = new Map<string, Mark>([
    [LEA, { kind: 'late', lateMinutes: 5 }],
    ['00000000-0000-4000-8000-000000000099', { kind: 'absent', lateMinutes: null }],
  ]);

  it('restores unsent marks for the students still on the sheet', () => {
    const raw = serializeDraft(marks, at('2026-11-23T09:20:00Z'));
    expect([...restoreDraft(raw, sheet(null))!]).toEqual([[LEA, { kind: 'late', lateMinutes: 5 }]]);
    // submitted before the draft was made: the draft is newer
    expect(restoreDraft(raw, sheet('2026-11-23T09:19:00Z'))).not.toBeNull();
  });

  it('drops a draft older than what the hub has, or unreadable', () => {
    const raw = serializeDraft(marks, at('2026-11-23T09:20:00Z'));
    expect(restoreDraft(raw, sheet('2026-11-23T09:21:00Z'))).toBeNull();
    expect(restoreDraft(null, sheet(null))).toBeNull();
    expect(restoreDraft('{', sheet(null))).toBeNull();
    expect(restoreDraft('{"savedAt":1}', sheet(null))).toBeNull();
    const odd = JSON.stringify({ savedAt: '2026-11-23T09:20:00Z', marks: [[LEA, { kind: 'asleep' }], [HUGO, { kind: 'late', lateMinutes: 'x' }]] });
    expect([...restoreDraft(odd, sheet(null))!]).toEqual([[HUGO, { kind: 'late', lateMinutes: null }]]);
  });
});
