import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { removeOnInterrupt } from './interrupt.js';
import { isRunning } from '../leftovers.js';

/** A fresh hidden name beside `path`: same folder, so the final rename is atomic; unique per job. */
export function tempBeside(path: string, extension = '.part'): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${extension}`);
}

/** tempBeside's names: the pid of the process that made the file is the second-last dotted part. */
const temporaryName = /^\..+\.(\d+)\.[0-9a-f]{12}\.[a-z0-9]+$/;

/**
 * Removes, anywhere under `folder`, the temp files of processes that are gone (killed before their
 * exit handlers could run); those of running processes — another build at work — stay.
 */
export async function removeDeadTemporaries(folder: string): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  await Promise.all(
    entries.map((entry) => {
      const pid = temporaryName.exec(entry.name)?.[1];
      return entry.isFile() && pid && !isRunning(Number(pid)) ? rm(join(entry.parentPath, entry.name), { force: true }) : undefined;
    }),
  );
}

/**
 * Produces `path` via a temp file beside it: `produce` writes the temp file, then it is renamed
 * into place. A reader never sees half a file; an interrupted or failed job leaves nothing behind.
 */
export async function produceAtomically<T>(path: string, produce: (temporary: string) => Promise<T>, extension?: string): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  return produceBeside(path, produce, extension);
}

/** produceAtomically into a folder that is there. */
async function produceBeside<T>(path: string, produce: (temporary: string) => Promise<T>, extension?: string): Promise<T> {
  const temporary = tempBeside(path, extension);
  const forget = removeOnInterrupt(temporary);
  try {
    const result = await produce(temporary);
    await rename(temporary, path);
    return result;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    forget();
  }
}

/**
 * The folder is made only when the write finds it missing: most writes (a build's PDFs) go into a
 * folder that is there, and asking first cost each a round trip through the thread pool.
 */
export async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  await produceBeside(path, (temporary) =>
    writeFile(temporary, data).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temporary, data);
    }),
  );
}

/** writeAtomically for a caller that cannot wait: a cache written while a font loads. */
export function writeAtomicallySync(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = tempBeside(path);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export async function copyAtomically(from: string, to: string): Promise<void> {
  await produceAtomically(to, (temporary) => copyFile(from, temporary));
}
