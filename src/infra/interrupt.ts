import { rmSync } from 'node:fs';

/**
 * Work to undo if the process is interrupted mid-job: temp files and folders to delete,
 * child processes to kill. The handler is installed only while something is registered.
 *
 * A long job (a build, a batch) can ask to be stopped rather than ended: on the first Ctrl-C its
 * AbortSignal fires, and nothing is undone under its feet, so it winds down — what is being
 * written is finished or removed by its own code — writes what it finished (a manifest, a report)
 * and says how to go on. Otherwise, and on a second Ctrl-C, the undo work runs and the signal is
 * re-raised when nobody else listens, so Ctrl-C still ends the program.
 */
const pending = new Set<() => void>();
const stoppable = new Set<AbortController>();
const signals = ['SIGINT', 'SIGTERM'] as const;
let installed = false;

function runAll(): void {
  for (const undo of [...pending]) {
    try {
      undo();
    } catch {
      // best effort: the process is going away
    }
  }
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  const jobs = [...stoppable].filter((job) => !job.signal.aborted);
  if (jobs.length > 0) {
    for (const job of jobs) job.abort(signal);
    return;
  }
  runAll();
  uninstall(true);
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of signals) process.on(signal, onSignal);
  process.on('exit', runAll);
}

function uninstall(force = false): void {
  if (!installed || (!force && (pending.size > 0 || stoppable.size > 0))) return;
  installed = false;
  for (const signal of signals) process.off(signal, onSignal);
  process.off('exit', runAll);
}

/** Registers `undo` to run on SIGINT/SIGTERM/exit; call the returned function once the work is done. */
export function onInterrupt(undo: () => void): () => void {
  pending.add(undo);
  install();
  return () => {
    if (pending.delete(undo)) uninstall();
  };
}

/** Registers a path to delete (recursively) on interrupt. */
export function removeOnInterrupt(path: string): () => void {
  return onInterrupt(() => rmSync(path, { recursive: true, force: true }));
}

/**
 * An AbortSignal the first SIGINT/SIGTERM aborts (its reason is the signal's name) instead of
 * ending the process; a second one ends it. `dispose` once the job has wound down.
 */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const job = new AbortController();
  stoppable.add(job);
  install();
  return {
    signal: job.signal,
    dispose: () => {
      if (stoppable.delete(job)) uninstall();
    },
  };
}
