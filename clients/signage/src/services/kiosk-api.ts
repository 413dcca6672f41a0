// The hub's API as a screen uses it: no session cookie, the device token as a bearer.
import { Api } from '../../../shared/api';
import type {
  HeartbeatAnswerDto,
  PairingClaimDto,
  PairingStartDto,
  ScreenSnapshotDto,
} from '../../../../server/contracts/signage';
import { sampleFromRoundTrip, type ClockSample } from '../lib/clock-offset';
import type { HeartbeatBody } from '../lib/heartbeat';
import type { TokenStore } from './token-store';

/** An answer that carries the hub's time, with the clock sample measured around it. */
export interface Timed<T> {
  data: T;
  sample: ClockSample | null;
}

export class KioskApi {
  private readonly api: Api;

  constructor(
    private readonly tokens: TokenStore,
    opts: { fetch?: typeof fetch; baseUrl?: string } = {},
  ) {
    this.api = new Api({
      ...opts,
      headers: (): Record<string, string> => {
        const token = this.tokens.get();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    });
  }

  startPairing(signal?: AbortSignal): Promise<PairingStartDto> {
    return this.api.post<PairingStartDto>('/signage/pairings', undefined, signal);
  }

  claimPairing(secret: string, signal?: AbortSignal): Promise<PairingClaimDto> {
    return this.api.post<PairingClaimDto>('/signage/pairings/claim', { secret }, signal);
  }

  snapshot(signal?: AbortSignal): Promise<Timed<ScreenSnapshotDto>> {
    return this.timed((s) => this.api.get<ScreenSnapshotDto>('/screen/snapshot', s), signal);
  }

  heartbeat(body: HeartbeatBody, signal?: AbortSignal): Promise<Timed<HeartbeatAnswerDto>> {
    return this.timed((s) => this.api.post<HeartbeatAnswerDto>('/screen/heartbeat', body, s), signal);
  }

  alertDisplayed(alertId: string, signal?: AbortSignal): Promise<void> {
    return this.api.post<void>(`/screen/alerts/${encodeURIComponent(alertId)}/displayed`, undefined, signal);
  }

  /** Whether the hub is ready (database up, migrations applied): the nightly reload asks first. */
  async ready(signal?: AbortSignal): Promise<boolean> {
    try {
      const res = await fetch('/readyz', { cache: 'no-store', signal });
      return res.status === 200;
    } catch {
      return false;
    }
  }

  private async timed<T extends { serverTime: string }>(call: (signal?: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<Timed<T>> {
    const sentAt = Date.now();
    const data = await call(signal);
    return { data, sample: sampleFromRoundTrip(sentAt, Date.now(), data.serverTime) };
  }
}
