import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isMap, isScalar, type Pair, type Node as YamlNode } from 'yaml';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import type { Lang } from '../messages.js';
import type { OpenFile } from './open-file.js';
import { frontMatterLines } from './yaml-lines.js';

const frontMatterName: Record<Lang, string> = { zh: '前言', en: 'front matter' };

/** The outline: the front matter (or a YAML file) with its keys, then the sections by their headings. */
export function documentSymbols(file: OpenFile, lang: Lang): DocumentSymbol[] {
  const lines = file.text.split('\n');
  const lineRange = (first: number, last: number): Range => ({
    start: { line: first, character: 0 },
    end: { line: last, character: lines[last]?.length ?? 0 },
  });
  const keys = yamlKeys(file, lineRange);
  if (file.role !== 'document') return keys;
  const symbols: DocumentSymbol[] = [];
  const yamlLines = frontMatterLines(lines);
  if (yamlLines) {
    const range = lineRange(0, Math.min(yamlLines.last + 1, lines.length - 1));
    symbols.push({ name: frontMatterName[lang], kind: SymbolKind.Namespace, range, selectionRange: lineRange(0, 0), children: keys });
  }
  // Headings nest by depth: a ### under the ## before it.
  const stack: { depth: number; symbol: DocumentSymbol }[] = [];
  const headings = (file.source?.tree.children ?? []).filter((n): n is Heading => n.type === 'heading' && n.position !== undefined);
  headings.forEach((heading, i) => {
    const first = heading.position!.start.line - 1;
    const next = headings.slice(i + 1).find((h) => h.depth <= heading.depth);
    const last = next ? next.position!.start.line - 2 : lines.length - 1;
    const symbol: DocumentSymbol = {
      name: toString(heading) || '#',
      kind: heading.depth <= 2 ? SymbolKind.Module : SymbolKind.String,
      range: lineRange(first, Math.max(first, last)),
      selectionRange: lineRange(first, first),
      children: [],
    };
    while (stack.length && stack.at(-1)!.depth >= heading.depth) stack.pop();
    (stack.at(-1)?.symbol.children ?? symbols).push(symbol);
    stack.push({ depth: heading.depth, symbol });
  });
  return symbols;
}

/** The top-level keys of the YAML, each spanning its value. */
function yamlKeys(file: OpenFile, lineRange: (first: number, last: number) => Range): DocumentSymbol[] {
  const yaml = file.yaml;
  const root = yaml?.document.contents;
  if (!yaml || !isMap(root)) return [];
  return (root.items as Pair<YamlNode, YamlNode>[]).flatMap((pair) => {
    if (!isScalar(pair.key) || !pair.key.range) return [];
    const first = yaml.position(pair.key.range[0]).line - 1;
    const last = yaml.position(Math.max(pair.key.range[1], (pair.value?.range?.[1] ?? 0) - 1)).line - 1;
    const detail = isScalar(pair.value) ? String(pair.value.value ?? '') : undefined;
    return [
      {
        name: String(pair.key.value),
        detail,
        kind: SymbolKind.Property,
        range: lineRange(first, Math.max(first, last)),
        selectionRange: lineRange(first, first),
      },
    ];
  });
}
