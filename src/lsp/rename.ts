import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair, type Scalar } from 'yaml';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { loadTargets } from '../model/load-target.js';
import { parseYaml } from '../read/read-source.js';
import { targetKeyTable } from '../model/target.js';
import { pathToUri, uriToPath, type Workspace } from './workspace.js';

/**
 * A document about to be renamed or moved: every target that lists it names it at its new path.
 * The edits go to the targets' text (open buffers included); the student saves them.
 */
export async function renameEdits(workspace: Workspace, files: readonly { oldUri: string; newUri: string }[]): Promise<WorkspaceEdit | null> {
  const changes: Record<string, TextEdit[]> = {};
  for (const { oldUri, newUri } of files) {
    const [from, to] = [uriToPath(oldUri), uriToPath(newUri)];
    const root = from && (await workspace.rootOf(from));
    if (!from || !to || !root) continue;
    for (const target of await loadTargets(root, root)) {
      const opened = workspace.opened(target.path);
      const text = opened?.getText() ?? (await readFile(target.path, 'utf8').catch(() => undefined));
      if (text === undefined) continue;
      const edits = itemEdits(text, target.path, from, to);
      if (edits.length === 0) continue;
      const uri = opened?.uri ?? pathToUri(target.path);
      changes[uri] = [...(changes[uri] ?? []), ...edits];
    }
  }
  return Object.keys(changes).length ? { changes } : null;
}

/** Edits to a target's text: each item naming `from` (as its own folder resolves it) names `to`, written the same way (relative, with /). */
function itemEdits(text: string, targetPath: string, from: string, to: string): TextEdit[] {
  const yaml = parseYaml(text.replace(/\r\n?/g, '\n'), targetPath, 1).frontMatter;
  const root = yaml.document.contents;
  if (!isMap(root)) return [];
  const items = (root.items as Pair<YamlNode, YamlNode>[]).find((p) => isScalar(p.key) && targetKeyTable.keys.get(String(p.key.value)) === 'items')?.value;
  if (!isMap(items)) return [];
  const scalars = (items.items as Pair<YamlNode, YamlNode>[])
    .flatMap((p) => (isSeq(p.value) ? p.value.items : [p.value]))
    .filter((n): n is Scalar => isScalar(n) && typeof n.value === 'string' && n.range !== undefined);
  const written = relative(dirname(targetPath), to).split(sep).join('/');
  return scalars
    .filter((scalar) => resolve(dirname(targetPath), String(scalar.value)) === from)
    .map((scalar) => {
      const [start, end] = [yaml.position(scalar.range![0]), yaml.position(scalar.range![1])];
      const quote = scalar.type === 'QUOTE_DOUBLE' ? '"' : scalar.type === 'QUOTE_SINGLE' ? "'" : '';
      return {
        range: { start: { line: start.line - 1, character: start.column - 1 }, end: { line: end.line - 1, character: end.column - 1 } },
        newText: `${quote}${written}${quote}`,
      };
    });
}
