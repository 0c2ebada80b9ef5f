import { applyPatch, type Patch } from '../registry.js';

/**
 * Subsetting a TrueType font decodes every used glyph's outline in full (thousands of points per
 * page of Chinese) only to learn whether it is composite, which the first two bytes of its record
 * say. A simple glyph's record is copied as it is; composites and variable fonts keep fontkit's
 * own path.
 */
interface TrueTypeSubset {
  font: {
    getGlyph(id: number): GlyphMetrics;
    loca: { offsets: number[] };
    _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
    _variationProcessor?: unknown;
  };
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
}
interface GlyphMetrics {
  advanceWidth: number;
  _getMetrics(): { leftBearing: number };
}
type AddGlyph = (this: TrueTypeSubset, id: number) => number;

export const addGlyph: Patch = {
  name: 'subset without decoding outlines',
  package: 'fontkit',
  version: '2.0.4',
  target: 'TTFSubset.prototype._addGlyph',
  sha256: '625b34b9ae3d405374ddc1ffbce146e8df948ae432701e5f4772a50ffbfc3288',
  kind: 'speed',
  replace: (original: AddGlyph): AddGlyph =>
    function (id) {
      const offsets = this.font.loca.offsets;
      const start = offsets[id]!;
      const end = offsets[id + 1]!;
      if (this.font._variationProcessor) return original.call(this, id);
      const stream = this.font._getTableStream('glyf');
      stream.pos += start;
      const record = stream.readBuffer(end - start);
      // numberOfContours, an int16: negative for a composite glyph.
      if (record.length >= 2 && (((record[0]! << 24) >> 16) | record[1]!) < 0) return original.call(this, id);
      const glyph = this.font.getGlyph(id);
      this.glyf.push(record);
      this.loca.offsets.push(this.offset);
      this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
      this.offset += record.length;
      return this.glyf.length - 1;
    },
};

/** fontkit does not export its subset class: it is reached through a TrueType font's subset. */
export function applyAddGlyph(font: { createSubset(): object; directory: { tables: Record<string, unknown> } }): void {
  if (font.directory.tables['CFF '] || !font.directory.tables.glyf) return;
  applyPatch(addGlyph, Object.getPrototypeOf(font.createSubset()) as object);
}
