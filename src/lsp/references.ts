import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Position, Range } from 'vscode-languageserver';
import { targetName } from '../model/load-target.js';
import { resolveAsset } from '../read/resolve-asset.js';
import type { OpenFile } from './open-file.js';
import { canonicalPath, frontMatterLines, parentKeys } from './yaml-lines.js';

/** A path written in a file: an image, a 影音檔, a 證明文件, a target's item, a 自述's 報考校系. */
export interface Reference {
  written: string;
  /** Where the path is written (0-based). */
  range: Range;
  /** The canonical key it is the value of (`media`, `evidence`, `B-1` …), or `image` in the body. */
  key: string;
  /** The file it names, when there is one inside the portfolio. */
  resolved?: { path: string; bytes: number };
}

/** Keys whose values are paths, by canonical name (items by their code, under `items`). */
const pathKeys = new Set(['media', 'evidence', 'file', 'target']);

const imagePatterns = [/!\[[^\]]*\]\(\s*<?([^)>\s]+)/g, /<img\b[^>]*\bsrc=["']([^"']+)["']/gi];

/** The paths written on one line of an open file. */
export function referencesOn(file: OpenFile, line: number): Reference[] {
  const lines = file.text.split('\n');
  const text = lines[line] ?? '';
  const yamlLines = file.role === 'document' ? frontMatterLines(lines) : { first: 0, last: lines.length - 1 };
  if (yamlLines && line >= yamlLines.first && line <= yamlLines.last) return yamlReference(file, lines, line, yamlLines.first);
  if (file.role !== 'document') return [];
  return imagePatterns.flatMap((pattern) =>
    [...text.matchAll(pattern)].map((match) => {
      const start = match.index + match[0].lastIndexOf(match[1]!);
      return reference(file, match[1]!, 'image', { start: { line, character: start }, end: { line, character: start + match[1]!.length } });
    }),
  );
}

/** The path under the cursor, if any. */
export function referenceAt(file: OpenFile, position: Position): Reference | undefined {
  return referencesOn(file, position.line).find((r) => r.range.start.character <= position.character && position.character <= r.range.end.character);
}

function yamlReference(file: OpenFile, lines: readonly string[], line: number, first: number): Reference[] {
  if (!file.table) return [];
  const match = /^(\s*(?:-\s+)?)(?:([^:：#'"]+?)\s*[:：]\s*)?(.*?)\s*$/.exec(lines[line]!)!;
  const [, lead, written, rawValue] = match as unknown as [string, string, string | undefined, string];
  const { path: parents, table } = canonicalPath(file.table, parentKeys(lines, line, first));
  const key = written !== undefined ? (table?.keys.get(written) ?? written) : parents.at(-1);
  const isItem = (written !== undefined ? parents.at(-1) : parents.at(-2)) === 'items';
  if (!key || !rawValue || (!pathKeys.has(key) && !isItem)) return [];
  const quoted = /^(['"])(.*)\1$/.exec(rawValue);
  const value = quoted ? quoted[2]! : rawValue;
  const start = lines[line]!.indexOf(rawValue, lead.length + (written?.length ?? 0)) + (quoted ? 1 : 0);
  return [reference(file, value, key, { start: { line, character: start }, end: { line, character: start + value.length } })];
}

function reference(file: OpenFile, written: string, key: string, range: Range): Reference {
  if (key === 'target' && file.role === 'document') {
    const name = targetName(written);
    const path = ['.yaml', '.yml'].map((extension) => join(file.root, 'targets', `${name}${extension}`)).find((p) => existsSync(p));
    return { written, range, key, ...(path ? { resolved: { path, bytes: 0 } } : {}) };
  }
  const resolved = resolveAsset(file.path, written, file.root);
  return { written, range, key, ...('path' in resolved ? { resolved } : {}) };
}
