import { availableParallelism } from 'node:os';
import type { Lang } from '../messages.js';
import { loadSharp } from '../media/encode-image.js';
import { interruptedRow, settleStudent, studentPool, studentScript, studentTask } from './export-student.js';
import { affordableJobs, runPool } from '../infra/pool.js';
import { planStudents, prepareBatch } from './prepare.js';
import { defaultTimeoutSeconds, type WorkerMemory, type WorkerReply } from './protocol.js';
import { isFailure, writeReport, type StudentReport } from './report.js';
import type { StudentTask } from './student.js';

export interface BatchOptions {
  /** Output folder; default `out/` beside the roster. */
  outDir?: string;
  cwd?: string;
  /** Students built at once, one worker thread each; default and at most what the machine runs (affordableJobs). */
  jobs?: number;
  /** Reuse the last run of students whose inputs are unchanged since: their outputs stay, their report row says `reused`. */
  resume?: boolean;
  /** Per-student time limit in seconds; 0 for none. */
  timeoutSeconds?: number;
  /** Language of the report's messages and of the manifests. */
  lang?: Lang;
  maxBytes?: number;
  /**
   * Stops the batch: running students are stopped and their temporary folders removed, those not
   * reached are not started, and the report lists both as `interrupted`.
   */
  signal?: AbortSignal;
  /** Called after each student, in the order they finish. */
  onProgress?: (progress: BatchProgress) => void;
}

export interface BatchProgress {
  done: number;
  total: number;
  /** Students so far with errors, failed or timed out. */
  failures: number;
  /** Of `total`, the students handed to a worker (the rest failed on their roster row), and how many of those are done. */
  queued: number;
  built: number;
  student: StudentReport;
}

export interface BatchResult {
  outDir: string;
  /** In roster order. */
  students: StudentReport[];
  report?: { csv: string; json: string };
  jobs: number;
  seconds: number;
  /** Memory high-water marks of each worker thread that built a student. */
  workers: WorkerMemory[];
  /** `options.signal` stopped the batch before every student was done. */
  interrupted: boolean;
}

/**
 * Memory a student's worker is budgeted: one building the example portfolio (photos, a PDF
 * attachment) peaks near 80 MB of heap and 25 MB of buffers, about 200 MB resident with sharp's
 * caches; larger photos need more.
 */
export const batchWorkerBytes = 384 * 2 ** 20;

/**
 * A school's export: every student of the roster built and packed into DIR/<id>/, on a pool of
 * worker threads, then DIR/report.csv and DIR/report.json. One student's failure — bad input,
 * an exception, a crashed or stuck worker — is a report row, never the end of the batch. A roster
 * that cannot be read or an output folder that cannot be used throws a BatchUsageError: nothing is built.
 */
export async function batch(roster: string, options: BatchOptions = {}): Promise<BatchResult> {
  const started = performance.now();
  const lang = options.lang ?? 'zh';
  const requested = Number.isInteger(options.jobs) && options.jobs! >= 1 ? options.jobs! : availableParallelism();
  const { jobs } = affordableJobs(requested, batchWorkerBytes);
  const prepared = await prepareBatch(roster, options);
  const { rosterFile, outDir, read, lock } = prepared;
  const result: BatchResult = { outDir, students: [], jobs, seconds: 0, workers: [], interrupted: false };

  const { entries } = read;
  const reports: StudentReport[] = new Array(entries.length);
  const settings = { resume: options.resume ?? false, lang, maxBytes: options.maxBytes };
  const planned = await planStudents(prepared, (entry, root) => studentTask(entry.id, root, outDir, settings), lang);
  const queued = planned.flatMap((p, index) => ('work' in p ? [{ index, task: p.work }] : []));
  let done = 0;
  let built = 0;
  let failures = 0;
  const record = (index: number, report: StudentReport, fromWorker: boolean) => {
    reports[index] = report;
    done++;
    if (fromWorker) built++;
    if (isFailure(report.status)) failures++;
    options.onProgress?.({ done, total: entries.length, failures, queued: queued.length, built, student: report });
  };
  for (const [index, p] of planned.entries()) if ('row' in p) record(index, p.row, false);

  const memory = new Map<number, WorkerMemory>();
  if (queued.length > 0) {
    // Loaded here first so its shared libraries outlive every worker (sharp on glibc needs this).
    await loadSharp();
    const timeoutSeconds = options.timeoutSeconds ?? defaultTimeoutSeconds;
    result.jobs = Math.min(jobs, queued.length);
    const pool = studentPool(result.jobs, timeoutSeconds, options.signal);
    await runPool<StudentTask, WorkerReply>(
      studentScript,
      queued.map((q) => q.task),
      pool,
      async (task, outcome, i) => {
        const { index } = queued[i]!;
        if (outcome.kind === 'done') memory.set(outcome.value.memory.threadId, outcome.value.memory);
        record(index, await settleStudent(entries[index]!, task, outcome, timeoutSeconds, lang), true);
      },
    );
  }

  result.interrupted = options.signal?.aborted === true;
  // Students the interrupt left unreached have no row yet.
  for (const { index } of queued) reports[index] ??= interruptedRow(entries[index]!, 0, lang);
  result.students = reports;
  result.workers = [...memory.values()];
  result.seconds = Math.round((performance.now() - started) / 100) / 10;
  result.report = await writeReport(reports, {
    roster: rosterFile,
    encoding: read.encoding,
    outDir,
    jobs: result.jobs,
    seconds: result.seconds,
    lang,
    extraColumns: read.extraColumns,
  });
  // Also released on exit and on Ctrl-C (lockFolder registers it), should the batch end otherwise.
  await lock.release();
  return result;
}
