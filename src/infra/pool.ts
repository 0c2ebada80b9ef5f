import { availableParallelism, freemem } from 'node:os';
import { createRequire } from 'node:module';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { workerScript } from '../paths.js';

/** Sent to a worker over its time limit: it exits, so exit handlers kill ffmpeg and remove temp files. */
export const stopMessage = { stop: true } as const;

/** Why fewer workers run than were asked for. */
export interface JobsCap {
  requested: number;
  by: 'cores' | 'memory';
  cores: number;
  /** Memory free for workers, and what each is budgeted, in bytes. */
  freeBytes: number;
  bytesPerWorker: number;
}

/**
 * As many workers as asked, but no more than the machine runs at once: one per core (more only
 * compete for it, each with its own copy of the fonts) and as many as the free memory holds at
 * `bytesPerWorker` each (the cgroup's limit counts when the process has one). At least one.
 */
export function affordableJobs(requested: number, bytesPerWorker: number): { jobs: number; cap?: JobsCap } {
  const cores = availableParallelism();
  const constrained = process.constrainedMemory?.() || Infinity;
  const freeBytes = Math.min(freemem(), constrained);
  const byMemory = Math.max(1, Math.floor(freeBytes / bytesPerWorker));
  const jobs = Math.max(1, Math.min(requested, cores, byMemory));
  if (jobs >= requested) return { jobs };
  return { jobs, cap: { requested, by: byMemory < cores ? 'memory' : 'cores', cores, freeBytes, bytesPerWorker } };
}

export interface PoolOptions {
  /** Workers running at once. */
  jobs: number;
  /** Per-task limit; the worker is stopped and replaced when it is exceeded. None when 0 or absent. */
  timeoutMs?: number;
  /**
   * Posted to a worker that ran out of time, so it can end itself and clean up (kill its child
   * processes); it is terminated if it has not exited `graceMs` later (default 2 s).
   */
  stopMessage?: unknown;
  graceMs?: number;
  /** Limits of a worker's JS heap: a worker over them is stopped (`crashed`, `outOfMemory`). */
  resourceLimits?: ResourceLimits;
  /**
   * Limit of the memory a worker holds outside its heap (Buffers: a file read whole, an image),
   * which resourceLimits does not cover: a worker over it is ended the same way.
   */
  maxExternalBytes?: number;
  /** Stops the pool: no task is started after it fires, running ones are stopped as on a timeout. */
  signal?: AbortSignal;
}

/** How one task ended: the worker's reply, or the worker died, or it ran out of time. */
type Ending<R> = { kind: 'done'; value: R } | { kind: 'crashed'; reason: string; outOfMemory?: boolean } | { kind: 'timeout' } | { kind: 'interrupted' };
export type PoolOutcome<R> = Ending<R> & { ms: number };

/**
 * Runs every task on a pool of worker threads, each worker taking task after task (it posts one
 * message back per task it receives). A worker that crashes or times out is ended and a fresh one
 * takes the next task: one task's failure never stops the others. `settle` runs once the worker
 * has replied or has been stopped, and is awaited before its lane takes the next task. Once
 * `options.signal` fires, running tasks end as `interrupted` and the tasks not started get no
 * `settle` at all.
 */
export async function runPool<T, R>(
  script: URL,
  tasks: readonly T[],
  options: PoolOptions,
  settle: (task: T, outcome: PoolOutcome<R>, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  // One listener for the whole pool, whatever the number of lanes, each lane's running task in it.
  const running = new Set<() => void>();
  const interrupt = () => running.forEach((end) => end());
  options.signal?.addEventListener('abort', interrupt, { once: true });
  const lane = async () => {
    const one = openLane<T, R>(script, options, running);
    try {
      while (next < tasks.length && !options.signal?.aborted) {
        const index = next++;
        const task = tasks[index]!;
        await settle(task, await one.run(task), index);
      }
    } finally {
      await one.close();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, tasks.length)) }, lane));
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
  }
}

/** One worker thread taking one task at a time, replaced by a fresh one after a crash or a timeout. */
export interface Lane<T, R> {
  /** Runs one task; `timeoutMs` replaces the pool's limit for it. */
  run(task: T, timeoutMs?: number): Promise<PoolOutcome<R>>;
  close(): Promise<void>;
}

/**
 * A lane of the pool on its own, for work that arrives task by task (a job queue) rather than as a
 * list: the same limits, timeout and stopping as runPool's lanes. `running` collects the function
 * that ends its current task as `interrupted`.
 */
export function openLane<T, R>(script: URL, options: PoolOptions, running = new Set<() => void>()): Lane<T, R> {
  let worker: Worker | undefined;
  return {
    async run(task, timeoutMs = options.timeoutMs) {
      if (!worker || exited.has(worker)) worker = start(script, options);
      const outcome = await runOne<R>(worker, task, timeoutMs, running);
      if (outcome.kind !== 'done') {
        // A timed-out or interrupted worker is asked to end itself, so its exit handlers clean up.
        await stop(worker, outcome.kind === 'crashed' ? {} : options);
        worker = undefined;
      }
      return outcome;
    },
    async close() {
      await worker?.terminate();
      worker = undefined;
    },
  };
}

/** Workers that have stopped on their own, e.g. an error thrown between two tasks. */
const exited = new WeakSet<Worker>();

/** The exit code of a worker its memory guard ended. */
const outOfMemoryExit = 86;
const memoryGuard = workerScript('batch/memory-guard.js');

function start(script: URL, { resourceLimits, maxExternalBytes }: PoolOptions): Worker {
  // Loaded with the first worker: a one-thread build (the default on 2 cores) never needs it.
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const worker = maxExternalBytes
    ? new Worker(memoryGuard, { workerData: { script: script.href, maxExternalBytes, exitCode: outOfMemoryExit }, resourceLimits })
    : new Worker(script, { resourceLimits });
  // An error while idle must not surface as an unhandled 'error' event; the lane sees the exit.
  worker.on('error', () => {}).once('exit', () => exited.add(worker));
  return worker;
}

/** Asks the worker to end itself, then terminates it if it does not. */
async function stop(worker: Worker, { stopMessage, graceMs = 2000 }: Pick<PoolOptions, 'stopMessage' | 'graceMs'>): Promise<void> {
  if (stopMessage !== undefined && !exited.has(worker)) {
    const ended = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    worker.postMessage(stopMessage);
    if (await ended) return;
  }
  await worker.terminate();
}

function runOne<R>(worker: Worker, task: unknown, timeoutMs: number | undefined, running: Set<() => void>): Promise<PoolOutcome<R>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const finish = (outcome: Ending<R>) => {
      clearTimeout(timer);
      running.delete(onInterrupt);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit).off('messageerror', onError);
      resolve({ ...outcome, ms: performance.now() - started });
    };
    const onMessage = (value: R) => finish({ kind: 'done', value });
    const onError = (error: NodeJS.ErrnoException) =>
      finish({ kind: 'crashed', reason: error.message.split('\n')[0] ?? String(error), outOfMemory: error.code === 'ERR_WORKER_OUT_OF_MEMORY' });
    const onExit = (code: number) =>
      finish(code === outOfMemoryExit ? { kind: 'crashed', reason: 'out of memory', outOfMemory: true } : { kind: 'crashed', reason: `exit code ${code}` });
    const onInterrupt = () => finish({ kind: 'interrupted' });
    const timer = timeoutMs ? setTimeout(() => finish({ kind: 'timeout' }), timeoutMs) : undefined;
    running.add(onInterrupt);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit).on('messageerror', onError);
    worker.postMessage(task);
  });
}
