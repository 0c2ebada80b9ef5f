import { performance } from 'node:perf_hooks';
import { build } from '../build.js';

/** Wall and CPU (user + system, all threads) milliseconds of each run. */
export interface Sample {
  wall: number[];
  cpu: number[];
}

/**
 * Times `run` `runs` times after `warmup` untimed calls, in one process (fonts and caches warm).
 * CPU time is kept beside wall time: on a busy machine it is the steadier of the two.
 */
async function sample(run: () => Promise<unknown>, warmup: number, runs: number): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await run();
  (globalThis as { gc?: () => void }).gc?.();
  const result: Sample = { wall: [], cpu: [] };
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await run();
    result.wall.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    result.cpu.push((used.user + used.system) / 1000);
  }
  return result;
}

/** Warm per-document times of the library build of one file: read, parse, check, typeset, write PDF and manifest. */
export async function warmTimes(file: string, outDir: string, warmup = 3, runs = 30): Promise<Sample> {
  return sample(() => build([file], { outDir }), warmup, runs);
}
