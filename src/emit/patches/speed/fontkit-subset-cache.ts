import { applyPatch, type Patch } from '../registry.js';

/**
 * Writing a font subset is the costliest step of a small PDF's end: fontkit encodes the subset
 * (glyph records, tables; ~120 kB for three pages of Chinese) and pdfkit deflates it. Both depend
 * only on the font and its glyphs in order, and the same glyph set comes back whenever a document
 * is typeset again: once with stand-ins and again with its images, on every save in an editor's
 * preview, when a batch is run again. The encoded subset is kept per glyph set in a cache bounded
 * by bytes (least recently used first out); being the same buffer each time, it is deflated once
 * too (behaviour/pdfkit-font-deflate.ts keeps the deflated bytes as long as the buffer lives).
 */
interface Subset {
  font: object;
  glyphs: number[];
  includeGlyph(id: number): number;
}
type Encode = (this: Subset) => Uint8Array;

interface Encoded {
  data: Uint8Array;
  /** The glyphs after encoding: composite glyphs add their components. */
  glyphs: number[];
}

/** Holds encoded subsets up to `maxBytes`, dropping the least recently used. */
export class SubsetCache {
  private readonly entries = new Map<string, Encoded>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string): Encoded | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Encoded): void {
    this.entries.set(key, entry);
    this.bytes += entry.data.length;
    for (const [oldest, held] of this.entries) {
      if (this.bytes <= this.maxBytes || this.entries.size === 1) break;
      this.entries.delete(oldest);
      this.bytes -= held.data.length;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

/**
 * ~30 subsets of three pages of Chinese (~7 MB with their deflated copies): the documents open in
 * an editor, or typeset again with their images, stay; a batch's hundreds of documents pass through.
 */
export const subsetCache = new SubsetCache(4 * 1024 * 1024);
const fontIds = new WeakMap<object, number>();
let fonts = 0;

function keyOf(subset: Subset): string {
  let id = fontIds.get(subset.font);
  if (id === undefined) fontIds.set(subset.font, (id = fonts++));
  return `${id}:${subset.glyphs.join(',')}`;
}

export const subsetEncode: Patch = {
  name: 'subsets encoded once per glyph set',
  package: 'fontkit',
  version: '2.0.4',
  target: 'TTFSubset.prototype.encode',
  sha256: '7e64d77ad1ba59de9fc427fc46662a63f9e93f2294b90e5666e86da414f092f3',
  kind: 'speed',
  replace: (original: Encode): Encode =>
    function encode() {
      const key = keyOf(this);
      const held = subsetCache.get(key);
      if (held) {
        // The components encoding added, in the order it added them.
        for (let i = this.glyphs.length; i < held.glyphs.length; i++) this.includeGlyph(held.glyphs[i]!);
        return held.data;
      }
      const data = original.call(this);
      const entry = { data, glyphs: this.glyphs.slice() };
      subsetCache.set(key, entry);
      // Encoding added composite glyphs' components: the subset as it is now (encoded again when
      // its PDF is written, after the PDF engine encoded it ahead) is the same glyph set. Its bytes
      // are counted twice, which only makes the cache let go sooner.
      const after = keyOf(this);
      if (after !== key) subsetCache.set(after, entry);
      return data;
    },
};

/** fontkit does not export its subset class: it is reached through a TrueType font's subset. */
export function applySubsetCache(font: { createSubset(): object; directory: { tables: Record<string, unknown> } }): void {
  if (font.directory.tables['CFF '] || !font.directory.tables.glyf) return;
  applyPatch(subsetEncode, Object.getPrototypeOf(font.createSubset()) as object);
}
