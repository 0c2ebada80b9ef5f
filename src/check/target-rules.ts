import { diagnostic, type ArgsParam, type Diagnostic, type Position } from '../diagnostics.js';
import type { MessageId } from '../messages.js';
import { pdfProblem } from '../infra/read-pdf.js';
import { channelLimits } from '../limits.js';
import type { CourseOutcome } from '../model/course.js';
import type { PortfolioDocument } from '../model/document.js';
import { positionOfPath } from '../model/fields.js';
import type { LoadedTarget } from '../model/load-target.js';
import { itemCodes, targetKeyTable, type ItemCode } from '../model/target.js';
import { categoryNames, kindLabel } from '../model/vocabulary.js';
import { findImages, probeImage } from '../read/find-images.js';
import { collectDefinitions, markdownImageRefs } from '../read/markdown-images.js';
import { parseMarkdown } from '../read/read-source.js';
import { fileProblem, resolveAsset } from '../read/resolve-asset.js';
import { nearMiss } from '../read/near-miss.js';
import { promptArgs, yamlPrompts } from './rules/placeholders.js';

/** What a target's items point at: the loaded document at each absolute path (undefined when it has errors). */
export type DocumentIndex = ReadonlyMap<string, PortfolioDocument | undefined>;

export interface ChosenItem {
  code: ItemCode;
  path: string;
  written: string;
  place: Position;
  document?: PortfolioDocument;
}

const expected: Record<ItemCode, (d: PortfolioDocument) => boolean> = {
  'B-1': (d) => d.kind === 'course' && d.category === 'B-1',
  'B-2': (d) => d.kind === 'course' && d.category === 'B-2',
  C: (d) => d.kind === 'performance',
  'D-1': (d) => d.kind === 'summary',
  'D-2': (d) => d.kind === 'statement',
  'D-3': () => false,
};
const expectedLabel: Record<ItemCode, string> = {
  'B-1': categoryNames['B-1'],
  'B-2': categoryNames['B-2'],
  C: kindLabel.performance,
  'D-1': categoryNames['D-1'],
  'D-2': categoryNames['D-2'],
  'D-3': '附件（PDF、JPG、PNG）',
};

/**
 * A target against the limits of its channel and admission year: caps no looser than the
 * channel's, items that exist and are of the right kind, counts within caps, no item twice.
 * Returns the chosen items, resolved, for `pack`.
 */
export function checkTarget(loaded: LoadedTarget, documents: DocumentIndex, root: string): { items: ChosenItem[]; diagnostics: Diagnostic[] } {
  const found: Diagnostic[] = [];
  const { target, yaml, displayPath } = loaded;
  if (!target || !yaml) return { items: [], diagnostics: found };
  const at = (path: readonly PropertyKey[]) => positionOfPath(yaml, targetKeyTable, path);
  const report = <K extends MessageId>(place: Position, ruleId: K, ...args: ArgsParam<K>) =>
    found.push(diagnostic(displayPath, place, 'error', ruleId, ...args));
  found.push(...targetPrompts(loaded));
  const limits = channelLimits(target.channel, target.admissionYear);
  if (!limits) {
    report(at(['admissionYear']), 'channel-year-unknown', { channel: target.channel, year: target.admissionYear });
    return { items: [], diagnostics: found };
  }
  const caps: Record<string, number> = { ...limits.caps };
  for (const [code, cap] of Object.entries(target.caps ?? {})) {
    const max = limits.caps[code as keyof typeof limits.caps];
    if (max === undefined) report(at(['caps', code]), 'cap-unknown-code', { code, channel: target.channel, allowed: Object.keys(limits.caps).join('、') });
    else if (cap > max) report(at(['caps', code]), 'cap-over-channel', { code, cap, max, channel: target.channel, year: target.admissionYear });
    else caps[code] = cap;
  }
  const items: ChosenItem[] = [];
  const seen = new Map<string, ItemCode>();
  for (const code of itemCodes) {
    const value = target.items?.[code];
    const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
    list.forEach((written, i) => {
      const place = at(['items', code, ...(Array.isArray(value) ? [i] : [])]);
      const resolved = resolveAsset(loaded.path, written, root);
      if ('problem' in resolved) {
        const near = resolved.problem === 'missing' ? nearMiss(loaded.path, written, root) : undefined;
        report(place, resolved.problem === 'missing' ? 'item-missing' : fileProblem[resolved.problem], { path: written, ...near });
        return;
      }
      const first = seen.get(resolved.path);
      if (first) {
        report(place, 'item-duplicate', { path: written, first });
        return;
      }
      seen.set(resolved.path, code);
      const document = documents.get(resolved.path);
      if (code === 'D-3') {
        if (!/\.(pdf|jpe?g|png)$/i.test(written))
          report(place, 'item-wrong-kind', { path: written, code, actual: 'other-file', expected: expectedLabel[code] });
      } else if (!documents.has(resolved.path)) {
        report(place, 'item-wrong-kind', { path: written, code, actual: 'not-document', expected: expectedLabel[code] });
        return;
      } else if (!document) {
        report(place, 'item-invalid', { path: written });
      } else if (!expected[code](document)) {
        const category = document.kind === 'course' || document.kind === 'performance' ? document.category : undefined;
        const actual = category ? { actual: category, actualName: categoryNames[category] } : { actual: document.kind };
        report(place, 'item-wrong-kind', { path: written, code, ...actual, expected: expectedLabel[code] });
        return;
      }
      items.push({ code, path: resolved.path, written, place, document });
    });
  }
  const count = (codes: readonly ItemCode[]) => items.filter((i) => codes.includes(i.code)).length;
  const capped: [string, readonly ItemCode[]][] = [
    ['B-1', ['B-1']],
    ['B-2', ['B-2']],
    ['B', ['B-1', 'B-2']],
    ['C', ['C']],
  ];
  for (const [code, codes] of capped) {
    const cap = caps[code];
    const n = count(codes);
    if (cap !== undefined && n > cap) report(at(['items', codes.length === 1 ? code : 'B-1']), 'item-over-cap', { code, count: n, cap, over: n - cap });
  }
  const minB1 = limits.min?.['B-1'] ?? 0;
  if (count(['B-1']) < minB1) report(at(['items']), 'item-b1-required', { channel: target.channel });
  return { items, diagnostics: found };
}

