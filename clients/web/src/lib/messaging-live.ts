import type { EventData, EventEnvelope } from '../../../../server/contracts/events';
import type { CountsDto, MessageSummaryDto } from '../../../../server/contracts/messaging';
import type { Folder } from '../../../../server/contracts/messaging-rules';

/** The live events of the messagerie. */
export const MESSAGING_EVENTS = ['message.received', 'message.sent', 'message.read', 'message.unread', 'message.recalled', 'messaging.frozen'] as const;
export type MessagingEventType = (typeof MESSAGING_EVENTS)[number];

export function isMessagingEvent(type: string): type is MessagingEventType {
  return (MESSAGING_EVENTS as readonly string[]).includes(type);
}

type Envelope<T extends MessagingEventType> = EventEnvelope<T> & { data: EventData[T] };

function is<T extends MessagingEventType>(event: EventEnvelope, type: T): event is Envelope<T> {
  return event.type === type;
}

/**
 * Whether an event concerns the school being shown. A person's own channel carries the messages
 * of every school they belong to (a parent with children in two collèges): each event names its
 * school; the freeze has no school in its payload but arrives on the school's channel.
 */
export function isForSchool(event: EventEnvelope, uai: string): boolean {
  if (event.type === 'messaging.frozen') return event.channel === `school:${uai}`;
  const data = event.data as { uai?: unknown } | null;
  return data?.uai === uai;
}

/** The figures of the navigation badge and the folder list after a live event. */
export function countsAfter(counts: CountsDto | null, event: EventEnvelope): CountsDto | null {
  const base: CountsDto = counts ?? { unread: 0, drafts: 0, frozen: false };
  if (is(event, 'message.received') || is(event, 'message.unread') || is(event, 'message.recalled')) {
    const unread = event.data.unread;
    if (typeof unread !== 'number' || !Number.isFinite(unread) || unread < 0) return counts;
    return unread === base.unread && counts ? counts : { ...base, unread };
  }
  if (is(event, 'messaging.frozen')) {
    return event.data.frozen === base.frozen && counts ? counts : { ...base, frozen: !!event.data.frozen };
  }
  return counts;
}

/** The unread count, one less per copy the person just read (the hub's next figure replaces it anyway). */
export function countsAfterReading(counts: CountsDto | null, readCopies: number): CountsDto | null {
  if (!counts || readCopies <= 0) return counts;
  return { ...counts, unread: Math.max(0, counts.unread - readCopies) };
}

/** Newest first, one row per message: a page fetched again replaces the rows it holds. */
export function mergeSummaries(existing: readonly MessageSummaryDto[], incoming: readonly MessageSummaryDto[]): MessageSummaryDto[] {
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1));
}

/** The `before` of the next page: the oldest row's date. */
export function nextCursor(items: readonly MessageSummaryDto[]): string | null {
  if (items.length === 0) return null;
  return items.reduce((oldest, m) => (Date.parse(m.at) < Date.parse(oldest) ? m.at : oldest), items[0].at);
}

/** An inbox row from the event that announced it, shown at once; the next fetch brings the rest (attachments, addressees). */
export function summaryFromReceived(event: Envelope<'message.received'>): MessageSummaryDto {
  const d = event.data;
  return {
    id: d.messageId,
    conversationId: d.conversationId,
    folder: 'inbox',
    subject: d.subject,
    excerpt: d.excerpt,
    from: d.from,
    to: '',
    at: event.at,
    status: 'sent',
    unread: true,
    recalled: false,
    viaList: d.viaList,
    hasAttachments: false,
    recipients: 0,
    read: 0,
    sendAt: null,
  };
}

export interface FolderChange {
  kind: 'added' | 'updated' | 'removed';
  summary: MessageSummaryDto;
}

export interface FolderUpdate {
  items: MessageSummaryDto[];
  change: FolderChange | null;
  /** The event says something changed that it does not describe: fetch the first page again. */
  refetch: boolean;
}

/** What a live event does to the rows of an open folder. */
export function folderAfter(folder: Folder, items: readonly MessageSummaryDto[], event: EventEnvelope): FolderUpdate {
  const same: FolderUpdate = { items: [...items], change: null, refetch: false };
  if (folder === 'inbox' && is(event, 'message.received')) {
    if (typeof event.data.messageId !== 'string' || !event.data.from) return { ...same, refetch: true };
    if (items.some((m) => m.id === event.data.messageId)) return same;
    const summary = summaryFromReceived(event);
    // the event's facts now, the hub's full row (attachments, addressees) right after
    return { items: mergeSummaries(items, [summary]), change: { kind: 'added', summary }, refetch: true };
  }
  if (folder === 'inbox' && is(event, 'message.recalled')) {
    const row = items.find((m) => m.id === event.data.messageId);
    if (!row) return same;
    if (event.data.removed) return { items: items.filter((m) => m.id !== row.id), change: { kind: 'removed', summary: row }, refetch: false };
    const summary = { ...row, recalled: true, excerpt: '' };
    return { items: items.map((m) => (m.id === row.id ? summary : m)), change: { kind: 'updated', summary }, refetch: false };
  }
  if (folder === 'sent' && is(event, 'message.read')) {
    const row = items.find((m) => m.id === event.data.messageId);
    if (!row || typeof event.data.read !== 'number') return same;
    // reads arrive out of order after a reconnection: a figure never goes back
    if (event.data.read <= row.read && event.data.recipients === row.recipients) return same;
    const summary = { ...row, read: Math.max(row.read, event.data.read), recipients: event.data.recipients ?? row.recipients };
    return { items: items.map((m) => (m.id === row.id ? summary : m)), change: { kind: 'updated', summary }, refetch: false };
  }
  if (folder === 'sent' && is(event, 'message.sent')) {
    const row = items.find((m) => m.id === event.data.messageId);
    if (!row) return { ...same, refetch: true };
    const summary: MessageSummaryDto = { ...row, status: 'sent', recipients: event.data.recipients ?? row.recipients, sendAt: null };
    return { items: items.map((m) => (m.id === row.id ? summary : m)), change: { kind: 'updated', summary }, refetch: false };
  }
  // a scheduled send that went out leaves the drafts a cancel may have put it in
  if (folder === 'drafts' && is(event, 'message.sent')) return { ...same, refetch: true };
  return same;
}

/** Rows of a conversation the person just opened: read. Returns how many were unread. */
export function markConversationRead(items: readonly MessageSummaryDto[], conversationId: string): { items: MessageSummaryDto[]; marked: number } {
  let marked = 0;
  const next = items.map((m) => {
    if (m.conversationId !== conversationId || !m.unread) return m;
    marked++;
    return { ...m, unread: false };
  });
  return { items: next, marked };
}

/** Events the live list shows: the unread figure alone is bookkeeping, not news. */
export function showsInLiveList(event: EventEnvelope): boolean {
  return event.type !== 'message.unread';
}
