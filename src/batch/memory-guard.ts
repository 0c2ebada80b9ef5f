import { getHeapStatistics } from 'node:v8';
import { workerData } from 'node:worker_threads';

/**
 * A pool worker's entry when the pool limits memory outside the heap (Buffers: a file read whole,
 * an image), which resourceLimits does not cover: the worker ends itself with `exitCode` once
 * past the limit, then runs its real script. Sampled every 50 ms from the worker's own event loop,
 * which a worker filling Buffers (reading /dev/zero, say) still turns between reads.
 */
const { script, maxExternalBytes, exitCode } = workerData as { script: string; maxExternalBytes: number; exitCode: number };
setInterval(() => {
  if (getHeapStatistics().external_memory > maxExternalBytes) process.exit(exitCode);
}, 50).unref();
await import(script);
