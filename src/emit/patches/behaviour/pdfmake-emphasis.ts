import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * Emphasis (`*…*`) as Chinese and Latin typesetting mark it: a dot under each Han character
 * (著重號, clreq §3.2.3), Latin words slanted. CJK faces have no italic, so pdfmake set emphasis in
 * the regular face, and colour is what marks a link. An inline carrying licheng's `emphasis` is
 * drawn as before, slanted (pdfkit's `oblique`, which pdfmake does not pass on) when it holds no
 * Han, and its Han characters get their dots after it. Lines without emphasis are untouched.
 */
interface Font {
  widthOfString(text: string, size: number): number;
}
interface Inline {
  text: string;
  x: number;
  font: Font;
  fontSize: number;
  color?: string;
  characterSpacing?: number;
  emphasis?: boolean;
}
interface Doc {
  text(text: string, x: number, y: number, options: Record<string, unknown>): unknown;
  resolveColor(color: unknown, fallback: string): unknown;
  save(): Doc;
  restore(): Doc;
  fillColor(color: unknown): Doc;
  circle(x: number, y: number, r: number): Doc;
  fill(): Doc;
}
interface Line {
  inlines: Inline[];
  getAscenderHeight(): number;
}
type RenderLine = (this: { pdfDocument: Doc }, line: Line, x: number, y: number) => void;

const han = /\p{Script=Han}/u;
/** pdfkit's default slant (tan of about 14°). */
const slant = 14;
/** The dot's radius and how far its centre sits below the baseline, in em. */
const dotRadius = 0.08;
const dotDrop = 0.3;

export const emphasis: Patch = {
  name: 'emphasis dots and oblique',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'Renderer.prototype.renderLine',
  sha256: 'b71f57566c6b6c5f91ec87ea7772c610eb02d5ed6515fd81ab67bb33d4df5acc',
  kind: 'behaviour',
  replace: (original: RenderLine): RenderLine =>
    function renderLine(line, x, y) {
      const inlines = line.inlines;
      if (!inlines.some((inline) => inline.emphasis)) return original.call(this, line, x, y);
      const doc = this.pdfDocument;
      // The original writes each inline with one call of `text`, in order.
      let next = 0;
      const write = Object.getPrototypeOf(doc).text as Doc['text'];
      doc.text = function (text, tx, ty, options) {
        return write.call(this, text, tx, ty, slanted(inlines[next++]!) ? { ...options, oblique: slant } : options);
      };
      try {
        original.call(this, line, x, y);
      } finally {
        delete (doc as Partial<Doc>).text;
      }
      const baseline = y + line.getAscenderHeight();
      for (const inline of inlines) if (inline.emphasis && han.test(inline.text)) dots(doc, inline, x, baseline);
    },
};

/** Latin words of emphasis. */
const slanted = (inline: Inline): boolean => inline.emphasis === true && !han.test(inline.text);

/** A dot centred under each Han character of an inline, in its colour. */
function dots(doc: Doc, inline: Inline, x: number, baseline: number): void {
  const { fontSize: size, font } = inline;
  const spacing = inline.characterSpacing ?? 0;
  doc.save().fillColor(doc.resolveColor(inline.color, 'black'));
  let offset = 0;
  for (const char of inline.text) {
    const width = font.widthOfString(char, size);
    if (han.test(char)) doc.circle(x + inline.x + offset + width / 2, baseline + size * dotDrop, size * dotRadius).fill();
    offset += width + spacing;
  }
  doc.restore();
}

export const installEmphasis = (): boolean => applyPatch(emphasis, (pdfmakeRequire('./Renderer.js') as { default: { prototype: object } }).default.prototype);
