import type { ScreenDto } from '../../contracts/signage';
import { channels } from '../../contracts/channels';
import type { UnitOfWork } from '../../platform/outbox';
import type { School } from '../timetable/course-rows';

/** The channels of the people who look after the screens: the school's admins and direction. */
export const screenKeepers = (uai: string) => [channels.profile(uai, 'admin'), channels.profile(uai, 'direction')];

/** The screen's channels: its own, the school's signage, its zone's, and the board when it shows it. */
export function screenChannels(screen: { screenId: string; uai: string; zone: string; content: { board: boolean } }): string[] {
  const list = [channels.screen(screen.screenId), channels.signage(screen.uai), channels.zone(screen.uai, screen.zone)];
  if (screen.content.board) list.push(channels.board(screen.uai));
  return list;
}

/** Tells the keepers a screen's new state (paired, changed, gone quiet, back). */
export async function emitScreenStatus(uow: UnitOfWork, school: Pick<School, 'id' | 'uai'>, screen: ScreenDto): Promise<void> {
  await uow.emitMany(
    screenKeepers(school.uai).map((channel) => ({ channel, type: 'screen.status_changed' as const, data: { screen } })),
    school.id,
  );
}
