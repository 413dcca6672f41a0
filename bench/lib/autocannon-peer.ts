import { ChildPeer } from './child-peer';

export type ToCannon =
  | { type: 'ping'; id: number }
  | { type: 'run'; id: number; url: string; cookies: string[]; connections: number; durationS: number }
  | { type: 'close' };

export interface CannonResult {
  requestsPerS: number;
  total: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerS: number;
}

export type FromCannon = { type: 'ready' } | { type: 'pong'; id: number; childAt: number } | ({ type: 'result'; id: number; error?: string } & Partial<CannonResult>);

/** The parent's handle on lib/autocannon-process.ts. */
export class CannonPeer {
  private constructor(private readonly peer: ChildPeer<ToCannon, FromCannon>) {}

  static async start(opts: { cpu?: number | string | null } = {}): Promise<CannonPeer> {
    return new CannonPeer(await ChildPeer.start<ToCannon, FromCannon>('./autocannon-process.ts', 'autocannon', opts));
  }

  /** GET `url` for `durationS` seconds over `connections` kept-alive connections, cookies in turn. */
  async run(url: string, cookies: string[], connections: number, durationS: number): Promise<CannonResult> {
    const { type: _t, id: _i, error, ...result } = await this.peer.ask<'result'>({ type: 'run', url, cookies, connections, durationS });
    if (error) throw new Error(`autocannon: ${error}`);
    return result as CannonResult;
  }

  close(): Promise<void> {
    return this.peer.close();
  }
}
