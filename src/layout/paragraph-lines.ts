import type { Content, Inline } from './markdown.js';
import { charAdvance, wordAdvance, type GlyphFont } from '../typeset/metrics.js';
import { typesetParagraph } from '../typeset/paragraph.js';
import type { MeasuredRun } from '../typeset/atoms.js';

/** What setting a paragraph needs from where it stands. */
export interface ParagraphPlace {
  /** The body face, regular or bold, as the PDF engine parsed it. */
  font(bold: boolean): GlyphFont;
  /** The size text is set in here, before an inline's own. */
  fontSize: number;
  /** The width lines are set to. */
  width: number;
}

/** pdfmake sets superscripts and subscripts at this share of the size. */
const scriptScale = 0.58;
/** Lines a paragraph keeps together at its start and at its end across a page break (no orphans, no widows). */
const keptLines = 2;

/**
 * A paragraph whose lines licheng has broken and justified (src/typeset/), for pdfmake to place
 * as they are: each line one text node of pieces glued together, the first and the last two lines
 * kept together so that a page break leaves at least two lines on either side.
 */
export function setParagraph(inlines: readonly Inline[], place: ParagraphPlace, style: string): Content {
  const runs: MeasuredRun[] = inlines.map((inline) => {
    const font = place.font(Boolean(inline.bold));
    const size = (typeof inline.fontSize === 'number' ? inline.fontSize : place.fontSize) * (inline.sup || inline.sub ? scriptScale : 1);
    return { text: typeof inline.text === 'string' ? inline.text : '', size, charWidth: (char) => charAdvance(font, char), wordWidth: (word) => wordAdvance(font, word) };
  });
  const lines = typesetParagraph(runs, place.width).map((pieces): Content => ({
    text: pieces.map((piece, i) => {
      const { text: _, ...look } = inlines[piece.run]!;
      const glued = i < pieces.length - 1 ? { noNewLine: true } : {};
      return { ...look, text: piece.text, noWrap: true, ...glued, ...(piece.characterSpacing ? { characterSpacing: piece.characterSpacing } : {}) };
    }),
  }));
  return { stack: keepEnds(lines), style };
}

function keepEnds(lines: Content[]): Content[] {
  if (lines.length <= 2 * keptLines - 1) return [{ stack: lines, unbreakable: true }];
  return [{ stack: lines.slice(0, keptLines), unbreakable: true }, ...lines.slice(keptLines, -keptLines), { stack: lines.slice(-keptLines), unbreakable: true }];
}
