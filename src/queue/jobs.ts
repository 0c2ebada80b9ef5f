import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { JobsOptions } from 'bullmq';
import type { StudentSettings } from '../batch/export-student.js';
import type { StudentReport } from '../batch/report.js';
import type { RosterEntry } from '../batch/roster.js';

/** A queued student: everything a worker on any machine needs, paths as the shared folder's. */
export interface StudentJob {
  entry: RosterEntry;
  /** The portfolio folder, absolute. */
  root: string;
  /** The output folder, absolute. */
  outDir: string;
  settings: StudentSettings;
  timeoutSeconds: number;
}

/** A finished job's result: the student's report row, and which worker made it. */
export interface StudentJobResult {
  report: StudentReport;
  worker: string;
}

/** How often a job is tried when its worker crashes or runs out of time, and the waits between: 1 s, then 2 s. */
export const attempts = 3;
export const jobOptions: JobsOptions = { attempts, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: false, removeOnFail: false };

/**
 * One queue per output folder, so two exports never mix: `licheng-` and 12 hex digits of the
 * sha256 of the folder's real path. Every machine must mount the shared folder at the same path.
 */
export async function queueName(outDir: string): Promise<string> {
  return `licheng-${createHash('sha256')
    .update(await realpath(outDir))
    .digest('hex')
    .slice(0, 12)}`;
}

/** The student's id and the hash of their inputs: the same student with the same inputs is one job, however often queued. */
export const jobId = (id: string, hash: string): string => `${id}-${hash.slice(0, 20)}`;

/** A worker's name in job results: its machine and process. */
export const workerName = (): string => `${hostname()}:${process.pid}`;
