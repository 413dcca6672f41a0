import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClockSync, LoadGenerator } from './load-generator';
import type { Placement } from './pinning';

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

export function machineInfo() {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    // other work on the machine skews both sides of a ratio alike, but widens its noise
    loadavgAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Busy and total CPU time of the whole machine so far (Linux /proc/stat), in ms; null elsewhere. */
export function machineCpu(): { busyMs: number; totalMs: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
    // /proc/stat counts in USER_HZ ticks, 100 per second on every Linux build we run on
    const tick = 10;
    return { busyMs: (user + nice + system + irq + softirq + steal) * tick, totalMs: (user + nice + system + idle + iowait + irq + softirq + steal) * tick };
  } catch {
    return null;
  }
}

/** Process CPU time (user + system) so far, ms. */
export function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU counters at an instant: the whole machine's, this process's and the load generator's. */
export interface CpuMark {
  machine: ReturnType<typeof machineCpu>;
  bench: number;
  client: number;
}

export async function cpuMark(load: Pick<LoadGenerator, 'status'>): Promise<CpuMark> {
  const machine = machineCpu();
  const bench = processCpuMs();
  return { machine, bench, client: (await load.status()).cpuMs };
}

/**
 * CPU used since `start`, in % of one core: this process, the load generator (whose CPU time so
 * far is `clientCpuMs`) and everything else on the machine; null where /proc/stat is missing.
 * Other work on the machine widens the noise of both sides: shown so a reader can judge a run.
 */
export function cpuShares(start: CpuMark | undefined, clientCpuMs: number, cores: number) {
  const end = machineCpu();
  if (!start?.machine || !end) return null;
  const wallMs = (end.totalMs - start.machine.totalMs) / cores;
  const busyMs = end.busyMs - start.machine.busyMs;
  const benchMs = processCpuMs() - start.bench;
  const clientMs = clientCpuMs - start.client;
  const pct = (ms: number) => Math.round((100 * ms) / wallMs);
  return { wallMs, benchProcessPct: pct(benchMs), loadClientPct: pct(clientMs), otherPct: pct(busyMs - benchMs - clientMs), ofCores: cores };
}

/** The summary's line for cpuShares. */
export function cpuLine(cpu: ReturnType<typeof cpuShares>, databaseDriver: string): string {
  return cpu
    ? `CPU during measured rounds (% of one core): bench process ${cpu.benchProcessPct}, load generator ${cpu.loadClientPct}, ` +
        `everything else ${cpu.otherPct}${databaseDriver === 'postgres' ? ' (PostgreSQL included)' : ''} — of ${cpu.ofCores * 100}`
    : 'CPU during measured rounds: not available on this platform';
}

/** The CPU line, with a warning when other processes took enough of the machine to skew an in-process PGlite's figures. */
export function cpuLines(cpu: ReturnType<typeof cpuShares>, databaseDriver: string): string[] {
  return [
    cpuLine(cpu, databaseDriver),
    ...(cpu && cpu.otherPct > 25 && databaseDriver === 'pglite'
      ? [`WARNING: other processes used ${cpu.otherPct}% of a core during the rounds: rerun on a quiet machine before trusting the figures`]
      : []),
  ];
}

/** The load generator's clock against this process's, before and after the rounds. */
export const clockText = (before: ClockSync, after: ClockSync) =>
  `clock offset child−parent: ${fmt(before.offsetMs)} ms ± ${fmt(before.rttMs / 2)} (after: ${fmt(after.offsetMs)} ± ${fmt(after.rttMs / 2)})`;

/** The clients' troubles, per fleet: connections lost, receipts after their round had given up. */
export const fleetsText = (fleets: Array<{ fleet: string; disconnects: number; late: number }>) =>
  `unexpected disconnects / late receipts ${fleets.map((f) => `${f.fleet} ${f.disconnects}/${f.late}`).join(', ')}`;

/** What a result file says of the run itself: the clocks, the connection times, the clients' troubles, the CPU. */
export function runFacts(run: {
  clock: { before: ClockSync; after: ClockSync };
  connectMs: Record<string, number>;
  httpRetries?: number;
  loadClients: Array<{ fleet: string; disconnects: number; late: number }>;
  cpu: ReturnType<typeof cpuShares>;
}) {
  return {
    clock: run.clock,
    connectMs: run.connectMs,
    ...(run.httpRetries === undefined ? {} : { httpRetries: run.httpRetries }),
    loadClients: run.loadClients,
    cpuDuringMeasuredRounds: run.cpu,
  };
}

/** The head of a result file: which benchmark, when, on what machine, database and CPUs, with what parameters. */
export function resultHead(run: { name: string; machine: ReturnType<typeof machineInfo>; databaseDriver: string; placement: Placement; parameters: object }) {
  return {
    benchmark: run.name,
    at: new Date().toISOString(),
    machine: { ...run.machine, databaseDriver: run.databaseDriver, placement: run.placement },
    parameters: run.parameters,
  };
}

/** BENCH_RAW=1: a round's latencies themselves (to 0.01 ms), for digging into one run (large: opt-in). */
export const rawLatencies = (latencies: number[]) => (process.env.BENCH_RAW === '1' ? { latencies: latencies.map((l) => Math.round(l * 100) / 100) } : {});

/** Writes bench/results/<name>.json (the folder is gitignored) and returns its path. */
export function writeResult(name: string, data: unknown): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return file;
}

export type Cell = string | number;

/** A plain-text table: numbers right-aligned, text left-aligned. */
export function formatTable(header: string[], rows: Cell[][]): string {
  const text = (c: Cell) => (typeof c === 'number' ? (Number.isFinite(c) ? fmt(c) : '—') : c);
  const cells = [header, ...rows.map((r) => r.map(text))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[], raw?: Cell[]) =>
    r.map((c, i) => (typeof raw?.[i] === 'number' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((r, i) => line(cells[i + 1], r))].join('\n');
}

/** Two decimals below 100, fewer above: enough to compare, not more than the noise allows. */
export function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(1) : n.toFixed(2);
}
