import { describe, expect, it, vi } from 'vitest';
import {
  countsAfter,
  countsAfterReading,
  folderAfter,
  isForSchool,
  markConversationRead,
  mergeSummaries,
  nextCursor,
  showsInLiveList,
} from '../../clients/web/src/lib/messaging-live';
import { MessagingStore } from '../../clients/web/src/lib/messaging-store';
import type { EventEnvelope } from '../../server/contracts/events';
import type { CountsDto, MessageSummaryDto } from '../../server/contracts/messaging';

const UAI = '0750654D';
const OTHER_UAI = '0750655E';
const ME = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const CLAIRE = { id: '11111111-1111-4111-8111-111111111111', name: 'Claire Moreau', profile: 'teacher' as const };
const MARC = { id: '22222222-2222-4222-8222-222222222222', name: 'Marc Durand', profile: 'guardian' as const };
const CONV = '33333333-3333-4333-8333-333333333333';
const CONV2 = '44444444-4444-4444-8444-444444444444';

let seq = 1;
const event = (type: string, data: Record<string, unknown>, opts: { channel?: string; at?: string } = {}) =>
  ({ channel: opts.channel ?? `user:${ME}`, seq: seq++, type, data, at: opts.at ?? '2026-11-23T09:30:00.000Z' }) as EventEnvelope;

const received = (messageId: string, over: Record<string, unknown> = {}, at?: string) =>
  event(
    'message.received',
    { uai: UAI, messageId, conversationId: CONV, subject: 'Sortie au musée', excerpt: 'Bonjour, la sortie…', from: MARC, viaList: false, unread: 3, ...over },
    { at },
  );

