import { pdfmakeRequire } from '../../vendor.js';
import { applyPatch, type Patch } from '../registry.js';
import type { TextMeasurer } from './pdfmake-measure.js';

/**
 * pdfmake asks whether the next word fits by handing over a copy of every word after it
 * (`slice(1)` once per word: quadratic in a paragraph's length, ~1.5 MB of garbage per page),
 * though only a word glued to the next (`noNewLine`) ever reads that copy; and it finds where to
 * cut a word wider than the line by halving from the whole word, measuring prefixes as long as
 * the word (a 20,000-character URL took seconds per line). Otherwise pdfmake 0.3.11's
 * `LayoutBuilder.buildNextLine` line for line.
 */
export interface Inline {
  text: string;
  x: number;
  width: number;
  noWrap?: boolean;
  noNewLine?: boolean;
  [key: string]: unknown;
}
export interface LineBuilding {
  inlines: Inline[];
  maxWidth: number;
  inlineWidths: number;
  lastLineInParagraph?: boolean;
  hasEnoughSpaceForInline(inline: Inline, nextInlines: Inline[]): boolean;
  addInline(inline: Inline): void;
  getAvailableWidth(): number;
}
export interface TextNode {
  _inlines?: Inline[];
}
export type BuildNextLine = (this: { writer: { context(): { availableWidth: number } } }, node: TextNode) => LineBuilding | null;
type LineConstructor = new (maxWidth: number) => LineBuilding;
export type TextInlinesConstructor = new (pdfDocument: null) => TextMeasurer;

/**
 * The longest prefix of `text`, at least one character, that is no wider than `maxWidth`: widths
 * grow with the prefix, so the answer is bracketed by doubling and then found by halving.
 */
function maxFitLength(text: string, maxWidth: number, measure: (part: string) => number): number {
  let fits = 1;
  let tooLong = text.length + 1;
  for (let probe = 2; probe <= text.length; probe *= 2) {
    if (measure(text.substring(0, probe)) > maxWidth) {
      tooLong = probe;
      break;
    }
    fits = probe;
  }
  if (tooLong === text.length + 1 && fits < text.length) {
    if (measure(text) <= maxWidth) return text.length;
    tooLong = text.length;
  }
  while (tooLong - fits > 1) {
    const mid = Math.floor((fits + tooLong) / 2);
    if (measure(text.substring(0, mid)) <= maxWidth) fits = mid;
    else tooLong = mid;
  }
  return fits;
}

/** What is left of a cut word is measured only once it may fit on a line. */
export const restWidth = (whole: number, cut: number, lineWidth: number, measure: () => number): number =>
  whole - cut > 2 * lineWidth ? whole - cut : measure();

const noInlines: Inline[] = [];

export const buildNextLine: Patch = {
  name: 'no copy per placed word',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'LayoutBuilder.prototype.buildNextLine',
  sha256: 'f9a0444e3740e3f3136883da58409174d85ce7ecce1da31de63cbe35646b4b9d',
  kind: 'speed',
  replace: (): BuildNextLine => {
    const LineClass = (pdfmakeRequire('./Line.js') as { default: LineConstructor }).default;
    const TextInlines = (pdfmakeRequire('./TextInlines.js') as { default: TextInlinesConstructor }).default;
    return function buildNextLine(textNode) {
      const cloneInline = (inline: Inline): Inline => {
        const newInline = (inline.constructor as () => Inline)();
        for (const key in inline) newInline[key] = inline[key];
        return newInline;
      };
      if (!textNode._inlines || textNode._inlines.length === 0) return null;
      const fullWidth = this.writer.context().availableWidth;
      const line = new LineClass(fullWidth);
      const textInlines = new TextInlines(null);
      const fits = (inlines: Inline[]) => line.hasEnoughSpaceForInline(inlines[0]!, inlines[0]!.noNewLine ? inlines.slice(1) : noInlines);
      let isForceContinue = false;
      while (textNode._inlines && textNode._inlines.length > 0 && (fits(textNode._inlines) || isForceContinue)) {
        let isHardWrap = false;
        const inline = textNode._inlines.shift()!;
        if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
          const maxChars = maxFitLength(inline.text, line.getAvailableWidth(), (part) => textInlines.widthOfText(part, inline));
          if (maxChars < inline.text.length) {
            const newInline = cloneInline(inline);
            const wholeWidth = inline.width;
            newInline.text = inline.text.substr(maxChars);
            inline.text = inline.text.substr(0, maxChars);
            inline.width = textInlines.widthOfText(inline.text, inline);
            newInline.width = restWidth(wholeWidth, inline.width, fullWidth, () => textInlines.widthOfText(newInline.text, newInline));
            textNode._inlines.unshift(newInline);
            isHardWrap = true;
          }
        }
        line.addInline(inline);
        isForceContinue = Boolean(inline.noNewLine) && !isHardWrap;
      }
      line.lastLineInParagraph = textNode._inlines.length === 0;
      return line;
    };
  },
};

export const layoutBuilder = () => (pdfmakeRequire('./LayoutBuilder.js') as { default: { prototype: object } }).default.prototype;
export const installBuildNextLine = (): boolean => applyPatch(buildNextLine, layoutBuilder());
