import { describe, expect, it } from 'vitest';
import { isAuthLost, isRefusalFinal } from '../../clients/signage/src/lib/auth-lost';
import { sampleFromRoundTrip, ServerClock } from '../../clients/signage/src/lib/clock-offset';
import { shouldRunCommand } from '../../clients/signage/src/lib/commands';
import { displayMode } from '../../clients/signage/src/lib/display-mode';
import { heartbeatBody } from '../../clients/signage/src/lib/heartbeat';
import { jitteredDelay, POLL_MAX_MS, POLL_MIN_MS } from '../../clients/signage/src/lib/jitter';
import { effectiveLayout } from '../../clients/signage/src/lib/layout';
import { nightlyReloadDue } from '../../clients/signage/src/lib/nightly-reload';
import { groupPairingCode, retryDelay } from '../../clients/signage/src/lib/pairing';
import { pixelShift, SHIFT_STEP_MS } from '../../clients/signage/src/lib/pixel-shift';
import { qrPath } from '../../clients/signage/src/lib/qr';
import { capitalised, clockText, dateText } from '../../clients/signage/src/lib/school-time';
import { BOOT_GRACE_MS, staleSince } from '../../clients/signage/src/lib/stale';
import { signageCatalogues } from '../../clients/signage/src/i18n';
import { heartbeatSchema } from '../../server/contracts/signage';
import { COMMAND_MAX_AGE_MS, DEFAULT_SCREEN_SCHEDULE, STALE_BADGE_AFTER_MS } from '../../server/contracts/signage-rules';
import { at, TZ } from './signage-fixtures';

describe('kiosk clock', () => {
  it('measures the hub’s offset at the midpoint of the round trip', () => {
    // sent at 1000, received at 1200 (device); the hub stamped 61 100: it is 60 000 ahead
    expect(sampleFromRoundTrip(1000, 1200, new Date(61_100).toISOString())).toEqual({ offsetMs: 60_000, rttMs: 200 });
    expect(sampleFromRoundTrip(1000, 1200, 'not a date')).toBeNull();
  });

  it('keeps the offset of the quickest of the last samples, and ignores very slow answers', () => {
    let device = 5_000;
    const clock = new ServerClock(0, () => device);
    clock.add({ offsetMs: 900, rttMs: 800 });
    clock.add({ offsetMs: 1000, rttMs: 40 });
    clock.add({ offsetMs: 1300, rttMs: 500 });
    expect(clock.offsetMs).toBe(1000);
    expect(clock.add({ offsetMs: 99_999, rttMs: 20_000 })).toBe(false);
    expect(clock.now()).toBe(6_000);
    device = 7_000;
    expect(clock.now()).toBe(8_000);
    // the quick sample ages out after five newer ones
    for (let i = 0; i < 5; i++) clock.add({ offsetMs: 2000, rttMs: 100 });
    expect(clock.offsetMs).toBe(2000);
  });

  it('writes the school’s date and time, whatever the device’s zone', () => {
    const ms = Date.parse('2025-11-24T07:05:00Z');
    expect(clockText(ms, TZ)).toBe('08:05');
    expect(clockText(ms, 'America/Cayenne')).toBe('04:05');
    expect(capitalised(dateText(ms, TZ))).toBe('Lundi 24 novembre');
  });
});

describe('kiosk commands', () => {
  const now = at('2025-11-24', '10:00');
  const cmd = (issuedAt: number) => ({ command: 'reload' as const, issuedAt: new Date(issuedAt).toISOString() });

  it('runs a command only while fresh by the hub’s clock', () => {
    expect(shouldRunCommand(cmd(now - 5_000), now, null)).toBe(true);
    expect(shouldRunCommand(cmd(now - COMMAND_MAX_AGE_MS), now, null)).toBe(true);
    expect(shouldRunCommand(cmd(now - COMMAND_MAX_AGE_MS - 1), now, null)).toBe(false);
    expect(shouldRunCommand({ command: 'wake', issuedAt: 'hier' }, now, null)).toBe(false);
  });

  it('never runs the same command twice (a reload replayed after the reload)', () => {
    const c = cmd(now - 5_000);
    expect(shouldRunCommand(c, now, c.issuedAt)).toBe(false);
    expect(shouldRunCommand(cmd(now - 1_000), now, c.issuedAt)).toBe(true);
  });
});

