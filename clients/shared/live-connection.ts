import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  ClientToServerEvents,
  Cursors,
  EventEnvelope,
  HandshakeAuth,
  ResyncNotice,
  ServerToClientEvents,
  SocketErrorNotice,
} from '../../server/contracts/events';
import { ChannelCursors } from './replay-cursor';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type LiveStatus = 'connecting' | 'connected' | 'disconnected';

export interface LiveConnectionOptions {
  /** Whose cursors these are: a shared computer must not replay one person's cursors for another. */
  userId: string;
  /** Each event exactly once, in seq order per channel. */
  onEvent(event: EventEnvelope): void;
  /** The hub could not replay what was missed on a channel: reload the state it feeds. */
  onResync?(notice: ResyncNotice): void;
  onChannels?(channels: string[]): void;
  onNotice?(notice: SocketErrorNotice): void;
  /** The hub refused the connection (`data.code`: `unauthenticated`, `screen_revoked`…). */
  onRefused?(code: string): void;
  /** Called after each status change, besides the host's re-render. */
  onStatus?(status: LiveStatus): void;
  /** Hub origin; same-origin when absent. */
  url?: string;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** More handshake fields, read at every (re)connect (a paired screen's device token). */
  handshake?(): Omit<HandshakeAuth, 'cursors'>;
  /** Lets tests hand in their own socket. */
  createSocket?(url: string | undefined, opts: Partial<ManagerOptions & SocketOptions>): LiveSocket;
}

const cursorKey = (userId: string) => `preau.live.cursors.${userId}`;

/**
 * The live link of a lit element to the hub: connects while the host is in the document,
 * sends its last seq per channel at every (re)connect so the hub replays what was missed
 * (even across page reloads), and hands the app each event once, in order.
 */
export class LiveConnection implements ReactiveController {
  status: LiveStatus = 'connecting';
  /** True once connected at least once, so the UI can tell "connecting" from "reconnecting". */
  hasConnected = false;
  /** The channels the hub put this connection in. */
  channels: string[] = [];

  private socket: LiveSocket | null = null;
  private readonly cursors: ChannelCursors;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: LiveConnectionOptions,
  ) {
    this.storage = opts.storage === undefined ? defaultStorage() : opts.storage;
    this.cursors = new ChannelCursors(this.loadCursors());
    host.addController(this);
  }

  hostConnected(): void {
    this.open();
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
    }
  }

  hostDisconnected(): void {
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.onOffline);
    }
    this.close();
  }

  /** Reconnects from scratch, e.g. after a school switch changed the channels the hub grants. */
  reconnect(): void {
    this.close();
    this.open();
  }

  /** The cursors the next (re)connect will send. */
  snapshot(): Cursors {
    return this.cursors.snapshot();
  }

  private open(): void {
    if (this.socket) return;
    const options: Partial<ManagerOptions & SocketOptions> = {
      withCredentials: true,
      // a function, so that every reconnect sends the cursors as they are then, not at first connect
      auth: (cb: (data: HandshakeAuth) => void) => cb({ ...this.opts.handshake?.(), cursors: this.cursors.snapshot() }),
    };
    const socket = this.opts.createSocket ? this.opts.createSocket(this.opts.url, options) : io(this.opts.url ?? '', options);
    this.socket = socket;
    this.setStatus('connecting');

    socket.on('connect', () => {
      this.hasConnected = true;
      this.setStatus('connected');
    });
    socket.on('disconnect', (reason) => {
      // the hub closed this connection on purpose (a revoked screen or session, channels that
      // changed): connect again at once, and let the handshake say whether we still may
      if (reason === 'io server disconnect') socket.connect();
      this.setStatus(socket.active ? 'connecting' : 'disconnected');
    });
    socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
      this.setStatus(socket.active ? 'connecting' : 'disconnected');
      // refused by the hub's handshake (not a network failure): socket.io does not retry those
      if (!socket.active && typeof err?.data?.code === 'string') this.opts.onRefused?.(err.data.code);
    });
    socket.on('channels', (list) => {
      this.channels = [...list];
      this.opts.onChannels?.(this.channels);
      this.host.requestUpdate();
    });
    socket.on('event', (event) => this.receive(event));
    socket.on('events', (list) => {
      for (const event of list) this.receive(event);
    });
    socket.on('resync', (notice) => {
      this.cursors.reset(notice.channel, notice.seq);
      this.saveCursors();
      this.opts.onResync?.(notice);
    });
    socket.on('error:notice', (notice) => this.opts.onNotice?.(notice));
  }

  private close(): void {
    if (!this.socket) return;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.socket = null;
    // our own doing, not news for onStatus: a reconnect or the host leaving the page
    this.status = 'disconnected';
    this.host.requestUpdate();
  }

  private receive(event: EventEnvelope): void {
    const { deliver, replay } = this.cursors.accept(event);
    if (replay) this.socket?.emit('replay', { [replay.channel]: replay.since });
    if (deliver.length === 0) return;
    this.saveCursors();
    for (const e of deliver) this.opts.onEvent(e);
  }

  private readonly onOnline = () => {
    if (!this.socket) return;
    if (this.socket.connected) this.setStatus('connected');
    else {
      this.setStatus('connecting');
      if (!this.socket.active) this.socket.connect();
    }
  };

  // the socket only notices a dead network at the next ping timeout; the browser knows now
  private readonly onOffline = () => this.setStatus('disconnected');

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.opts.onStatus?.(status);
    this.host.requestUpdate();
  }

  private loadCursors(): Cursors {
    try {
      const raw = this.storage?.getItem(cursorKey(this.opts.userId));
      if (!raw) return {};
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object') return {};
      const out: Cursors = {};
      for (const [channel, seq] of Object.entries(parsed as Record<string, unknown>)) {
        if (typeof seq === 'number' && Number.isInteger(seq) && seq >= 0) out[channel] = seq;
      }
      return out;
    } catch {
      return {};
    }
  }

  private saveCursors(): void {
    try {
      this.storage?.setItem(cursorKey(this.opts.userId), JSON.stringify(this.cursors.snapshot()));
    } catch {
      // storage full or refused: live delivery still works, only reload-time replay is lost
    }
  }
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
