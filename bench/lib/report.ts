import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
