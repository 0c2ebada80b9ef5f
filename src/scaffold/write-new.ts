import { access, link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ScaffoldError } from './scaffold-error.js';

/**
 * Writes a file that must not exist yet: via a temporary file, then a hard link, which fails
 * when the name is taken — so a student's file is never replaced, even by a race.
 * Returns false (and writes nothing) when the file already exists.
 */
export async function writeNew(path: string, data: string): Promise<boolean> {
  if (
    await access(path).then(
      () => true,
      () => false,
    )
  )
    return false;
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, data);
    try {
      await link(temporary, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // Some USB sticks (FAT, exFAT) and network shares have no hard links: checked rename instead.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
      if (
        await access(path).then(
          () => true,
          () => false,
        )
      )
        return false;
      await rename(temporary, path);
    }
    return true;
  } catch (error) {
    throw new ScaffoldError('write-failed', { path, reason: (error as Error).message });
  } finally {
    await rm(temporary, { force: true });
  }
}
