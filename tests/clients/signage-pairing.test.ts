import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../clients/shared/api';
import { PairingController } from '../../clients/signage/src/controllers/pairing-controller';
import type { KioskApi } from '../../clients/signage/src/services/kiosk-api';
import type { PairingClaimDto } from '../../server/contracts/signage';
import { screen } from './signage-fixtures';

const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
const pairing = (code: string) => ({ code, secret: `secret-${code}-0123456789abcdef`, expiresAt: '2025-11-24T10:15:00Z', pairUrl: `https://preau.example.fr/#/ecrans/appairer?code=${code}` });

function setup(claims: Array<PairingClaimDto | Error>, starts: Array<ReturnType<typeof pairing> | Error> = [pairing('AB3K7Z'), pairing('CD4M8N')]) {
  const api = {
    startPairing: vi.fn(async () => {
      const next = starts.shift()!;
      if (next instanceof Error) throw next;
      return next;
    }),
    claimPairing: vi.fn(async () => {
      const next = claims.shift() ?? { status: 'pending', expiresAt: '2025-11-24T10:15:00Z' };
      if (next instanceof Error) throw next;
      return next;
    }),
  };
  const onPaired = vi.fn();
  const c = new PairingController(host, api as unknown as KioskApi, onPaired);
  return { c, api, onPaired };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('kiosk pairing controller', () => {
  it('shows a code, asks every 2 s, and hands over the token once an admin typed the code', async () => {
    const t = setup([{ status: 'pending', expiresAt: '2025-11-24T10:15:00Z' }, { status: 'paired', token: 'device-token', screen: screen() }]);
    t.c.hostConnected();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.c.status).toBe('waiting');
    expect(t.c.pairing?.code).toBe('AB3K7Z');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.api.claimPairing).toHaveBeenCalledTimes(1);
    expect(t.api.claimPairing).toHaveBeenCalledWith(pairing('AB3K7Z').secret, expect.anything());
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.onPaired).toHaveBeenCalledWith('device-token', screen());
    // no more asking once paired
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.api.claimPairing).toHaveBeenCalledTimes(2);
  });

  it('replaces an expired code with a new one', async () => {
    const t = setup([new ApiError(410, 'pairing_expired', 'Ce code a expiré')]);
    t.c.hostConnected();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.api.startPairing).toHaveBeenCalledTimes(2);
    expect(t.c.pairing?.code).toBe('CD4M8N');
  });

  it('keeps the code through a short outage, says so after three failures, and retries without hammering', async () => {
    const down = () => new ApiError(0, 'network_error', 'hors ligne');
    const t = setup([down(), down(), down()]);
    t.c.hostConnected();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.c.status).toBe('waiting');
    expect(t.c.pairing?.code).toBe('AB3K7Z');
    await vi.advanceTimersByTimeAsync(2_000 + 4_000);
    expect(t.c.status).toBe('offline');
    expect(t.api.claimPairing).toHaveBeenCalledTimes(3);
  });

  it('waits as told when the hub limits codes per address', async () => {
    const t = setup([], [new ApiError(429, 'rate_limited', 'Trop de demandes', { retryAfterSeconds: 120 }), pairing('EF5P9Q')]);
    t.c.hostConnected();
    await vi.advanceTimersByTimeAsync(119_000);
    expect(t.api.startPairing).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.c.pairing?.code).toBe('EF5P9Q');
  });

  it('stops everything when the page leaves', async () => {
    const t = setup([]);
    t.c.hostConnected();
    await vi.advanceTimersByTimeAsync(0);
    t.c.hostDisconnected();
    expect(vi.getTimerCount()).toBe(0);
  });
});
