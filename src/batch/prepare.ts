import { realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Lang } from '../messages.js';
import { ownedFolder, prepareOutputFolder, realOutputPath, shownPath, within } from '../output-folder.js';
import { entryProblem, failedRow, ourProblem } from './export-student.js';
import { lockFolder, removeStale } from './folders.js';
import { inGroups } from './in-groups.js';
import { BatchUsageError, problem, type BatchProblem } from './messages.js';
import type { StudentReport } from './report.js';
import { readRoster, type RosterEncoding, type RosterEntry } from './roster.js';

export interface PreparedBatch {
  rosterFile: string;
  outDir: string;
  /** The output folder as the user would write it, for messages. */
  shownOut: string;
  read: { entries: RosterEntry[]; encoding: RosterEncoding; extraColumns: string[] };
  /** This process holds the output folder until `release`. */
  lock: { release: () => Promise<void> };
}

/**
 * What every batch checks before it builds anyone, on this machine or through a queue: the roster
 * reads, the output folder (default `out/` beside the roster) holds no source and no foreign
 * report, and no other batch writes to it; then it is locked and a killed run's leftovers removed.
 * What stops it throws a BatchUsageError: nothing is built.
 */
export async function prepareBatch(roster: string, options: { outDir?: string; cwd?: string }): Promise<PreparedBatch> {
  const cwd = options.cwd ?? process.cwd();
  const rosterFile = resolve(cwd, roster);
  const outDir = resolve(cwd, options.outDir ?? join(dirname(rosterFile), 'out'));
  const read = await readRoster(rosterFile, roster);
  if ('usageError' in read) fail(read.usageError);
  const shownOut = shownPath(cwd, outDir);
  const unusable = await sourcesProblem(outDir, shownOut, rosterFile, roster, read.entries);
  if (unusable) fail(unusable);
  const unwritable = await prepareOutputFolder(outDir, shownOut);
  if (unwritable) fail(problem('out-folder', { id: unwritable.id, ...unwritable.args }));
  const report = await foreignReport(outDir, shownOut);
  if (report) fail(report);
  const lock = await lockFolder(outDir);
  if ('heldBy' in lock) fail(problem('out-busy', { path: shownOut, pid: lock.heldBy }));
  await removeStale(outDir);
  return { rosterFile, outDir, shownOut, read, lock };
}

function fail(usageError: BatchProblem): never {
  throw new BatchUsageError(usageError);
}

/** Each roster row in order: its report row when it cannot be built, else the work `plan` makes of it. */
export function planStudents<W>(
  batch: PreparedBatch,
  plan: (entry: RosterEntry, root: string) => W,
  lang: Lang,
): Promise<({ row: StudentReport } | { work: W })[]> {
  return inGroups(batch.read.entries, 16, async (entry): Promise<{ row: StudentReport } | { work: W }> => {
    const root = resolve(dirname(batch.rosterFile), entry.path);
    const found = await entryProblem(entry, root, join(batch.outDir, entry.id), join(batch.shownOut, entry.id));
    return found ? { row: failedRow(entry, found, 0, lang) } : { work: plan(entry, root) };
  });
}

/**
 * Student folders are named by id and replace what is there: an output folder holding a portfolio or
 * the roster (`-o .` in the school folder), or inside a portfolio, could replace a student's sources.
 */
async function sourcesProblem(
  outDir: string,
  shown: string,
  rosterFile: string,
  rosterWritten: string,
  entries: readonly RosterEntry[],
): Promise<BatchProblem | undefined> {
  const out = await realOutputPath(outDir);
  if (within(await realOutputPath(rosterFile), out)) return problem('out-holds-source', { path: shown, source: rosterWritten });
  // A path that does not exist holds no sources (its row fails on its own).
  const roots = await inGroups(entries, 16, async (entry) =>
    entry.problem ? undefined : realpath(resolve(dirname(rosterFile), entry.path)).catch(() => undefined),
  );
  for (const [i, entry] of entries.entries()) {
    const root = roots[i];
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
