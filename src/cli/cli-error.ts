/** Exit codes of SPEC §3. */
export const ExitCode = { ok: 0, documentErrors: 1, usage: 2 } as const;

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
