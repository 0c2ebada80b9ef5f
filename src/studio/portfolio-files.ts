import { readdir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { portfolioDocuments } from '../discover.js';
import { loadDocument } from '../model/load.js';
import { loadTargets } from '../model/load-target.js';
import type { DocumentKind } from '../model/vocabulary.js';

export type FileGroupKind = DocumentKind | 'target' | 'media';

export interface ListedFile {
  /** Relative to the portfolio root, with `/`. */
  path: string;
  title: string;
}

export interface FileGroup {
  kind: FileGroupKind;
  files: ListedFile[];
}

/** The order the page shows the groups in: the order a student assembles a portfolio. */
const groupOrder: readonly FileGroupKind[] = ['course', 'performance', 'summary', 'statement', 'target', 'media'];

export const portable = (root: string, path: string): string => relative(root, path).split(sep).join('/');

/** The portfolio's documents by kind with their titles, its targets and its media files. */
export async function listPortfolio(root: string): Promise<FileGroup[]> {
  const groups = new Map<FileGroupKind, ListedFile[]>(groupOrder.map((kind) => [kind, []]));
  const { files } = await portfolioDocuments(root, root, join(root, 'out'));
  for (const file of files) {
    const loaded = await loadDocument(file, root, root);
    const title = loaded.document && 'title' in loaded.document && loaded.document.title ? loaded.document.title : basename(file, '.md');
    groups.get(loaded.kind ?? kindByFolder(portable(root, file)))?.push({ path: portable(root, file), title });
  }
  for (const target of await loadTargets(root, root)) {
    const named = target.target ? [target.target.school, target.target.department].filter(Boolean).join(' ') : '';
    groups.get('target')!.push({ path: portable(root, target.path), title: named || target.name });
  }
  groups.get('media')!.push(...(await mediaFiles(root)));
  return groupOrder.map((kind) => ({ kind, files: groups.get(kind)! }));
}

/** A document whose kind cannot be read yet (broken front matter) still shows, under its folder's kind. */
function kindByFolder(path: string): DocumentKind {
  const folder = path.split('/')[0];
  return folder === 'courses' ? 'course' : folder === 'performances' ? 'performance' : folder === 'statements' ? 'statement' : 'summary';
}

async function mediaFiles(root: string): Promise<ListedFile[]> {
  const entries = await readdir(join(root, 'media'), { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => portable(root, join(entry.parentPath, entry.name)))
    .sort()
    .map((path) => ({ path, title: path.slice('media/'.length) }));
}
