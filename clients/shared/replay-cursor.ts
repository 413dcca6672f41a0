import type { Cursors, EventEnvelope } from '../../server/contracts/events';

export interface AcceptResult {
  /** Events now deliverable, in seq order, each exactly once. */
  deliver: EventEnvelope[];
  /** Set when a gap appeared: ask the hub to replay this channel after `since`. */
  replay?: { channel: string; since: number };
}

/**
 * Per-channel delivery bookkeeping of a live client: drops duplicates, holds events that
 * arrive ahead of a gap and asks for the missing ones, so the app sees each event once, in order.
 */
export class ChannelCursors {
  private readonly last = new Map<string, number>();
  private readonly held = new Map<string, Map<number, EventEnvelope>>();
  private readonly replayAsked = new Map<string, number>();

  constructor(initial: Cursors = {}) {
    for (const [channel, seq] of Object.entries(initial)) this.last.set(channel, seq);
  }

  accept(e: EventEnvelope): AcceptResult {
    const last = this.last.get(e.channel);
    if (last === undefined) {
      // first event ever seen on this channel: it starts the sequence
      this.last.set(e.channel, e.seq);
      return { deliver: [e, ...this.drain(e.channel)] };
    }
    if (e.seq <= last) return { deliver: [] };
    if (e.seq === last + 1) {
      this.last.set(e.channel, e.seq);
      return { deliver: [e, ...this.drain(e.channel)] };
    }
    let held = this.held.get(e.channel);
    if (!held) this.held.set(e.channel, (held = new Map()));
    held.set(e.seq, e);
    if (this.replayAsked.get(e.channel) === last) return { deliver: [] };
    this.replayAsked.set(e.channel, last);
    return { deliver: [], replay: { channel: e.channel, since: last } };
  }

  /** After a resync the client reloads its state and continues from the hub's latest seq. */
  reset(channel: string, seq: number): void {
    this.last.set(channel, seq);
    this.held.delete(channel);
    this.replayAsked.delete(channel);
  }

  snapshot(): Cursors {
    return Object.fromEntries(this.last);
  }

  private drain(channel: string): EventEnvelope[] {
    const held = this.held.get(channel);
    const out: EventEnvelope[] = [];
    if (!held) return out;
    let next = this.last.get(channel)! + 1;
    for (const seq of [...held.keys()]) if (seq < next) held.delete(seq);
    while (held.has(next)) {
      out.push(held.get(next)!);
      held.delete(next);
      this.last.set(channel, next);
      next++;
    }
    if (held.size === 0) {
      this.held.delete(channel);
      this.replayAsked.delete(channel);
    }
    return out;
  }
}
