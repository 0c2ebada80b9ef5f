import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * pdfmake writes every Chinese character as its own text object. Consecutive inlines of one look
 * become one: fewer, longer strings in the content stream, the same glyphs at the same places (so
 * there for speed and size, but the bytes change). On a justified line the extra space between
 * characters becomes the PDF's character spacing (Tc), which is why only single-character inlines
 * are merged there.
 */
interface Inline {
  text: string;
  x: number;
  width: number;
  justifyShift?: number;
  characterSpacing?: number;
  [key: string]: unknown;
}
interface Line {
  inlines: Inline[];
}
type RenderLine = (this: unknown, line: Line, x: number, y: number) => void;

/** Inlines that look the same: one font, size, colour, decoration and mark. Property by property (a loop over the names was a tenth of rendering). */
const sameLook = (a: Inline, b: Inline): boolean =>
  a.font === b.font &&
  a.fontSize === b.fontSize &&
  a.color === b.color &&
  a.opacity === b.opacity &&
  a.background === b.background &&
  a.decoration === b.decoration &&
  a.decorationColor === b.decorationColor &&
  a.decorationStyle === b.decorationStyle &&
  a.decorationThickness === b.decorationThickness &&
  a.sup === b.sup &&
  a.sub === b.sub &&
  a.fontFeatures === b.fontFeatures &&
  // licheng's own mark (pdfmake-emphasis.ts)
  a.emphasis === b.emphasis;
const unmergeable = (inline: Inline) => inline.link || inline.linkToPage || inline.linkToDestination || inline._pageNodeRef || inline.characterSpacing;

export function mergeInlines(inlines: Inline[]): Inline[] {
  const merged: Inline[] = [];
  let run: Inline[] = [];
  // The spacing inside the run (set by its second inline) and whether every inline is one character.
  let runShift = 0;
  let allSingle = true;
  const flush = () => {
    const first = run[0];
    if (!first) return;
    if (run.length > 1) {
      // A new inline: a table's header row is the same line rendered again on every page it repeats on.
      const last = run[run.length - 1]!;
      let text = '';
      for (const inline of run) text += inline.text;
      merged.push({ ...first, width: last.x + last.width - first.x, text, characterSpacing: runShift || undefined });
    } else {
      merged.push(first);
    }
    run = [];
  };
  for (const inline of inlines) {
    const previous = run[run.length - 1];
    const shift = inline.justifyShift ?? 0;
    const single = inline.text.length === 1 || (inline.text.length === 2 && inline.text.codePointAt(0)! > 0xffff);
    let joinable =
      previous !== undefined &&
      !unmergeable(inline) &&
      !unmergeable(previous) &&
      Math.abs(previous.x + previous.width + shift - inline.x) <= 0.001 &&
      sameLook(previous, inline);
    if (joinable) joinable = run.length === 1 ? shift === 0 || (allSingle && single) : shift === runShift && (shift === 0 || (allSingle && single));
    if (!joinable) {
      flush();
      allSingle = single;
      runShift = 0;
    } else {
      if (run.length === 1) runShift = shift;
      allSingle &&= single;
    }
    run.push(inline);
  }
  flush();
  return merged;
}

export const renderLine: Patch = {
  name: 'merged text objects',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'Renderer.prototype.renderLine',
  sha256: 'b71f57566c6b6c5f91ec87ea7772c610eb02d5ed6515fd81ab67bb33d4df5acc',
  kind: 'behaviour',
  replace: (original: RenderLine): RenderLine =>
    function renderLine(line, x, y) {
      const inlines = line.inlines;
      line.inlines = mergeInlines(inlines);
      try {
        original.call(this, line, x, y);
      } finally {
        line.inlines = inlines;
      }
    },
};

export const installRenderLine = (): boolean =>
  applyPatch(renderLine, (pdfmakeRequire('./Renderer.js') as { default: { prototype: object } }).default.prototype);
