import type { CourseWeek, Weekday } from '../../contracts/absence-rules';
import { DEMO_CLASSES, demoTeachers, type DemoTeacher } from '../directory/demo/demo-school';
import { weekdayNames } from './import/courses-format';

// The demo collège's week, placed by a small deterministic greedy scheduler over the teachers
// of the demo directory: the same CSV at every start, so screenshots and docs stay true.

/** The demo day: four slots in the morning, four in the afternoon, breaks at 10:00 and 15:30. */
export const DEMO_SLOTS: ReadonlyArray<readonly [code: string, start: string, end: string]> = [
  ['M1', '08:00', '08:55'],
  ['M2', '09:00', '09:55'],
  ['M3', '10:10', '11:05'],
  ['M4', '11:10', '12:05'],
  ['S1', '13:30', '14:25'],
  ['S2', '14:30', '15:25'],
  ['S3', '15:40', '16:35'],
  ['S4', '16:40', '17:35'],
];

const DAYS: readonly Weekday[] = [1, 2, 3, 4, 5];
const WEDNESDAY = 3;
const AFTERNOON = 4;

// weekly hours of each class, close to the national timetables (6e: 26 h; 5e–3e: 22 h here,
// plus 1 h of SVT / physique-chimie alternating A/B weeks and 3 h of LV2 in level groups)
const HOURS_6E: Record<string, number> = {
  Français: 5, Mathématiques: 4, 'Histoire-géographie': 3, Anglais: 4, SVT: 2, Technologie: 2, 'Arts plastiques': 1, 'Éducation musicale': 1,
};
const HOURS_CYCLE_4: Record<string, number> = {
  Français: 4, Mathématiques: 4, 'Histoire-géographie': 3, Anglais: 3, SVT: 1, 'Physique-chimie': 1, Technologie: 1, 'Arts plastiques': 1, 'Éducation musicale': 1,
};
const CORE = new Set(['Français', 'Mathématiques', 'Anglais', 'Histoire-géographie']);

const HOME_ROOMS: Record<string, string> = {
  '6A': 'A11', '6B': 'A12', '6C': 'A13', '5A': 'A21', '5B': 'A22', '5C': 'A23',
  '4A': 'B11', '4B': 'B12', '4C': 'B13', '3A': 'B21', '3B': 'B22', '3C': 'B23',
};

/** One line of the courses file. */
export interface DemoCourse {
  group: string;
  subject: string;
  teacher: DemoTeacher;
  weekday: Weekday;
  slot: number;
  room: string;
  week: CourseWeek;
}

type Part = Omit<DemoCourse, 'weekday' | 'slot'>;

/** Courses held together: their classes are busy, each teacher busy in their course's weeks. */
interface Session {
  parts: Part[];
  /** Classes that must be free: the groups' own classes (LV2 and Latin pupils leave theirs). */
  classes: string[];
  length: 1 | 2;
  prefer: 'morning' | 'late' | 'any';
}

