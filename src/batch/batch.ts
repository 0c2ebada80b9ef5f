import { access, realpath, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { workerScript } from '../paths.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { Lang } from '../messages.js';
import { NotOursError, ownedFolder, prepareOutputFolder, realOutputPath, replaceable, shownPath, within } from '../output-folder.js';
import { commit, discard, lockFolder, markerName, removeStale, temporaryFolder } from './folders.js';
import { BatchUsageError, problem, problemMessage, type BatchProblem } from './messages.js';
import { affordableJobs, runPool, stopMessage, type PoolOutcome } from '../infra/pool.js';
import { isFailure, writeReport, type StudentReport } from './report.js';
import { loadSharp } from '../media/encode-image.js';
import { readRoster, type RosterEntry } from './roster.js';
import type { StudentOutcome, StudentTask } from './student.js';
import { defaultTimeoutSeconds, type WorkerMemory, type WorkerReply } from './protocol.js';

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
/** What a student may use at most, in heap and in buffers each: far beyond any real portfolio. */
const workerMemoryMb = 2048;
const script = workerScript('batch/worker.js');

/**
 * A school's export: every student of the roster built and packed into DIR/<id>/, on a pool of
 * worker threads, then DIR/report.csv and DIR/report.json. One student's failure — bad input,
 * an exception, a crashed or stuck worker — is a report row, never the end of the batch. A roster
 * that cannot be read or an output folder that cannot be used throws a BatchUsageError: nothing is built.
 */
export async function batch(roster: string, options: BatchOptions = {}): Promise<BatchResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const lang = options.lang ?? 'zh';
  const rosterFile = resolve(cwd, roster);
  const outDir = resolve(cwd, options.outDir ?? join(dirname(rosterFile), 'out'));
  const requested = Number.isInteger(options.jobs) && options.jobs! >= 1 ? options.jobs! : availableParallelism();
  const { jobs } = affordableJobs(requested, batchWorkerBytes);
  const result: BatchResult = { outDir, students: [], jobs, seconds: 0, workers: [], interrupted: false };
  const read = await readRoster(rosterFile, roster);
  if ('usageError' in read) throw new BatchUsageError(read.usageError);
  const shownOut = shownPath(cwd, outDir);
  const unusable = await sourcesProblem(outDir, shownOut, rosterFile, roster, read.entries);
  if (unusable) throw new BatchUsageError(unusable);
  const unwritable = await prepareOutputFolder(outDir, shownOut);
  if (unwritable) throw new BatchUsageError(problem('out-folder', { id: unwritable.id, ...unwritable.args }));
  const report = await foreignReport(outDir, shownOut);
  if (report) throw new BatchUsageError(report);
  const lock = await lockFolder(outDir);
  if ('heldBy' in lock) throw new BatchUsageError(problem('out-busy', { path: shownOut, pid: lock.heldBy }));
  await removeStale(outDir);

  const { entries } = read;
  const reports: StudentReport[] = new Array(entries.length);
  const queued: { index: number; task: StudentTask }[] = [];
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

  for (const [index, entry] of entries.entries()) {
    const root = resolve(dirname(rosterFile), entry.path);
    const finalDir = join(outDir, entry.id);
    const found = entry.problem ?? (await folderProblem(root, entry.path)) ?? (await notOurs(finalDir, join(shownOut, entry.id)));
    if (found) record(index, failed(entry, found, 0, lang), false);
    else {
      const task = { id: entry.id, root, tmpDir: temporaryFolder(outDir, entry.id), finalDir, outDir, resume: options.resume ?? false, lang, maxBytes: options.maxBytes };
      queued.push({ index, task });
    }
  }

  const memory = new Map<number, WorkerMemory>();
  if (queued.length > 0) {
    // Loaded here first so its shared libraries outlive every worker (sharp on glibc needs this).
    await loadSharp();
    const timeoutSeconds = options.timeoutSeconds ?? defaultTimeoutSeconds;
    result.jobs = Math.min(jobs, queued.length);
    const pool = { jobs: result.jobs, timeoutMs: timeoutSeconds * 1000, stopMessage, resourceLimits: { maxOldGenerationSizeMb: workerMemoryMb }, maxExternalBytes: workerMemoryMb * 2 ** 20, signal: options.signal };
    await runPool<StudentTask, WorkerReply>(script, queued.map((q) => q.task), pool, async (task, outcome, i) => {
      const { index } = queued[i]!;
      if (outcome.kind === 'done') memory.set(outcome.value.memory.threadId, outcome.value.memory);
      record(index, await settle(entries[index]!, task, outcome, timeoutSeconds, lang), true);
    });
  }

  result.interrupted = options.signal?.aborted === true;
  // Students the interrupt left unreached have no row yet.
  for (const { index } of queued) reports[index] ??= interrupted(entries[index]!, 0, lang);
  result.students = reports;
  result.workers = [...memory.values()];
  result.seconds = Math.round((performance.now() - started) / 100) / 10;
  result.report = await writeReport(reports, { roster: rosterFile, encoding: read.encoding, outDir, jobs: result.jobs, seconds: result.seconds, lang, extraColumns: read.extraColumns });
  // Also released on exit and on Ctrl-C (lockFolder registers it), should the batch end otherwise.
  await lock.release();
  return result;
}

