import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { z } from 'zod';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { nodePosition, type FrontMatter } from '../read/read-source.js';
import type { MessageArgs, MessageId } from '../messages.js';
import { nearest } from '../nearest.js';
import { gregorianYear, rocYear } from '../roc-year.js';

/** Alias tables for a map and, per key, for the maps nested under it (list items included). */
export interface KeyTable {
  keys: Map<string, string>;
  nested?: Record<string, KeyTable>;
}

/**
 * Front matter as plain data with canonical (English) keys. Chinese aliases are renamed,
 * unknown keys dropped with a warning, duplicates (an alias beside its canonical key) reported.
 */
export function canonicalData(frontMatter: FrontMatter, table: KeyTable, file: string): { data: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const root = frontMatter.document.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { data: {}, diagnostics };
  if (!isMap(root)) {
    diagnostics.push(diagnostic(file, nodePosition(frontMatter, root, frontMatter.start), 'error', 'yaml-not-mapping'));
    return { data: {}, diagnostics };
  }
  const convert = (node: unknown, keys: KeyTable | undefined): unknown => {
    if (isMap(node) && keys) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
        const rawKey = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const canonical = keys.keys.get(rawKey) ?? (keys.keys.has('*') ? rawKey : undefined);
        const where = nodePosition(frontMatter, pair.key, frontMatter.start);
        if (!canonical) {
          const near = nearest(
            rawKey,
            [...keys.keys.keys()].filter((k) => k !== '*' && /\p{Script=Han}/u.test(k) === /\p{Script=Han}/u.test(rawKey)),
          );
          diagnostics.push(diagnostic(file, where, 'warning', 'key-unknown', { key: rawKey, ...(near && { near }) }));
          continue;
        }
        if (canonical in out) {
          diagnostics.push(diagnostic(file, where, 'warning', 'key-duplicate', { key: rawKey }));
          continue;
        }
        out[canonical] = convert(pair.value, keys.nested?.[canonical]);
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item) => convert(item, keys));
    if (isScalar(node)) return node.value;
    return (node as YamlNode | null)?.toJSON?.() ?? node ?? null;
  };
  return { data: convert(root, table) as Record<string, unknown>, diagnostics };
}

/** File position of a canonical key path (e.g. ['team', 1, 'share']): the deepest node found. */
export function positionOfPath(frontMatter: FrontMatter, table: KeyTable, path: readonly PropertyKey[]): Position {
  let node: unknown = frontMatter.document.contents;
  let keys: KeyTable | undefined = table;
  let best = frontMatter.start;
  for (const step of path) {
    if (isMap(node) && keys && typeof step === 'string') {
      const name = (p: Pair<YamlNode, YamlNode>) => (isScalar(p.key) ? String(p.key.value) : '');
      const pair = (node.items as Pair<YamlNode, YamlNode>[]).find((p) => (keys!.keys.get(name(p)) ?? name(p)) === step);
      if (!pair) return best;
      best = nodePosition(frontMatter, pair.key, best);
      node = pair.value;
      keys = keys.nested?.[step];
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
      best = nodePosition(frontMatter, node as YamlNode, best);
    } else {
      return best;
    }
  }
  return best;
}

/** Zod issues as positioned diagnostics: a missing key points at the block, a wrong value at its key. */
export function zodDiagnostics(error: z.ZodError, data: unknown, frontMatter: FrontMatter | undefined, table: KeyTable, file: string): Diagnostic[] {
  return error.issues.map((issue) => {
    const key = [...issue.path].reverse().find((step): step is string => typeof step === 'string') ?? '';
    const zh = chineseName(table, issue.path);
    const place = frontMatter ? positionOfPath(frontMatter, table, issue.path) : undefined;
    if (issue.code === 'custom' && issue.params?.ruleId) {
      return diagnostic(file, place, 'error', issue.params.ruleId as MessageId, issue.params.args as MessageArgs);
    }
    const given = issue.path.reduce<unknown>((node, step) => (node as Record<PropertyKey, unknown> | undefined)?.[step as string], data);
    const missing = issue.code === 'invalid_type' && given === undefined;
    return missing
      ? diagnostic(file, place, 'error', 'key-required', { key, zh })
      : diagnostic(file, place, 'error', 'key-type', { key, zh, ...valueShape(issue.path, given) });
  });
}

/** Maps whose entries share one shape: a target's 上限, 項目 (D-1 and D-2 take one path) and 表A. */
const entryShapes: Record<string, (key: string) => string> = {
  caps: () => 'caps.*',
  items: (key) => (key === 'D-1' || key === 'D-2' ? 'items.one' : 'items.*'),
  formA: () => 'formA.*',
  rules: () => 'rules.*',
};

/** Which hint a wrong value gets (see messages.ts); a 西元 year where a 民國 year belongs is named as such. */
function valueShape(path: readonly PropertyKey[], given: unknown): MessageArgs {
  const keys = path.filter((step): step is string => typeof step === 'string');
  const [parent, key] = [keys.at(-2), keys.at(-1) ?? ''];
  const shape = parent && entryShapes[parent] ? entryShapes[parent](key) : key;
  const year = typeof given === 'string' ? Number(/^\s*(\d{4})/.exec(given)?.[1]) : given;
  const gregorian = (key === 'year' || key === 'admissionYear') && typeof year === 'number' && year >= gregorianYear(1) && year < 2200;
  return gregorian ? { shape, given: year, roc: rocYear(year) } : { shape };
}

/** The Chinese alias of the last key in a path, as the templates write it. */
export function chineseName(table: KeyTable, path: readonly PropertyKey[]): string {
  let keys: KeyTable | undefined = table;
  let name = '';
  for (const step of path) {
    if (typeof step !== 'string' || !keys) continue;
    name = step;
    for (const [alias, canonical] of keys.keys)
      if (canonical === step && alias !== step) {
        name = alias;
        break;
      }
    keys = keys.nested?.[step];
  }
  return name;
}
