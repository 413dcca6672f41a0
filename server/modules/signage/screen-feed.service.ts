import { and, eq, inArray, sql } from 'drizzle-orm';
import { channelSeqs, events, schools, screens } from '../../../db/schema';
import type { HeartbeatAnswerDto, ScreenDto, ScreenHeartbeatDto, ScreenSnapshotDto } from '../../contracts/signage';
import { toZonedInput } from '../../contracts/zoned-time';
import { notFound } from '../../http/errors';
import { inTransaction } from '../../platform/outbox';
import { boardSnapshot } from '../absences/board';
import type { School } from '../timetable/course-rows';
import { activeAlert, alertTemplatesOf, toAlert } from './alerts.service';
import { currentFlashes } from './flashes.service';
import { emitScreenStatus, screenChannels } from './screen-events';
import { screenNews } from './screen-news';
import { rotateIfDue, type ScreenActor } from './screen-token';
import { pairedByNames, screenDto, screenState, toSelf } from './screen-views';
import type { SignageDeps } from './screens.service';

/** An event a screen has not applied this long after its commit means the screen is behind. */
const BEHIND_GRACE_MS = 15_000;

async function screenAndSchool(deps: SignageDeps, screen: ScreenActor) {
  const [row] = await deps.db
    .select({ screen: screens, school: schools })
    .from(screens)
    .innerJoin(schools, eq(schools.id, screens.schoolId))
    .where(eq(screens.id, screen.screenId));
  if (!row) throw notFound('Écran introuvable.');
  return row;
}

/** The hub's last seq of each channel. */
async function latestSeqs(deps: SignageDeps, list: string[]): Promise<Record<string, number>> {
  const rows = await deps.db.select().from(channelSeqs).where(inArray(channelSeqs.channel, list));
  const out: Record<string, number> = Object.fromEntries(list.map((c) => [c, 0]));
  for (const r of rows) out[r.channel] = Number(r.lastSeq);
  return out;
}

/**
 * Everything a kiosk draws, in one answer: its settings, the school's identity, the board (when
 * its zone shows it), news for screens, the ticker, the alert in course and the templates.
 * The cursors are read first, so anything committed meanwhile is replayed rather than lost.
 */
export async function screenSnapshot(deps: SignageDeps, screen: ScreenActor): Promise<ScreenSnapshotDto> {
  const now = deps.clock.now();
  const { screen: row, school } = await screenAndSchool(deps, screen);
  const list = screenChannels({ ...screen, zone: row.zone, content: row.content });
  const cursors = await latestSeqs(deps, list);
  const alert = await activeAlert(deps.db, school.id, now);
  const rotatedToken = await rotateIfDue(deps.db, screen, now);
  return {
    screen: toSelf(row),
    school: { uai: school.uai, name: school.name, timeZone: school.timeZone, color: school.branding.color, logoUrl: school.branding.logoUrl },
    board: row.content.board ? await boardSnapshot(deps.db, null, school as School, now) : null,
    news: row.content.news ? await screenNews(deps.db, school.id, row.content.newsCategories, now) : [],
    flashes: row.content.ticker ? await currentFlashes(deps, school.id, now, row.zone) : [],
    alert: alert && (!alert.zones || alert.zones.includes(row.zone)) ? toAlert(alert) : null,
    templates: await alertTemplatesOf(deps.db, school.id),
    serverTime: now.toISOString(),
    cursors,
    ...(rotatedToken ? { rotatedToken } : {}),
  };
}

/** Channels where the screen has not applied an event committed more than a moment ago. */
async function behindChannels(deps: SignageDeps, list: string[], applied: Record<string, number>, now: Date): Promise<ScreenDto['behind']> {
  const hub = await latestSeqs(deps, list);
  const behind: ScreenDto['behind'] = [];
  for (const channel of list) {
    const seen = applied[channel] ?? 0;
    if (hub[channel] <= seen) continue;
    const [first] = await deps.db
      .select({ at: events.at })
      .from(events)
      .where(and(eq(events.channel, channel), eq(events.seq, seen + 1)));
    // an event already gone from the table (or never replayable) counts as missed
    if (!first || now.getTime() - first.at.getTime() > BEHIND_GRACE_MS) behind.push({ channel, hub: hub[channel], applied: seen });
  }
  return behind;
}

/** Records a heartbeat; admins are told when the screen's state changes (back online, behind…). */
export async function recordHeartbeat(deps: SignageDeps, screen: ScreenActor, input: Omit<ScreenHeartbeatDto, 'at'>): Promise<HeartbeatAnswerDto> {
  const now = deps.clock.now();
  const { screen: before, school } = await screenAndSchool(deps, screen);
  const list = screenChannels({ ...screen, zone: before.zone, content: before.content });
  const behind = await behindChannels(deps, list, input.cursors, now);
  const heartbeat: ScreenHeartbeatDto = { ...input, at: now.toISOString() };
  await inTransaction(deps, async (uow) => {
    // the screens' uptime indicator: each minute with a heartbeat (every 30 s) counts once
    if (!before.lastSeenAt || Math.floor(now.getTime() / 60_000) > Math.floor(before.lastSeenAt.getTime() / 60_000)) {
      await uow.tx.execute(sql`
        insert into screen_uptime_daily (school_id, screen_id, day, online_minutes)
        values (${school.id}, ${screen.screenId}, ${toZonedInput(now, school.timeZone).slice(0, 10)}::date, 1)
        on conflict (screen_id, day) do update set online_minutes = screen_uptime_daily.online_minutes + 1`);
    }
    const [row] = await uow.tx
      .update(screens)
      .set({ lastSeenAt: now, heartbeat, behind, offlineNotifiedAt: null })
      .where(eq(screens.id, screen.screenId))
      .returning();
    const state = screenState(row, school.timeZone, now);
    if (state === row.lastState) return;
    await uow.tx.update(screens).set({ lastState: state }).where(eq(screens.id, row.id));
    const names = await pairedByNames(uow.tx, [row]);
    await emitScreenStatus(uow, school, screenDto(row, school, row.pairedBy ? (names.get(row.pairedBy) ?? null) : null, now));
  });
  const rotatedToken = await rotateIfDue(deps.db, screen, now);
  return { serverTime: now.toISOString(), ...(rotatedToken ? { rotatedToken } : {}) };
}
