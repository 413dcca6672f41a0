import type { Server as HttpServer } from 'node:http';
import Cookies from 'cookies';
import { Server, type Socket } from 'socket.io';
import { Adapter } from 'socket.io-adapter';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { Actor } from '../authz/actor';
import { authorize } from '../authz/registry';
import { channels, parseChannel } from '../contracts/channels';
import type { ClientToServerEvents, Cursors, ServerToClientEvents } from '../contracts/events';
import { isAllowedOrigin } from '../http/origin-check';
import type { RealtimeControls } from '../http/deps';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { loadActor, SESSION_COOKIE } from '../modules/auth/session.store';
import { screenChannels } from '../modules/signage/screen-events';
import { loadScreen, type ScreenActor } from '../modules/signage/screen-token';
import { channelsFor, groupFacts } from './channel-membership';
import { sharedRoom, socketActor } from './interned';
import { pacedBroadcasts } from './paced-broadcast';
import { ReplayBatches } from './replay-batches';
import type { EnvelopeSink } from './relay';

/** A person (session cookie) or a paired screen (device token): exactly one is set. */
type SocketData = { actor?: Actor; screen?: ScreenActor };
export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type HubIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const cursorsSchema = z.record(z.string().max(120), z.number().int().min(0)).refine((c) => Object.keys(c).length <= 200, 'trop de canaux');

export interface RealtimeOptions {
  db: Db;
  log: Logger;
  clock: Clock;
  cookieKeys: string[];
  allowedOrigins: string[];
}

const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** What a connection's handlers need: the options, and the replays shared between sockets. */
type RealtimeContext = RealtimeOptions & { replays: ReplayBatches };

/** Socket.io on the hub's HTTP server: cookie-authenticated, channels decided by the server, replay by seq. */
export function createRealtime(httpServer: HttpServer, opts: RealtimeOptions): { io: HubIo; sink: EnvelopeSink; controls: RealtimeControls } {
  const io: HubIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // an event for a whole school is written a chunk of sockets per turn of the event loop
    adapter: pacedBroadcasts(Adapter) as never,
    allowRequest: (req, callback) => {
      callback(null, isAllowedOrigin(req.headers.origin, req.headers.host, opts.allowedOrigins));
    },
  });

  io.use(async (socket, next) => {
    try {
      const screenToken = (socket.handshake.auth as { screenToken?: unknown } | undefined)?.screenToken;
      if (typeof screenToken === 'string') {
        const screen = await loadScreen(opts.db, screenToken);
        // a kiosk told its token is revoked goes back to showing a pairing code
        if (!screen) return next(Object.assign(new Error('screen_revoked'), { data: { code: 'screen_revoked' } }));
        socket.data.screen = screen;
        return next();
      }
      const cookies = new Cookies(socket.request, null as any, { keys: opts.cookieKeys });
      const token = cookies.get(SESSION_COOKIE, { signed: true });
      const actor = token ? await loadActor(opts.db, token, opts.clock.now()) : null;
      if (!actor) return next(Object.assign(new Error('unauthenticated'), { data: { code: 'unauthenticated' } }));
      socket.data.actor = socketActor(actor);
      next();
    } catch (err) {
      opts.log.error({ err }, 'socket handshake failed');
      next(new Error('unavailable'));
    }
  });

  const ctx: RealtimeContext = { ...opts, replays: new ReplayBatches(io, opts.db, opts.log) };
  io.on('connection', (socket) => {
    void onConnection(socket, ctx).catch((err) => {
      opts.log.error({ err }, 'socket setup failed');
      socket.disconnect(true);
    });
  });

  return {
    io,
    sink: (envelope) => io.to(envelope.channel).emit('event', envelope),
    controls: {
      disconnectSession: (sessionId) => io.in(sessionRoom(sessionId)).disconnectSockets(true),
      disconnectScreen: (screenId) => io.in(channels.screen(screenId)).disconnectSockets(true),
    },
  };
}

async function onConnection(socket: HubSocket, opts: RealtimeContext): Promise<void> {
  const { actor, screen } = socket.data;
  // handlers first, so nothing the client sends while we query is lost
  socket.on('replay', (cursors) => replayTo(socket, opts, cursors));
  if (screen) {
    // a screen follows the channels its pairing gives it, and asks for nothing else
    socket.on('subscribe', (channel, ack) => void refuse(socket, channel, typeof ack === 'function' ? ack : () => {}));
    const list = screenChannels(screen);
    await socket.join(list);
    socket.emit('channels', list);
    const auth = socket.handshake.auth as { cursors?: unknown };
    if (auth?.cursors) replayTo(socket, opts, auth.cursors);
    return;
  }
  if (!actor) throw new Error('socket without actor');
  socket.on('subscribe', (channel, ack) => void subscribe(socket, opts, channel, typeof ack === 'function' ? ack : () => {}));
  socket.on('unsubscribe', (channel) => {
    if (typeof channel === 'string' && !channel.startsWith('session:')) void socket.leave(channel);
  });

  const list = await channelsFor(opts.db, actor.personId, actor.memberships);
  await socket.join([...list.map(sharedRoom), sessionRoom(actor.sessionId)]);
  socket.emit('channels', list);
  const auth = socket.handshake.auth as { cursors?: unknown };
  if (auth?.cursors) replayTo(socket, opts, auth.cursors);
}

function replayTo(socket: HubSocket, ctx: RealtimeContext, raw: unknown): void {
  const parsed = cursorsSchema.safeParse(raw);
  if (!parsed.success) {
    socket.emit('error:notice', { code: 'validation_failed', message: 'Curseurs de reprise invalides.' });
    return;
  }
  const cursors: Cursors = parsed.data;
  for (const [channel, since] of Object.entries(cursors)) {
    if (!socket.rooms.has(channel) || channel.startsWith('session:')) {
      socket.emit('error:notice', { code: 'forbidden', message: 'Canal non autorisé.', channel });
      continue;
    }
    ctx.replays.request(socket, channel, since);
  }
}

function refuse(socket: HubSocket, channel: unknown, ack: (r: { ok: boolean; channel: string; error?: { code: 'forbidden'; message: string; channel?: string } }) => void): void {
  const name = typeof channel === 'string' ? channel.slice(0, 120) : '';
  const error = { code: 'forbidden' as const, message: 'Abonnement refusé pour ce canal.', channel: name };
  socket.emit('error:notice', error);
  ack({ ok: false, channel: name, error });
}

async function subscribe(
  socket: HubSocket,
  opts: RealtimeOptions,
  channel: unknown,
  ack: (r: { ok: boolean; channel: string; error?: { code: 'forbidden' | 'invalid_channel'; message: string; channel?: string } }) => void,
): Promise<void> {
  const name = typeof channel === 'string' ? channel : '';
  const parsed = parseChannel(name);
  if (!parsed) {
    const error = { code: 'invalid_channel' as const, message: 'Canal inconnu.', channel: name };
    socket.emit('error:notice', error);
    return ack({ ok: false, channel: name, error });
  }
  const actor = socket.data.actor!;
  const group = parsed.kind === 'group' || parsed.kind === 'groupProfile' ? await groupFacts(opts.db, parsed.uai, parsed.groupId, actor.personId) : undefined;
  if (!authorize(actor, 'channel.subscribe', { channel: parsed, group })) {
    const error = { code: 'forbidden' as const, message: 'Abonnement refusé pour ce canal.', channel: name };
    socket.emit('error:notice', error);
    return ack({ ok: false, channel: name, error });
  }
  await socket.join(name);
  ack({ ok: true, channel: name });
}
