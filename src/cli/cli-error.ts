import { constants } from 'node:os';

/** Exit codes of SPEC §3. */
export const ExitCode = { ok: 0, documentErrors: 1, usage: 2 } as const;

/** After a job stopped by Ctrl-C (or SIGTERM): 128 + the signal's number, as a shell reports it. */
export function interruptedExitCode(signal: AbortSignal): number {
  return 128 + (constants.signals[signal.reason as NodeJS.Signals] ?? constants.signals.SIGINT);
}

/** A usage problem the CLI reports in one line and exits 2 for. */
export class CLIError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CLIError';
  }
}

export function usage(message: string): never {
  throw new CLIError(message);
}
