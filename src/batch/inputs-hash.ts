import { createHash, type Hash } from 'node:crypto';
import { createReadStream, type BigIntStats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/** Folders under a portfolio that are outputs or tooling, not inputs. */
const ignoredAtRoot = new Set(['out', '.git']);

/**
 * Files up to this size are hashed by their bytes; larger ones (a video, or no input at all) by
 * their size and modification time, which every edit changes: reading gigabytes on every
 * `--resume` would cost more than skipping the student saves.
 */
const contentHashedBytes = 64 * 2 ** 20;

/**
 * sha256 over everything a student's build depends on: every regular file under the portfolio
 * folder (its path, size, and bytes or modification time; `out/`, `.git/` and the batch's own
 * output folder excluded), the options that change the outputs, and the licheng version. Same
 * hash → same outputs. Files are streamed: memory stays flat whatever their size.
 */
export async function inputsHash(root: string, settings: Record<string, unknown>, exclude: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(settings));
  const top = resolve(root);
  const excluded = new Set(exclude.map((p) => resolve(p)));
  const walk = async (folder: string) => {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if ((folder === top && ignoredAtRoot.has(entry.name)) || excluded.has(path)) continue;
      if (entry.isDirectory()) {
        await walk(path);
        continue;
      }
      // Symbolic links are followed to files, never into folders (no cycles); pipes and devices are no inputs.
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const info = await stat(path, { bigint: true }).catch(() => undefined);
      if (info?.isFile()) await hashFile(hash, path, relative(top, path).split(sep).join('/'), info);
    }
  };
  await walk(top);
  return hash.digest('hex');
}

async function hashFile(hash: Hash, path: string, name: string, info: BigIntStats): Promise<void> {
  hash.update(`\0${name}\0${info.size}\0`);
  if (info.size > contentHashedBytes) {
    hash.update(`mtime ${info.mtimeNs}`);
    return;
  }
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}
