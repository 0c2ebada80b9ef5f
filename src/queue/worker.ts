import { Worker, type Job } from 'bullmq';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { batchWorkerBytes } from '../batch/batch.js';
import { settleStudent, studentPool, studentScript, studentTask } from '../batch/export-student.js';
import { removeStale } from '../batch/folders.js';
import { affordableJobs, openLane, type Lane } from '../infra/pool.js';
import { defaultTimeoutSeconds, type WorkerReply } from '../batch/protocol.js';
import type { StudentReport } from '../batch/report.js';
import type { StudentTask } from '../batch/student.js';
import { loadSharp } from '../media/encode-image.js';
import { shownPath } from '../output-folder.js';
import { connectQueue } from './connection.js';
import { queueName, workerName, type StudentJob, type StudentJobResult } from './jobs.js';
import { queueMessage, queueProblem, type QueueProblem } from './messages.js';

export interface WorkerOptions {
  url: string;
  /** The shared output folder, as the export was queued with. */
  outDir: string;
  cwd?: string;
  /** Students built at once; default what the machine runs (affordableJobs). */
  concurrency?: number;
  /**
   * How soon the job of a worker that died (SIGKILL, power cut) goes to another worker: its lock
   * lasts this long unless renewed, and every worker looks for such jobs twice as often.
   */
  recoverSeconds?: number;
  /** Ends the worker: no new job is taken, running ones are finished, then it returns. */
  signal: AbortSignal;
  onStarted?: (info: { queue: string; concurrency: number }) => void;
  /** After each job this worker finished, with its row, or with the reason it will be tried again. */
  onStudent?: (report: StudentReport, retried: boolean) => void;
}

export const defaultRecoverSeconds = 30;

/**
 * `licheng worker`: takes students from the output folder's queue and exports each exactly as the
 * local batch does — a worker thread per student at once (openLane), then settleStudent puts the
 * outputs in place atomically and makes the row, which is the job's result. A student with
 * document errors is a finished job; a crashed or timed-out thread fails the attempt, and BullMQ
 * tries it again (jobs.ts: attempts, backoff). A killed worker process loses its lock, and another
 * worker's stalled-job check hands the job on.
 */
export async function runWorker(options: WorkerOptions): Promise<{ queueError: QueueProblem } | { jobs: number }> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.outDir);
  if (!(await stat(outDir).catch(() => undefined))?.isDirectory()) return { queueError: queueProblem('folder-missing', { path: shownPath(cwd, outDir) }) };
  const connected = await connectQueue(options.url);
  if ('problem' in connected) return { queueError: connected.problem };
  const name = await queueName(outDir);
  const concurrency = options.concurrency ?? affordableJobs(availableParallelism(), batchWorkerBytes).jobs;
  const recoverMs = (options.recoverSeconds ?? defaultRecoverSeconds) * 1000;
  // What a killed worker of this machine left half-written.
  await removeStale(outDir);
  // Loaded here first so its shared libraries outlive every worker thread (sharp on glibc needs this).
  await loadSharp();
  const idle: Lane<StudentTask, WorkerReply>[] = Array.from({ length: concurrency }, () => openLane(studentScript, studentPool(1, defaultTimeoutSeconds)));
  let jobs = 0;

  const processor = async (job: Job<StudentJob>): Promise<StudentJobResult> => {
    const { entry, root, outDir: jobOut, settings, timeoutSeconds } = job.data;
    // The shared folder went away (an unmounted share): the attempt fails and is tried again, here or elsewhere.
    if (!(await stat(jobOut).catch(() => undefined))?.isDirectory())
      throw new Error(queueMessage(queueProblem('folder-missing', { path: jobOut }), settings.lang));
    const task = studentTask(entry.id, root, jobOut, settings);
    const lane = idle.pop()!;
    const outcome = await lane.run(task, timeoutSeconds * 1000).finally(() => idle.push(lane));
    const report = await settleStudent(entry, task, outcome, timeoutSeconds, settings.lang);
    jobs++;
    const retried = outcome.kind === 'crashed' || outcome.kind === 'timeout';
    options.onStudent?.(report, retried);
    if (retried) throw new Error(report.firstError);
    return { report, worker: workerName() };
  };

  const worker = new Worker<StudentJob, StudentJobResult>(name, processor, {
    ...connected,
    concurrency,
    lockDuration: recoverMs,
    stalledInterval: recoverMs / 2,
    // A job whose worker died is handed on twice; the third time it fails (a student that kills its worker).
    maxStalledCount: 2,
  });
  // Redis going away is retried by the connection; a worker error is no reason to stop the others.
  worker.on('error', () => undefined);
  await worker.waitUntilReady();
  options.onStarted?.({ queue: name, concurrency });
  await new Promise<void>((resolve) => (options.signal.aborted ? resolve() : options.signal.addEventListener('abort', () => resolve(), { once: true })));
  await worker.close();
  await Promise.all(idle.map((lane) => lane.close()));
  return { jobs };
}
