import { Job, Queue, QueueEvents } from 'bullmq';
import { resolve } from 'node:path';
import type { BatchProgress, BatchResult } from '../batch/batch.js';
import { failedRow } from '../batch/export-student.js';
import { problem } from '../batch/messages.js';
import { isFailure, writeReport, type StudentReport } from '../batch/report.js';
import type { RosterEntry } from '../batch/roster.js';
import { shownPath } from '../output-folder.js';
import { connectQueue } from './connection.js';
import type { StudentJobResult } from './jobs.js';
import { queueProblem, type QueueProblem } from './messages.js';
import { readQueuedRun } from './queued-run.js';

export interface CollectOptions {
  url: string;
  outDir: string;
  cwd?: string;
  onProgress?: (progress: BatchProgress) => void;
  /** Once, when there are students to wait for: how many workers are connected to the queue now. */
  onWorkers?: (count: number) => void;
  /** Stops waiting: the report is not written, the jobs go on. */
  signal?: AbortSignal;
}

/** Jobs looked up at once. */
const lookups = 200;
/** Unfinished jobs are looked at again this often, should a queue event be missed (Redis restarted, say). */
const recheckMs = 10_000;

/**
 * Waits for every job of the folder's queued run, watching the queue's events, then writes
 * DIR/report.csv and DIR/report.json with the local batch's own code: a job's result is the row
 * its worker made; a job that failed every attempt is a `failed` row with its reason.
 */
export async function collectReport(options: CollectOptions): Promise<{ queueError: QueueProblem } | BatchResult> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.outDir);
  const run = await readQueuedRun(outDir);
  if (!run) return { queueError: queueProblem('nothing-queued', { path: shownPath(cwd, outDir), url: options.url }) };
  const connected = await connectQueue(options.url);
  if ('problem' in connected) return { queueError: connected.problem };

  const students: StudentReport[] = new Array(run.students.length);
  const pending = new Map<string, { index: number; entry: RosterEntry }>();
  const workers = new Set<string>();
  const queued = run.students.filter((s) => 'jobId' in s).length;
  let done = 0;
  let built = 0;
  let failures = 0;
  let lastFinished = run.queuedAt;
  const record = (index: number, report: StudentReport, fromJob: boolean) => {
    students[index] = report;
    done++;
    if (fromJob) built++;
    if (isFailure(report.status)) failures++;
    options.onProgress?.({ done, total: students.length, failures, queued, built, student: report });
  };
  for (const [index, s] of run.students.entries()) {
    if ('row' in s) record(index, s.row, false);
    else pending.set(s.jobId, { index, entry: s.entry });
  }

  const queue = new Queue(run.queue, connected);
  const events = new QueueEvents(run.queue, connected);
  let wake = () => {};
  const look = async (ids: string[]) => {
    for (let i = 0; i < ids.length; i += lookups) {
      await Promise.all(
        ids.slice(i, i + lookups).map(async (id) => {
          const job = await Job.fromId(queue, id);
          const waiting = pending.get(id);
          const report = waiting && finished(job, waiting.entry, run.lang);
          if (!waiting || !report) return;
          pending.delete(id);
          if (job?.returnvalue) workers.add((job.returnvalue as StudentJobResult).worker);
          lastFinished = Math.max(lastFinished, job?.finishedOn ?? Date.now());
          record(waiting.index, report, true);
        }),
      );
    }
    if (pending.size === 0) wake();
  };
  try {
    await events.waitUntilReady();
    // Subscribed first, looked up second: a job finishing in between is seen either way.
    const onEvent = ({ jobId }: { jobId: string }) => void (pending.has(jobId) && look([jobId]));
    events.on('completed', onEvent).on('failed', onEvent);
    await look([...pending.keys()]);
    if (pending.size > 0) options.onWorkers?.(await queue.getWorkersCount());
    while (pending.size > 0 && !options.signal?.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, recheckMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        options.signal?.addEventListener('abort', wake, { once: true });
      });
      if (pending.size > 0 && !options.signal?.aborted) await look([...pending.keys()]);
    }
  } finally {
    await events.close();
    await queue.close();
  }
  const seconds = Math.round((lastFinished - run.queuedAt) / 100) / 10;
  const result: BatchResult = { outDir, students, jobs: workers.size, seconds, workers: [], interrupted: pending.size > 0 };
  if (result.interrupted) return result;
  result.report = await writeReport(students, {
    roster: run.roster,
    encoding: run.encoding,
    outDir,
    jobs: workers.size,
    seconds,
    lang: run.lang,
    extraColumns: run.extraColumns,
  });
  return result;
}

/** A finished job's row: the one its worker made, or a `failed` row when every attempt failed; undefined while it waits or runs. */
function finished(job: Job | undefined, entry: RosterEntry, lang: 'zh' | 'en'): StudentReport | undefined {
  if (!job) return failedRow(entry, problem('job-missing'), 0, lang);
  if (!job.finishedOn) return undefined;
  // The roster's columns as they are now: a job of unchanged inputs may have been queued from an older roster.
  const { line, id, name, path, roster } = entry;
  if (job.returnvalue) return { ...(job.returnvalue as StudentJobResult).report, line, id, name, path, roster };
  const reason = job.failedReason ?? '';
  // BullMQ's words for a job whose worker died (stopped renewing its lock) too often.
  const cause = /stalled/i.test(reason)
    ? problem('worker-lost', { attempts: job.stalledCounter })
    : problem('job-failed', { attempts: job.attemptsMade, reason });
  return failedRow(entry, cause, 0, lang);
}
