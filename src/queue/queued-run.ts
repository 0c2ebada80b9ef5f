import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../infra/write-atomic.js';
import type { Lang } from '../messages.js';
import type { StudentReport } from '../batch/report.js';
import type { RosterEncoding, RosterEntry } from '../batch/roster.js';

/**
 * DIR/.licheng-queue.json: what `licheng batch --queue` queued, for whoever collects the report
 * (the same command, or `--report` later, from any machine that sees the shared folder): the
 * roster's rows in order, each a job id or the row of a student that could not be queued.
 */
export interface QueuedRun {
  generator: 'licheng';
  version: string;
  queue: string;
  roster: string;
  encoding: RosterEncoding;
  extraColumns: string[];
  lang: Lang;
  /** When it was queued, ms since the epoch: the report's time counts from here. */
  queuedAt: number;
  students: ({ row: StudentReport } | { entry: RosterEntry; jobId: string })[];
}

const fileName = '.licheng-queue.json';

export async function writeQueuedRun(outDir: string, run: QueuedRun): Promise<void> {
  await writeAtomic(join(outDir, fileName), Buffer.from(JSON.stringify(run) + '\n', 'utf8'));
}

/** The folder's queued run; undefined when there is none (or it is not licheng's). */
export async function readQueuedRun(outDir: string): Promise<QueuedRun | undefined> {
  try {
    const run = JSON.parse(await readFile(join(outDir, fileName), 'utf8')) as QueuedRun;
    return run.generator === 'licheng' && Array.isArray(run.students) ? run : undefined;
  } catch {
    return undefined;
  }
}
