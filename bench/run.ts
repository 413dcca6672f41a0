/**
 * Runs the benchmarks: all of them, or those named (`npm run bench -- news-fanout`).
 * A new benchmark is one line below: a module exporting `run(): Promise<void>`.
 */
const benchmarks: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  digests: () => import('./digests'),
  'fanout-scale': () => import('./fanout-scale'),
  'feed-http': () => import('./feed-http'),
  'list-send': () => import('./list-send'),
  'news-fanout': () => import('./news-fanout'),
  push: () => import('./push'),
  'reconnect-storm': () => import('./reconnect-storm'),
  'roll-call-fanout': () => import('./roll-call-fanout'),
  'signage-soak': () => import('./signage-soak'),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((n) => !(n in benchmarks));
  if (unknown.length > 0) {
    console.error(`unknown benchmark: ${unknown.join(', ')} (available: ${Object.keys(benchmarks).join(', ')})`);
    process.exitCode = 2;
    return;
  }
  for (const name of wanted.length > 0 ? wanted : Object.keys(benchmarks)) {
    const bench = await benchmarks[name]();
    await bench.run();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  // no process.exit(): a benchmark that leaves handles open should show it by not exiting
  process.exitCode = 1;
});
