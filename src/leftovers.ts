import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Whether a process is running (or exists and is not ours to signal): temp files, locks and claims
 * carry their process's pid, and those of processes that are gone — killed before they could clean
 * up — are removed by the next run.
 */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the entries of `folder` that `pidOf` names a pid for, when that process is gone. */
export async function removeLeftovers(folder: string, pidOf: (name: string) => number | undefined): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = pidOf(name);
      if (pid === undefined || isRunning(pid)) return;
      await rm(join(folder, name), { recursive: true, force: true }).catch(() => undefined);
    }),
  );
}
