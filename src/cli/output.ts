import { diagnosticJson, formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { Lang } from '../messages.js';
import type { JobsCap } from '../batch/pool.js';

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

const gigabytes = (bytes: number) => (bytes / 1e9).toFixed(1);

/** The notice when --jobs asks for more workers than the machine runs: a line on stderr, not an error. */
export function printJobsCap({ jobs, cap }: { jobs: number; cap?: JobsCap }, lang: Lang): void {
  if (!cap) return;
  const why =
    cap.by === 'cores'
      ? { zh: `這台電腦有 ${cap.cores} 個 CPU 核心`, en: `this machine has ${cap.cores} CPU cores` }
      : { zh: `可用記憶體約 ${gigabytes(cap.freeBytes)} GB，每個約需 ${gigabytes(cap.bytesPerWorker)} GB`, en: `about ${gigabytes(cap.freeBytes)} GB of memory is free, each needs about ${gigabytes(cap.bytesPerWorker)} GB` };
  const text = {
    zh: `注意：--jobs ${cap.requested} 超過這台電腦能同時執行的數量（${why.zh}），改用 ${jobs} 個`,
    en: `note: --jobs ${cap.requested} is more than this machine can run at once (${why.en}); using ${jobs}`,
  };
  process.stderr.write(text[lang] + '\n');
}
