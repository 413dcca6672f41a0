/**
 * The plain socket.io baseline in a process of its own, for the benchmarks at 10,000 sockets:
 * a process may hold 20,000 open files here, and the hub's sockets and the baseline's together
 * would pass it. It is also fairer: the baseline's memory and event loop are its own.
 *
 * Every client joins 'room' and hears `channels`. The server keeps what it emitted (each
 * envelope with its seq), and a client that connects with `auth.cursors.room = n` gets the
 * envelopes after n in one frame, as the hub's replay gives a reconnecting client what it missed.
 * Driven over IPC by lib/baseline-peer.ts.
 */
import type { EventEnvelope } from '../../server/contracts/events';
import type { FromBaseline, ToBaseline } from './baseline-peer';
import { memoryAfterGc } from './gc';
import { LagSampler, startBaselineServer } from './harness';
import { now } from './stats';

const history: EventEnvelope[] = [];
const lag = new LagSampler();

const server = await startBaselineServer(
  (socket) => {
    void socket.join('room');
    socket.emit('channels', ['room']);
    const since = (socket.handshake.auth as { cursors?: { room?: unknown } } | undefined)?.cursors?.room;
    // the missed events in one frame, as the hub replays them
    if (typeof since === 'number' && since < history.length) socket.emit('events', history.slice(since));
  },
  // idle clients stay connected through the hub's rounds
  { keepAliveTimeoutMs: 120_000 },
);

const send = (m: FromBaseline) => process.send!(m);
send({ type: 'ready', url: server.url });

process.on('message', (m: ToBaseline) => {
  switch (m.type) {
    case 'ping':
      send({ type: 'pong', id: m.id, childAt: now() });
      break;
    case 'emit': {
      const envelope = { ...m.envelope, channel: 'room', seq: history.length + 1 };
      history.push(envelope);
      const at = now();
      server.io.to('room').emit('event', envelope);
      send({ type: 'emitted', id: m.id, at, sendMs: now() - at });
      break;
    }
    case 'lag':
      if (m.action === 'within') {
        send({ type: 'lag', id: m.id, p50: NaN, p99: NaN, max: lag.maxWithin(m.from ?? 0, m.to ?? 0) });
        break;
      }
      if (m.action === 'start') lag.start();
      else lag.stop();
      send({ type: 'lag', id: m.id, ...lag.figures() });
      break;
    case 'memory':
      send({ type: 'memory', id: m.id, ...memoryAfterGc(server.io.sockets.sockets.size) });
      break;
    case 'close':
      void server.close().then(() => process.exit(0));
      break;
  }
});
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
