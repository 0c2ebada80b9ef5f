import { gridLayout, type Content, type Inline, type MarkdownLayoutContext } from './markdown.js';

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

/** The first thing a reviewer reads: what this is, its facts, and its 簡述. */
export function titleBlock(block: TitleBlock, context: MarkdownLayoutContext): Content[] {
  const { theme } = context;
  const label = (value: string) => ({ text: value, style: 'label', fillColor: theme.colors.shade });
  const body: unknown[][] = [];
  for (let i = 0; i < block.rows.length; i += 2) {
    const [a, b] = [block.rows[i]!, block.rows[i + 1]];
    body.push(b ? [label(a[0]), { text: a[1] }, label(b[0]), { text: b[1] }] : [label(a[0]), { text: a[1], colSpan: 3 }, {}, {}]);
  }
  const content: Content[] = [
    { text: block.kicker, style: 'kicker' },
    { text: block.title, style: 'title', outline: true, outlineText: block.outlineTitle, id: context.outlineParent, outlineExpanded: true },
  ];
  if (body.length) content.push({ table: { widths: [62, '*', 52, '*'], body }, layout: gridLayout(theme), style: 'table', margin: [0, 8, 0, 8] });
  if (block.summary) {
    content.push({
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: [
                { text: '簡述', style: 'label', fontSize: theme.fontSize - 1.5, margin: [0, 0, 0, 2] },
                { text: block.summary, alignment: 'justify' },
              ],
            },
          ],
        ],
      },
      layout: {
        hLineWidth: () => 0,
        vLineWidth: (i: number) => (i === 0 ? 3 : 0),
        vLineColor: () => theme.colors.accent,
        fillColor: () => theme.colors.shade,
        paddingLeft: () => 10,
        paddingRight: () => 10,
        paddingTop: () => 7,
        paddingBottom: () => 7,
      },
      margin: [0, 0, 0, 6],
    });
  } else {
    content.push({ text: '', margin: [0, 0, 0, 6] });
  }
  return content;
}
