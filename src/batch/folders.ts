import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A student's outputs appear in DIR/<id> all at once: a run writes DIR/.<id>.tmp-<pid> and renames it
 * into place when complete. A batch killed at any moment leaves only `.…tmp-…` folders, which the
 * next run removes before it starts.
 */
export const temporaryFolder = (outDir: string, id: string): string => join(outDir, `.${id}.tmp-${process.pid}`);

const stale = /^\..+\.tmp-\d+/;
/** writeAtomic's temporary files of the report (.report.csv.<pid>.<hex>.part) left by a killed run. */
const staleReport = /^\.?report\.(csv|json)\.\d+\.[0-9a-f]+\.(part|tmp)$/;

export async function removeStale(outDir: string): Promise<void> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => stale.test(n) || staleReport.test(n)).map((n) => rm(join(outDir, n), { recursive: true, force: true })));
}

/** Replaces DIR/<id> with the complete temporary folder; at every moment DIR/<id> is whole or absent. */
export async function commit(temporary: string, final: string): Promise<void> {
  const old = await setAside(final, temporary);
  await rename(temporary, final);
  if (old) await rm(old, { recursive: true, force: true });
}

/** After a failed run: no temporary folder, and no outputs of an earlier run posing as this one's. */
export async function discard(temporary: string, final: string): Promise<void> {
  await rm(temporary, { recursive: true, force: true });
  const old = await setAside(final, temporary);
  if (old) await rm(old, { recursive: true, force: true });
}

/** Moves DIR/<id> out of the way in one rename (to a name removeStale knows); undefined if there was none. */
async function setAside(final: string, temporary: string): Promise<string | undefined> {
  const old = `${temporary}.old`;
  try {
    await rename(final, old);
    return old;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
