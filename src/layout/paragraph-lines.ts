import type { Content, Inline } from './markdown.js';
import type { GlyphFont } from '../typeset/metrics.js';
import type { SetOptions } from '../typeset/paragraph.js';
import { setRuns, type FaceRun } from './set-paragraph-memo.js';

/** What setting a paragraph needs from where it stands. */
export interface ParagraphPlace {
  /** The face an inline is set in (the body face unless it names its family: mono, emoji), as the PDF engine parsed it. */
  font(bold: boolean, family?: string): GlyphFont;
  /** The size text is set in here, before an inline's own. */
  fontSize: number;
  /** The width lines are set to. */
  width: number;
  /** Whether text here is bold, and the family it is set in, where an inline does not say (a heading, a header cell). */
  bold?: boolean;
  family?: string;
}

/** pdfmake sets superscripts and subscripts at this share of the size. */
const scriptScale = 0.58;
/** Lines a paragraph keeps together at its start and at its end across a page break (no orphans, no widows). */
const keptLines = 2;

/**
 * A paragraph whose lines licheng has broken and justified (src/typeset/), for pdfmake to place
 * as they are: the pieces of a line are glued together and a justified line fills the width, so
 * pdfmake's own line filling ends each line exactly where licheng did. The first and the last two
 * lines are kept together, so that a page break leaves at least two lines on either side.
 */
export function setParagraph(inlines: readonly Inline[], place: ParagraphPlace, style: string): Content {
  const { set, ragged } = setLines(inlines, place, { justify: true });
  const nodes = (from: number, to: number) => textNodes(set, ragged, from, to);
  if (set.length <= 2 * keptLines - 1) return { stack: [{ stack: nodes(0, set.length), unbreakable: true }], style };
  return {
    stack: [
      { stack: nodes(0, keptLines), unbreakable: true },
      ...nodes(keptLines, set.length - keptLines),
      { stack: nodes(set.length - keptLines, set.length), unbreakable: true },
    ],
    style,
  };
}

/** How `setText` hands its lines over, besides the node itself. */
export interface TextNodes {
  set?: SetOptions;
  /** Properties each line's node carries when there are several: what a page break must know of every line (a header row, a heading). */
  eachLine?: Record<string, unknown>;
  /** Properties of the node that holds the first line: pdfmake bookmarks a text node's first line (`outline`, `id`). */
  firstLine?: Record<string, unknown>;
}

/**
 * Text that is not body text (a heading, a table cell, a caption, code, the title), set by licheng
 * to the width it stands in: `node` with the text of its one line, or a stack of its lines. Lines
 * are not justified unless `set.justify` says so; code keeps its indents and empty lines.
 */
export function setText(
  inlines: readonly Inline[],
  place: ParagraphPlace,
  node: Record<string, unknown>,
  { set: options, eachLine, firstLine }: TextNodes = {},
): Content {
  const { set, ragged } = setLines(inlines, place, { justify: false, ...options });
  const nodes = textNodes(set, ragged, 0, set.length) as Record<string, unknown>[];
  if (nodes.length <= 1) return { ...node, ...firstLine, text: nodes[0]?.text ?? '' };
  return { ...node, stack: nodes.map((line, i) => ({ ...line, ...eachLine, ...(i === 0 ? firstLine : {}) })) };
}

/** The lines of `inlines` as pdfmake inlines, each piece carrying its run's look, and which lines end short. */
function setLines(inlines: readonly Inline[], place: ParagraphPlace, options: SetOptions): { set: Inline[][]; ragged: ReadonlySet<number> } {
  const runs: FaceRun[] = inlines.map((inline) => {
    const family = typeof inline.font === 'string' ? inline.font : place.family;
    const font = place.font(typeof inline.bold === 'boolean' ? inline.bold : Boolean(place.bold), family);
    const size = (typeof inline.fontSize === 'number' ? inline.fontSize : place.fontSize) * (inline.sup || inline.sub ? scriptScale : 1);
    return { text: typeof inline.text === 'string' ? inline.text : '', font, size };
  });
  const { lines, ragged } = setRuns(runs, place.width, options);
  const set = lines.map((pieces) =>
    pieces.map((piece, i) => {
      const { text: _, ...look } = inlines[piece.run]!;
      const glued = i < pieces.length - 1 ? { noNewLine: true } : {};
      return { ...look, text: piece.text, noWrap: true, ...glued, ...(piece.characterSpacing ? { characterSpacing: piece.characterSpacing } : {}) };
    }),
  );
  return { set, ragged };
}

/**
 * Lines `[from, to)` as few text nodes as pdfmake will break exactly there: a new node after a
 * line that ends short of the margin, and where pdfmake's own line breaking (UAX #14) would glue
 * the end of a line to the start of the next (a break inside a word, around quotation marks).
 */
function textNodes(lines: readonly Inline[][], ragged: ReadonlySet<number>, from: number, to: number): Content[] {
  const nodes: Content[] = [];
  let text: Inline[] = [];
  for (let i = from; i < to; i++) {
    text.push(...lines[i]!);
    const next = lines[i + 1];
    if (i === to - 1 || ragged.has(i) || !next || !surelyBreaks(String(lines[i]!.at(-1)!.text), String(next[0]!.text))) {
      nodes.push({ text });
      text = [];
    }
  }
  return nodes;
}

const ideograph = /\p{Script=Han}/u;
const closing = new Set([...'。，、；：？！」』）》']);
const opening = new Set([...'「『（《']);
const latin = /[A-Za-z0-9]/;

/** Whether UAX #14 surely allows a break between these two lines (Han, CJK punctuation, Latin next to Han). */
function surelyBreaks(before: string, after: string): boolean {
  const a = [...before].at(-1) ?? '';
  const b = [...after][0] ?? '';
  if (ideograph.test(a) || closing.has(a)) return ideograph.test(b) || opening.has(b) || latin.test(b);
  return latin.test(a) && ideograph.test(b);
}
