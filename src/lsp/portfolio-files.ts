import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { imageExtensions, mediaExtensions } from '../media/sniff.js';

export type FileSort = 'image' | 'media' | 'pdf';

/** Folders never offered: outputs, dependencies, hidden ones. */
const skipped = new Set(['out', 'node_modules', 'dist']);
/** A portfolio is a few folders deep; a student's whole disk is not walked when a root is wrong. */
const maxDepth = 4;
const maxFiles = 2000;

export const sortOf = (path: string): FileSort | undefined => {
  const extension = extname(path).toLowerCase();
  return imageExtensions.has(extension) ? 'image' : mediaExtensions.has(extension) ? 'media' : extension === '.pdf' ? 'pdf' : undefined;
};

/** Images, audio/video and PDFs under a portfolio (absolute paths, in name order): what a path may name. */
export async function portfolioFiles(root: string): Promise<{ path: string; sort: FileSort }[]> {
  const found: { path: string; sort: FileSort }[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (found.length >= maxFiles || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < maxDepth && !(dir === root && skipped.has(entry.name))) await walk(path, depth + 1);
        continue;
      }
      const sort = sortOf(path);
      if (sort) found.push({ path, sort });
    }
  };
  await walk(root, 0);
  return found;
}
