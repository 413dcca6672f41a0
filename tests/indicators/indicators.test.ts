import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorsDto } from '../../server/contracts/indicators';
import { rollUp, rollUpReach } from '../../server/modules/indicators/rollups';
import { addToGroup, createGroup, linkGuardian } from '../helpers/factories';
import { createPerson, createSchool } from '../helpers/factories';
import { signIn, type Session } from '../helpers/http-client';
import { seededRandom } from '../helpers/seeded-random';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { kiosk, pairScreen } from '../signage/signage-setup';

let hub: TestHub;
const clock = new TestClock();
let school: Awaited<ReturnType<typeof createSchool>>;
const sessions = {} as Record<'direction' | 'admin' | 'guardian' | 'teacher' | 'student' | 'staff', Session>;
const sql = (text: string, values: unknown[] = []) => hub.database.executeSql(text, values).then((r) => r.rows as any[]);

// November 2026, Paris (UTC+1 all month): a month of activity drawn from a seeded generator
const DAYS = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
const isoWeekday = (day: string) => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

interface Usage {
  personId: string;
  profile: string;
  day: string;
  hour: number;
}
const usage: Usage[] = [];
const deliveries: Array<{ personId: string; day: string; channel: string; status: string }> = [];
/** Per news item: its title, and per guardian the class of their child ('—' without one) and whether they read it (and when). */
const news: Array<{ id: string; title: string; day: string; readers: Map<string, { className: string; readDay: string | null }> }> = [];
/** Per list send: per guardian, the class it reached them through and whether they read it. */
const sends: Array<{ id: string; subject: string; day: string; readers: Map<string, { className: string; read: boolean }> }> = [];
/** Per absence alert: seconds to the first acknowledgement, or null. */
const alerts: Array<number | null> = [];

