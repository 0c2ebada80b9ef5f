import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { existsSync } from 'node:fs';

export type AssetProblem = 'missing' | 'outside' | 'remote';

/**
 * A path written inside a document, resolved against that document's folder.
 * It must stay inside the portfolio root (SPEC §2) and exist.
 */
export function resolveAsset(fromFile: string, ref: string, root: string): { path: string } | { problem: AssetProblem } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('data:')) return { problem: 'remote' };
  let decoded = ref;
  try {
    decoded = decodeURI(ref);
  } catch {
    // A literal % in a file name: keep the path as written.
  }
  const path = isAbsolute(decoded) ? decoded : resolve(dirname(fromFile), decoded);
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel)) return { problem: 'outside' };
  if (!existsSync(path)) return { problem: 'missing' };
  return { path };
}

/** The diagnostic for a problem with an image (shown in the PDF) or another file (evidence, media, an item). */
export const imageProblem = { missing: 'image-missing', outside: 'image-outside', remote: 'image-remote' } as const;
export const fileProblem = { missing: 'file-missing', outside: 'file-outside', remote: 'file-remote' } as const;
