import { ChildPeer } from './child-peer';
import { summarize, type Summary } from './stats';

export type ToProbe = { type: 'ping'; id: number } | { type: 'start'; id: number } | { type: 'stop'; id: number } | { type: 'close' };
export type FromProbe =
  | { type: 'ready' }
  | { type: 'pong'; id: number; childAt: number }
  | { type: 'started'; id: number }
  | { type: 'probed'; id: number; probes: number[]; maxActive: number };

/** What lib/db-probe-process saw: its probe's latency (ms) and the most backends active at once. */
export interface DatabaseLoad {
  probeMs: Summary;
  maxActiveBackends: number;
}

/** The parent's handle on lib/db-probe-process.ts (PostgreSQL only). */
export class DatabaseProbe {
  private constructor(private readonly peer: ChildPeer<ToProbe, FromProbe>) {}

  static async start(url: string, opts: { cpu?: number | string | null } = {}): Promise<DatabaseProbe> {
    return new DatabaseProbe(await ChildPeer.start<ToProbe, FromProbe>('./db-probe-process.ts', 'database probe', { ...opts, env: { PROBE_DATABASE_URL: url } }));
  }

  async begin(): Promise<void> {
    await this.peer.ask<'started'>({ type: 'start' });
  }

  async end(): Promise<DatabaseLoad> {
    const r = await this.peer.ask<'probed'>({ type: 'stop' });
    return { probeMs: summarize(r.probes), maxActiveBackends: r.maxActive };
  }

  close(): Promise<void> {
    return this.peer.close();
  }
}
