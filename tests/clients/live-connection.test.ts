import { describe, expect, it } from 'vitest';
import { LiveConnection, type LiveConnectionOptions, type LiveSocket } from '../../clients/shared/live-connection';
import type { EventEnvelope, HandshakeAuth } from '../../server/contracts/events';

const USER = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const CHANNEL = 'school:0750654D';

/** Just enough of a socket.io client socket: handlers by name, what was emitted, the handshake auth. */
class FakeSocket {
  active = true;
  connected = false;
  emitted: Array<[string, unknown]> = [];
  private handlers = new Map<string, Array<(...args: any[]) => void>>();
  constructor(readonly opts: { auth?: unknown }) {}
  on(name: string, fn: (...args: any[]) => void) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
    return this;
  }
  emit(name: string, payload: unknown) {
    this.emitted.push([name, payload]);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  disconnect() {
    this.active = false;
    this.connected = false;
    return this;
  }
  connects = 0;
  connect() {
    this.connects++;
    this.active = true;
    return this;
  }
  /** What the hub would do: fire a server event at the client. */
  fire(name: string, ...args: unknown[]) {
    if (name === 'connect') this.connected = true;
    for (const fn of this.handlers.get(name) ?? []) fn(...args);
  }
  /** The handshake payload socket.io would send now. */
  handshake(): HandshakeAuth {
    let sent: HandshakeAuth = {};
    (this.opts.auth as (cb: (d: HandshakeAuth) => void) => void)((d) => (sent = d));
    return sent;
  }
}

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

function setup(storage = memoryStorage(), extra: Partial<LiveConnectionOptions> = {}) {
  const sockets: FakeSocket[] = [];
  const delivered: EventEnvelope[] = [];
  const resyncs: unknown[] = [];
  const statuses: string[] = [];
  const host = { addController: () => {}, requestUpdate: () => {}, removeController: () => {}, updateComplete: Promise.resolve(true) };
  const live = new LiveConnection(host, {
    userId: USER,
    storage,
    onEvent: (e) => delivered.push(e),
    onResync: (r) => resyncs.push(r),
    onStatus: (s) => statuses.push(s),
    createSocket: (_url, opts) => {
      const s = new FakeSocket(opts);
      sockets.push(s);
      return s as unknown as LiveSocket;
    },
    ...extra,
  });
  return { live, sockets, delivered, resyncs, statuses };
}

const ev = (seq: number): EventEnvelope => ({
  channel: CHANNEL,
  seq,
  type: 'membership.changed',
  data: { uai: '0750654D', active: true },
  at: '2025-11-24T09:00:00Z',
});

