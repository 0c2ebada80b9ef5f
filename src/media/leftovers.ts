import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a licheng process killed outright (SIGKILL, a power cut) leaves behind: temp files and
 * folders whose names carry its pid. A later run removes those of processes no longer running.
 */

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the entries of `folder` that `pidOf` names a pid for, when that process is gone. */
export async function removeLeftovers(folder: string, pidOf: (name: string) => number | undefined): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = pidOf(name);
      if (pid === undefined || pid === process.pid || isRunning(pid)) return;
      await rm(join(folder, name), { recursive: true, force: true }).catch(() => undefined);
    }),
  );
}

const tempFolder = /^licheng-(?:ffmpeg|x264)-(\d+)-/;
let swept: Promise<void> | undefined;

/**
 * A private folder in the system's temp folder, `licheng-KIND-<pid>-<random>`. The first one a
 * process makes first removes those that processes no longer running left there.
 */
export async function makeTempFolder(kind: 'ffmpeg' | 'x264'): Promise<string> {
  swept ??= removeLeftovers(tmpdir(), (name) => Number(tempFolder.exec(name)?.[1]) || undefined);
  await swept;
  return mkdtemp(join(tmpdir(), `licheng-${kind}-${process.pid}-`));
}

/** The pid in a temp file beside an output named `stem.…` (`tempBeside`: `.stem.ext.<pid>.<12 hex>.ext`). */
export function besidePid(stem: string): (name: string) => number | undefined {
  return (name) => {
    if (!name.startsWith(`.${stem}.`)) return undefined;
    return Number(/\.(\d+)\.[0-9a-f]{12}(\.[^.]*)?$/.exec(name)?.[1]) || undefined;
  };
}