/** Puts a finished student's outputs in place (or clears them away) and makes its report row. */
async function settle(entry: RosterEntry, task: StudentTask, outcome: PoolOutcome<WorkerReply>, timeoutSeconds: number, lang: Lang): Promise<StudentReport> {
  const seconds = Math.round(outcome.ms / 100) / 10;
  // An interrupted student keeps the outputs of its last complete run, and their marker: --resume decides.
  if (outcome.kind === 'interrupted') {
    await rm(task.tmpDir, { recursive: true, force: true });
    return interrupted(entry, seconds, lang);
  }
  if (outcome.kind !== 'done') {
    await discard(task.tmpDir, task.finalDir);
    if (outcome.kind === 'timeout') return { ...failed(entry, problem('timeout', { seconds: timeoutSeconds }), seconds, lang), status: 'timeout' };
    if (outcome.outOfMemory) return failed(entry, problem('worker-memory', { mb: workerMemoryMb }), seconds, lang);
    return failed(entry, problem('worker-crashed', { reason: outcome.reason }), seconds, lang);
  }
  const student = outcome.value.outcome;
  if (student.complete) {
    try {
      await commit(task.tmpDir, task.finalDir);
    } catch (error) {
      await discard(task.tmpDir, task.finalDir).catch(() => undefined);
      if (error instanceof NotOursError) return failed(entry, ourProblem(task.finalDir), seconds, lang);
      return failed(entry, problem('commit-failed', { path: task.finalDir, reason: (error as Error).message }), seconds, lang);
    }
  } else if (student.status === 'failed') await discard(task.tmpDir, task.finalDir);
  return row(entry, student, lang);
}

function row(entry: RosterEntry, student: StudentOutcome, lang: Lang): StudentReport {
  const errors = student.diagnostics.filter((d) => d.severity === 'error');
  // portfolio.yaml first: every document depends on it, so its error is the one to fix first.
  const first = errors.find((d) => d.file === 'portfolio.yaml') ?? errors[0];
  const firstError = student.problem ? problemMessage(student.problem, lang) : first ? formatDiagnostic(first, lang) : '';
  const { line, id, name, path, roster } = entry;
  return { line, id, name, path, status: student.status, reused: student.reused === true, roster, ...student.figures, firstError, problem: student.problem, diagnostics: student.diagnostics };
}

function failed(entry: RosterEntry, cause: BatchProblem, seconds: number, lang: Lang): StudentReport {
  return row(entry, { status: 'failed', figures: { errors: 0, warnings: 0, documents: 0, bytes: 0, seconds }, diagnostics: [], problem: cause, complete: false }, lang);
}

/**
 * Student folders are named by id and replace what is there: an output folder holding a portfolio or
 * the roster (`-o .` in the school folder), or inside a portfolio, could replace a student's sources.
 */
async function sourcesProblem(outDir: string, shown: string, rosterFile: string, rosterWritten: string, entries: readonly RosterEntry[]): Promise<BatchProblem | undefined> {
  const out = await realOutputPath(outDir);
  if (within(await realOutputPath(rosterFile), out)) return problem('out-holds-source', { path: shown, source: rosterWritten });
  for (const entry of entries) {
    // A path that does not exist holds no sources (its row fails on its own).
    const root = entry.problem ? undefined : await realpath(resolve(dirname(rosterFile), entry.path)).catch(() => undefined);
    if (!root) continue;
    if (within(root, out)) return problem('out-holds-source', { path: shown, id: entry.id, source: entry.path });
    if (within(out, root)) return problem('out-in-source', { path: shown, id: entry.id, source: entry.path });
  }
  return undefined;
}

/** A report.csv or report.json in the output folder that an earlier batch did not write (its report.json says so) is not replaced. */
async function foreignReport(outDir: string, shown: string): Promise<BatchProblem | undefined> {
  if (await ownedFolder(outDir, 'report.json')) return undefined;
  for (const name of ['report.csv', 'report.json']) {
    if (await stat(join(outDir, name)).catch(() => undefined)) return ourProblem(join(shown, name));
  }
  return undefined;
}

const ourProblem = (path: string): BatchProblem => problem('out-folder', { id: 'out-not-ours', path });

/** DIR/<id> exists and licheng did not make it: the student is not built, and the folder is left as it is. */
async function notOurs(finalDir: string, shown: string): Promise<BatchProblem | undefined> {
  return (await replaceable(finalDir, markerName)) ? undefined : ourProblem(shown);
}

function interrupted(entry: RosterEntry, seconds: number, lang: Lang): StudentReport {
  return { ...failed(entry, problem('interrupted'), seconds, lang), status: 'interrupted' };
}

/** A roster path that cannot be a student's portfolio. */
async function folderProblem(root: string, written: string): Promise<BatchProblem | undefined> {
  const info = await stat(root).catch(() => undefined);
  if (!info) return problem('path-not-found', { path: written });
  if (!info.isDirectory()) return problem('path-not-folder', { path: written });
  const yaml = await access(join(root, 'portfolio.yaml')).then(
    () => true,
    () => false,
  );
  return yaml ? undefined : problem('portfolio-yaml-missing', { path: written });
}
