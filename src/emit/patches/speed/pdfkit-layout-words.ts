import type { Patch } from '../registry.js';

/**
 * pdfkit lays a text out word by word (each word with the space or tab that ends it, from its
 * cache), finding the spaces with `charAt` and an array's `includes` for every character: a
 * Chinese character made a new one-character string each time, ~70 kB of garbage a three-page
 * document, for the widths pdfmake asks of every piece. The same words are found by character code
 * here and laid out through the same `layoutCached`, in the same order.
 */
interface Run {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}
interface Font {
  layoutCached(text: string): Run;
  layoutRun(text: string, features: unknown): Run;
}
type Layout = (this: Font, text: string, features?: unknown, onlyWidth?: boolean) => Run | { glyphs: null; positions: null; advanceWidth: number };

const SPACE = 32;
const TAB = 9;

export const layoutWords: Patch = {
  name: 'words found by character code',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'EmbeddedFont.prototype.layout',
  sha256: '1bf021e3cd3ce4ae6282962e0eed695993014f2c2caa2a17659fba594ec61d07',
  kind: 'speed',
  replace: (original: Layout): Layout =>
    function layout(text, features, onlyWidth) {
      if (features || typeof text !== 'string') return original.call(this, text, features, onlyWidth);
      const glyphs: unknown[] | null = onlyWidth ? null : [];
      const positions: unknown[] | null = onlyWidth ? null : [];
      let advanceWidth = 0;
      let last = 0;
      let index = 0;
      while (index <= text.length) {
        const code = text.charCodeAt(index);
        if ((index === text.length && last < index) || code === SPACE || code === TAB) {
          const run = this.layoutCached(text.slice(last, ++index));
          if (glyphs && positions) {
            for (const glyph of run.glyphs) glyphs.push(glyph);
            for (const position of run.positions) positions.push(position);
          }
          advanceWidth += run.advanceWidth;
          last = index;
        } else index++;
      }
      return { glyphs, positions, advanceWidth } as Run;
    },
};
