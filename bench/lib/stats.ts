/** A wall-clock instant in ms with sub-ms resolution, comparable across processes of one machine. */
export const now = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile: always a value that was actually measured. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function summarize(values: number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  const mean = list.length ? list.reduce((a, b) => a + b, 0) / list.length : NaN;
  return {
    count: list.length,
    p50: percentile(list, 50),
    p90: percentile(list, 90),
    p99: percentile(list, 99),
    max: list.length ? list[list.length - 1] : NaN,
    mean,
  };
}

export const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

/** How the rounds' own p99s spread: one slow round moves a pooled p99, the median of these does not. */
export function perRoundP99(rounds: Array<{ latencies: number[] }>) {
  const p99s = rounds.map((r) => summarize(r.latencies).p99);
  return { median: median(p99s), min: Math.min(...p99s), max: Math.max(...p99s) };
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the results in order. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Small seeded PRNG (mulberry32): a rerun gives the same draws (the same interval, the same students absent). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 95% interval of percentile(a) / percentile(b) over pooled samples, resampling whole rounds
 * in pairs: receipts of one round share its fate (a GC pause, a busy neighbour), so rounds, not
 * receipts, are the independent draws, and the paired rounds ran back to back on one machine.
 */
export function bootstrapRatio(a: number[][], b: number[][], p: number, iterations = 500, seed = 1): { low: number; high: number } {
  const n = Math.min(a.length, b.length);
  if (n === 0) return { low: NaN, high: NaN };
  const random = prng(seed);
  const pooled = (rounds: number[][], picks: number[]) => {
    const out = new Float64Array(picks.reduce((s, i) => s + rounds[i].length, 0));
    let at = 0;
    for (const i of picks) {
      out.set(rounds[i], at);
      at += rounds[i].length;
    }
    return Array.from(out.sort());
  };
  const ratios: number[] = [];
  for (let k = 0; k < iterations; k++) {
    const picks = Array.from({ length: n }, () => Math.floor(random() * n));
    ratios.push(percentile(pooled(a, picks), p) / percentile(pooled(b, picks), p));
  }
  ratios.sort((x, y) => x - y);
  return { low: percentile(ratios, 2.5), high: percentile(ratios, 97.5) };
}
