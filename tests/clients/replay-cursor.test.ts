import { describe, expect, it } from 'vitest';
import { ChannelCursors } from '../../clients/shared/replay-cursor';
import type { EventEnvelope } from '../../server/contracts/events';

const CHANNEL = 'school:0750654D';
const OTHER = 'user:6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

function ev(seq: number, channel = CHANNEL): EventEnvelope {
  return {
    channel,
    seq,
    type: 'membership.changed',
    data: { uai: '0750654D', active: true },
    at: new Date(Date.UTC(2025, 10, 24, 9, 0, seq)).toISOString(),
  };
}
const seqs = (list: EventEnvelope[]) => list.map((e) => e.seq);

describe('ChannelCursors', () => {
  it('delivers in-order events and drops duplicates', () => {
    const c = new ChannelCursors({ [CHANNEL]: 4 });
    expect(seqs(c.accept(ev(5)).deliver)).toEqual([5]);
    expect(c.accept(ev(5))).toEqual({ deliver: [] });
    expect(c.accept(ev(3))).toEqual({ deliver: [] });
    expect(seqs(c.accept(ev(6)).deliver)).toEqual([6]);
    expect(c.snapshot()).toEqual({ [CHANNEL]: 6 });
  });

  it('starts a channel it never saw at the first event received', () => {
    const c = new ChannelCursors();
    expect(seqs(c.accept(ev(41)).deliver)).toEqual([41]);
    expect(c.snapshot()).toEqual({ [CHANNEL]: 41 });
  });

  it('holds events after a gap and asks for the replay once', () => {
    const c = new ChannelCursors({ [CHANNEL]: 10 });
    const first = c.accept(ev(13));
    expect(first.deliver).toEqual([]);
    expect(first.replay).toEqual({ channel: CHANNEL, since: 10 });
    const second = c.accept(ev(14));
    expect(second.deliver).toEqual([]);
    expect(second.replay).toBeUndefined();
    expect(c.snapshot()).toEqual({ [CHANNEL]: 10 });
  });

  it('drains held events in order once the replay fills the gap, each once', () => {
    const c = new ChannelCursors({ [CHANNEL]: 10 });
    c.accept(ev(14));
    c.accept(ev(13));
    expect(seqs(c.accept(ev(11)).deliver)).toEqual([11]);
    // the replay resends 11 (duplicate), then 12 fills the gap and releases 13 and 14
    expect(c.accept(ev(11)).deliver).toEqual([]);
    expect(seqs(c.accept(ev(12)).deliver)).toEqual([12, 13, 14]);
    // the live copies of 13 and 14 arriving after the replay are duplicates
    expect(c.accept(ev(13)).deliver).toEqual([]);
    expect(c.accept(ev(14)).deliver).toEqual([]);
    expect(c.snapshot()).toEqual({ [CHANNEL]: 14 });
  });

  it('asks again when a new gap opens after the first one was filled', () => {
    const c = new ChannelCursors({ [CHANNEL]: 1 });
    expect(c.accept(ev(3)).replay).toEqual({ channel: CHANNEL, since: 1 });
    expect(seqs(c.accept(ev(2)).deliver)).toEqual([2, 3]);
    expect(c.accept(ev(6)).replay).toEqual({ channel: CHANNEL, since: 3 });
  });

  it('keeps channels independent', () => {
    const c = new ChannelCursors({ [CHANNEL]: 1, [OTHER]: 7 });
    expect(c.accept(ev(3)).replay).toEqual({ channel: CHANNEL, since: 1 });
    expect(seqs(c.accept(ev(8, OTHER)).deliver)).toEqual([8]);
    expect(c.snapshot()).toEqual({ [CHANNEL]: 1, [OTHER]: 8 });
  });

  it('resets a channel after a resync: held events dropped, continues from the hub seq', () => {
    const c = new ChannelCursors({ [CHANNEL]: 1 });
    c.accept(ev(5));
    c.accept(ev(6));
    c.reset(CHANNEL, 900);
    expect(c.snapshot()).toEqual({ [CHANNEL]: 900 });
    expect(c.accept(ev(6)).deliver).toEqual([]);
    expect(seqs(c.accept(ev(901)).deliver)).toEqual([901]);
    // a later gap is asked for again: the reset forgot the earlier request
    expect(c.accept(ev(903)).replay).toEqual({ channel: CHANNEL, since: 901 });
  });
});
