import { applyPatch, type Patch } from '../registry.js';

/**
 * A code point's glyph in a format 12 character map (the bundled CJK faces' ~5,500 ranges):
 * fontkit's binary search decodes each range it visits through restructure's generic struct, once
 * per range and font (~10 ms of 20 new documents). The same search reads the three numbers of a
 * range straight from the bytes. A variation selector, a re-encoded map, other formats and a map
 * running past the end of the file take fontkit's way.
 */
interface LazyArray {
  length: number;
  base: number;
  stream: { view: DataView };
}
interface CmapProcessor {
  encoding?: unknown;
  cmap: { version: number; nGroups?: number; groups?: LazyArray };
}
type Lookup = (this: CmapProcessor, codepoint: number, variationSelector?: number) => number;

/** Where each format 12 or 13 map's ranges are (12 bytes each: first and last code point, glyph), or null when fontkit reads it. */
const ranges = new WeakMap<object, { view: DataView; base: number; count: number } | null>();

function rangesOf(cmap: CmapProcessor['cmap']): { view: DataView; base: number; count: number } | null {
  let found = ranges.get(cmap);
  if (found !== undefined) return found;
  const groups = cmap.groups;
  const view = groups?.stream?.view;
  const count = cmap.nGroups;
  found =
    view instanceof DataView &&
    typeof groups!.base === 'number' &&
    count === groups!.length &&
    Number.isInteger(count) &&
    groups!.base + count! * 12 <= view.byteLength
      ? { view, base: groups!.base, count: count! }
      : null;
  ranges.set(cmap, found);
  return found;
}

export const cmapLookup: Patch = {
  name: 'character map ranges read straight from the bytes',
  package: 'fontkit',
  version: '2.0.4',
  target: 'CmapProcessor.prototype.lookup',
  sha256: '1cf63cfe5ace4e0802ebaa8655430b43ab156bebb85fa66648ddea7e818cadb8',
  kind: 'speed',
  replace: (original: Lookup): Lookup =>
    function (codepoint, variationSelector) {
      const cmap = this.cmap;
      if (this.encoding || variationSelector || (cmap.version !== 12 && cmap.version !== 13)) return original.call(this, codepoint, variationSelector);
      const map = rangesOf(cmap);
      if (!map) return original.call(this, codepoint, variationSelector);
      const { view, base } = map;
      let min = 0;
      let max = map.count - 1;
      while (min <= max) {
        const mid = (min + max) >> 1;
        const at = base + mid * 12;
        const first = view.getUint32(at);
        if (codepoint < first) max = mid - 1;
        else if (codepoint > view.getUint32(at + 4)) min = mid + 1;
        else return cmap.version === 12 ? view.getUint32(at + 8) + (codepoint - first) : view.getUint32(at + 8);
      }
      return 0;
    },
};

/** fontkit does not export its character map class: it is reached through a parsed font. */
export function applyCmapLookup(font: object): void {
  const processor = (font as { _cmapProcessor?: object })._cmapProcessor;
  const owner = processor ? (Object.getPrototypeOf(processor) as object | null) : null;
  if (owner && Object.hasOwn(owner, 'lookup')) applyPatch(cmapLookup, owner);
}
