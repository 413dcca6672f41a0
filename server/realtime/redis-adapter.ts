import { RedisAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { ConfigError } from '../config';
import type { Logger } from '../platform/logger';
import { pacedBroadcasts } from './paced-broadcast';
import type { HubIo } from './socket-server';

/** How long a starting node waits for Redis before refusing to start. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Several hub nodes behind a load balancer share their socket.io rooms through Redis (the
 * official adapter): an event committed on node A reaches sockets on node B, and a revocation
 * closes sockets wherever they are. Sessions, events and jobs already live in PostgreSQL.
 * Returns what closes the two connections.
 */
export async function useRedisAdapter(io: HubIo, url: string, log: Logger): Promise<() => Promise<void>> {
  const pub = createClient({ url, socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(500 * 2 ** retries, 10_000) } });
  const sub = pub.duplicate();
  let degraded = false;
  for (const [name, client] of [['pub', pub], ['sub', sub]] as const) {
    // while Redis is away each node keeps serving its own sockets; said once, then again on recovery
    client.on('error', (err: Error) => {
      if (!degraded) log.error({ err: err.message, client: name }, 'Redis unavailable: live events reach this node’s sockets only');
      degraded = true;
    });
    client.on('ready', () => {
      if (degraded) log.warn({ client: name }, 'Redis is back: live events reach every node again');
      degraded = false;
    });
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    // the clients retry for ever once running; a node starting without Redis says so and stops
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`pas de réponse en ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
    });
    await Promise.race([Promise.all([pub.connect(), sub.connect()]), late]);
  } catch (err) {
    pub.destroy();
    sub.destroy();
    throw new ConfigError([`REDIS_URL: Redis injoignable (${(err as Error).message})`]);
  } finally {
    clearTimeout(timer);
  }
  // the official adapter, its broadcasts written a chunk of sockets at a time like a single node's
  const PacedRedisAdapter = pacedBroadcasts(RedisAdapter);
  io.adapter(function redisAdapter(nsp: unknown) {
    return new PacedRedisAdapter(nsp as never, pub, sub);
  } as never);
  log.info('socket.io rooms shared through Redis');
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
