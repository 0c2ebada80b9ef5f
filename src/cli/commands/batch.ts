import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { BatchProgress, BatchResult } from '../../batch/batch.js';
import { BatchUsageError, problemMessage, reportWords } from '../../batch/messages.js';
import { isFailure, statuses, type StudentReport } from '../../batch/report.js';
import { formatDuration } from '../../format.js';
import type { Lang } from '../../messages.js';
import { interruptSignal } from '../../infra/interrupt.js';
import { ExitCode, interruptedExitCode, usage } from '../cli-error.js';
import { affordableJobs } from '../../infra/pool.js';
import { defaultTimeoutSeconds } from '../../batch/protocol.js';
import { commandLine, err, printJobsCap, printJson, redraw, sayWhenInterrupted } from '../output.js';
import type { Command, CommandInput } from '../command.js';
import type { Format } from '../output.js';

const words = {
  zh: {
    one: 'batch 只接受一個名冊檔（CSV）',
    none: '請指定名冊檔，例如 licheng batch 名冊.csv',
    jobs: (v: string) => `--jobs 要是正整數，不是「${v}」`,
    timeout: (v: string) => `--timeout 要是秒數（0 表示不限時），不是「${v}」`,
    queueOnly: (flag: string) => `${flag} 只能與 --queue 一起用`,
    jobsQueue: '用 --queue 時由各台 worker 決定同時處理幾位（licheng worker --concurrency N），不用 --jobs',
    reportRoster: '--report 只收集已排入佇列的匯出，不接受名冊；請寫成 licheng batch --queue 位址 --report -o 輸出資料夾',
    reportOut: '--report 要用 -o 指定排入佇列時的輸出資料夾',
    reportDetach: '--report 會等所有學生完成，不能與 --detach 一起用',
    detached: (n: number, queue: string, worker: string, report: string) => [
      `已排入 ${n} 位學生到佇列 ${queue}。`,
      `在每台 worker 電腦執行：${worker}`,
      `稍後取得報告：${report}`,
    ],
    waiting: (n: number, queue: string, worker: string) =>
      `已排入 ${n} 位學生到佇列 ${queue}，等候 worker 處理（worker 的指令：${worker}）；按 Ctrl-C 停止等候，worker 會繼續做`,
    workers: (n: number) => (n > 0 ? `目前有 ${n} 個 worker 連著這個佇列` : '目前沒有 worker 連著這個佇列：學生會等到有 worker 啟動才開始處理'),
    stopWaiting: (report: string) => `已停止等候；worker 會繼續處理，之後用這個指令取得報告：${report}`,
    students: '學生',
    failures: '未成功',
    left: '剩餘',
    finished: (n: number, counts: string, csv: string, s: string) => `完成 ${n} 位學生：${counts}；報告：${csv}（${s} 秒）`,
    interrupted: (done: number, n: number, counts: string, csv: string, again: string) => [
      `已中斷：${n} 位學生中完成 ${done} 位（${counts}），其餘在報告中標為「未執行」；報告：${csv}`,
      `要接著做，請執行：${again}`,
    ],
  },
  en: {
    one: 'batch takes one roster (CSV)',
    none: 'name a roster, e.g. licheng batch roster.csv',
    jobs: (v: string) => `--jobs takes a positive whole number, not ${v}`,
    timeout: (v: string) => `--timeout takes seconds (0 for no limit), not ${v}`,
    queueOnly: (flag: string) => `${flag} goes with --queue only`,
    jobsQueue: 'with --queue each worker sets how many students it builds at once (licheng worker --concurrency N), not --jobs',
    reportRoster: '--report collects a queued export and takes no roster; write licheng batch --queue URL --report -o DIR',
    reportOut: '--report needs -o, the output folder the export was queued with',
    reportDetach: '--report waits for every student; it does not go with --detach',
    detached: (n: number, queue: string, worker: string, report: string) => [
      `queued ${n} students on queue ${queue}.`,
      `on every worker machine, run: ${worker}`,
      `for the report later: ${report}`,
    ],
    waiting: (n: number, queue: string, worker: string) =>
      `queued ${n} students on queue ${queue}, waiting for the workers (their command: ${worker}); Ctrl-C stops waiting, the workers go on`,
    workers: (n: number) =>
      n > 0 ? `${n} workers are connected to the queue now` : 'no worker is connected to the queue yet: the students wait until one starts',
    stopWaiting: (report: string) => `stopped waiting; the workers go on. For the report later, run: ${report}`,
    students: 'students',
    failures: 'not ok',
    left: 'left',
    finished: (n: number, counts: string, csv: string, s: string) => `${n} students: ${counts}; report: ${csv} (${s} s)`,
    interrupted: (done: number, n: number, counts: string, csv: string, again: string) => [
      `interrupted: ${done} of ${n} students done (${counts}), the others are marked not run in the report: ${csv}`,
      `to go on, run: ${again}`,
    ],
  },
};

