import type { Patch } from '../registry.js';

/**
 * A single CJK character needs no OpenType shaping: its glyph is the cmap's and its advance the
 * glyph's. pdfmake measures Chinese text one character at a time, so this skips fontkit's shaping
 * engine (and its first-use set-up) for nearly every word of a document.
 */
export interface EmbeddedFont {
  font?: { glyphForCodePoint(codePoint: number): { advanceWidth: number } };
  scale?: number;
}
type LayoutRun = (this: EmbeddedFont, text: string, features?: unknown) => unknown;
const cjk = /^[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]$/u;

export const layoutRun: Patch = {
  name: 'CJK without shaping',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'EmbeddedFont.prototype.layoutRun',
  sha256: 'a860ec491bf13a9b0262464433380a4a9fc1352626c052b05e120f556055b07b',
  kind: 'speed',
  replace: (original: LayoutRun): LayoutRun =>
    function (text, features) {
      if (features || !this.font || !this.scale || !cjk.test(text)) return original.call(this, text, features);
      const glyph = this.font.glyphForCodePoint(text.codePointAt(0)!);
      const advance = glyph.advanceWidth * this.scale;
      return { glyphs: [glyph], positions: [{ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance }], advanceWidth: advance };
    },
};
