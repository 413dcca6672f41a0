// An unpaired screen: gets a code from the hub, shows it, and asks every 2 s whether an admin
// entered it. A code that expired is replaced by a new one; a hub out of reach is retried.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PairingStartDto, ScreenSelfDto } from '../../../../server/contracts/signage';
import type { KioskApi } from '../services/kiosk-api';
import { CLAIM_EVERY_MS, retryDelay } from '../lib/pairing';
import { Timers } from './timers';

export type PairingStatus = 'starting' | 'waiting' | 'offline';

/** Seconds before asking again for a code when the hub said « too many », without saying how long. */
const RATE_LIMITED_WAIT_S = 300;

export class PairingController implements ReactiveController {
  status: PairingStatus = 'starting';
  pairing: PairingStartDto | null = null;

  private readonly timers = new Timers();
  private abort: AbortController | null = null;
  private failures = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: KioskApi,
    private readonly onPaired: (token: string, screen: ScreenSelfDto) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.abort = new AbortController();
    void this.start();
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.abort = null;
    this.timers.clearAll();
  }

  private async start(): Promise<void> {
    const signal = this.abort?.signal;
    if (!signal || signal.aborted) return;
    try {
      this.pairing = await this.api.startPairing(signal);
      this.failures = 0;
      this.set('waiting');
      this.timers.timeout(() => void this.claim(), CLAIM_EVERY_MS);
    } catch (err) {
      if (signal.aborted) return;
      this.failed();
      // codes are rate-limited per address (several kiosks behind one school router): wait as told
      const e = err as { status?: number; retryAfterSeconds?: number | null };
      const wait = e.status === 429 ? (e.retryAfterSeconds ?? RATE_LIMITED_WAIT_S) * 1000 : retryDelay(this.failures);
      this.timers.timeout(() => void this.start(), wait);
    }
  }

  private async claim(): Promise<void> {
    const signal = this.abort?.signal;
    const pairing = this.pairing;
    if (!signal || signal.aborted || !pairing) return;
    try {
      const answer = await this.api.claimPairing(pairing.secret, signal);
      if (signal.aborted) return;
      this.failures = 0;
      if (answer.status === 'paired') {
        this.onPaired(answer.token, answer.screen);
        return;
      }
      this.set('waiting');
      this.timers.timeout(() => void this.claim(), CLAIM_EVERY_MS);
    } catch (err) {
      if (signal.aborted) return;
      const status = (err as { status?: number }).status;
      // the code ran out (410) or the hub forgot it (404, e.g. restarted): a new code
      if (status === 410 || status === 404) {
        this.pairing = null;
        this.set('starting');
        void this.start();
        return;
      }
      this.failed();
      this.timers.timeout(() => void this.claim(), Math.max(CLAIM_EVERY_MS, retryDelay(this.failures)));
    }
  }

  private failed(): void {
    this.failures++;
    // the code stays on screen through a short outage; it is still valid when the hub is back
    this.set(this.pairing ? 'waiting' : 'offline');
    if (this.failures >= 3) this.set('offline');
  }

  private set(status: PairingStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
