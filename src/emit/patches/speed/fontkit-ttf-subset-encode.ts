import { applyPatch, type Patch } from '../registry.js';

/**
 * fontkit writes a TrueType subset through restructure's generic encoder: every glyph record,
 * offset and metric is sized, then written, field by field, and the font's constant tables (head,
 * cvt, prep, fpgm) are copied and encoded again for every document. Of the nine tables only four
 * depend on the glyphs: glyf (the records, as they are), loca (their offsets), hmtx (their
 * metrics) and the glyph counts in hhea and maxp. The first subset of a font is written by
 * fontkit; its tables become the font's template, used only if writing that same subset from the
 * template gives fontkit's bytes. Later subsets are written from the template with Buffer work.
 */
interface TrueTypeSubset {
  font: { loca: { version: number }; _variationProcessor?: unknown };
  glyphs: number[];
  glyf: Uint8Array[];
  offset: number;
  loca: { offsets: number[]; version: number };
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings: number[] };
  _addGlyph(id: number): number;
}
type Encode = (this: TrueTypeSubset) => Uint8Array;

interface Template {
  /** The sfnt header and the table directory, whose offsets and lengths are written anew. */
  head: Buffer;
  tags: string[];
  /** The bytes of each table that does not depend on the glyphs, and of hhea and maxp (their counts rewritten). */
  tables: Map<string, Buffer>;
}

const directoryEntry = 16;
/** The tables written from the glyphs alone. */
const written = new Set(['glyf', 'loca', 'hmtx']);
const templates = new WeakMap<object, Template | null>();

export const subsetWrite: Patch = {
  name: 'subsets written from the font’s template',
  package: 'fontkit',
  version: '2.0.4',
  target: 'TTFSubset.prototype.encode',
  sha256: '7e64d77ad1ba59de9fc427fc46662a63f9e93f2294b90e5666e86da414f092f3',
  kind: 'speed',
  replace: (original: Encode): Encode =>
    function encode() {
      const template = templates.get(this.font);
      if (!template || this.font._variationProcessor) {
        const data = original.call(this);
        if (template === undefined && !this.font._variationProcessor) templates.set(this.font, learn(this, data));
        return data;
      }
      // fontkit's encode up to the writing: the glyphs, their components added as they come.
      this.glyf = [];
      this.offset = 0;
      this.loca = { offsets: [], version: this.font.loca.version };
      this.hmtx = { metrics: [], bearings: [] };
      let i = 0;
      while (i < this.glyphs.length) this._addGlyph(this.glyphs[i++]!);
      this.loca.offsets.push(this.offset);
      return write(template, this);
    },
};

/** The template of a subset fontkit wrote, if writing it again from the template gives the same bytes. */
function learn(subset: TrueTypeSubset, data: Uint8Array): Template | null {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const count = bytes.readUInt16BE(4);
  const tags: string[] = [];
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const entry = 12 + i * directoryEntry;
    const tag = bytes.toString('latin1', entry, entry + 4);
    const offset = bytes.readUInt32BE(entry + 8);
    tags.push(tag);
    // Copies: the template must not keep the first subset's glyphs alive.
    tables.set(tag, written.has(tag) ? Buffer.alloc(0) : Buffer.from(bytes.subarray(offset, offset + bytes.readUInt32BE(entry + 12))));
  }
  const template = { head: Buffer.from(bytes.subarray(0, 12 + count * directoryEntry)), tags, tables };
  for (const tag of ['hhea', 'maxp', 'loca', 'glyf', 'hmtx']) if (!tables.has(tag)) return null;
  return Buffer.from(write(template, subset)).equals(bytes) ? template : null;
}

/** The subset's tables in the template's order, after its directory (restructure places them so). */
function write(template: Template, subset: TrueTypeSubset): Buffer {
  const parts = template.tags.map((tag) => table(tag, template.tables.get(tag)!, subset));
  let length = template.head.length;
  for (const part of parts) length += part.length;
  const out = Buffer.allocUnsafe(length);
  template.head.copy(out, 0);
  let offset = template.head.length;
  for (const [i, part] of parts.entries()) {
    const entry = 12 + i * directoryEntry;
    out.writeUInt32BE(offset, entry + 8);
    out.writeUInt32BE(part.length, entry + 12);
    part.copy(out, offset);
    offset += part.length;
  }
  return out;
}

/** One table of the subset: the four that depend on the glyphs written anew, the others as the template has them. */
function table(tag: string, template: Buffer, subset: TrueTypeSubset): Buffer {
  switch (tag) {
    case 'glyf':
      return Buffer.concat(subset.glyf);
    case 'loca': {
      const { offsets, version } = subset.loca;
      // Short offsets (version 0) are stored halved. Values wrap as restructure's DataView writes them.
      const loca = Buffer.allocUnsafe(offsets.length * (version === 0 ? 2 : 4));
      for (const [i, offset] of offsets.entries()) {
        if (version === 0) loca.writeUInt16BE((offset >>> 1) & 0xffff, i * 2);
        else loca.writeUInt32BE(offset >>> 0, i * 4);
      }
      return loca;
    }
    case 'hmtx': {
      const { metrics } = subset.hmtx;
      const hmtx = Buffer.allocUnsafe(metrics.length * 4);
      for (const [i, metric] of metrics.entries()) {
        hmtx.writeUInt16BE(metric.advance & 0xffff, i * 4);
        hmtx.writeUInt16BE(metric.bearing & 0xffff, i * 4 + 2);
      }
      return hmtx;
    }
    case 'hhea': {
      const hhea = Buffer.from(template);
      // numberOfMetrics, the table's last field.
      hhea.writeUInt16BE(subset.hmtx.metrics.length & 0xffff, 34);
      return hhea;
    }
    case 'maxp': {
      const maxp = Buffer.from(template);
      // numGlyphs, after the version.
      maxp.writeUInt16BE(subset.glyf.length & 0xffff, 4);
      return maxp;
    }
    default:
      return template;
  }
}

/** fontkit does not export its subset class: it is reached through a TrueType font's subset. */
export function applySubsetWrite(font: { createSubset(): object; directory: { tables: Record<string, unknown> } }): void {
  if (font.directory.tables['CFF '] || !font.directory.tables.glyf) return;
  applyPatch(subsetWrite, Object.getPrototypeOf(font.createSubset()) as object);
}