beforeAll(async () => {
  hub = await startTestHub({ clock });
  const db = hub.database.db;
  school = await createSchool(db, { name: 'Collège des Indicateurs' });
  const people: Array<{ id: string; profile: string; login: string }> = [];
  const add = async (profile: 'guardian' | 'teacher' | 'student' | 'direction' | 'admin' | 'staff', n: number) => {
    for (let i = 0; i < n; i++) people.push({ ...(await createPerson(db, school.id, profile)), profile });
  };
  // 3 students and 2 direction members: always fewer than 5, never shown
  await add('guardian', 25);
  await add('teacher', 10);
  await add('student', 3);
  await add('direction', 2);
  await add('admin', 1);
  await add('staff', 1);
  for (const profile of Object.keys({ direction: 1, admin: 1, guardian: 1, teacher: 1, student: 1, staff: 1 }) as Array<keyof typeof sessions>) {
    sessions[profile] = await signIn(hub.url, people.find((p) => p.profile === profile)!.login);
  }

  const draw = seededRandom(42);
  const chance: Record<string, number> = { guardian: 0.45, teacher: 0.8, student: 0.9, direction: 0.9, admin: 0.3, staff: 0.5 };
  for (const day of DAYS) {
    for (const p of people) {
      if (draw() > chance[p.profile]) continue;
      const hours = new Set(Array.from({ length: 1 + Math.floor(draw() * 3) }, () => 7 + Math.floor(draw() * 15)));
      for (const hour of hours) usage.push({ personId: p.id, profile: p.profile, day, hour });
    }
  }
  for (let i = 0; i < usage.length; i += 500) {
    const part = usage.slice(i, i + 500);
    const values = part.map((_, k) => `($1, $${k * 3 + 2}, $${k * 3 + 3}::profile, $${k * 3 + 4}::timestamptz)`).join(', ');
    // local hour h in Paris in November is h − 1 UTC, the same day
    const params = part.flatMap((u) => [u.personId, u.profile, `${u.day}T${String(u.hour - 1).padStart(2, '0')}:00:00Z`]);
    await sql(`insert into usage_hours (school_id, person_id, profile, hour) values ${values}`, [school.id, ...params]);
  }

  // deliveries: one notification per guardian and day drawn, pushed or emailed, sent or failed
  const guardians = people.filter((p) => p.profile === 'guardian');
  for (const day of DAYS.slice(0, 10)) {
    for (const g of guardians) {
      if (draw() > 0.5) continue;
      const channel = draw() > 0.3 ? 'push' : 'email';
      const status = draw() > 0.2 ? 'sent' : 'failed';
      const [n] = await sql(
        `insert into notifications (school_id, person_id, category, dedupe_key, title, body, url) values ($1, $2, 'news', $3, 'Info', 'Info', '/') returning id`,
        [school.id, g.id, `test:${day}:${g.id}`],
      );
      await sql(`insert into notification_deliveries (notification_id, person_id, channel, status, due_at, created_at, sent_at) values ($1, $2, $3, $4, $5, $5, $6)`, [
        n.id,
        g.id,
        channel,
        status,
        `${day}T09:30:00Z`,
        status === 'sent' ? `${day}T09:31:00Z` : null,
      ]);
      deliveries.push({ personId: g.id, day, channel, status });
    }
  }
  // children in two classes: 12 guardians' in 6A, 10 in 6B, 3 with none; then 3 news items to all guardians
  const c6A = await createGroup(db, school.id, '6A');
  const c6B = await createGroup(db, school.id, '6B');
  const classOf = new Map<string, string>();
  for (const [i, g] of guardians.entries()) {
    if (i >= 22) {
      classOf.set(g.id, '—');
      continue;
    }
    const child = await createPerson(db, school.id, 'student');
    await linkGuardian(db, school.id, g.id, child.id);
    await addToGroup(db, (i < 12 ? c6A : c6B).id, child.id);
    classOf.set(g.id, i < 12 ? '6A' : '6B');
  }
  for (const [k, title] of ['Réunion de rentrée', 'Photos de classe', 'Menu de Noël'].entries()) {
    const res = await sessions.direction.request(`/api/schools/${school.uai}/news`, {
      method: 'POST',
      json: { title, bodyHtml: `<p>${title}</p>`, category: 'vie_scolaire', audience: [{ kind: 'school', profiles: ['guardian'] }], intent: 'publish' },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const day = DAYS[3 + k * 7];
    await sql(`update news_items set published_at = $2 where id = $1`, [id, `${day}T08:00:00Z`]);
    const readers = new Map<string, { className: string; readDay: string | null }>();
    for (const g of guardians) {
      const readDay = draw() < 0.6 - k * 0.2 ? DAYS[3 + k * 7 + Math.floor(draw() * 3)] : null;
      if (readDay) await sql(`update news_recipients set read_at = $3 where news_id = $1 and person_id = $2`, [id, g.id, `${readDay}T18:00:00Z`]);
      readers.set(g.id, { className: classOf.get(g.id)!, readDay });
    }
    news.push({ id, title, day, readers });
  }
  // absence alerts for the children: told to their guardian, acknowledged after a delay or never
  const children = await sql(`select student_id as id, guardian_id as guardian from guardianships where school_id = $1`, [school.id]);
  for (const [i, c] of children.entries()) {
    const day = DAYS[i % 28];
    const [a] = await sql(
      `insert into absences (school_id, student_id, kind, starts_at, ends_at, source) values ($1, $2, 'absent', $3, $4, 'vie_scolaire') returning id`,
      [school.id, c.id, `${day}T07:00:00Z`, `${day}T11:00:00Z`],
    );
    const delay = draw() < 0.15 ? null : Math.floor(60 + draw() * 7200);
    const notified = Date.parse(`${day}T08:05:00Z`);
    await sql(`insert into absence_notices (absence_id, guardian_id, notified_at, acknowledged_at) values ($1, $2, $3, $4)`, [
      a.id,
      c.guardian,
      new Date(notified).toISOString(),
      delay === null ? null : new Date(notified + delay * 1000).toISOString(),
    ]);
    alerts.push(delay);
  }
  // two sends through a mailing list to the guardians, each copy with the class it was addressed through
  for (const [k, subject] of ['Piscine : bonnets obligatoires', 'Cross du collège'].entries()) {
    const day = DAYS[5 + k * 10];
    const sentAt = `${day}T10:00:00Z`;
    const [conversation] = await sql(`insert into conversations (school_id, kind, subject, created_by) values ($1, 'broadcast', $2, $3) returning id`, [school.id, subject, people[0].id]);
    const direction = people.find((p) => p.profile === 'direction')!;
    const [message] = await sql(
      `insert into messages (school_id, conversation_id, author_id, author_profile, subject, body_html, body_text, status, addressees, sent_at, recipient_count, via_list)
       values ($1, $2, $3, 'direction', $4, '<p>…</p>', '…', 'sent', '{"people":[],"lists":[]}', $5, $6, true) returning id`,
      [school.id, conversation.id, direction.id, subject, sentAt, guardians.length],
    );
    const readers = new Map<string, { className: string; read: boolean }>();
    for (const g of guardians) {
      const className = classOf.get(g.id)!;
      const read = draw() < 0.7 - k * 0.3;
      await sql(
        `insert into message_recipients (message_id, person_id, school_id, conversation_id, profile, class_name, deliver_at, delivered_at, read_at) values ($1, $2, $3, $4, 'guardian', $5, $6, $6, $7)`,
        [message.id, g.id, school.id, conversation.id, className === '—' ? null : className, sentAt, read ? `${day}T19:00:00Z` : null],
      );
      readers.set(g.id, { className, read });
    }
    sends.push({ id: message.id, subject, day, readers });
  }
  await rollUp(db, school, DAYS[0], DAYS.at(-1)!);
  await rollUpReach(db, school, DAYS[0], DAYS.at(-1)!);
}, 120_000);
afterAll(() => hub?.close());

const get = async (who: keyof typeof sessions, query = `from=${DAYS[0]}&to=${DAYS.at(-1)}`) => sessions[who].request(`/api/schools/${school.uai}/indicators?${query}`);
const shown = (people: number, value: number) => (people >= 5 ? value : null);

function expected(): Omit<IndicatorsDto, 'from' | 'to' | 'minimumGroup'> {
  const distinct = (key: (u: Usage) => string) => {
    const sets = new Map<string, Set<string>>();
    for (const u of usage) {
      const k = key(u);
      if (!sets.has(k)) sets.set(k, new Set());
      sets.get(k)!.add(u.personId);
    }
    return sets;
  };
  const activePeople = [...distinct((u) => `${u.day}|${u.profile}`)].map(([k, set]) => {
    const [day, profile] = k.split('|');
    return { day, profile: profile as any, people: shown(set.size, set.size) };
  });
  const weekdays = new Map<number, number>();
  for (const day of DAYS) weekdays.set(isoWeekday(day), (weekdays.get(isoWeekday(day)) ?? 0) + 1);
  const cells = new Map<string, number>();
  for (const [k, set] of distinct((u) => `${u.day}|${u.hour}`)) {
    const [day, hour] = k.split('|');
    const cell = `${isoWeekday(day)}|${hour}`;
    cells.set(cell, (cells.get(cell) ?? 0) + set.size);
  }
  const heatmap = [...cells].map(([k, total]) => {
    const [weekday, hour] = k.split('|').map(Number);
    const average = Math.round((total / weekdays.get(weekday)!) * 10) / 10;
    return { weekday, hour, people: shown(average, average) };
  });
  const groups = new Map<string, { n: number; people: Set<string> }>();
  for (const d of deliveries) {
    const k = `${d.day}|${d.channel}|${d.status}`;
    if (!groups.has(k)) groups.set(k, { n: 0, people: new Set() });
    groups.get(k)!.n++;
    groups.get(k)!.people.add(d.personId);
  }
  const deliveryRows = [...groups].map(([k, g]) => {
    const [day, channel, status] = k.split('|');
    return { day, channel, status, deliveries: shown(g.people.size, g.n) };
  });
  const share = (part: number, whole: number) => (whole >= 5 ? Math.round((part / whole) * 1000) / 1000 : null);
  const newsReach = news.map((n) => {
    const all = [...n.readers.values()];
    const classes = [...new Set(all.map((r) => r.className))].sort().map((className) => {
      const inClass = all.filter((r) => r.className === className);
      return { className, guardians: inClass.length, readShare: share(inClass.filter((r) => r.readDay).length, inClass.length) };
    });
    return { newsId: n.id, title: n.title, publishedDay: n.day, guardians: all.length, readShare: share(all.filter((r) => r.readDay).length, all.length), classes };
  });
  const reads = new Map<string, { n: number; people: Set<string> }>();
  for (const n of news) {
    for (const [guardian, r] of n.readers) {
      if (!r.readDay) continue;
      if (!reads.has(r.readDay)) reads.set(r.readDay, { n: 0, people: new Set() });
      reads.get(r.readDay)!.n++;
      reads.get(r.readDay)!.people.add(guardian);
    }
  }
  const services = [
    ...[...reads].map(([day, r]) => ({ day, service: 'news_read' as const, actions: shown(r.people.size, r.n) })),
    // the list sends are direction's: one person, never shown
    ...sends.map((m) => ({ day: m.day, service: 'messages_sent' as const, actions: null })),
  ];
  const delays = alerts.filter((d): d is number => d !== null).sort((a, b) => a - b);
  const rank = (p: number) => Math.round(delays[Math.ceil((p / 100) * delays.length) - 1] / 6) / 10;
  const absenceAlerts = { alerts: alerts.length, medianMinutes: rank(50), p90Minutes: rank(90), neverShare: share(alerts.length - delays.length, alerts.length) };
  const listReach = sends.map((m) => {
    const all = [...m.readers.values()];
    const classes = [...new Set(all.map((r) => r.className))].sort().map((className) => {
      const inClass = all.filter((r) => r.className === className);
      return { className, guardians: inClass.length, readShare: share(inClass.filter((r) => r.read).length, inClass.length) };
    });
    return { messageId: m.id, subject: m.subject, sentDay: m.day, guardians: all.length, readShare: share(all.filter((r) => r.read).length, all.length), classes };
  });
  return { activePeople, heatmap, deliveries: deliveryRows, services, newsReach, listReach, screenUptime: [], absenceAlerts };
}

const sorted = <T>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('indicators', () => {
  it('match the raw records of a generated month, read from the rollups alone', async () => {
    const res = await get('direction');
    expect(res.status).toBe(200);
    const body = (await res.json()) as IndicatorsDto;
    const want = expected();
    expect(body).toMatchObject({ from: DAYS[0], to: DAYS.at(-1), minimumGroup: 5 });
    expect(sorted(body.activePeople)).toEqual(sorted(want.activePeople));
    expect(sorted(body.heatmap)).toEqual(sorted(want.heatmap));
    expect(sorted(body.deliveries)).toEqual(sorted(want.deliveries));
    expect(sorted(body.services)).toEqual(sorted(want.services));
    expect(body.newsReach.map((n) => ({ ...n, classes: sorted(n.classes) }))).toEqual(want.newsReach.map((n) => ({ ...n, classes: sorted(n.classes) })));
    expect(body.absenceAlerts).toEqual(want.absenceAlerts);
    expect(body.listReach.map((n) => ({ ...n, classes: sorted(n.classes) }))).toEqual(want.listReach.map((n) => ({ ...n, classes: sorted(n.classes) })));
    expect(body.listReach[0].readShare).not.toBeNull();
    // the 3 guardians without a class are too few to be shown apart
    expect(body.newsReach[0].classes.find((c) => c.className === '—')).toMatchObject({ guardians: 3, readShare: null });
    expect(body.absenceAlerts.medianMinutes).toBeGreaterThan(0);
    expect(body.activePeople.some((r) => r.people !== null)).toBe(true);
    expect(body.heatmap.some((c) => c.people !== null)).toBe(true);

    // the raw records gone, the figures stay: the dashboard never reads them
    await sql(`delete from usage_hours where school_id = $1`, [school.id]);
    expect(await (await get('admin')).json()).toEqual(body);
    // rolling the same days up again gives the same rollups (here: from no raw records, none)
    await rollUp(hub.database.db, school, DAYS[0], DAYS.at(-1)!);
    expect((await (await get('admin')).json()).activePeople).toEqual([]);
  });

  it('hides every figure fewer than 5 people stand behind', async () => {
    // the 3 students and 2 direction members were active every day or nearly: never shown
    const raw = expected();
    expect(raw.activePeople.filter((r) => r.profile === 'student' || r.profile === 'direction').every((r) => r.people === null)).toBe(true);
    expect(raw.activePeople.filter((r) => r.profile === 'student').length).toBeGreaterThan(20);
    // and the small delivery groups (failed emails of a day, for fewer than 5 guardians)
    expect(raw.deliveries.some((r) => r.deliveries === null)).toBe(true);
  });

  it('refuses guardians, teachers, students and staff, and a malformed period', async () => {
    for (const who of ['guardian', 'teacher', 'student', 'staff'] as const) expect((await get(who)).status, who).toBe(403);
    expect((await get('direction', 'from=2026-11-30&to=2026-11-01')).status).toBe(400);
    expect((await get('direction', 'from=2026-11-01')).status).toBe(400);
    expect((await get('direction', 'from=2025-01-01&to=2026-11-01')).status).toBe(400);
  });

  it('records who used the hub in which hour, once per hour however many requests', async () => {
    const newcomer = await createPerson(hub.database.db, school.id, 'teacher');
    const session = await signIn(hub.url, newcomer.login);
    const marks = () => sql(`select profile::text as profile, hour from usage_hours where person_id = $1`, [newcomer.id]);
    expect(await marks()).toEqual([]);
    for (let i = 0; i < 3; i++) expect((await session.request(`/api/schools/${school.uai}/news`)).status).toBe(200);
    await expect.poll(async () => (await marks()).length).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    const [mark] = await marks();
    expect(await marks()).toHaveLength(1);
    expect(mark.profile).toBe('teacher');
    // the hour itself, nothing finer
    expect(new Date(mark.hour).getTime() % 3_600_000).toBe(0);
    expect(Date.now() - new Date(mark.hour).getTime()).toBeLessThan(3_600_000 + 60_000);
  });

  it('counts each screen’s minutes online per school day from its heartbeats', async () => {
    const { screen, token } = await pairScreen(hub.url, sessions.admin, school.uai, { name: 'Hall principal' });
    const beat = async (at: string) => {
      clock.setTo(at);
      const res = await kiosk(hub.url, token)('/api/screen/heartbeat', {
        method: 'POST',
        json: { cursors: {}, alertId: null, uptimeSeconds: 60, jsHeapBytes: 1_000_000, clockOffsetMs: 0, version: '1.0.0', viewport: { width: 1920, height: 1080 }, display: 'content' },
      });
      expect(res.status).toBe(200);
    };
    try {
      // 10:00:05 and 10:00:35 are one minute, 10:01:05 another; 23:30 Paris is already the next day in UTC, not in the school
      for (const at of ['2026-11-16T09:00:05Z', '2026-11-16T09:00:35Z', '2026-11-16T09:01:05Z', '2026-11-16T22:30:00Z', '2026-11-17T08:00:00Z']) await beat(at);
    } finally {
      clock.offsetMs = 0;
    }
    const body = (await (await get('direction', 'from=2026-11-16&to=2026-11-17')).json()) as IndicatorsDto;
    expect(body.screenUptime).toEqual([
      { day: '2026-11-16', screenId: screen.id, name: 'Hall principal', onlineMinutes: 3 },
      { day: '2026-11-17', screenId: screen.id, name: 'Hall principal', onlineMinutes: 1 },
    ]);
  });
});