describe('LiveConnection', () => {
  it('connects with credentials when its host connects and reports its status', () => {
    const { live, sockets, statuses } = setup();
    expect(sockets).toHaveLength(0);
    live.hostConnected();
    expect(sockets).toHaveLength(1);
    expect(sockets[0].opts).toMatchObject({ withCredentials: true });
    expect(live.status).toBe('connecting');
    sockets[0].fire('connect');
    expect(live.status).toBe('connected');
    expect(live.hasConnected).toBe(true);
    sockets[0].active = true;
    sockets[0].fire('disconnect', 'transport close');
    expect(live.status).toBe('connecting');
    sockets[0].active = false;
    sockets[0].fire('connect_error', new Error('unauthenticated'));
    expect(live.status).toBe('disconnected');
    expect(statuses).toEqual(['connected', 'connecting', 'disconnected']);
  });

  it('connects again when the hub closed the connection on purpose, and reports a refused handshake', () => {
    const refused: string[] = [];
    const { live, sockets } = setup(memoryStorage(), { onRefused: (code) => refused.push(code) });
    live.hostConnected();
    const s = sockets[0];
    s.fire('connect');
    // a network drop is socket.io's own to retry; a disconnect by the hub (revoked, channels changed) is ours
    s.fire('disconnect', 'transport close');
    expect(s.connects).toBe(0);
    s.active = false;
    s.fire('disconnect', 'io server disconnect');
    expect(s.connects).toBe(1);
    expect(live.status).toBe('connecting');
    // the hub's handshake refuses: no more retries, and the app is told why
    s.active = false;
    s.fire('connect_error', Object.assign(new Error('screen_revoked'), { data: { code: 'screen_revoked' } }));
    expect(refused).toEqual(['screen_revoked']);
    expect(live.status).toBe('disconnected');
    // a network failure is not a refusal
    s.fire('connect_error', new Error('xhr poll error'));
    expect(refused).toEqual(['screen_revoked']);
  });

  it('sends the cursors as they are at each (re)connect, not as they were at the first', () => {
    const { live, sockets } = setup();
    live.hostConnected();
    expect(sockets[0].handshake()).toEqual({ cursors: {} });
    sockets[0].fire('event', ev(7));
    expect(sockets[0].handshake()).toEqual({ cursors: { [CHANNEL]: 7 } });
  });

  it('delivers each event once and asks the hub to replay a gap once', () => {
    const { live, sockets, delivered } = setup();
    live.hostConnected();
    const s = sockets[0];
    s.fire('event', ev(1));
    s.fire('event', ev(1));
    s.fire('event', ev(4));
    s.fire('event', ev(5));
    expect(delivered.map((e) => e.seq)).toEqual([1]);
    expect(s.emitted).toEqual([['replay', { [CHANNEL]: 1 }]]);
    s.fire('event', ev(2));
    s.fire('event', ev(3));
    expect(delivered.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps cursors per user across page loads, so a reload replays what was missed', () => {
    const storage = memoryStorage();
    const first = setup(storage);
    first.live.hostConnected();
    first.sockets[0].fire('event', ev(41));
    first.live.hostDisconnected();
    expect(first.sockets[0].active).toBe(false);

    const second = setup(storage);
    second.live.hostConnected();
    expect(second.sockets[0].handshake()).toEqual({ cursors: { [CHANNEL]: 41 } });
    // another person on the same computer starts from nothing
    const other = new LiveConnection({ addController: () => {}, requestUpdate: () => {} } as never, {
      userId: 'someone-else',
      storage,
      onEvent: () => {},
    });
    expect(other.snapshot()).toEqual({});
  });

  it('ignores stored cursors it cannot trust', () => {
    const storage = memoryStorage();
    storage.setItem(`preau.live.cursors.${USER}`, '{"school:0750654D":"12","user:x":-1,"ok":3}');
    const { live } = setup(storage);
    expect(live.snapshot()).toEqual({ ok: 3 });
    storage.setItem(`preau.live.cursors.${USER}`, 'not json');
    expect(setup(storage).live.snapshot()).toEqual({});
  });

  it('on resync, continues from the hub’s seq and tells the host to reload', () => {
    const { live, sockets, resyncs, delivered } = setup();
    live.hostConnected();
    const s = sockets[0];
    s.fire('event', ev(1));
    s.fire('resync', { channel: CHANNEL, seq: 800, reason: 'too_many_missed' });
    expect(resyncs).toEqual([{ channel: CHANNEL, seq: 800, reason: 'too_many_missed' }]);
    expect(live.snapshot()).toEqual({ [CHANNEL]: 800 });
    s.fire('event', ev(801));
    expect(delivered.map((e) => e.seq)).toEqual([1, 801]);
  });

  it('reconnect() opens a fresh socket without reporting a lost connection', () => {
    const { live, sockets, statuses } = setup();
    live.hostConnected();
    sockets[0].fire('connect');
    live.reconnect();
    expect(sockets).toHaveLength(2);
    expect(sockets[0].active).toBe(false);
    expect(live.status).toBe('connecting');
    expect(statuses).toEqual(['connected', 'connecting']);
  });
});