/** Prompts left in a target, one reminder for the file (pack refuses an unnamed school or department: `unnamedTarget`). */
function targetPrompts({ yaml, displayPath }: LoadedTarget): Diagnostic[] {
  const left = yaml ? yamlPrompts(yaml) : [];
  return left.length ? [diagnostic(displayPath, left[0]!.place, 'warning', 'placeholder-left', promptArgs(left))] : [];
}

/** A bundle is for a named school and department: their template prompts still in place stop `pack`. */
export function unnamedTarget({ yaml, displayPath }: LoadedTarget): Diagnostic[] {
  const naming = (key: string | undefined) => key !== undefined && ['school', 'department'].includes(targetKeyTable.keys.get(key) ?? '');
  return (yaml ? yamlPrompts(yaml) : [])
    .filter((p) => naming(p.key))
    .map((p) => diagnostic(displayPath, p.place, 'error', 'target-placeholder', { key: p.key! }));
}

/** The courses among a target's items: the works of its 表B. */
export const chosenCourses = (items: readonly ChosenItem[]): CourseOutcome[] =>
  items.map((i) => i.document).filter((d): d is CourseOutcome => d?.kind === 'course');

/**
 * Files a target brings into its bundle that exist but cannot be used: a D-3 PDF that does not
 * open, a D-3 image or a 表A image that does not decode. Each is reported at the target's line
 * (an image in 表A at its field, never in the form template it is typeset through).
 */
export async function checkAttachments(loaded: LoadedTarget, items: readonly ChosenItem[], root: string): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const item of items) {
    if (item.code !== 'D-3') continue;
    if (/\.pdf$/i.test(item.path)) {
      const problem = await pdfProblem(item.path);
      if (problem) found.push(diagnostic(loaded.displayPath, item.place, 'error', 'evidence-undecodable', { path: item.written, problem }));
    } else {
      const probed = await probeImage(item.path);
      if ('problem' in probed) found.push(diagnostic(loaded.displayPath, item.place, 'error', probed.problem, { path: item.written, reason: probed.reason }));
    }
  }
  const { yaml } = loaded;
  for (const [label, value] of Object.entries(loaded.target?.formA ?? {})) {
    const tree = parseMarkdown(value, loaded.path, loaded.displayPath).source.tree;
    const place = yaml ? positionOfPath(yaml, targetKeyTable, ['formA', label]) : undefined;
    const refs = markdownImageRefs(tree, collectDefinitions(tree)).map(({ url }) => ({ url, place }));
    found.push(...(await findImages(refs, loaded.path, loaded.displayPath, root)).diagnostics);
  }
  return found;
}
