import type { Patch } from '../registry.js';

/**
 * CJK characters need no OpenType shaping: each glyph is the cmap's and its advance the glyph's
 * (the bundled faces' default features change nothing among them). licheng sets Chinese text in
 * runs of whole lines, so this skips fontkit's shaping engine (and its first-use set-up) for
 * nearly all the text of a document.
 */
export interface EmbeddedFont {
  font?: { glyphForCodePoint(codePoint: number): { advanceWidth: number } };
  scale?: number;
}
type LayoutRun = (this: EmbeddedFont, text: string, features?: unknown) => unknown;
const cjk = /^[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]+$/u;

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
      const glyphs = [];
      const positions = [];
      let advanceWidth = 0;
      // Every character of the class is in the Basic Multilingual Plane: one UTF-16 unit each.
      for (let i = 0; i < text.length; i++) {
        const glyph = this.font.glyphForCodePoint(text.charCodeAt(i));
        const advance = glyph.advanceWidth * this.scale;
        glyphs.push(glyph);
        positions.push({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance });
        advanceWidth += advance;
      }
      return { glyphs, positions, advanceWidth };
    },
};
