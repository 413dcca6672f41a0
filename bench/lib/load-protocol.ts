/**
 * Messages between a benchmark and its load-generator child (Node IPC, 'advanced'
 * serialization so receipt times travel as a Float64Array with NaN for "not received").
 */

/** A set of clients connected to one server; receipts are kept per fleet. */
export type FleetName = string;

export type ToLoadClient =
  | { type: 'ping'; id: number; sentAt: number }
  | {
      type: 'connect';
      fleet: FleetName;
      url: string;
      /** One entry per client: its Cookie header, or null for an anonymous client. */
      cookies: Array<string | null>;
      origin: string;
      concurrency: number;
    }
  /** Asks for what arrived so far for a key whose receipts are overdue. */
  | { type: 'flush'; fleet: FleetName; key: string }
  /**
   * A key only some clients get (each guardian their own child's alert): its receipts are
   * complete after `count` clients, not the whole fleet. Without it, every client must get it.
   */
  | { type: 'expect'; fleet: FleetName; key: string; count: number }
  /**
   * HTTP requests sent all at once from this process (keep-alive connections), so that the
   * measured process does not also play the clients that trigger a fan-out.
   */
  | { type: 'http'; id: number; requests: HttpRequest[] }
  /** Closes every client of the fleet, which keeps their cursors (the last seq seen per channel). */
  | { type: 'drop'; fleet: FleetName }
  /** Connects the dropped clients again all at once, with their cursors; done when each got `expect` new events. */
  | { type: 'reconnect'; fleet: FleetName; expect: number; timeoutMs: number }
  | { type: 'status' }
  | { type: 'close' };

export type FromLoadClient =
  | { type: 'pong'; id: number; sentAt: number; childAt: number }
  | { type: 'ready'; fleet: FleetName; connected: number; failed: number; errors: string[]; ms: number }
  | {
      type: 'receipts';
      fleet: FleetName;
      key: string;
      /** Receipt instant per client (child clock, ms), NaN where nothing arrived. */
      times: Float64Array;
      complete: boolean;
      /** Frames carrying a key a client had already received. */
      duplicates: number;
      /** Garbage-collection pauses of the load generator between the first and last receipt. */
      gcMs: number;
    }
  | { type: 'http'; id: number; results: HttpResult[] }
  | { type: 'dropped'; fleet: FleetName; clients: number }
  | {
      type: 'reconnected';
      fleet: FleetName;
      startedAt: number;
      /** Per client (child clock, ms): when it heard its channels again, and when its replay was complete; NaN if never. */
      connectedAt: Float64Array;
      caughtUpAt: Float64Array;
      errors: string[];
    }
  | { type: 'statuses'; fleets: Array<{ fleet: FleetName; disconnects: number; late: number }>; cpuMs: number }
  | { type: 'closed' };

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Send the response body back (otherwise only for error statuses). */
  returnBody?: boolean;
}

export interface HttpResult {
  status: number;
  /** Child clock (ms): just before the request was written, and once its whole body was read. */
  sentAt: number;
  doneAt: number;
  bodyBytes: number;
  body?: string;
  error?: string;
  /**
   * Sent a second time: the kept-alive connection it first went out on had just been closed by
   * the server (idle timeout). The instants are the second attempt's.
   */
  retried?: boolean;
}

/**
 * The receipt key of an 'event' frame: the news id, which the baseline payload reuses; for an
 * absence alert, its roll call's date (roll-call-fanout takes each round's roll calls on a day of
 * their own, so the date names the round; each guardian gets at most one alert per round); for a
 * message's copy, the message id (one copy per recipient and message).
 */
export function receiptKey(frame: unknown): string | undefined {
  const f = frame as {
    type?: unknown;
    data?: { news?: { id?: unknown }; absence?: { course?: { date?: unknown } | null }; messageId?: unknown };
  } | null;
  const id = f?.data?.news?.id;
  if (typeof id === 'string') return id;
  if (f?.type === 'message.received') return typeof f.data?.messageId === 'string' ? `message.received:${f.data.messageId}` : undefined;
  const date = f?.type === 'absence.recorded' ? f.data?.absence?.course?.date : undefined;
  return typeof date === 'string' ? `absence.recorded:${date}` : undefined;
}
