import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { channelSeqs, courseChanges, timetableSlots } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed } from '../../authz/registry';
import { DEFAULT_ABSENCE_SETTINGS, type AbsenceSettings, type BoardDayDto, type BoardItemDto, type BoardSnapshotDto } from '../../contracts/absences';
import { channels } from '../../contracts/channels';
import { addDays, toZonedDate } from '../../contracts/zoned-time';
import { settingsSection } from '../directory/school-settings';
import type { School } from '../timetable/course-rows';
import { loadChanges, toBoardItem } from './course-changes';

export const absenceSettings = (school: School) => settingsSection<AbsenceSettings>(school, 'absences', DEFAULT_ABSENCE_SETTINGS);

/**
 * What the hall screens show: today's and tomorrow's courses affected by a teacher absence,
 * grouped by slot, in the school's name format. Items whose slot has ended are gone; no reason
 * and no student ever appears. `seq` lets a screen continue live from this snapshot.
 */
export async function boardSnapshot(db: Db, actor: Actor | null, school: School, now: Date): Promise<BoardSnapshotDto> {
  // screens (issue of the kiosks) read it without a person; people need to belong to the school
  if (actor) assertAllowed(actor, 'board.read', { schoolId: school.id });
  const settings = absenceSettings(school);
  const today = toZonedDate(now, school.timeZone);
  const tomorrow = addDays(today, 1);
  const [seqRow] = await db.select({ seq: channelSeqs.lastSeq }).from(channelSeqs).where(eq(channelSeqs.channel, channels.board(school.uai)));
  const changes = await loadChanges(db, school.id, and(inArray(courseChanges.date, [today, tomorrow]), gt(courseChanges.endsAt, now)));
  const slots = await db.select().from(timetableSlots).where(eq(timetableSlots.schoolId, school.id)).orderBy(timetableSlots.startTime);
  const items = changes.map((c) => toBoardItem(c, settings.boardNameFormat));
  const day = (date: string): BoardDayDto => ({
    date,
    slots: slots
      .map((s) => ({
        code: s.code,
        startTime: s.startTime,
        endTime: s.endTime,
        items: items.filter((i) => i.date === date && i.slotCode === s.code).sort(byGroup),
      }))
      .filter((s) => s.items.length > 0),
  });
  return {
    uai: school.uai,
    generatedAt: now.toISOString(),
    timeZone: school.timeZone,
    nameFormat: settings.boardNameFormat,
    tomorrowFrom: settings.boardTomorrowFrom,
    today: day(today),
    tomorrow: day(tomorrow),
    seq: Number(seqRow?.seq ?? 0),
  };
}

const byGroup = (a: BoardItemDto, b: BoardItemDto) => a.groupName.localeCompare(b.groupName, 'fr', { numeric: true });
