import { Queue } from 'bullmq';
import type { Lang } from '../messages.js';
import { defaultTimeoutSeconds } from '../batch/protocol.js';
import { inGroups } from '../batch/in-groups.js';
import { planStudents, prepareBatch } from '../batch/prepare.js';
import { studentHash } from '../batch/student.js';
import { version } from '../version.js';
import { connectQueue, type QueueConnection } from './connection.js';
import { jobId, jobOptions, queueName, type StudentJob } from './jobs.js';
import type { QueueProblem } from './messages.js';
import { writeQueuedRun, type QueuedRun } from './queued-run.js';

export interface EnqueueOptions {
  url: string;
  outDir?: string;
  cwd?: string;
  /** Keep finished jobs whose inputs are unchanged (the queue's dedup); otherwise they are built again. */
  resume?: boolean;
  lang?: Lang;
  maxBytes?: number;
  timeoutSeconds?: number;
}

export type Enqueued = { queueError: QueueProblem } | { outDir: string; queue: string; connection: QueueConnection; run: QueuedRun; jobs: number };

/** Jobs added per round trip to Redis, and portfolios hashed at once. */
const chunk = 1000;
const hashing = 16;

/**
 * `licheng batch ROSTER --queue URL`: the roster and output folder checked as for a local batch,
 * then one job per student that can be built. A job's id is the student's id and the hash of
 * their inputs, so queueing again adds nothing for a student whose inputs are unchanged and whose
 * job waits or runs; without `resume` their finished job is removed first, so it is built again.
 * A failed job is always removed and queued afresh. A roster or output folder that cannot be used
 * throws a BatchUsageError, as a local batch does.
 */
export async function enqueueBatch(roster: string, options: EnqueueOptions): Promise<Enqueued> {
  const lang = options.lang ?? 'zh';
  const connected = await connectQueue(options.url);
  if ('problem' in connected) return { queueError: connected.problem };
  const prepared = await prepareBatch(roster, options);
  try {
    const { outDir, read } = prepared;
    const settings = { resume: options.resume ?? false, lang, maxBytes: options.maxBytes };
    const timeoutSeconds = options.timeoutSeconds ?? defaultTimeoutSeconds;
    const planned = await planStudents(prepared, (entry, root): StudentJob => ({ entry, root, outDir, settings, timeoutSeconds }), lang);
    const hashes = await inGroups(planned, hashing, (p) => ('work' in p ? studentHash({ ...p.work, ...settings }) : Promise.resolve('')));
    const students: QueuedRun['students'] = [];
    const jobs: { id: string; data: StudentJob }[] = [];
    for (const [i, p] of planned.entries()) {
      if ('row' in p) students.push(p);
      else {
        const id = jobId(p.work.entry.id, hashes[i]!);
        students.push({ entry: p.work.entry, jobId: id });
        jobs.push({ id, data: p.work });
      }
    }
    const name = await queueName(outDir);
    const queue = new Queue(name, connected);
    try {
      // A job that waits or runs is left alone: it is already this student's run with these inputs.
      const finished = new Set(await queue.getRanges(options.resume ? ['failed'] : ['completed', 'failed'], 0, -1));
      const stale = jobs.filter((j) => finished.has(j.id));
      for (let i = 0; i < stale.length; i += chunk) await Promise.all(stale.slice(i, i + chunk).map((j) => queue.remove(j.id).catch(() => 0)));
      for (let i = 0; i < jobs.length; i += chunk) {
        await queue.addBulk(jobs.slice(i, i + chunk).map((j) => ({ name: 'student', data: j.data, opts: { ...jobOptions, jobId: j.id } })));
      }
    } finally {
      await queue.close();
    }
    const run: QueuedRun = {
      generator: 'licheng',
      version,
      queue: name,
      roster: prepared.rosterFile,
      encoding: read.encoding,
      extraColumns: read.extraColumns,
      lang,
      queuedAt: Date.now(),
      students,
    };
    await writeQueuedRun(outDir, run);
    return { outDir, queue: name, connection: connected, run, jobs: jobs.length };
  } finally {
    await prepared.lock.release();
  }
}
