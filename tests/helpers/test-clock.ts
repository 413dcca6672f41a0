import type { Clock } from '../../server/platform/clock';

/** A clock tests can move forward or set to an instant; the hub reads "now" from it. */
export class TestClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** From now on, "now" is this instant (and runs on from there). */
  setTo(at: string | Date): void {
    this.offsetMs = new Date(at).getTime() - Date.now();
  }
}