function summary(id: string, over: Partial<MessageSummaryDto> = {}): MessageSummaryDto {
  return {
    id,
    conversationId: CONV,
    folder: 'inbox',
    subject: 'Objet',
    excerpt: 'Texte',
    from: CLAIRE,
    to: 'Marc Durand',
    at: '2026-11-23T08:00:00.000Z',
    status: 'sent',
    unread: false,
    recalled: false,
    viaList: false,
    hasAttachments: false,
    recipients: 0,
    read: 0,
    sendAt: null,
    ...over,
  };
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('messagerie: which events concern the school shown', () => {
  it('keeps the current school’s events and the freeze of its own channel only', () => {
    expect(isForSchool(received(id(1)), UAI)).toBe(true);
    // a parent with children in two collèges hears both on their own channel
    expect(isForSchool(received(id(1), { uai: OTHER_UAI }), UAI)).toBe(false);
    expect(isForSchool(event('messaging.frozen', { frozen: true, by: 'Anne Vasseur' }, { channel: `school:${UAI}` }), UAI)).toBe(true);
    expect(isForSchool(event('messaging.frozen', { frozen: true, by: 'Anne Vasseur' }, { channel: `school:${OTHER_UAI}` }), UAI)).toBe(false);
  });

  it('leaves the bare unread figure out of the live list', () => {
    expect(showsInLiveList(event('message.unread', { uai: UAI, unread: 2 }))).toBe(false);
    expect(showsInLiveList(received(id(1)))).toBe(true);
  });
});

describe('messagerie: unread count bookkeeping', () => {
  const counts: CountsDto = { unread: 2, drafts: 1, frozen: false };

  it('takes the hub’s figure from received, unread and recalled events', () => {
    expect(countsAfter(counts, received(id(1), { unread: 3 }))).toEqual({ unread: 3, drafts: 1, frozen: false });
    expect(countsAfter(counts, event('message.unread', { uai: UAI, unread: 0 }))).toEqual({ unread: 0, drafts: 1, frozen: false });
    expect(countsAfter(counts, event('message.recalled', { uai: UAI, messageId: id(1), conversationId: CONV, removed: true, unread: 1 }))?.unread).toBe(1);
  });

  it('follows the freeze, and ignores events that say nothing about the counts', () => {
    expect(countsAfter(counts, event('messaging.frozen', { frozen: true, by: 'Anne Vasseur' }, { channel: `school:${UAI}` }))?.frozen).toBe(true);
    expect(countsAfter(counts, event('message.read', { uai: UAI, messageId: id(1), conversationId: CONV, readerId: MARC.id, readAt: 'x', read: 1, recipients: 2 }))).toBe(counts);
    // the same figure again changes nothing (no re-render)
    expect(countsAfter(counts, event('message.unread', { uai: UAI, unread: 2 }))).toBe(counts);
    // a figure that is not one is no reason to lose the badge
    expect(countsAfter(counts, event('message.unread', { uai: UAI, unread: -1 }))).toBe(counts);
  });

  it('starts counting from a live event before the first fetch answered', () => {
    expect(countsAfter(null, received(id(1), { unread: 1 }))).toEqual({ unread: 1, drafts: 0, frozen: false });
    expect(countsAfter(null, event('message.sent', { uai: UAI, messageId: id(1), conversationId: CONV, recipients: 1 }))).toBeNull();
  });

  it('drops the badge at once for copies just read, never below zero', () => {
    expect(countsAfterReading(counts, 1)?.unread).toBe(1);
    expect(countsAfterReading(counts, 5)?.unread).toBe(0);
    expect(countsAfterReading(counts, 0)).toBe(counts);
    expect(countsAfterReading(null, 1)).toBeNull();
  });
});

describe('messagerie: a folder kept live', () => {
  it('puts a received message at the top at once, and asks for the full row', () => {
    const items = [summary(id(1), { at: '2026-11-23T08:00:00.000Z' })];
    const update = folderAfter('inbox', items, received(id(2), {}, '2026-11-23T09:30:00.000Z'));
    expect(update.items.map((m) => m.id)).toEqual([id(2), id(1)]);
    expect(update.items[0]).toMatchObject({ subject: 'Sortie au musée', from: MARC, unread: true, folder: 'inbox', conversationId: CONV, at: '2026-11-23T09:30:00.000Z' });
    expect(update.change).toMatchObject({ kind: 'added' });
    expect(update.refetch).toBe(true);
    // a replay after a reconnection adds nothing twice
    const again = folderAfter('inbox', update.items, received(id(2), {}, '2026-11-23T09:30:00.000Z'));
    expect(again.items).toHaveLength(2);
    expect(again.change).toBeNull();
  });

  it('leaves other folders alone when a message arrives', () => {
    const items = [summary(id(1), { folder: 'sent' })];
    expect(folderAfter('sent', items, received(id(2))).change).toBeNull();
    expect(folderAfter('drafts', [], received(id(2))).items).toEqual([]);
  });

  it('removes a recalled unread copy, and marks a read one recalled', () => {
    const items = [summary(id(1)), summary(id(2), { excerpt: 'Texte lu' })];
    const removed = folderAfter('inbox', items, event('message.recalled', { uai: UAI, messageId: id(1), conversationId: CONV, removed: true, unread: 0 }));
    expect(removed.items.map((m) => m.id)).toEqual([id(2)]);
    const kept = folderAfter('inbox', items, event('message.recalled', { uai: UAI, messageId: id(2), conversationId: CONV, removed: false, unread: 0 }));
    expect(kept.items.find((m) => m.id === id(2))).toMatchObject({ recalled: true, excerpt: '' });
  });

  it('raises « Lu par » on a sent row, never lowers it', () => {
    const items = [summary(id(1), { folder: 'sent', recipients: 3, read: 1 })];
    const read = (n: number) => event('message.read', { uai: UAI, messageId: id(1), conversationId: CONV, readerId: MARC.id, readAt: '2026-11-23T09:31:00.000Z', read: n, recipients: 3 });
    const up = folderAfter('sent', items, read(2));
    expect(up.items[0]).toMatchObject({ read: 2, recipients: 3 });
    expect(folderAfter('sent', up.items, read(1)).items[0].read).toBe(2);
    expect(folderAfter('sent', up.items, read(1)).change).toBeNull();
  });

  it('turns a scheduled row into a sent one when it goes, and fetches a send it does not show', () => {
    const items = [summary(id(1), { folder: 'sent', status: 'scheduled', sendAt: '2026-11-24T06:30:00.000Z' })];
    const sent = folderAfter('sent', items, event('message.sent', { uai: UAI, messageId: id(1), conversationId: CONV, recipients: 28 }));
    expect(sent.items[0]).toMatchObject({ status: 'sent', recipients: 28, sendAt: null });
    expect(folderAfter('sent', items, event('message.sent', { uai: UAI, messageId: id(9), conversationId: CONV, recipients: 1 })).refetch).toBe(true);
  });

  it('merges pages newest first without doubles, and pages on from the oldest row', () => {
    const a = summary(id(1), { at: '2026-11-23T08:00:00.000Z' });
    const b = summary(id(2), { at: '2026-11-23T09:00:00.000Z' });
    const c = summary(id(3), { at: '2026-11-22T09:00:00.000Z' });
    const merged = mergeSummaries([a, b], [c, { ...a, unread: true }]);
    expect(merged.map((m) => m.id)).toEqual([id(2), id(1), id(3)]);
    expect(merged[1].unread).toBe(true);
    expect(nextCursor(merged)).toBe('2026-11-22T09:00:00.000Z');
    expect(nextCursor([])).toBeNull();
  });

  it('marks the rows of an opened conversation read', () => {
    const items = [summary(id(1), { unread: true }), summary(id(2), { unread: true, conversationId: CONV2 }), summary(id(3), { unread: true })];
    const { items: next, marked } = markConversationRead(items, CONV);
    expect(marked).toBe(2);
    expect(next.map((m) => m.unread)).toEqual([false, true, false]);
  });
});

describe('MessagingStore', () => {
  function store() {
    const get = vi.fn(async (path: string) => {
      if (path.endsWith('/counts')) return { unread: 4, drafts: 2, frozen: false };
      throw new Error(`unexpected ${path}`);
    });
    return { store: new MessagingStore({ get } as never, UAI), get };
  }

  it('loads the counts, follows live events of its school and hands them to the pages', async () => {
    const { store: s, get } = store();
    await s.refreshCounts();
    expect(get).toHaveBeenCalledWith(`/schools/${UAI}/messaging/counts`);
    const seen: string[] = [];
    const badge: number[] = [];
    s.onEvent((e) => seen.push(e.type));
    s.subscribe((c) => badge.push(c?.unread ?? -1));
    s.handle(received(id(1), { unread: 5 }));
    s.handle(received(id(2), { uai: OTHER_UAI, unread: 9 }));
    s.handle(event('news.published', { news: {} }));
    expect(seen).toEqual(['message.received']);
    expect(badge).toEqual([5]);
    s.markRead(2);
    expect(s.counts?.unread).toBe(3);
  });

  it('forgets the counts and the flash of another school', async () => {
    const { store: s } = store();
    await s.refreshCounts();
    s.setFlash({ kind: 'success', text: 'Message envoyé.' });
    s.reset(OTHER_UAI);
    expect(s.counts).toBeNull();
    expect(s.takeFlash()).toBeNull();
    expect(s.base).toBe(`/schools/${OTHER_UAI}/messaging`);
  });
});