const shown = (path: string) => relative(process.cwd(), path) || '.';

/** `[12/100] 1234567 林語彤 成功 3.2s` (`成功（沿用）` when `--resume` kept the last run), and the first error when there is one. */
function studentLine({ done, total, student: s }: BatchProgress, lang: Lang): string {
  const words = reportWords[lang];
  const status = s.reused ? `${words.statuses[s.status]}（${words.reused}）` : words.statuses[s.status];
  const head = `[${String(done).padStart(String(total).length)}/${total}] ${s.id}${s.name ? ` ${s.name}` : ''} ${status} ${s.seconds.toFixed(1)}s`;
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
        err(studentLine(p, lang));
        return;
      }
      if (isFailure(p.student.status)) {
        redraw('');
        err(studentLine(p, lang));
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

/** `成功 3 · 有錯誤 1 · …`; 未執行 and 沿用 only when there are such students. */
function counts(students: readonly StudentReport[], lang: Lang): string {
  const words = reportWords[lang];
  const count = (status: string) => students.filter((s) => s.status === status).length;
  const reused = students.filter((s) => s.reused).length;
  const shown = statuses.filter((status) => status !== 'interrupted' || count(status) > 0).map((status) => `${words.statuses[status]} ${count(status)}`);
  return [...shown, ...(reused > 0 ? [`${words.reused} ${reused}`] : [])].join(' · ');
}

function summary(result: BatchResult, csv: string, positionals: string[], out: string | undefined, lang: Lang): string[] {
  const { students } = result;
  if (!result.interrupted) return [words[lang].finished(students.length, counts(students, lang), shown(csv), result.seconds.toFixed(1))];
  const done = students.filter((s) => s.status !== 'interrupted');
  const again = commandLine(['licheng', 'batch', positionals[0]!, ...(out ? ['-o', out] : []), '--resume']);
  return words[lang].interrupted(done.length, students.length, counts(done, lang), shown(csv), again);
}

function positiveInteger(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : undefined;
}

function seconds(text: string): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The roster format, the options and the report, with an example a school office can copy. */
const help: Record<Lang, string[]> = {
  zh: [
    '選項：',
    '  -o DIR            輸出資料夾（預設：名冊旁的 out/）',
    '  --jobs N          同時處理幾位學生（預設：依這台電腦的核心數與記憶體）',
    '  --resume          作品集沒有變動的學生沿用上次的結果，只重做有變動的',
    `  --timeout 秒數    每位學生的時限（預設 ${defaultTimeoutSeconds}；0 表示不限時）`,
    '  --queue URL       不在這台電腦建置，而是排入 Redis 佇列（redis://主機:連接埠[/資料庫編號]），',
    '                    由各台電腦的 licheng worker 處理；全部完成後寫出同樣的報告。佇列名稱由輸出資料夾決定',
    '                    （licheng- 加上其完整路徑的雜湊），所以兩個輸出資料夾的匯出不會混在一起。',
    '                    作品集沒變的學生不會重複排入；加 --resume 時已完成的也不重做。',
    '  --detach          與 --queue 一起用：排入後就結束，不等候',
    '  --report          與 --queue 一起用：licheng batch --queue URL --report -o DIR 等候並寫出報告',
    '',
    '名冊（CSV 檔，可用 Excel 另存）：',
    '  第一行是欄位名稱：學號（或 id；沒有學號欄時可用 座號）、姓名（或 name，可省略）、',
    '  路徑（或 path、資料夾）＝學生的作品集資料夾，以名冊所在的資料夾為起點。',
    '  其他欄位（例如 班級、座號）會照名冊的順序抄進報告。',
    '  編碼：UTF-8（有無 BOM 皆可）或 Big5（Excel 在繁體中文 Windows 存的 CSV），也接受 Excel 的「Unicode 文字」（Tab 分隔）。',
    '  範例：',
    '    學號,姓名,班級,路徑',
    '    1120301,林語彤,301,學生/林語彤',
    '    1120302,陳怡君,301,學生/陳怡君',
    '',
    '輸出：DIR/<學號>/ 是每位學生的 PDF 與打包；DIR/report.csv 與 DIR/report.json 是報告。',
    '  狀態：成功、有錯誤、失敗、逾時、未執行（被中斷）；「沿用」欄標示 --resume 沿用上次結果的學生。',
    '  report.json 的欄位名稱與狀態代碼固定為英文：ok、errors、failed、timeout、interrupted，沿用者 reused 為 true。',
  ],
  en: [
    'Options:',
    '  -o DIR            output folder (default: out/ beside the roster)',
    "  --jobs N          students built at once (default: what this machine's cores and memory allow)",
    '  --resume          students whose portfolio is unchanged keep their last run; only changed ones are rebuilt',
    `  --timeout SECONDS time limit per student (default ${defaultTimeoutSeconds}; 0 for none)`,
    '  --queue URL       do not build here: queue the students on Redis (redis://HOST:PORT[/DB]) for licheng worker',
    '                    on any number of machines; the same report is written when all are done. The queue is named',
    '                    after the output folder (licheng- and a hash of its full path), so two exports never mix.',
    '                    A student whose portfolio is unchanged is not queued twice; with --resume finished ones are kept too.',
    '  --detach          with --queue: queue and return without waiting',
    '  --report          with --queue: licheng batch --queue URL --report -o DIR waits, then writes the report',
    '',
    'Roster (a CSV file, as Excel saves it):',
    '  The first line names the columns: id (or 學號; 座號 when there is no id column), name (or 姓名, optional),',
    "  path (or 路徑, 資料夾) = the student's portfolio folder, relative to the roster's folder.",
    '  Any other column (e.g. 班級, 座號) is carried into the report, in roster order.',
    '  Encoding: UTF-8 (with or without BOM) or Big5 (what Excel saves on Traditional Chinese Windows); Excel\'s "Unicode text" (tab-separated) too.',
    '  Example:',
    '    id,name,class,path',
    '    1120301,林語彤,301,students/lin',
    '    1120302,陳怡君,301,students/chen',
    '',
    "Output: DIR/<id>/ holds each student's PDFs and bundles; DIR/report.csv and DIR/report.json are the report.",
    '  Statuses: ok, errors, failed, timed out, not run (interrupted); the reused column marks students --resume kept.',
    '  report.json keeps English keys and status codes: ok, errors, failed, timeout, interrupted; reused is true for kept students.',
  ],
};

export const batchCommand: Command = {
  name: 'batch',
  summary: {
    zh: '全校匯出：依名冊建置並打包每位學生，寫出 report.csv 與 report.json',
    en: "a school's export: build and pack every student of a roster; write report.csv and report.json",
  },
  usage:
    'licheng batch ROSTER.csv [-o DIR] [--jobs N] [--resume] [--timeout SECONDS] [--queue redis://HOST:PORT[/DB] [--detach]] [--format text|json]\n       licheng batch --queue redis://HOST:PORT[/DB] --report -o DIR',
  help,
  options: {
    out: { type: 'string', short: 'o' },
    jobs: { type: 'string', short: 'j' },
    resume: { type: 'boolean' },
    timeout: { type: 'string' },
    queue: { type: 'string' },
    detach: { type: 'boolean' },
    report: { type: 'boolean' },
  },
  async run(input) {
    const { positionals, values, lang, format } = input;
    const w = words[lang];
    if (values.queue === undefined) {
      for (const flag of ['detach', 'report']) if (values[flag]) usage(w.queueOnly(`--${flag}`));
    } else if (values.jobs !== undefined) usage(w.jobsQueue);
    if (values.report) {
      if (positionals.length > 0) usage(w.reportRoster);
      if (values.out === undefined) usage(w.reportOut);
      if (values.detach) usage(w.reportDetach);
    } else if (positionals.length === 0) usage(w.none);
    if (positionals.length > 1) usage(w.one);
    const jobsText = values.jobs as string | undefined;
    const jobs = jobsText === undefined ? undefined : (positiveInteger(jobsText) ?? usage(w.jobs(jobsText)));
    const timeoutText = values.timeout as string | undefined;
    const timeoutSeconds = timeoutText === undefined ? undefined : (seconds(timeoutText) ?? usage(w.timeout(timeoutText)));
    const progress = progressReporter(lang);
    if (values.queue !== undefined) return queued(input, timeoutSeconds, progress);
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
    })
      .catch((error: unknown) => (error instanceof BatchUsageError ? usage(problemMessage(error.problem, lang)) : Promise.reject(error)))
      .finally(() => {
        interrupt.dispose();
        progress.done();
      });
    if (result.report) await printReport(result.report, format, summary(result, result.report.csv, positionals, values.out as string | undefined, lang));
    if (result.interrupted) return interruptedExitCode(interrupt.signal);
    return result.students.some((s) => isFailure(s.status)) ? ExitCode.documentErrors : ExitCode.ok;
  },
};

