import { gridLayout, placeOf, type Content, type Inline, type MarkdownLayoutContext } from './markdown.js';
import { setText } from './paragraph-lines.js';
import { fixedWidths, spanWidth } from './table-shape.js';
import { textSizes, textWidth } from './theme.js';

export interface TitleBlock {
  /** The small line above the title: kind and category. */
  kicker: string;
  title: Inline[];
  /** The bookmark: the title as written, without the typeset spacing. */
  outlineTitle: string;
  /** Label and value pairs, laid out two to a row. */
  rows: [string, Inline[]][];
  summary?: Inline[];
}

/** Label, value, label, value: the labels' columns fixed, the values' sharing the rest. */
const factColumns = [62, '*', 52, '*'] as const;
/** The summary box: its accent rule on the left and its paddings. */
const summaryBox = { rule: 3, padding: 10, paddingY: 7 };

/** The first thing a reviewer reads: what this is, its facts, and its 簡述. */
export function titleBlock(block: TitleBlock, context: MarkdownLayoutContext): Content[] {
  const { theme } = context;
  const size = textSizes(theme);
  const width = textWidth(theme);
  const content: Content[] = [
    setText([{ text: block.kicker }], placeOf(context, { fontSize: size.kicker, bold: true }), { style: 'kicker' }),
    setText(
      block.title,
      placeOf(context, { fontSize: size.title, bold: true, family: theme.headingFont.name }),
      { style: 'title' },
      { firstLine: { outline: true, outlineText: block.outlineTitle, id: context.outlineParent, outlineExpanded: true } },
    ),
  ];
  const widths = fixedWidths(factColumns, width);
  const cell = (text: Inline[], column: number, span = 1, look: Record<string, unknown> = {}, bold = false) =>
    setText(text, placeOf(context, { fontSize: size.table, width: spanWidth(widths, column, span), bold }), look);
  // The `label` style is bold: its lines are measured bold.
  const label = (value: string, column: number) => cell([{ text: value }], column, 1, { style: 'label', fillColor: theme.colors.shade }, true);
  const body: unknown[][] = [];
  for (let i = 0; i < block.rows.length; i += 2) {
    const [a, b] = [block.rows[i]!, block.rows[i + 1]];
    body.push(b ? [label(a[0], 0), cell(a[1], 1), label(b[0], 2), cell(b[1], 3)] : [label(a[0], 0), cell(a[1], 1, 3, { colSpan: 3 }), {}, {}]);
  }
  if (body.length) content.push({ table: { widths, body }, layout: gridLayout(theme), style: 'table', margin: [0, 8, 0, 8] });
  if (block.summary) {
    const inner = width - summaryBox.rule - 2 * summaryBox.padding;
    content.push({
      table: {
        widths: [inner],
        body: [
          [
            {
              stack: [
                setText([{ text: '簡述' }], placeOf(context, { fontSize: size.caption, bold: true, width: inner }), {
                  style: 'label',
                  fontSize: size.caption,
                  margin: [0, 0, 0, 2],
                }),
                setText(block.summary, placeOf(context, { width: inner }), { alignment: 'justify' }, { set: { justify: true } }),
              ],
            },
          ],
        ],
      },
      layout: {
        hLineWidth: () => 0,
        vLineWidth: (i: number) => (i === 0 ? summaryBox.rule : 0),
        vLineColor: () => theme.colors.accent,
        fillColor: () => theme.colors.shade,
        paddingLeft: () => summaryBox.padding,
        paddingRight: () => summaryBox.padding,
        paddingTop: () => summaryBox.paddingY,
        paddingBottom: () => summaryBox.paddingY,
      },
      margin: [0, 0, 0, 6],
    });
  } else {
    content.push({ text: '', margin: [0, 0, 0, 6] });
  }
  return content;
}
