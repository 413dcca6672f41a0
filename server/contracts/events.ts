import type { SchoolDto } from './directory';
import type { AbsenceEventData } from './absences';
import type { MessagingEventData } from './messaging';
import type { NewsEventData } from './news';
import type { SignageEventData } from './signage';

/** Envelope of every live event: stored with its per-channel seq, replayed on reconnect. */
export interface EventEnvelope<T extends EventType = EventType> {
  channel: string;
  seq: number;
  type: T;
  data: EventData[T];
  at: string;
}

/** Payloads of domain events, by name `<domain>.<past tense>`. */
export interface EventData extends NewsEventData, AbsenceEventData, MessagingEventData, SignageEventData {
  'school.updated': { school: SchoolDto; changed: string[]; by: string };
  'directory.imported': { created: number; updated: number; deactivated: number; by: string };
  'membership.changed': { uai: string; active: boolean };
}
export type EventType = keyof EventData;

/** Per-channel last seq a client has seen; sent at connect and on gaps. */
export type Cursors = Record<string, number>;

export interface ResyncNotice {
  channel: string;
  /** Latest seq of the channel: the client reloads its state and continues from there. */
  seq: number;
  reason: 'too_many_missed' | 'unknown_cursor';
}

export interface SocketErrorNotice {
  code: 'forbidden' | 'invalid_channel' | 'validation_failed';
  message: string;
  channel?: string;
}

export interface SubscribeAck {
  ok: boolean;
  channel: string;
  error?: SocketErrorNotice;
}

export interface ServerToClientEvents {
  event: (e: EventEnvelope) => void;
  /** A replay: what a socket missed on one channel, in seq order, in one frame. */
  events: (list: EventEnvelope[]) => void;
  resync: (r: ResyncNotice) => void;
  /** The channels this socket is in, sent once at connect. */
  channels: (list: string[]) => void;
  'error:notice': (e: SocketErrorNotice) => void;
}

export interface ClientToServerEvents {
  /** Ask for what was missed on these channels since the given seqs. */
  replay: (cursors: Cursors) => void;
  subscribe: (channel: string, ack: (r: SubscribeAck) => void) => void;
  unsubscribe: (channel: string) => void;
}

/** What the client sends in the socket.io handshake `auth`. */
export interface HandshakeAuth {
  cursors?: Cursors;
  /** A paired screen's device token, instead of a person's session cookie. */
  screenToken?: string;
}

/** Events kept per channel for replay; beyond, a client gets `resync`. */
export const REPLAY_LIMIT = 500;
