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
  | { type: 'statuses'; fleets: Array<{ fleet: FleetName; disconnects: number; late: number }>; cpuMs: number }
  | { type: 'closed' };

/** The receipt key of an 'event' frame: the news id, which the baseline payload reuses. */
export function receiptKey(frame: unknown): string | undefined {
  const id = (frame as { data?: { news?: { id?: unknown } } } | null)?.data?.news?.id;
  return typeof id === 'string' ? id : undefined;
}