describe('kiosk stale badge', () => {
  const boot = at('2025-11-24', '08:00');

  it('shows the time of the last sync once cut off for more than a minute', () => {
    const synced = at('2025-11-24', '09:00');
    expect(staleSince({ connected: false, syncedAt: synced, nowMs: synced + STALE_BADGE_AFTER_MS, bootedAt: boot })).toBeNull();
    expect(staleSince({ connected: false, syncedAt: synced, nowMs: synced + STALE_BADGE_AFTER_MS + 1, bootedAt: boot })).toBe(synced);
    expect(staleSince({ connected: true, syncedAt: synced, nowMs: synced + 3_600_000, bootedAt: boot })).toBeNull();
  });

  it('gives the live link a moment after a boot before calling old stored data stale', () => {
    const synced = at('2025-11-23', '17:00');
    const bootedAt = at('2025-11-24', '07:30');
    expect(staleSince({ connected: false, syncedAt: synced, nowMs: bootedAt + 1_000, bootedAt })).toBeNull();
    expect(staleSince({ connected: false, syncedAt: synced, nowMs: bootedAt + BOOT_GRACE_MS, bootedAt })).toBe(synced);
  });
});

describe('kiosk display and schedule', () => {
  const base = { alertShown: false, blank: false, schedule: DEFAULT_SCREEN_SCHEDULE, timeZone: TZ };

  it('follows the schedule on the school’s clock; blank beats it; an alert beats everything', () => {
    expect(displayMode({ ...base, nowMs: at('2025-11-24', '07:29') })).toBe('scheduled_off');
    expect(displayMode({ ...base, nowMs: at('2025-11-24', '07:30') })).toBe('content');
    expect(displayMode({ ...base, nowMs: at('2025-11-24', '18:30') })).toBe('scheduled_off');
    expect(displayMode({ ...base, nowMs: at('2025-11-29', '10:00') })).toBe('scheduled_off'); // Saturday
    expect(displayMode({ ...base, blank: true, nowMs: at('2025-11-24', '10:00') })).toBe('blank');
    expect(displayMode({ ...base, blank: true, alertShown: true, nowMs: at('2025-11-29', '03:00') })).toBe('alert');
  });

  it('follows the layout setting, unless the player’s output is the other way round', () => {
    expect(effectiveLayout('landscape', 1920, 1080)).toBe('landscape');
    expect(effectiveLayout('portrait', 1080, 1920)).toBe('portrait');
    expect(effectiveLayout('landscape', 1080, 1920)).toBe('portrait');
    expect(effectiveLayout('portrait', 1920, 1080)).toBe('landscape');
    expect(effectiveLayout('portrait', 0, 0)).toBe('portrait');
  });

  it('reloads once a night, off hours only, never during an alert, never a young page', () => {
    const night = at('2025-11-25', '03:00');
    const input = { nowMs: night, bootedAt: at('2025-11-24', '07:00'), timeZone: TZ, scheduledOn: false, alertShown: false };
    expect(nightlyReloadDue(input)).toBe(true);
    expect(nightlyReloadDue({ ...input, scheduledOn: true })).toBe(false);
    expect(nightlyReloadDue({ ...input, alertShown: true })).toBe(false);
    expect(nightlyReloadDue({ ...input, bootedAt: night - 60_000 })).toBe(false);
    expect(nightlyReloadDue({ ...input, nowMs: at('2025-11-24', '23:00') })).toBe(false);
  });

  it('shifts the picture a few pixels every few minutes, around the centre', () => {
    const seen = new Set<string>();
    for (let k = 0; k < 9; k++) {
      const { x, y } = pixelShift(k * SHIFT_STEP_MS, 4);
      expect(Math.abs(x)).toBeLessThanOrEqual(4);
      expect(Math.abs(y)).toBeLessThanOrEqual(4);
      seen.add(`${x},${y}`);
    }
    expect(seen.size).toBe(9);
    expect(pixelShift(0)).toEqual({ x: 0, y: 0 });
    expect(pixelShift(SHIFT_STEP_MS - 1)).toEqual(pixelShift(0));
  });
});

