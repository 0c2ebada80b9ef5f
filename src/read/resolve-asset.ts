import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { realpathSync, statSync } from 'node:fs';

export type AssetProblem = 'missing' | 'outside' | 'remote' | 'not-file';

/** `path` lies strictly inside `root` (both absolute). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

/**
 * A path written inside a document, resolved against that document's folder.
 * It must stay inside the portfolio root (SPEC §2) and be a readable file (see `confine`).
 */
export function resolveAsset(fromFile: string, ref: string, root: string): Confined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('data:')) return { problem: 'remote' };
  let decoded = ref;
  try {
    decoded = decodeURI(ref);
  } catch {
    // A literal % in a file name: keep the path as written.
  }
  return confine(isAbsolute(decoded) ? decoded : resolve(dirname(fromFile), decoded), root);
}

export type Confined = { path: string; bytes: number } | { problem: AssetProblem };

/**
 * An absolute path that stays inside the portfolio root, also once symlinks are followed, and is
 * a regular file: a folder would fail to read, and a named pipe or device would be read forever.
 * The path returned is as given (symlinks kept), so it matches the documents found on disk.
 */
export function confine(path: string, root: string): Confined {
  if (!isInside(root, path)) return { problem: 'outside' };
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { problem: 'missing' };
  }
  if (!isInside(realpathSync(root), real)) return { problem: 'outside' };
  const info = statSync(real, { throwIfNoEntry: false });
  if (!info) return { problem: 'missing' };
  if (!info.isFile()) return { problem: 'not-file' };
  return { path, bytes: info.size };
}

/** The diagnostic for a problem with an image (shown in the PDF) or another file (evidence, media, an item). */
export const imageProblem = { missing: 'image-missing', outside: 'image-outside', remote: 'image-remote', 'not-file': 'image-not-file' } as const;
export const fileProblem = { missing: 'file-missing', outside: 'file-outside', remote: 'file-remote', 'not-file': 'file-not-file' } as const;
