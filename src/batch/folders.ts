import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { removeOnInterrupt } from '../infra/interrupt.js';
import { commitFolder, discardFolder, hostTag, removeDeadFolders } from '../output-folder.js';
import { isRunning } from '../leftovers.js';

/**
 * A student's outputs appear in DIR/<id> all at once: a run writes DIR/.<id>.tmp-<pid>@<host> and
 * renames it into place when complete. A batch or queue worker killed at any moment leaves only
 * `.…tmp-…` folders, which the next run on the same machine removes before it starts — only those
 * of dead processes, never a running one's, nor another machine's.
 */
export const temporaryFolder = (outDir: string, id: string): string => join(outDir, `.${id}.tmp-${process.pid}@${hostTag}`);

/** Written into every student folder licheng makes: what makes DIR/<id> licheng's to replace, and `--resume`'s record. */
export const markerName = '.licheng-batch.json';

/** writeAtomic's temporary files of the report (.report.csv.<pid>.<hex>.part) left by a killed run. */
const staleReport = /^\.?report\.(csv|json)\.(\d+)\.[0-9a-f]+\.(part|tmp)$/;

export async function removeStale(outDir: string): Promise<void> {
  await removeDeadFolders(outDir);
  const names = await readdir(outDir).catch(() => [] as string[]);
  const dead = (name: string) => {
    const pid = staleReport.exec(name)?.[2];
    return pid !== undefined && !isRunning(Number(pid));
  };
  await Promise.all(names.filter(dead).map((n) => rm(join(outDir, n), { force: true })));
}

/** Replaces DIR/<id> with the complete temporary folder; throws NotOursError when DIR/<id> is not licheng's. */
export const commit = (temporary: string, final: string): Promise<void> => commitFolder(temporary, final, markerName);

/** After a failed run: no temporary folder, and no outputs of an earlier run posing as this one's (a folder not licheng's stays). */
export const discard = (temporary: string, final: string): Promise<void> => discardFolder(temporary, final, markerName);

const lockName = '.licheng-batch.lock';

/**
 * One batch at a time per output folder: two would write the same students and report. The lock
 * holds the running batch's pid; a lock whose process is gone (killed) is taken over. Returns the
 * release function, or the pid of the batch that holds the folder.
 */
export async function lockFolder(outDir: string): Promise<{ release: () => Promise<void> } | { heldBy: number }> {
  const path = join(outDir, lockName);
  for (;;) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
      const forget = removeOnInterrupt(path);
      return {
        release: async () => {
          forget();
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && isRunning(holder)) return { heldBy: holder };
    await rm(path, { force: true });
  }
}
