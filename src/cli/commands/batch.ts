import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { BatchProgress, BatchResult } from '../../batch/batch.js';
import { problemMessage } from '../../batch/messages.js';
import { isFailure, statuses, type StudentReport } from '../../batch/report.js';
import { formatDuration } from '../../media/trim.js';
import type { Lang } from '../../messages.js';
import { interruptSignal } from '../../emit/interrupt.js';
import { ExitCode, interruptedExitCode, usage } from '../cli-error.js';
import { affordableJobs } from '../../batch/pool.js';
import { commandLine, err, printJobsCap, printJson, redraw, sayWhenInterrupted } from '../output.js';
import type { Command } from '../command.js';

const words = {
  zh: {
    one: 'batch 只接受一個名冊檔（CSV）',
    none: '請指定名冊檔，例如 licheng batch 名冊.csv',
    jobs: (v: string) => `--jobs 要是正整數，不是「${v}」`,
    timeout: (v: string) => `--timeout 要是秒數（0 表示不限時），不是「${v}」`,
    students: '學生',
    failures: '未成功',
    left: '剩餘',
    finished: (n: number, counts: string, csv: string, s: string) => `完成 ${n} 位學生：${counts}；報告：${csv}（${s} 秒）`,
    interrupted: (done: number, n: number, counts: string, csv: string, again: string) =>
      [`已中斷：${n} 位學生中完成 ${done} 位（${counts}），其餘在報告中標為 interrupted（未執行）；報告：${csv}`, `要接著做，請執行：${again}`],
  },
  en: {
    one: 'batch takes one roster (CSV)',
    none: 'name a roster, e.g. licheng batch roster.csv',
    jobs: (v: string) => `--jobs takes a positive whole number, not ${v}`,
    timeout: (v: string) => `--timeout takes seconds (0 for no limit), not ${v}`,
    students: 'students',
    failures: 'not ok',
    left: 'left',
    finished: (n: number, counts: string, csv: string, s: string) => `${n} students: ${counts}; report: ${csv} (${s} s)`,
    interrupted: (done: number, n: number, counts: string, csv: string, again: string) =>
      [`interrupted: ${done} of ${n} students done (${counts}), the others are marked interrupted in the report: ${csv}`, `to go on, run: ${again}`],
  },
};

const shown = (path: string) => relative(process.cwd(), path) || '.';

/** `[12/100] 1234567 林語彤 ok 3.2s`, and the first error when there is one. */
function studentLine({ done, total, student: s }: BatchProgress): string {
  const head = `[${String(done).padStart(String(total).length)}/${total}] ${s.id}${s.name ? ` ${s.name}` : ''} ${s.status} ${s.seconds.toFixed(1)}s`;
  return s.firstError ? `${head} — ${s.firstError}` : head;
}

/** A one-line bar redrawn in place on a terminal (students that are not ok are listed above it); a line per student otherwise. */
function progressReporter(lang: Lang): { report: (p: BatchProgress) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  const w = words[lang];
  return {
    report(p) {
      if (!tty) {
        err(studentLine(p));
        return;
      }
      if (isFailure(p.student.status)) {
        redraw('');
        err(studentLine(p));
      }
      const width = 24;
      const filled = Math.round((p.done / p.total) * width);
      const elapsed = (Date.now() - started) / 1000;
      // The pace of students built so far; rows that failed on the roster cost nothing.
      const eta = p.built > 0 && p.built < p.queued ? ` · ${w.left} ${formatDuration((elapsed / p.built) * (p.queued - p.built))}` : '';
      redraw(`${w.students} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total} · ${w.failures} ${p.failures}${eta}`);
    },
    done() {
      if (tty) redraw('');
    },
  };
}

/** `ok 3 · errors 1 · …`; `interrupted` only when there are such students. */
function counts(students: readonly StudentReport[]): string {
  const count = (status: string) => students.filter((s) => s.status === status).length;
  return statuses.filter((status) => status !== 'interrupted' || count(status) > 0).map((status) => `${status} ${count(status)}`).join(' · ');
}

function summary(result: BatchResult, csv: string, positionals: string[], out: string | undefined, lang: Lang): string[] {
  const { students } = result;
  if (!result.interrupted) return [words[lang].finished(students.length, counts(students), shown(csv), result.seconds.toFixed(1))];
  const done = students.filter((s) => s.status !== 'interrupted');
  const again = commandLine(['licheng', 'batch', positionals[0]!, ...(out ? ['-o', out] : []), '--resume']);
  return words[lang].interrupted(done.length, students.length, counts(done), shown(csv), again);
}

function positiveInteger(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : undefined;
}

function seconds(text: string): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export const batchCommand: Command = {
  name: 'batch',
  summary: { zh: '全校匯出：依名冊建置並打包每位學生，寫出 report.csv 與 report.json', en: "a school's export: build and pack every student of a roster; write report.csv and report.json" },
  usage: 'licheng batch ROSTER.csv [-o DIR] [--jobs N] [--resume] [--timeout SECONDS] [--format text|json]',
  options: { out: { type: 'string', short: 'o' }, jobs: { type: 'string', short: 'j' }, resume: { type: 'boolean' }, timeout: { type: 'string' } },
  async run({ positionals, values, lang, format }) {
    const w = words[lang];
    if (positionals.length === 0) usage(w.none);
    if (positionals.length > 1) usage(w.one);
    const jobsText = values.jobs as string | undefined;
    const jobs = jobsText === undefined ? undefined : (positiveInteger(jobsText) ?? usage(w.jobs(jobsText)));
    const timeoutText = values.timeout as string | undefined;
    const timeoutSeconds = timeoutText === undefined ? undefined : (seconds(timeoutText) ?? usage(w.timeout(timeoutText)));
    const progress = progressReporter(lang);
    const { batch, batchWorkerBytes } = await import('../../batch/batch.js');
    if (jobs !== undefined) printJobsCap(affordableJobs(jobs, batchWorkerBytes), lang);
    const interrupt = interruptSignal();
    sayWhenInterrupted(interrupt.signal, lang);
    const result = await batch(positionals[0]!, {
      outDir: values.out as string | undefined,
      jobs,
      resume: values.resume === true,
      timeoutSeconds,
      lang,
      signal: interrupt.signal,
      onProgress: progress.report,
    }).finally(interrupt.dispose);
    progress.done();
    if (result.usageError) usage(problemMessage(result.usageError, lang));
    if (format === 'json' && result.report) printJson(JSON.parse(await readFile(result.report.json, 'utf8')));
    if (result.report) err(...summary(result, result.report.csv, positionals, values.out as string | undefined, lang));
    if (result.interrupted) return interruptedExitCode(interrupt.signal);
    return result.students.some((s) => isFailure(s.status)) ? ExitCode.documentErrors : ExitCode.ok;
  },
};
