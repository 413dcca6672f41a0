/** A small seeded generator (an LCG): a test's "random" data is the same at every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1_103_515_245 + 12_345) % 2 ** 31;
    return a / 2 ** 31;
  };
}
