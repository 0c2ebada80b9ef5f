import { diagnosticJson, formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { Lang } from '../messages.js';
import type { JobsCap } from '../infra/pool.js';
import type { OnProgress } from '../progress.js';

export type Format = 'text' | 'json';

/**
 * Characters a terminal acts on instead of showing: C0 and C1 controls (BEL, ESC sequences,
 * line breaks that would split a line), DEL, and the bidirectional controls that reorder what
 * follows (U+202E shows `fdp.exe` as `exe.pdf`). Titles, file names and roster names come from
 * students: every line licheng prints shows these as escapes.
 */
const controls = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, less C0: JSON.stringify escapes those itself, and its own line breaks are layout. */
const jsonControls = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const named: Record<string, string> = { '\n': '\\n', '\r': '\\r' };
const escaped = (c: string) =>
  named[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** `text` as one visible line: every control character shown as an escape (`\n`, `\x1b`, `\u202e`). */
export function visible(text: string): string {
  return text.replace(controls, escaped);
}

/**
 * A reader that stops early (`licheng check | head -1`) closes the pipe: what is left to print has
 * nowhere to go, which is not an error to report (with a stack trace) but the end of the output.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

let jsonPrinted = false;

/** Lines to stdout, each made visible. */
export function out(...lines: string[]): void {
  process.stdout.write(lines.map((line) => visible(line) + '\n').join(''));
}

/** Lines to stderr, each made visible. */
export function err(...lines: string[]): void {
  process.stderr.write(lines.map((line) => visible(line) + '\n').join(''));
}

/** A progress line drawn over the previous one on a terminal; `redraw('')` clears it. */
export function redraw(line: string): void {
  process.stderr.write(`\r\x1b[K${visible(line)}`);
}

const progressWords = {
  zh: { documents: '文件', target: '打包', merge: '合併', media: '影音檔' },
  en: { documents: 'documents', target: 'packing', merge: 'merging', media: 'media' },
};

/**
 * The progress of `build` and `pack` on a terminal: one line redrawn in place (documents N/M, the
 * target being packed, a merge, a 影音檔 encode's percentage), cleared when the work ends. Off a
 * terminal nothing: a log or a pipe gets the results alone, as before.
 */
export function progressLine(lang: Lang): { report: OnProgress; done: () => void } {
  if (process.stderr.isTTY !== true) return { report: () => undefined, done: () => undefined };
  const w = progressWords[lang];
  let documents = '';
  const report: OnProgress = (p) => {
    if (p.kind === 'document') redraw((documents = `${w.documents} ${p.done}/${p.total}`));
    else if (p.kind === 'target') redraw(`${w.target} ${p.done + 1}/${p.total} ${p.name}`);
    else if (p.kind === 'merge') redraw(`${w.merge} ${p.file}`);
    else redraw(`${documents ? `${documents} · ` : ''}${w.media} ${p.file} ${Math.floor(p.fraction * 100)}%`);
  };
  return { report, done: () => redraw('') };
}

/**
 * A value as JSON to stdout. JSON.stringify already escapes C0 controls; C1 and bidirectional
 * controls are escaped too (inside strings, where alone they can be, so the JSON stays valid).
 */
export function printJson(value: unknown): void {
  const json = JSON.stringify(value, null, 2).replace(jsonControls, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  process.stdout.write(json + '\n');
  jsonPrinted = true;
}

/**
 * An error licheng did not foresee: its stack on stderr for the bug report and, with --format json
 * when nothing was printed yet, one diagnostic on stdout, so what a program reads is still JSON.
 */
export function printInternalError(error: unknown, format: Format, lang: Lang): void {
  const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined };
  const said = lang === 'zh' ? `內部錯誤：${message}` : `internal error: ${message}`;
  err(`licheng: ${said}`, ...(stack ?? '').split('\n').slice(1));
  if (format === 'json' && !jsonPrinted) printJson([{ file: '', line: 0, column: 0, severity: 'error', message: said, ruleId: 'internal-error' }]);
}

/** Diagnostics to stdout: one `FILE:LINE:COL: …` line each, or one JSON array. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], format: Format, lang: Lang): void {
  if (format === 'json') printJson(diagnostics.map((d) => diagnosticJson(d, lang)));
  // Line by line into one write, not spread as arguments: a file may bring 100,000 diagnostics.
  else process.stdout.write(diagnostics.map((d) => visible(formatDiagnostic(d, lang)) + '\n').join(''));
}

/** A command the user can paste into a shell: words with spaces or shell characters single-quoted. */
export function commandLine(words: readonly string[]): string {
  return words.map((word) => (/^[\p{L}\p{N}_@%+=:,./-]+$/u.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** Said at the first Ctrl-C of a job that winds down rather than ends. */
export function sayWhenInterrupted(signal: AbortSignal, lang: Lang): void {
  const text = {
    zh: '正在中斷：寫出已完成的部分後結束；再按一次 Ctrl-C 立即結束',
    en: 'interrupting: writing what is done, then stopping; press Ctrl-C again to stop at once',
  };
  signal.addEventListener(
    'abort',
    () => {
      if (process.stderr.isTTY) redraw('');
      err(text[lang]);
    },
    { once: true },
  );
}

const gigabytes = (bytes: number) => (bytes / 1e9).toFixed(1);

/** The notice when --jobs asks for more workers than the machine runs: a line on stderr, not an error. */
export function printJobsCap({ jobs, cap }: { jobs: number; cap?: JobsCap }, lang: Lang): void {
  if (!cap) return;
  const why =
    cap.by === 'cores'
      ? { zh: `這台電腦有 ${cap.cores} 個 CPU 核心`, en: `this machine has ${cap.cores} CPU cores` }
      : {
          zh: `可用記憶體約 ${gigabytes(cap.freeBytes)} GB，每個約需 ${gigabytes(cap.bytesPerWorker)} GB`,
          en: `about ${gigabytes(cap.freeBytes)} GB of memory is free, each needs about ${gigabytes(cap.bytesPerWorker)} GB`,
        };
  const text = {
    zh: `注意：--jobs ${cap.requested} 超過這台電腦能同時執行的數量（${why.zh}），改用 ${jobs} 個`,
    en: `note: --jobs ${cap.requested} is more than this machine can run at once (${why.en}); using ${jobs}`,
  };
  err(text[lang]);
}
