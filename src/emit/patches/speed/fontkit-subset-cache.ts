import { deflateSync } from 'node:zlib';
import { applyPatch, type Patch } from '../registry.js';
import { referencePrototype, type Reference } from './pdfkit-reference-text.js';

/**
 * Writing a font subset is the costliest step of a small PDF's end: fontkit encodes the subset
 * (glyph records, tables, checksums) and pdfkit deflates it (~120 kB for three pages of Chinese).
 * Both depend only on the font and its glyphs in order, and the same glyph set comes back
 * whenever a document is typeset again: once with stand-ins and again with its images, on every
 * save in an editor's preview, when a batch is run again. The encoded subset is kept per glyph
 * set, and its deflated bytes with it, in a cache bounded by bytes (least recently used first
 * out).
 */
interface Subset {
  font: object;
  glyphs: number[];
  includeGlyph(id: number): number;
}
type Encode = (this: Subset) => Uint8Array;
type Finalize = (this: Reference) => void;

interface Encoded {
  data: Uint8Array;
  /** The glyphs after encoding: composite glyphs add their components. */
  glyphs: number[];
  deflated?: Buffer;
}

/** Holds encoded subsets up to `maxBytes` (raw and deflated together), dropping the least recently used. */
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
    this.grow(entry.data.length);
  }

  /** Counts bytes added to an entry already held (its deflated copy) and drops the oldest beyond the bound. */
  grow(bytes: number): void {
    this.bytes += bytes;
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes || this.entries.size === 1) break;
      this.entries.delete(key);
      this.bytes -= entry.data.length + (entry.deflated?.length ?? 0);
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

/** ~60 subsets of three pages of Chinese: a batch's worth of documents typeset twice. */
export const subsetCache = new SubsetCache(16 * 1024 * 1024);
const fontIds = new WeakMap<object, number>();
let fonts = 0;
const byData = new WeakMap<Uint8Array, Encoded>();

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
      const entry: Encoded = { data, glyphs: this.glyphs.slice() };
      subsetCache.set(key, entry);
      byData.set(data, entry);
      return data;
    },
};

export const subsetDeflate: Patch = {
  name: 'subset streams deflated once',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'PDFReference.prototype.finalize',
  sha256: '8af9e473a08414758afb20298825e28ce4199aa70792287284f9aac3238b35b4',
  kind: 'speed',
  replace: (original: Finalize): Finalize =>
    function finalize() {
      const only = this.buffer.length === 1 ? this.buffer[0] : undefined;
      const entry = only && this.compress ? byData.get(only) : undefined;
      if (!entry) return original.call(this);
      if (!entry.deflated) {
        // The very call pdfkit makes on the stream's bytes.
        entry.deflated = deflateSync(entry.data);
        subsetCache.grow(entry.deflated.length);
      }
      this.buffer = [entry.deflated];
      this.compress = false;
      try {
        original.call(this);
      } finally {
        this.compress = true;
      }
    },
};

/** fontkit does not export its subset class: it is reached through a TrueType font's subset. */
export function applySubsetCache(font: { createSubset(): object; directory: { tables: Record<string, unknown> } }): void {
  if (font.directory.tables['CFF '] || !font.directory.tables.glyf) return;
  applyPatch(subsetEncode, Object.getPrototypeOf(font.createSubset()) as object);
}

/** Before the joining of stream text (pdfkit-reference-text.ts), which then hands it whole chunks. */
export const installSubsetDeflate = (): boolean => applyPatch(subsetDeflate, referencePrototype());
