import { rmSync } from 'node:fs';

/**
 * Work to undo if the process is interrupted mid-job: temp files and folders to delete,
 * child processes to kill. The handler is installed only while something is registered, and
 * re-raises the signal when nobody else listens, so Ctrl-C still ends the program.
 */
const pending = new Set<() => void>();
const signals = ['SIGINT', 'SIGTERM'] as const;

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
  runAll();
  uninstall();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  for (const signal of signals) process.on(signal, onSignal);
  process.on('exit', runAll);
}

function uninstall(): void {
  for (const signal of signals) process.off(signal, onSignal);
  process.off('exit', runAll);
}

/** Registers `undo` to run on SIGINT/SIGTERM/exit; call the returned function once the work is done. */
export function onInterrupt(undo: () => void): () => void {
  if (pending.size === 0) install();
  pending.add(undo);
  return () => {
    if (pending.delete(undo) && pending.size === 0) uninstall();
  };
}

/** Registers a path to delete (recursively) on interrupt. */
export function removeOnInterrupt(path: string): () => void {
  return onInterrupt(() => rmSync(path, { recursive: true, force: true }));
}
