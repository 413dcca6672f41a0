/**
 * The hub's "now" on this device. The roll call and the dashboard go by the school's clock: a
 * classroom computer set to the wrong time, or a tablet in another zone, must not pick the wrong
 * course. Synced from the hub's answers that carry its time; the device's clock only measures
 * the time elapsed since.
 */
export class HubClock {
  private offsetMs = 0;
  private syncedAt: number | null = null;

  constructor(private readonly local: () => number = () => Date.now()) {}

  /** Takes the hub's time from an answer received at `receivedAt` (device milliseconds). */
  sync(hubNow: string, receivedAt = this.local()): void {
    const ms = Date.parse(hubNow);
    if (Number.isNaN(ms)) return;
    this.offsetMs = ms - receivedAt;
    this.syncedAt = receivedAt;
  }

  /** Whether the hub's time is known at all (else this is the device's time). */
  get synced(): boolean {
    return this.syncedAt !== null;
  }

  now(): Date {
    return new Date(this.local() + this.offsetMs);
  }
}

/** The web client's one hub clock, shared by the pages that need the school's time. */
export const hubClock = new HubClock();
