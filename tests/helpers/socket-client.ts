import { io, type Socket } from 'socket.io-client';
import { ChannelCursors } from '../../clients/shared/replay-cursor';
import type { ClientToServerEvents, Cursors, EventEnvelope, ResyncNotice, ServerToClientEvents, SocketErrorNotice } from '../../server/contracts/events';

export interface LiveClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Events as the app would see them: each once, in order per channel. */
  delivered: EventEnvelope[];
  /** Every event received, live or in a replay batch, duplicates included. */
  raw: EventEnvelope[];
  resyncs: ResyncNotice[];
  notices: SocketErrorNotice[];
  channels: Promise<string[]>;
  cursors: ChannelCursors;
  waitFor(predicate: (e: EventEnvelope[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** A socket.io client that behaves like the web client: cookie auth, cursors in the handshake, gap replay. */
export function connectLive(
  baseUrl: string,
  cookie: string,
  initial: Cursors = {},
  opts: { transports?: Array<'polling' | 'websocket'>; screenToken?: string } = {},
): LiveClient {
  const cursors = new ChannelCursors(initial);
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(baseUrl, {
    // websocket only by default (faster); browsers start with long-polling, tested too
    transports: opts.transports ?? ['websocket'],
    extraHeaders: { cookie, origin: baseUrl },
    auth: (cb) => cb({ cursors: cursors.snapshot(), ...(opts.screenToken ? { screenToken: opts.screenToken } : {}) }),
    reconnection: false,
    forceNew: true,
  });
  const client: LiveClient = {
    socket,
    delivered: [],
    raw: [],
    resyncs: [],
    notices: [],
    cursors,
    channels: new Promise((resolve, reject) => {
      socket.once('channels', resolve);
      socket.once('connect_error', reject);
    }),
    waitFor: (predicate, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const tick = () => {
          if (predicate(client.delivered)) return resolve();
          if (Date.now() - started > timeoutMs) return reject(new Error(`timed out; delivered: ${JSON.stringify(client.delivered.map((e) => [e.channel, e.seq, e.type]))}`));
          setTimeout(tick, 20);
        };
        tick();
      }),
    close: () => socket.close(),
  };
  const receive = (e: EventEnvelope) => {
    client.raw.push(e);
    const result = cursors.accept(e);
    client.delivered.push(...result.deliver);
    if (result.replay) socket.emit('replay', { [result.replay.channel]: result.replay.since });
  };
  socket.on('event', receive);
  socket.on('events', (list) => list.forEach(receive));
  socket.on('resync', (r) => {
    client.resyncs.push(r);
    cursors.reset(r.channel, r.seq);
  });
  socket.on('error:notice', (n) => client.notices.push(n));
  return client;
}