/** The demo collège's weekly timetable, deterministic. */
export function demoCourses(): DemoCourse[] {
  const teachers = demoTeachers();
  const profDemo = teachers.find((t) => t.login === 'prof.demo')!;
  const teacherOf = (group: string, subject: string) => {
    const t = teachers.find((x) => x.subject === subject && x.groups.includes(group));
    if (!t) throw new Error(`démo : aucun enseignant de ${subject} en ${group}`);
    return t;
  };
  const rooms = new Map<DemoTeacher, string>();
  const roomOf = (teacher: DemoTeacher, group: string, subject: string): string => {
    if (CORE.has(subject) && HOME_ROOMS[group]) return HOME_ROOMS[group];
    if (!rooms.has(teacher)) {
      const same = [...rooms.keys()].filter((t) => t.subject === teacher.subject).length + 1;
      const bySubject: Record<string, string> = {
        SVT: `Labo ${same}`, 'Physique-chimie': `Labo ${same + 2}`, Technologie: 'Techno 1', EPS: same === 1 ? 'Gymnase' : 'Plateau sportif',
        'Arts plastiques': 'Arts plastiques', 'Éducation musicale': 'Salle de musique', Espagnol: `C0${same}`, Allemand: 'C03', Français: 'C04',
      };
      rooms.set(teacher, bySubject[teacher.subject] ?? 'CDI');
    }
    return rooms.get(teacher)!;
  };
  const part = (group: string, subject: string, teacher = teacherOf(group, subject), week: CourseWeek = 'all'): Part => ({
    group, subject, teacher, room: roomOf(teacher, group, subject), week,
  });
  const level = (l: string) => DEMO_CLASSES.filter((c) => c.startsWith(l));

  const grid = new Grid();
  // prof.demo has a course every weekday morning, so a roll call can be tried any day
  const profDemoWeek: Array<[string, Weekday, number]> = [
    ['4A', 1, 0], ['4A', 2, 2], ['4A', 4, 0], ['4A', 5, 1],
    ['4B', 1, 2], ['4B', 3, 0], ['4B', 4, 2], ['4B', 5, 3],
    ['3A', 2, 0], ['3A', 3, 2], ['3A', 4, 4], ['3A', 5, 0],
  ];
  for (const [group, day, slot] of profDemoWeek) {
    grid.place({ parts: [part(group, 'Français', profDemo)], classes: [group], length: 1, prefer: 'morning' }, day, slot);
  }

  // most constrained first: several classes or teachers at once, then two-hour blocks
  const sessions: Session[] = [];
  for (const l of ['5', '4', '3']) {
    for (let h = 0; h < 3; h++) {
      sessions.push({ parts: [part(`${l}-ESPAGNOL`, 'Espagnol'), part(`${l}-ALLEMAND`, 'Allemand')], classes: level(l), length: 1, prefer: 'any' });
    }
    sessions.push({ parts: [part(`${l}-LATIN`, 'Latin', profDemo)], classes: level(l), length: 1, prefer: 'late' });
  }
  for (let h = 0; h < 2; h++) sessions.push({ parts: [part('6-BILANGUE', 'Allemand')], classes: level('6'), length: 1, prefer: 'late' });
  for (const c of DEMO_CLASSES) {
    const sixth = c.startsWith('6');
    sessions.push({ parts: [part(c, 'EPS')], classes: [c], length: 2, prefer: 'any' });
    sessions.push(sixth ? { parts: [part(c, 'EPS')], classes: [c], length: 2, prefer: 'any' } : { parts: [part(c, 'EPS')], classes: [c], length: 1, prefer: 'any' });
    if (!sixth) {
      // one hour every other week each: SVT in week A, physique-chimie in week B
      sessions.push({
        parts: [part(c, 'SVT', teacherOf(c, 'SVT'), 'A'), part(c, 'Physique-chimie', teacherOf(c, 'Physique-chimie'), 'B')],
        classes: [c],
        length: 1,
        prefer: 'any',
      });
    }
  }
  for (const c of DEMO_CLASSES) {
    for (const [subject, hours] of Object.entries(c.startsWith('6') ? HOURS_6E : HOURS_CYCLE_4)) {
      const teacher = teacherOf(c, subject);
      // prof.demo's French hours are placed above
      if (teacher === profDemo) continue;
      for (let h = 0; h < hours; h++) sessions.push({ parts: [part(c, subject, teacher)], classes: [c], length: 1, prefer: CORE.has(subject) ? 'morning' : 'any' });
    }
  }
  for (const s of sessions) grid.placeBest(s);
  return grid.courses.sort((a, b) => a.weekday - b.weekday || a.slot - b.slot || a.group.localeCompare(b.group) || a.week.localeCompare(b.week));
}

/** The slots file of the demo collège. */
export function demoSlotsCsv(): string {
  return ['code;debut;fin', ...DEMO_SLOTS.map((s) => s.join(';'))].join('\n') + '\n';
}

/** The courses file of the demo collège; prof.demo is named by login, the others by their STS id. */
export function demoCoursesCsv(): string {
  const lines = demoCourses().map((c) =>
    [c.group, c.subject, c.teacher.login ?? c.teacher.id, weekdayNames[c.weekday], DEMO_SLOTS[c.slot][0], c.room, c.week === 'all' ? '' : c.week].join(';'),
  );
  return ['classe;matiere;enseignant;jour;creneau;salle;semaine', ...lines].join('\n') + '\n';
}

