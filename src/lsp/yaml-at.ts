import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { FrontMatter } from '../read/read-source.js';
import type { KeyTable } from '../model/fields.js';

/** The front-matter key on a line: its canonical path, how it is written, and its YAML nodes. */
export interface KeyAt {
  /** Canonical keys and list indexes, e.g. ['team', 1, 'share']. */
  path: (string | number)[];
  written: string;
  pair: Pair<YamlNode, YamlNode>;
  /** 0-based line and columns of the key as written. */
  line: number;
  start: number;
  end: number;
}

/** A canonical path as one name for the key tables of hints and meanings (`team.share`). */
export const shapeOf = (path: readonly (string | number)[]): string =>
  path
    .filter((s) => typeof s === 'string')
    .slice(-2)
    .join('.');

/** The deepest key whose entry spans `line` (0-based). */
export function keyAt(yaml: FrontMatter, table: KeyTable, line: number): KeyAt | undefined {
  const lineOf = (offset: number) => yaml.position(offset).line - 1;
  let found: KeyAt | undefined;
  const visit = (node: unknown, keys: KeyTable | undefined, path: (string | number)[]): void => {
    if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, keys, [...path, i]));
      return;
    }
    if (!isMap(node)) return;
    for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const written = String(pair.key.value);
      const canonical = keys?.keys.get(written) ?? written;
      const first = lineOf(pair.key.range[0]);
      const last = lineOf(Math.max(pair.value?.range?.[1] ?? pair.key.range[1], pair.key.range[1]) - 1);
      if (line < first || line > Math.max(first, last)) continue;
      const at = yaml.position(pair.key.range[0]);
      found = { path: [...path, canonical], written, pair, line: first, start: at.column - 1, end: at.column - 1 + written.length };
      visit(pair.value, keys?.nested?.[canonical], [...path, canonical]);
    }
  };
  visit(yaml.document.contents, table, []);
  return found;
}
