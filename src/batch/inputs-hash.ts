import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/** Folders under a portfolio that are outputs or tooling, not inputs. */
const ignoredAtRoot = new Set(['out', '.git']);

/**
 * sha256 over everything a student's build depends on: every file under the portfolio folder
 * (its path and bytes; `out/`, `.git/` and the batch's own output folder excluded), the options
 * that change the outputs, and the licheng version. Same hash → same outputs.
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
      // Symbolic links are followed to files, never into folders (no cycles).
      const isFile = entry.isFile() || (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile());
      if (entry.isDirectory()) await walk(path);
      else if (isFile) {
        const data = await readFile(path);
        hash.update(`\0${relative(top, path).split(sep).join('/')}\0${data.length}\0`);
        hash.update(data);
      }
    }
  };
  await walk(top);
  return hash.digest('hex');
}
