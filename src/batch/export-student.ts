import { access, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatDiagnostic } from '../diagnostics.js';
import type { Lang } from '../messages.js';
import { NotOursError, replaceable } from '../output-folder.js';
import { workerScript } from '../paths.js';
import { commit, discard, markerName, temporaryFolder } from './folders.js';
import { problem, problemMessage, type BatchProblem } from './messages.js';
import { stopMessage, type PoolOptions, type PoolOutcome } from '../infra/pool.js';
import type { WorkerReply } from './protocol.js';
import type { StudentReport } from './report.js';
import type { RosterEntry } from './roster.js';
import type { StudentOutcome, StudentTask } from './student.js';

/**
 * "Export a student", the one implementation the local batch and the queue worker share: a roster
 * row's folder is checked (entryProblem), the student is built and packed in a worker thread of
 * `studentScript` (runStudent) into a temporary folder, and settleStudent puts the outputs in place
 * and makes the report row. The local batch drives the threads with runPool, a queue worker one
 * job at a time with openLane.
 */
export const studentScript = workerScript('batch/worker.js');

/** What a student may use at most, in heap and in buffers each: far beyond any real portfolio. */
const workerMemoryMb = 2048;

/** The pool settings of a student's worker thread: its time limit and memory limits. */
export function studentPool(jobs: number, timeoutSeconds: number, signal?: AbortSignal): PoolOptions {
  return {
    jobs,
    timeoutMs: timeoutSeconds * 1000,
    stopMessage,
    resourceLimits: { maxOldGenerationSizeMb: workerMemoryMb },
    maxExternalBytes: workerMemoryMb * 2 ** 20,
    signal,
  };
}

export interface StudentSettings {
  resume: boolean;
  lang: Lang;
  maxBytes?: number;
}

/** A student's work: its portfolio `root` built into DIR/<id>, through a temporary folder of this process. */
export function studentTask(id: string, root: string, outDir: string, settings: StudentSettings): StudentTask {
  return { id, root, tmpDir: temporaryFolder(outDir, id), finalDir: join(outDir, id), outDir, ...settings };
}

/** Why a roster row cannot be built before any work: its own problem, a path that is no portfolio, or DIR/<id> not licheng's. */
export async function entryProblem(entry: RosterEntry, root: string, finalDir: string, shownFinal: string): Promise<BatchProblem | undefined> {
  return entry.problem ?? (await folderProblem(root, entry.path)) ?? (await notOurs(finalDir, shownFinal));
}

/** Puts a finished student's outputs in place (or clears them away) and makes its report row. */
export async function settleStudent(
  entry: RosterEntry,
  task: StudentTask,
  outcome: PoolOutcome<WorkerReply>,
  timeoutSeconds: number,
  lang: Lang,
): Promise<StudentReport> {
  const seconds = Math.round(outcome.ms / 100) / 10;
  // An interrupted student keeps the outputs of its last complete run, and their marker: --resume decides.
  if (outcome.kind === 'interrupted') {
    await rm(task.tmpDir, { recursive: true, force: true });
    return interruptedRow(entry, seconds, lang);
  }
  if (outcome.kind !== 'done') {
    await discard(task.tmpDir, task.finalDir);
    if (outcome.kind === 'timeout') return { ...failedRow(entry, problem('timeout', { seconds: timeoutSeconds }), seconds, lang), status: 'timeout' };
    if (outcome.outOfMemory) return failedRow(entry, problem('worker-memory', { mb: workerMemoryMb }), seconds, lang);
    return failedRow(entry, problem('worker-crashed', { reason: outcome.reason }), seconds, lang);
  }
  const student = outcome.value.outcome;
  if (student.complete) {
    try {
      await commit(task.tmpDir, task.finalDir);
    } catch (error) {
      await discard(task.tmpDir, task.finalDir).catch(() => undefined);
      if (error instanceof NotOursError) return failedRow(entry, ourProblem(task.finalDir), seconds, lang);
      return failedRow(entry, problem('commit-failed', { path: task.finalDir, reason: (error as Error).message }), seconds, lang);
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
  return {
    line,
    id,
    name,
    path,
    status: student.status,
    reused: student.reused === true,
    roster,
    ...student.figures,
    firstError,
    problem: student.problem,
    diagnostics: student.diagnostics,
  };
}

/** The row of a student not built, for `cause`. */
export function failedRow(entry: RosterEntry, cause: BatchProblem, seconds: number, lang: Lang): StudentReport {
  return row(
    entry,
    { status: 'failed', figures: { errors: 0, warnings: 0, documents: 0, bytes: 0, seconds }, diagnostics: [], problem: cause, complete: false },
    lang,
  );
}

export function interruptedRow(entry: RosterEntry, seconds: number, lang: Lang): StudentReport {
  return { ...failedRow(entry, problem('interrupted'), seconds, lang), status: 'interrupted' };
}

export const ourProblem = (path: string): BatchProblem => problem('out-folder', { id: 'out-not-ours', path });

/** DIR/<id> exists and licheng did not make it: the student is not built, and the folder is left as it is. */
async function notOurs(finalDir: string, shown: string): Promise<BatchProblem | undefined> {
  return (await replaceable(finalDir, markerName)) ? undefined : ourProblem(shown);
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
