/**
 * autocannon in a process of its own (on the load generator's CPU), so the hub's process
 * measures its own work only. Each request carries the next session's cookie in turn: many
 * guardians reading their feeds, not one reading the same cached answer. Driven over IPC by
 * lib/autocannon-peer.ts.
 */
import autocannon from 'autocannon';
import type { FromCannon, ToCannon } from './autocannon-peer';
import { now } from './stats';

const send = (m: FromCannon) => process.send!(m);
send({ type: 'ready' });

process.on('message', (m: ToCannon) => {
  switch (m.type) {
    case 'ping':
      send({ type: 'pong', id: m.id, childAt: now() });
      break;
    case 'run': {
      let next = 0;
      const instance = autocannon(
        {
          url: m.url,
          connections: m.connections,
          duration: m.durationS,
          headers: { accept: 'application/json' },
          requests: [
            {
              method: 'GET',
              setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: m.cookies[next++ % m.cookies.length] } }),
            },
          ],
        },
        (err, result) => {
          if (err) return send({ type: 'result', id: m.id, error: err.message });
          send({
            type: 'result',
            id: m.id,
            requestsPerS: result.requests.average,
            total: result.requests.total,
            latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
            non2xx: result.non2xx,
            errors: result.errors,
            timeouts: result.timeouts,
            bytesPerS: result.throughput.average,
          });
        },
      );
      autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
      break;
    }
    case 'close':
      process.exit(0);
  }
});