/** Who is busy when, and the greedy choice of a place for each session. */
class Grid {
  readonly courses: DemoCourse[] = [];
  private readonly classBusy = new Set<string>();
  private readonly teacherBusy = new Map<string, Set<'A' | 'B'>>();
  private readonly load = new Map<string, number>();
  private readonly subjectsOfDay = new Map<string, Set<string>>();

  place(s: Session, day: Weekday, slot: number): void {
    if (!this.fits(s, day, slot)) throw new Error(`démo : ${s.parts[0].group} ${s.parts[0].subject} ne tient pas le jour ${day} au créneau ${slot}`);
    for (let i = 0; i < s.length; i++) {
      for (const c of s.classes) {
        this.classBusy.add(`${c}|${day}|${slot + i}`);
        this.bump(`${c}|${day}`);
      }
      for (const p of s.parts) {
        const key = `${p.teacher.id}|${day}|${slot + i}`;
        const weeks = this.teacherBusy.get(key) ?? new Set();
        for (const w of p.week === 'all' ? (['A', 'B'] as const) : [p.week]) weeks.add(w);
        this.teacherBusy.set(key, weeks);
        this.bump(p.teacher.id + `|${day}`);
        this.courses.push({ ...p, weekday: day, slot: slot + i });
      }
    }
    for (const c of s.classes) {
      const subjects = this.subjectsOfDay.get(`${c}|${day}`) ?? new Set();
      for (const p of s.parts) subjects.add(p.subject);
      this.subjectsOfDay.set(`${c}|${day}`, subjects);
    }
  }

  /** Lowest cost place: the same subject twice a day, heavy days and gaps cost most; ties go to the earliest. */
  placeBest(s: Session): void {
    let best: { day: Weekday; slot: number; cost: number } | null = null;
    for (const day of DAYS) {
      for (let slot = 0; slot < 8; slot += s.length) {
        if (!this.fits(s, day, slot)) continue;
        let cost = 0;
        for (const c of s.classes) {
          if (s.parts.some((p) => this.subjectsOfDay.get(`${c}|${day}`)?.has(p.subject))) cost += 20;
          cost += 2 * (this.load.get(`${c}|${day}`) ?? 0);
          // optional hours (Latin, bilangue) come after the day's courses: a gap there is expected
          if (s.prefer !== 'late') cost += this.gapCost(c, day, slot);
        }
        for (const p of s.parts) cost += this.load.get(`${p.teacher.id}|${day}`) ?? 0;
        if (s.prefer === 'morning' && slot >= AFTERNOON) cost += 3;
        if (s.prefer === 'late' && slot < 6) cost += 8;
        if (!best || cost < best.cost) best = { day, slot, cost };
      }
    }
    if (!best) throw new Error(`démo : aucune place pour ${s.parts.map((p) => `${p.group} ${p.subject}`).join(' + ')}`);
    this.place(s, best.day, best.slot);
  }

  private fits(s: Session, day: number, slot: number): boolean {
    for (let i = 0; i < s.length; i++) {
      const at = slot + i;
      // Wednesday afternoon is free in French collèges
      if (at >= 8 || (day === WEDNESDAY && at >= AFTERNOON)) return false;
      if (s.classes.some((c) => this.classBusy.has(`${c}|${day}|${at}`))) return false;
      for (const p of s.parts) {
        const weeks = this.teacherBusy.get(`${p.teacher.id}|${day}|${at}`);
        if (weeks && (p.week === 'all' ? weeks.size > 0 : weeks.has(p.week))) return false;
      }
    }
    return true;
  }

  // pupils waiting three hours for one course is what the demo must not show
  private gapCost(c: string, day: number, slot: number): number {
    const busy = [0, 1, 2, 3, 4, 5, 6, 7].filter((at) => this.classBusy.has(`${c}|${day}|${at}`));
    if (busy.length === 0) return slot / 2;
    const distance = Math.min(...busy.map((at) => Math.abs(at - slot)));
    return 3 * (distance - 1);
  }

  private bump(key: string): void {
    this.load.set(key, (this.load.get(key) ?? 0) + 1);
  }
}
