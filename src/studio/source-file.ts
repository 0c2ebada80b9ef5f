import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { writeAtomically } from '../infra/atomic.js';
import { confine, type AssetProblem } from '../read/resolve-asset.js';

/** What a page may open and save: the portfolio's text sources, nothing else. */
const editable = new Set(['.md', '.yaml', '.yml']);

/** Which text the page opened: a save made against another text is a conflict. */
export const versionOf = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex').slice(0, 20);

export type SourceProblem = AssetProblem | 'not-editable' | 'not-utf8';

export interface OpenedSource {
  text: string;
  version: string;
}

/**
 * The real file a page-given path names, inside the portfolio also once symlinks are followed
 * (`confine`), and one of the editable kinds. `rel` is as the page sent it, already URL-decoded.
 */
export function locateSource(root: string, rel: string): { path: string } | { problem: SourceProblem } {
  if (!editable.has(extname(rel).toLowerCase())) return { problem: 'not-editable' };
  const confined = confine(resolve(root, rel), root);
  return 'problem' in confined ? confined : { path: realpathSync(confined.path) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readSource(root: string, rel: string): Promise<OpenedSource | { problem: SourceProblem }> {
  const located = locateSource(root, rel);
  if ('problem' in located) return located;
  const bytes = await readFile(located.path);
  try {
    return { text: utf8.decode(bytes), version: versionOf(bytes) };
  } catch {
    // Saving what a lossy decoding showed would destroy the characters it could not read.
    return { problem: 'not-utf8' };
  }
}

export type SaveResult = { saved: OpenedSource } | { conflict: OpenedSource } | { problem: SourceProblem };

/**
 * Writes the page's text atomically, unless the file changed on disk since the page opened
 * version `opened`: then nothing is written and the text on disk comes back for the student to choose.
 */
export async function saveSource(root: string, rel: string, text: string, opened: string): Promise<SaveResult> {
  const located = locateSource(root, rel);
  if ('problem' in located) return located;
  const disk = await readFile(located.path);
  if (versionOf(disk) !== opened) return { conflict: { text: disk.toString('utf8'), version: versionOf(disk) } };
  await writeAtomically(located.path, text);
  return { saved: { text, version: versionOf(text) } };
}
