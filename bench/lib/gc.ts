import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { MemoryMark } from './baseline-peer';

// a benchmark run through `tsx` has no --expose-gc; V8 still hands gc() to a new context once the flag is set
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** This process's memory after two full collections (the second frees what the first's finalizers let go). */
export function memoryAfterGc(sockets: number): MemoryMark {
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed, sockets };
}
