import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * A justified line spreads its spare width over every break between its words, and to pdfmake a
 * URL is many words (it may break after / ? & and the like), so a cited address came out as
 * `https://example.com/ a/ b/ c.html` with gaps a reader takes for spaces. The pieces of one
 * Latin link are set solid and the space goes to the line's other breaks; a line that is nothing
 * but one link is spread as before. Lines without a link are untouched.
 */
interface Inline {
  text: string;
  x: number;
  link?: string | null;
  alignment?: string;
  justifyShift?: number;
}
interface Line {
  inlines: Inline[];
  newLineForced?: boolean;
  lastLineInParagraph?: boolean;
  getWidth(): number;
}
interface Writer {
  context(): { availableWidth: number };
}
type AlignLine = (this: Writer, line: Line) => void;

const cjk = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
const solid = (a: Inline, b: Inline) => typeof a.link === 'string' && a.link !== '' && a.link === b.link && !cjk.test(a.text) && !cjk.test(b.text);

export const alignLine: Patch = {
  name: 'links set solid on justified lines',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'ElementWriter.prototype.alignLine',
  sha256: 'bfd03c0dc0ea43be4cd619af21f24760d485de839b6b5f3ae12cd4919292b0b9',
  kind: 'behaviour',
  replace: (original: AlignLine): AlignLine =>
    function (line) {
      const inlines = line.inlines;
      if (inlines.length < 2 || inlines[0]!.alignment !== 'justify' || line.newLineForced || line.lastLineInParagraph) return original.call(this, line);
      let breaks = 0;
      for (let i = 1; i < inlines.length; i++) if (!solid(inlines[i - 1]!, inlines[i]!)) breaks++;
      if (breaks === 0 || breaks === inlines.length - 1) return original.call(this, line);
      const spacing = (this.context().availableWidth - line.getWidth()) / breaks;
      let offset = 0;
      for (let i = 1; i < inlines.length; i++) {
        const shift = solid(inlines[i - 1]!, inlines[i]!) ? 0 : spacing;
        offset += shift;
        inlines[i]!.x += offset;
        inlines[i]!.justifyShift = shift;
      }
    },
};

export const elementWriter = () => (pdfmakeRequire('./ElementWriter.js') as { default: { prototype: object } }).default.prototype;
export const installAlignLine = (): boolean => applyPatch(alignLine, elementWriter());
