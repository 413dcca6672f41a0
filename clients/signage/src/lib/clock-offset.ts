// The kiosk's clock must match the hub's: items vanish at their end, commands expire, and a
// hall clock that is three minutes off is worse than none. Players often boot without NTP.

/** One measurement of the hub's clock against this device's. */
export interface ClockSample {
  /** Hub time minus device time, in milliseconds. */
  offsetMs: number;
  /** How long the request took: the error of the offset is at most half of it. */
  rttMs: number;
}

/**
 * Offset from one request: the hub stamped `serverTime` somewhere between send and receipt,
 * the midpoint of the round trip is the best guess of when.
 */
export function sampleFromRoundTrip(sentAt: number, receivedAt: number, serverTime: string): ClockSample | null {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server) || receivedAt < sentAt) return null;
  return { offsetMs: Math.round(server - (sentAt + receivedAt) / 2), rttMs: receivedAt - sentAt };
}

/** Samples kept: enough to skip one slow answer, never a growing list. */
const KEPT = 5;
/** An answer slower than this says little about the time it was stamped. */
const MAX_RTT_MS = 10_000;

/** The hub's "now" on this device, from the most precise of the last few samples. */
export class ServerClock {
  private samples: ClockSample[] = [];
  private offset: number;

  constructor(
    initialOffsetMs = 0,
    private readonly local: () => number = () => Date.now(),
  ) {
    this.offset = initialOffsetMs;
  }

  /** Takes a new sample; returns whether the offset changed. */
  add(sample: ClockSample | null): boolean {
    if (!sample || sample.rttMs > MAX_RTT_MS) return false;
    this.samples = [...this.samples, sample].slice(-KEPT);
    const best = this.samples.reduce((a, b) => (b.rttMs < a.rttMs ? b : a));
    const changed = best.offsetMs !== this.offset;
    this.offset = best.offsetMs;
    return changed;
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Hub time in epoch milliseconds. */
  now(): number {
    return this.local() + this.offset;
  }
}
