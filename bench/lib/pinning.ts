import { spawnSync } from 'node:child_process';
import { cpus, platform } from 'node:os';

export interface Placement {
  /** CPUs of the measured process (all its threads), as a taskset list; null when not pinned. */
  bench: string | null;
  /** CPU given to the load generator alone; null when not pinned. */
  loadGenerator: number | null;
  reason: string;
}

/**
 * Gives the load generator a CPU of its own and keeps the measured process (every thread,
 * V8's GC helpers included) off it. Unpinned, the server's background GC marking takes the
 * clients' core on a small machine, and the clients' delay is then charged to the server's
 * latency although a real server's clients run elsewhere. BENCH_PIN=0 turns it off.
 */
export function pinBenchProcess(): { placement: Placement; release(): void } {
  const n = cpus().length;
  const unpinned = (reason: string) => ({ placement: { bench: null, loadGenerator: null, reason }, release: () => {} });
  if (process.env.BENCH_PIN === '0') return unpinned('not pinned (BENCH_PIN=0)');
  if (platform() !== 'linux' || n < 2) return unpinned(`not pinned (${platform()}, ${n} CPU)`);
  const taskset = (cpuList: string) => spawnSync('taskset', ['-a', '-cp', cpuList, String(process.pid)], { stdio: 'ignore' });
  const bench = n === 2 ? '0' : `0-${n - 2}`;
  const pinned = taskset(bench);
  if (pinned.error || pinned.status !== 0) return unpinned('not pinned (taskset unavailable)');
  return {
    placement: { bench, loadGenerator: n - 1, reason: 'taskset' },
    // the next benchmark of the same run starts from the whole machine again
    release: () => void taskset(`0-${n - 1}`),
  };
}
