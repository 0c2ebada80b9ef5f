import { relative } from 'node:path';
import { hasErrors } from '../../diagnostics.js';
import { ui } from '../../messages.js';
import { availableParallelism } from 'node:os';
import { interruptSignal } from '../../infra/interrupt.js';
import { ExitCode, interruptedExitCode, usage } from '../cli-error.js';
import { affordableJobs } from '../../infra/pool.js';
import { commandLine, err, printDiagnostics, printJobsCap, progressLine, sayWhenInterrupted } from '../output.js';
import type { Command } from '../command.js';
import type { Lang } from '../../messages.js';
import type { Format } from '../output.js';

const interrupted = {
  zh: (built: number, total: number, again: string) =>
    `已中斷：${total} 份文件中已輸出 ${built} 份，manifest.json 只列出這幾份；要完成其餘文件，請再執行：${again}`,
  en: (built: number, total: number, again: string) =>
    `interrupted: ${built} of ${total} documents written, and only these are in manifest.json; to finish the others, run again: ${again}`,
};

export const buildCommand: Command = {
  name: 'build',
  summary: { zh: '將每份文件排版成 PDF，並寫出 manifest.json', en: 'render every document to PDF and write a manifest' },
  usage: 'licheng build [PATH…] [-o DIR] [--jobs N] [--watch] [--format text|json]',
  options: { out: { type: 'string', short: 'o' }, jobs: { type: 'string', short: 'j' }, watch: { type: 'boolean', short: 'w' } },
  async run({ positionals, values, lang, format }) {
    const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) usage(lang === 'zh' ? '--jobs 需要正整數' : '--jobs takes a whole number ≥ 1');
    const { build, buildWorkerBytes } = await import('../../build.js');
    if (values.jobs !== undefined) printJobsCap(affordableJobs(jobs, buildWorkerBytes), lang);
    const interrupt = interruptSignal();
    sayWhenInterrupted(interrupt.signal, lang);
    const progress = format === 'text' ? progressLine(lang) : undefined;
    const result = await build(positionals, {
      outDir: values.out as string | undefined,
      lang,
      jobs,
      signal: interrupt.signal,
      onProgress: progress?.report,
    }).finally(() => {
      progress?.done();
      interrupt.dispose();
    });
    printDiagnostics(result.diagnostics, format, lang);
    if (format === 'text') {
      for (const p of result.portfolios) {
        const built = p.documents.filter((d) => d.pdf).length;
        err(`${ui.wrote[lang]} ${built} ${ui.documents[lang]} → ${relative(process.cwd(), p.outDir) || '.'}`);
      }
    }
    if (result.interrupted) {
      const built = result.portfolios.reduce((n, p) => n + p.documents.filter((d) => d.pdf).length, 0);
      const total = result.portfolios.reduce((n, p) => n + p.total, 0);
      err(interrupted[lang](built, total, commandLine(['licheng', ...process.argv.slice(2)])));
      return interruptedExitCode(interrupt.signal);
    }
    if (values.watch) return watchAndRebuild(result.portfolios, positionals, values.out as string | undefined, lang, format);
    return hasErrors(result.diagnostics) ? ExitCode.documentErrors : ExitCode.ok;
  },
};

const watching = {
  zh: '監看中：存檔後會自動重新輸出（按 Ctrl-C 結束）',
  en: 'watching: saving a file builds again (Ctrl-C to stop)',
};

/** `build --watch`: the same build again after every save, until Ctrl-C (a clean end: exit 0). */
async function watchAndRebuild(
  portfolios: readonly { root: string; outDir: string }[],
  paths: string[],
  outDir: string | undefined,
  lang: Lang,
  format: Format,
): Promise<number> {
  const { build } = await import('../../build.js');
  const { watchPortfolios } = await import('../watch.js');
  const stop = interruptSignal();
  err(watching[lang]);
  await watchPortfolios(
    portfolios,
    async () => {
      const started = performance.now();
      const again = await build(paths, { outDir, lang, signal: stop.signal });
      printDiagnostics(again.diagnostics, format, lang);
      const built = again.portfolios.reduce((n, p) => n + p.documents.filter((d) => d.pdf).length, 0);
      if (format === 'text') err(`${ui.wrote[lang]} ${built} ${ui.documents[lang]}（${((performance.now() - started) / 1000).toFixed(1)} s）`);
    },
    stop.signal,
  );
  stop.dispose();
  return ExitCode.ok;
}

/**
 * One thread per core, but one thread alone on 2: there a worker slows this thread down more than
 * it helps (20 documents: 1.03 s in one thread, 1.19 s in two; each thread's V8 compiles and
 * collects garbage on background threads that then compete for the same two cores).
 */
function defaultJobs(): number {
  const cores = availableParallelism();
  return cores > 2 ? cores : 1;
}
