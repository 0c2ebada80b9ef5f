import { toString } from 'mdast-util-to-string';
import type { Table } from 'mdast';
import { fontLineHeight, textHeight, textWidth, type Theme } from './theme.js';
import { measurer } from './measure.js';
import { columnWidths } from './column-widths.js';

/** How a Markdown table is set: its column widths, paddings and which rows may break across pages. */
export interface TableShape {
  /** Width of each column's text, in points (paddings and rules come on top). */
  widths: number[];
  /** Left and right padding of every cell. */
  padding: number;
  /** Alignment of each column: as written, else right for a column of numbers. */
  alignments: ('left' | 'center' | 'right')[];
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
/** A cell holding one amount: digits with separators, a sign, a currency or unit; a dash for none. */
const amount = /^(?:[-+−]?(?:NT\$|\$|＄)?\s?\d[\d,]*(?:\.\d+)?\s?(?:%|％|[A-Za-z]{1,3}|元|分|頁|件|次|人|個|小時|天)?|[—–-])$/u;

/**
 * Column widths from content, as browsers' automatic table layout does (CSS 2.1 §17.5.2.2): each
 * column is as wide as its longest line when they all fit, so a table of short cells stays compact
 * and its numbers sit next to their labels; otherwise every column keeps its longest word and the
 * room beyond shares out by how much more each column would like. A row too tall for a page was
 * dropped whole when rows may not break, so then they may.
 */
export function tableShape(node: Table, theme: Theme, width = textWidth(theme)): TableShape {
  const texts = node.children.map((row) => row.children.map((cell) => toString(cell).trim()));
  const columns = Math.max(...texts.map((row) => row.length));
  const column = (c: number) => texts.map((row) => row[c] ?? '');
  const measure = measurer(theme, theme.fontSize - 1, slack);
  const minimum = Array.from({ length: columns }, (_, c) => Math.max(0, ...column(c).map((text) => longestWord(text, measure))));
  const maximum = Array.from({ length: columns }, (_, c) => Math.max(0, ...column(c).map(measure)));
  const room = (pad: number) => cellRoom(width, columns, pad);
  const cellPadding = minimum.reduce((sum, w) => sum + w, 0) > room(padding) ? tightPadding : padding;
  const widths = columnWidths(minimum, maximum, room(cellPadding));
  const lineHeight = (theme.fontSize - 1) * fontLineHeight * 1.05;
  const tall = texts.map((row) => row.some((text, c) => Math.ceil(measure(text) / widths[c]!) * lineHeight > textHeight(theme) / 2));
  const alignments = Array.from({ length: columns }, (_, c) => node.align?.[c] ?? (isAmounts(column(c).slice(1)) ? 'right' : 'left'));
  return {
    widths,
    padding: cellPadding,
    alignments,
    headerRows: tall[0] ? 0 : 1,
    keepWithHeaderRows: tall[0] || tall[1] ? 0 : 1,
    dontBreakRows: !tall.includes(true),
  };
}

/** The width a table `width` points wide leaves its cells' text: its rules and each cell's padding left and right go. */
export const cellRoom = (width: number, columns: number, pad = padding): number => width - rule - columns * (2 * pad + rule);

/**
 * Widths of columns given as points or `'*'` (an equal share of what the others leave), as pdfmake
 * would give them: licheng sets each cell's lines to its width before pdfmake sees the table.
 */
export function fixedWidths(widths: readonly (number | '*')[], width: number, pad = padding): number[] {
  const fixed = widths.reduce<number>((sum, w) => sum + (w === '*' ? 0 : w), 0);
  const stars = widths.filter((w) => w === '*').length;
  const star = (cellRoom(width, widths.length, pad) - fixed) / Math.max(stars, 1);
  return widths.map((w) => (w === '*' ? star : w));
}

/** The width of a cell spanning columns `[from, from + span)`: theirs, and the paddings and rules between them. */
export const spanWidth = (widths: readonly number[], from: number, span: number, pad = padding): number =>
  widths.slice(from, from + span).reduce((sum, w) => sum + w, 0) + (span - 1) * (2 * pad + rule);

/** The widest piece of `text` a line cannot break: words break at spaces and around CJK characters. */
function longestWord(text: string, measure: (text: string) => number): number {
  return Math.max(0, ...text.replace(cjk, ' $& ').split(/\s+/u).map(measure));
}

/** Body cells that are all amounts (some may be empty). */
const isAmounts = (cells: string[]): boolean => cells.some((cell) => cell !== '') && cells.every((cell) => cell === '' || amount.test(cell));
