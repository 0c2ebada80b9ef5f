import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';
import { layoutBuilder, restWidth, type BuildNextLine, type TextInlinesConstructor } from '../speed/pdfmake-build-next-line.js';

/**
 * Text licheng does not set itself (table cells, headings, captions, code) is broken by pdfmake.
 * A word wider than the line (a long URL or identifier, with the 。 after it) is cut where it fits,
 * and pdfmake cuts it before a 。 or after a 「 as readily as anywhere. The cut moves back so that
 * it does not. Applied over whichever `buildNextLine` is in place: it moves the cut of the line
 * just built.
 */
const noLineStart = /^[。，、；：？！」』）》〉】〕〗〙〛｝］｠.,;:?!)\]}]/u;
const noLineEnd = /[「『（《〈【〔〖〘〚｛［｟([{]$/u;

/**
 * Where to cut a word that is too wide: at most `maxChars`, never leaving forbidden punctuation at
 * the cut — unless no cut is allowed (a run of nothing but 「 or 。), which is then cut where it
 * fits rather than one character a line.
 */
export function kinsokuCut(text: string, maxChars: number): number {
  const forbidden = (cut: number) => noLineStart.test(text.slice(cut)) || noLineEnd.test(text.slice(0, cut));
  let cut = maxChars;
  while (cut > 1 && forbidden(cut)) cut--;
  return cut === 1 && forbidden(cut) ? maxChars : cut;
}

export const kinsoku: Patch = {
  name: 'no cut before 。 or after 「',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'LayoutBuilder.prototype.buildNextLine',
  sha256: 'f9a0444e3740e3f3136883da58409174d85ce7ecce1da31de63cbe35646b4b9d',
  kind: 'behaviour',
  replace: (previous: BuildNextLine): BuildNextLine => {
    const TextInlines = (pdfmakeRequire('./TextInlines.js') as { default: TextInlinesConstructor }).default;
    return function buildNextLine(textNode) {
      const waiting = textNode._inlines?.length ?? 0;
      const line = previous.call(this, textNode);
      const inlines = textNode._inlines;
      // A word was cut iff its rest went back in front of the words still waiting.
      if (!line || !inlines || inlines.length !== waiting - line.inlines.length + 1) return line;
      const cut = line.inlines[line.inlines.length - 1]!;
      const rest = inlines[0]!;
      const text = cut.text + rest.text;
      const at = kinsokuCut(text, cut.text.length);
      if (at === cut.text.length) return line;
      const measurer = new TextInlines(null);
      const whole = cut.width + rest.width;
      cut.text = text.slice(0, at);
      rest.text = text.slice(at);
      const width = measurer.widthOfText(cut.text, cut);
      line.inlineWidths += width - cut.width;
      cut.width = width;
      rest.width = restWidth(whole, width, line.maxWidth, () => measurer.widthOfText(rest.text, rest));
      return line;
    };
  },
};

export const installKinsoku = (): boolean => applyPatch(kinsoku, layoutBuilder());
