import { diagnosticJson, formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { Lang } from '../messages.js';

export type Format = 'text' | 'json';

/** Diagnostics to stdout: one `FILE:LINE:COL: …` line each, or one JSON array. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], format: Format, lang: Lang): void {
  if (format === 'json') {
    process.stdout.write(JSON.stringify(diagnostics.map((d) => diagnosticJson(d, lang)), null, 2) + '\n');
    return;
  }
  for (const d of diagnostics) process.stdout.write(formatDiagnostic(d, lang) + '\n');
}

/** A command the user can paste into a shell: words with spaces or shell characters single-quoted. */
export function commandLine(words: readonly string[]): string {
  return words.map((word) => (/^[\p{L}\p{N}_@%+=:,./-]+$/u.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ');
}