describe('kiosk heartbeat', () => {
  it('builds a body the hub’s schema accepts, even from a player with odd numbers', () => {
    const body = heartbeatBody({
      cursors: { 'screen:x': 3 },
      alertId: null,
      uptimeMs: 123_456.7,
      heapBytes: 12_345_678.9,
      clockOffsetMs: -90_000_000_000,
      version: '0.1.0',
      viewport: { width: 1920.4, height: 1080 },
      display: 'content',
    });
    expect(body).toMatchObject({ uptimeSeconds: 123, jsHeapBytes: 12_345_679, clockOffsetMs: -86_400_000, viewport: { width: 1920, height: 1080 } });
    expect(heartbeatSchema.safeParse(body).success).toBe(true);
    expect(heartbeatBody({ ...body, uptimeMs: 0, heapBytes: undefined, version: 'x' }).jsHeapBytes).toBeNull();
  });
});

describe('kiosk pairing', () => {
  it('groups the code by three, as people read it', () => {
    expect(groupPairingCode('AB3K7Z')).toBe('AB3 K7Z');
    expect(groupPairingCode('ab3-k7z')).toBe('AB3 K7Z');
  });

  it('waits longer after each failure, up to 30 s; polls in 20–40 s', () => {
    expect([1, 2, 3, 4, 10].map(retryDelay)).toEqual([2_000, 4_000, 8_000, 16_000, 30_000]);
    expect(jitteredDelay(POLL_MIN_MS, POLL_MAX_MS, () => 0)).toBe(20_000);
    expect(jitteredDelay(POLL_MIN_MS, POLL_MAX_MS, () => 1)).toBeLessThan(40_000);
  });

  it('draws a QR code of the pairing URL with its quiet zone, as runs of dark modules', () => {
    const { size, d } = qrPath('https://preau.example.fr/#/ecrans/appairer?code=AB3K7Z');
    // version 3 or 4 at level M for ~55 bytes: 29 or 33 modules, plus 4 on each side
    expect([37, 41]).toContain(size);
    expect(d).toMatch(/^M\d+ \d+h\d+v1h-\d+z/);
    // the top-left finder pattern starts at the quiet zone with a run of 7
    expect(d.startsWith('M4 4h7v1h-7z')).toBe(true);
  });

  it('forgets the token when the hub no longer knows the screen, not on an outage', () => {
    expect(isAuthLost({ status: 401, code: 'unauthenticated' })).toBe(true);
    expect(isAuthLost({ status: 401, code: 'screen_revoked' })).toBe(true);
    expect(isAuthLost({ status: 0, code: 'network_error' })).toBe(false);
    expect(isAuthLost({ status: 503, code: 'internal_error' })).toBe(false);
    expect(isRefusalFinal('screen_revoked')).toBe(true);
    expect(isRefusalFinal('rate_limited')).toBe(false);
  });
});

describe('kiosk catalogue', () => {
  it('English has a non-empty message for every French key, with the same placeholders', () => {
    const { fr, en } = signageCatalogues;
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(fr) as Array<keyof typeof fr>) {
      expect(en[key], key).toBeTruthy();
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('speaks the PPMS words the school uses', () => {
    const { fr } = signageCatalogues;
    expect([fr['alert.shelter'], fr['alert.evacuate'], fr['alert.allclear'], fr['alert.band.exercise']]).toEqual(['Confinement', 'Évacuation', 'Fin d’alerte', 'Exercice']);
    expect(fr['stale.badge']).toBe('Données de {time}');
  });
});
