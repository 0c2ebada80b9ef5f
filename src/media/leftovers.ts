import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeLeftovers } from '../leftovers.js';

/**
 * What a licheng process killed outright (SIGKILL, a power cut) leaves behind: temp files and
 * folders whose names carry its pid. A later run removes those of processes no longer running.
 */
export { isRunning, removeLeftovers } from '../leftovers.js';

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
