import type { Database, Db } from '../../db/client';
import type { Config } from '../config';
import type { Clock } from '../platform/clock';
import type { Jobs } from '../platform/jobs';
import type { Logger } from '../platform/logger';
import type { EventPublisher, OutboxDeps } from '../platform/outbox';
import type { LoginLimiter } from '../modules/auth/login-limiter';
import type { UsageRecorder } from '../modules/indicators/usage-recorder';

/** Live-connection controls the HTTP side needs (absent on nodes without the realtime service). */
export interface RealtimeControls {
  /** Closes every live connection of a session (logout, switch, revocation). */
  disconnectSession(sessionId: string): void;
  /** Closes a screen's live connection (revoked, or its channels changed). */
  disconnectScreen(screenId: string): void;
}

/** Everything routes and services get from the hub; no hidden globals. */
export interface HubDeps {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  clock: Clock;
  limiter: LoginLimiter;
  publisher?: EventPublisher;
  jobs?: Jobs;
  realtime?: RealtimeControls;
  cookieKeys: string[];
  beforeCommit?: OutboxDeps['beforeCommit'];
  /** Hourly marks of who used the hub where (the usage indicators' raw records). */
  usage?: UsageRecorder;
}