/** The report as JSON on stdout when asked, the summary on stderr. */
async function printReport(report: { json: string }, format: Format, lines: string[]): Promise<void> {
  if (format === 'json') printJson(JSON.parse(await readFile(report.json, 'utf8')));
  err(...lines);
}

/**
 * `batch --queue`: the roster queued on Redis for `licheng worker`s (src/queue/enqueue.ts), then,
 * unless `--detach`, the jobs watched until all are done and the report written as a local
 * batch's; `--report` only watches and writes. Ctrl-C stops the watching, not the workers.
 */
async function queued(
  { positionals, values, lang, format }: CommandInput,
  timeoutSeconds: number | undefined,
  progress: ReturnType<typeof progressReporter>,
): Promise<number> {
  const w = words[lang];
  const url = values.queue as string;
  const { queueMessage } = await import('../../queue/messages.js');
  let outDir = resolve((values.out as string | undefined) ?? '.');
  if (!values.report) {
    const { enqueueBatch } = await import('../../queue/enqueue.js');
    const queued = await enqueueBatch(positionals[0]!, {
      url,
      outDir: values.out as string | undefined,
      resume: values.resume === true,
      timeoutSeconds,
      lang,
    }).catch((error: unknown) => (error instanceof BatchUsageError ? usage(problemMessage(error.problem, lang)) : Promise.reject(error)));
    if ('queueError' in queued) usage(queueMessage(queued.queueError, lang));
    outDir = queued.outDir;
    const worker = commandLine(['licheng', 'worker', '--queue', url, '-o', outDir]);
    if (values.detach) {
      err(...w.detached(queued.jobs, queued.queue, worker, commandLine(['licheng', 'batch', '--queue', url, '--report', '-o', outDir])));
      return ExitCode.ok;
    }
    err(w.waiting(queued.jobs, queued.queue, worker));
  }
  const { collectReport } = await import('../../queue/collect.js');
  const interrupt = interruptSignal();
  const result = await collectReport({ url, outDir, signal: interrupt.signal, onProgress: progress.report, onWorkers: (n) => err(w.workers(n)) }).finally(
    interrupt.dispose,
  );
  progress.done();
  if ('queueError' in result) usage(queueMessage(result.queueError, lang));
  if (result.interrupted || !result.report) {
    err(w.stopWaiting(commandLine(['licheng', 'batch', '--queue', url, '--report', '-o', outDir])));
    return interruptedExitCode(interrupt.signal);
  }
  await printReport(result.report, format, summary(result, result.report.csv, positionals, values.out as string | undefined, lang));
  return result.students.some((s) => isFailure(s.status)) ? ExitCode.documentErrors : ExitCode.ok;
}
