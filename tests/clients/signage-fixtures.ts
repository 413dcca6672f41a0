// Builders of the kiosk's data for its unit tests: a collège in Paris on Monday 24 November 2025.
import type { BoardItemDto, BoardSnapshotDto } from '../../server/contracts/absences';
import type { EventEnvelope, EventType, EventData } from '../../server/contracts/events';
import type { AlertDto, FlashDto, ScreenNewsDto, ScreenSelfDto, ScreenSnapshotDto } from '../../server/contracts/signage';
import { DEFAULT_SCREEN_CONTENT, DEFAULT_SCREEN_SCHEDULE } from '../../server/contracts/signage-rules';

export const UAI = '0750654D';
export const TZ = 'Europe/Paris';
export const SCREEN_ID = '5a0c1e2d-3b4f-4a6b-8c7d-9e0f1a2b3c4d';
/** Paris is UTC+1 in November: 08:00 there is 07:00Z. */
export const at = (date: string, time: string) => Date.parse(`${date}T${time}:00+01:00`);
export const iso = (date: string, time: string) => new Date(at(date, time)).toISOString();

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

export function boardItem(over: Partial<BoardItemDto> & { date?: string; from?: string; to?: string } = {}): BoardItemDto {
  const { from = '08:00', to = '08:55', date = '2025-11-24', ...rest } = over;
  return {
    id: uuid(),
    date,
    slotCode: 'M1',
    startsAt: iso(date, from),
    endsAt: iso(date, to),
    groupName: '4e B',
    subject: 'Mathématiques',
    teacherName: 'M. Dupont',
    status: 'cancelled',
    replacementName: null,
    room: null,
    ...rest,
  };
}

export function boardSnapshot(items: BoardItemDto[], over: Partial<BoardSnapshotDto> = {}): BoardSnapshotDto {
  const day = (date: string) => ({
    date,
    slots: [...new Set(items.filter((i) => i.date === date).map((i) => i.slotCode))].map((code) => ({
      code,
      startTime: '08:00',
      endTime: '08:55',
      items: items.filter((i) => i.date === date && i.slotCode === code),
    })),
  });
  return {
    uai: UAI,
    generatedAt: iso('2025-11-24', '07:00'),
    timeZone: TZ,
    nameFormat: 'civility_last',
    tomorrowFrom: '12:00',
    today: day('2025-11-24'),
    tomorrow: day('2025-11-25'),
    seq: 3,
    ...over,
  };
}

export function screen(over: Partial<ScreenSelfDto> = {}): ScreenSelfDto {
  return {
    id: SCREEN_ID,
    name: 'Hall principal',
    zone: 'hall',
    layout: 'landscape',
    schedule: DEFAULT_SCREEN_SCHEDULE,
    content: DEFAULT_SCREEN_CONTENT,
    ...over,
  };
}

export function news(over: Partial<ScreenNewsDto> = {}): ScreenNewsDto {
  const id = uuid();
  return {
    id,
    title: `Actualité ${id.slice(-2)}`,
    body: '<p>Texte</p>',
    category: 'vie_scolaire',
    imageUrl: null,
    durationSeconds: 15,
    from: iso('2025-11-20', '08:00'),
    until: iso('2025-11-30', '00:00'),
    pinned: false,
    ...over,
  };
}

export function flash(over: Partial<FlashDto> = {}): FlashDto {
  return { id: uuid(), text: 'Bus 12 en retard', zones: null, until: iso('2025-11-24', '18:00'), createdAt: iso('2025-11-24', '07:30'), ...over };
}

export function alert(over: Partial<AlertDto> = {}): AlertDto {
  const sent = iso('2025-11-24', '10:42');
  return {
    id: '7b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
    status: 'actual',
    msgType: 'alert',
    responseType: 'shelter',
    headline: 'Intrusion signalée',
    instruction: 'Fermez les portes à clé, éteignez les lumières, éloignez-vous des fenêtres.',
    zones: null,
    sentAt: sent,
    updatedAt: sent,
    expiresAt: null,
    endedAt: null,
    endKind: null,
    sentByName: 'Mme Martin',
    ...over,
  };
}

export function snapshot(over: Partial<ScreenSnapshotDto> = {}): ScreenSnapshotDto {
  return {
    screen: screen(),
    school: { uai: UAI, name: 'Collège Jean Moulin', timeZone: TZ, color: '#1d4ed8', logoUrl: null },
    board: boardSnapshot([]),
    news: [],
    flashes: [],
    alert: null,
    templates: [],
    serverTime: iso('2025-11-24', '09:00'),
    cursors: { [`screen:${SCREEN_ID}`]: 2, [`school:${UAI}:signage`]: 10, [`school:${UAI}:zone:hall`]: 4, [`school:${UAI}:board`]: 3 },
    ...over,
  };
}

export const CH = {
  screen: `screen:${SCREEN_ID}`,
  signage: `school:${UAI}:signage`,
  zone: `school:${UAI}:zone:hall`,
  board: `school:${UAI}:board`,
};

export function envelope<T extends EventType>(channel: string, seq: number, type: T, data: EventData[T]): EventEnvelope {
  return { channel, seq, type, data, at: iso('2025-11-24', '09:00') } as EventEnvelope;
}
