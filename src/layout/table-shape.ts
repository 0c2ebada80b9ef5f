import { toString } from 'mdast-util-to-string';
import type { Table } from 'mdast';
import { fontkitFont } from '../infra/fonts.js';
import { textHeight, textWidth, type Theme } from './theme.js';

/** How a Markdown table is set: its column widths, paddings and which rows may break across pages. */
export interface TableShape {
  widths: (string | number)[];
  /** Left and right padding of every cell. */
  padding: number;
  headerRows: number;
  keepWithHeaderRows: number;
  dontBreakRows: boolean;
}

const rule = 0.6;
const padding = 6;
/** Tables too wide for the page pad less, so that their text keeps more of the width. */
const tightPadding = 2;
/** Bold header cells and the shaping of Latin runs set wider than the sum of glyph advances. */
const slack = 1.1;
const cjk = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/gu;

/**
 * Short columns (labels, numbers) take their natural width; the rest share what is left. A table
 * whose longest words do not fit side by side gets equal columns and less padding, so that every
 * column keeps room for a few characters and words break where they must (pdfmake alone would
 * shrink its columns only in proportion, src/emit/patches/behaviour/pdfmake-column-widths.ts). A
 * row too tall for a page was dropped whole when rows may not break, so then they may.
 */
export function tableShape(node: Table, theme: Theme, width = textWidth(theme)): TableShape {
  const texts = node.children.map((row) => row.children.map((cell) => toString(cell)));
  const columns = Math.max(...texts.map((row) => row.length));
  const column = (c: number) => texts.map((row) => row[c] ?? '');
  const measure = measurer(theme);
  const longest = Array.from({ length: columns }, (_, c) => Math.max(...column(c).map((text) => [...text].length)));
  let widths: (string | number)[] = longest.map((n) => (n <= 10 ? 'auto' : '*'));
  if (!widths.includes('*')) widths[longest.indexOf(Math.max(...longest))] = '*';
  let cellPadding = padding;
  const minimum = Array.from({ length: columns }, (_, c) => Math.max(...column(c).map((text) => longestWord(text, measure))));
  if (minimum.reduce((sum, w) => sum + w + 2 * padding + rule, rule) > width) {
    cellPadding = tightPadding;
    widths = widths.map(() => Math.max(1, (width - rule) / columns - 2 * cellPadding - rule));
  }
  // Each column taken as an equal share: a generous guess of how tall a row sets.
  const share = Math.max(1, width / columns - 2 * cellPadding - rule);
  const lineHeight = (theme.fontSize - 1) * 1.45 * 1.05;
  const tall = texts.map((row) => row.some((text) => Math.ceil(measure(text) / share) * lineHeight > textHeight(theme) / 2));
  return {
    widths,
    padding: cellPadding,
    headerRows: tall[0] ? 0 : 1,
    keepWithHeaderRows: tall[0] || tall[1] ? 0 : 1,
    dontBreakRows: !tall.includes(true),
  };
}

/** Width in points of table text, as the body face sets it (a little wider, to be safe). */
function measurer(theme: Theme): (text: string) => number {
  const font = fontkitFont(theme.font.name);
  const scale = ((theme.fontSize - 1) / font.unitsPerEm) * slack;
  return (text) => {
    let width = 0;
    for (const char of text) width += font.glyphForCodePoint(char.codePointAt(0)!).advanceWidth;
    return width * scale;
  };
}

/** The widest piece of `text` a line cannot break: words break at spaces and around CJK characters. */
function longestWord(text: string, measure: (text: string) => number): number {
  return Math.max(0, ...text.replace(cjk, ' $& ').split(/\s+/u).map(measure));
}
