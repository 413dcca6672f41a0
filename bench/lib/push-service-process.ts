/**
 * The tests' push service (tests/helpers/push-service.ts) in a process of its own, for the push
 * benchmark: verifying each VAPID signature and decrypting each message is the push service's
 * work, not the sender's, so it runs on the load generator's CPU. It keeps a short record per
 * accepted message (arrival instant, subscription, title, tag), not the messages themselves.
 * Driven over IPC by lib/push-service-peer.ts; sends { type: 'ready', origin, ca } first.
 */
import type { ReceivedPush } from '../../tests/helpers/push-service';
import { startPushService } from '../../tests/helpers/push-service';
import type { Arrival, FromPushService, ToPushService } from './push-service-peer';
import { now } from './stats';

const service = await startPushService();
let arrivals: Arrival[] = [];
let accepted = 0;

// stamped as the service stores the message, right after decrypting it and before its 201
Object.defineProperty(service.received, 'push', {
  value: (...items: ReceivedPush[]) => {
    const at = now();
    for (const r of items) {
      accepted++;
      const payload = r.payload as { title?: unknown; tag?: unknown };
      arrivals.push({ at, subscription: r.id, title: String(payload.title), tag: String(payload.tag) });
    }
    return accepted;
  },
});

const send = (m: FromPushService) => process.send!(m);
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

process.on('message', (m: ToPushService) => {
  switch (m.type) {
    case 'ping':
      send({ type: 'pong', id: m.id, childAt: now() });
      break;
    case 'subscribe': {
      const subs = Array.from({ length: m.count }, () => {
        const { id, endpoint, p256dh, auth } = service.subscribe();
        return { id, endpoint, p256dh, auth };
      });
      send({ type: 'subscribed', id: m.id, subs });
      break;
    }
    case 'respondNext':
      service.respondNext(m.status, {}, m.times);
      send({ type: 'done', id: m.id });
      break;
    case 'reset':
      service.resetCounters();
      arrivals = [];
      accepted = 0;
      send({ type: 'done', id: m.id });
      break;
    case 'stats':
      send({ type: 'stats', id: m.id, requests: service.requests, connections: service.connections, maxInFlight: service.maxInFlight, accepted, cpuMs: cpuMs() });
      break;
    case 'arrivals': {
      const list = arrivals;
      arrivals = [];
      send({ type: 'arrivals', id: m.id, list });
      break;
    }
    case 'close':
      void service.close().then(() => process.exit(0));
      break;
  }
});
send({ type: 'ready', origin: service.origin, ca: service.ca });
