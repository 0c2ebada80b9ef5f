import { randomBytes } from 'node:crypto';
import { mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { removeLeftovers } from './leftovers.js';
import type { ArgsOf } from './messages.js';

/**
 * Where a command may write, decided before any work: every command that takes `-o` (build, pack,
 * compress, batch) and `init` ask here, so a file, `/dev/null`, a read-only or virtual folder, or a
 * folder among the sources is one usage error up front — never one error per document after
 * rendering everything, and never a student's sources replaced.
 */
export type OutputProblemId = 'out-not-folder' | 'out-unwritable' | 'out-in-portfolio' | 'out-holds-portfolio' | 'out-not-ours';

/** A problem of an output folder, with its message's arguments. */
export type OutputProblem = { [K in OutputProblemId]: { id: K; args: ArgsOf<K> } }[OutputProblemId];

/** A path as messages show it: relative to `cwd` when below it, else absolute (`/dev/null`, not `../../dev/null`). */
export function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : within(path, cwd) ? rel : path;
}

/** `inner` is `outer` or lies below it (both absolute, real paths). */
export function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel));
}

/** The real path `dir` has or will have: its deepest existing folder resolved (symlinks and all), the rest appended. */
export async function realOutputPath(dir: string): Promise<string> {
  const real = await realpath(dir).catch(() => undefined);
  if (real) return real;
  const parent = dirname(dir);
  return parent === dir ? dir : join(await realOutputPath(parent), basename(dir));
}

/**
 * A portfolio's outputs go to its own `out/` (or below it), or outside the portfolio altogether:
 * anywhere else inside it they would mix with the sources (and be read as documents), and a folder
 * holding the portfolio would get `courses/`, `targets/`… written next to the student's own.
 */
export async function portfolioOutputProblem(outDir: string, root: string, shown: string): Promise<OutputProblem | undefined> {
  const [out, real] = await Promise.all([realOutputPath(outDir), realOutputPath(root)]);
  if (within(out, join(real, 'out'))) return undefined;
  if (within(out, real)) return { id: 'out-in-portfolio', args: { path: shown } };
  if (within(real, out)) return { id: 'out-holds-portfolio', args: { path: shown } };
  return undefined;
}

/**
 * Makes `dir` (and missing parents) and proves a file can be created in it. One level at a time:
 * Node's recursive mkdir never returns under /proc. Returns undefined when the folder is ready.
 */
export async function prepareOutputFolder(dir: string, shown: string): Promise<OutputProblem | undefined> {
  const missing: string[] = [];
  for (let folder = dir; ; folder = dirname(folder)) {
    const info = await stat(folder).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      if (info.code === 'ENOTDIR') return { id: 'out-not-folder', args: { path: shown } };
      if (info.code !== 'ENOENT' || dirname(folder) === folder) return unwritable(shown, info);
      missing.unshift(folder);
      continue;
    }
    if (!info.isDirectory()) return { id: 'out-not-folder', args: { path: shown } };
    break;
  }
  const probe = join(dir, `.licheng-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    for (const folder of missing) await mkdir(folder);
    await writeFile(probe, '', { flag: 'wx' });
    await rm(probe);
    return undefined;
  } catch (error) {
    return unwritable(shown, error as NodeJS.ErrnoException);
  }
}

const unwritable = (shown: string, error: NodeJS.ErrnoException): OutputProblem => ({
  id: 'out-unwritable',
  args: { path: shown, reason: error.code ?? error.message },
});

/**
 * A folder licheng made and may replace or remove: it holds `marker`, a JSON file licheng wrote
 * with `generator: 'licheng'`. A folder without it is someone else's and is never touched.
 */
export async function ownedFolder(folder: string, marker: string): Promise<boolean> {
  try {
    return (JSON.parse(await readFile(join(folder, marker), 'utf8')) as { generator?: unknown }).generator === 'licheng';
  } catch {
    return false;
  }
}

/** `final` is absent, or a folder licheng made (see ownedFolder). */
export async function replaceable(final: string, marker: string): Promise<boolean> {
  return !(await stat(final).catch(() => undefined)) || (await ownedFolder(final, marker));
}

/** Thrown when `final` exists and licheng did not make it. */
export class NotOursError extends Error {
  constructor(readonly path: string) {
    super(`${path} was not made by licheng`);
    this.name = 'NotOursError';
  }
}

/**
 * Replaces `final` by the complete folder `temporary` (same parent); at every moment `final` is
 * whole or absent. Throws NotOursError, touching nothing, when `final` is not licheng's.
 */
export async function commitFolder(temporary: string, final: string, marker: string): Promise<void> {
  const old = await setAside(final, temporary, marker);
  await rename(temporary, final);
  if (old) await rm(old, { recursive: true, force: true });
}

/** After a failed run: no temporary folder, and no earlier outputs of licheng's posing as this run's. */
export async function discardFolder(temporary: string, final: string, marker: string): Promise<void> {
  await rm(temporary, { recursive: true, force: true });
  const old = await setAside(final, temporary, marker).catch((error: unknown) => {
    if (!(error instanceof NotOursError)) throw error;
  });
  if (old) await rm(old, { recursive: true, force: true });
}

/** Moves `final` out of the way in one rename, to `<temporary>.old`; undefined if there was none. */
async function setAside(final: string, temporary: string, marker: string): Promise<string | undefined> {
  if (!(await replaceable(final, marker))) throw new NotOursError(final);
  const old = `${temporary}.old`;
  try {
    await rename(final, old);
    return old;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * This machine's name as it may appear in a file name. A folder shared by several machines (a
 * queue's workers) holds temporary folders of processes on each: a pid says whether its process
 * runs only on the machine that named it.
 */
export const hostTag = hostname().replace(/[^\w-]/g, '-');

/** A run's temporary folders (and their `.old` set-asides) are named `.<name>.tmp-<pid>…`, or `.<name>.tmp-<pid>@<host>…`. */
const temporaryName = /^\..+\.tmp-(\d+)(?:@([\w-]+))?/;

/** Removes what killed runs of this machine left in `dir`: temporary folders of processes that no longer run, never a running one's. */
export const removeDeadFolders = (dir: string): Promise<void> =>
  removeLeftovers(dir, (name) => {
    const [, pid, host] = temporaryName.exec(name) ?? [];
    return host === undefined || host === hostTag ? Number(pid) || undefined : undefined;
  });
