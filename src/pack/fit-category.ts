import type { Diagnostic } from '../diagnostics.js';
import { mergeWithContents, type Whose } from './contents.js';

export interface CategoryItem {
  title: string;
  pdf: { data: Buffer; pages: number };
  /** The item typeset again with its photos fitted to `maxBytes`: no pdf when they cannot be. */
  typeset(maxBytes: number): Promise<{ pdf?: { data: Buffer; pages: number }; diagnostics: Diagnostic[] }>;
}

export type FittedCategory =
  | { merged: { data: Buffer; pages: number }; diagnostics: Diagnostic[] }
  | { merged?: undefined; bytes: number; drop: CategoryItem[] };

/**
 * A category file of several items within `maxBytes`. As typeset, each item fits the cap alone;
 * when together they do not, they are typeset again with the cap shared among them in proportion
 * to their sizes (their photos compressed more), as one document is fitted under its cap. When
 * even that is over, the answer is the largest items whose removal lets the others fit.
 */
export async function fitCategory(file: string, name: string, items: readonly CategoryItem[], whose: Whose, maxBytes: number): Promise<FittedCategory> {
  const merge = (pdfs: readonly { data: Buffer; pages: number }[]) =>
    mergeWithContents({ file, name, parts: items.map((item, i) => ({ title: item.title, ...pdfs[i]! })) }, whose);
  const first = await merge(items.map((item) => item.pdf));
  if (first.data.length <= maxBytes) return { merged: first, diagnostics: [] };
  const sizes = items.map((item) => item.pdf.data.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  // What merging adds: the contents page, the page stamps, the merged file's own structure.
  const overhead = Math.max(0, first.data.length - total);
  const shares = sizes.map((size) => Math.floor(((maxBytes - overhead) * size) / total));
  const again = await Promise.all(items.map((item, i) => item.typeset(shares[i]!)));
  const pdfs = again.map((r) => r.pdf);
  if (pdfs.every((pdf) => pdf !== undefined)) {
    const merged = await merge(pdfs);
    if (merged.data.length <= maxBytes) return { merged, diagnostics: again.flatMap((r) => r.diagnostics.filter((d) => d.severity === 'warning')) };
  }
  // The smallest each item got to; the largest leave first until the rest fit.
  const smallest = items.map((item, i) => Math.min(item.pdf.data.length, pdfs[i]?.data.length ?? Infinity));
  const order = items.map((_, i) => i).sort((a, b) => smallest[b]! - smallest[a]!);
  let kept = smallest.reduce((a, b) => a + b, 0);
  // One item left is the category file by itself, without a contents page.
  const fits = (left: number) => kept + (left > 1 ? overhead : 0) <= maxBytes;
  const drop: CategoryItem[] = [];
  for (const i of order) {
    if (fits(items.length - drop.length)) break;
    drop.push(items[i]!);
    kept -= smallest[i]!;
  }
  return { bytes: first.data.length, drop };
}
