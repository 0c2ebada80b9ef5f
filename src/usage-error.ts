import type { Diagnostic } from './diagnostics.js';

/**
 * What the caller asked for cannot be done at all: a path that does not exist, an output folder
 * that cannot be used. Nothing was read or written; `diagnostics` say why (`path-missing`,
 * `out-*`). The CLI prints them and exits 2.
 */
export class LichengUsageError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file}: ${d.ruleId}`).join('; '));
    this.name = 'LichengUsageError';
  }
}
