import type { FootnoteDefinition, Nodes, Root } from 'mdast';
import { blocks, placeOf, type Content, type MarkdownLayoutContext } from './markdown.js';
import { setText } from './paragraph-lines.js';
import { textSizes, textWidth } from './theme.js';

/** Footnote definitions by identifier, wherever in the Markdown they are written. */
export function collectFootnotes(tree: Root): Map<string, FootnoteDefinition> {
  const map = new Map<string, FootnoteDefinition>();
  const visit = (node: Nodes) => {
    if (node.type === 'footnoteDefinition' && !map.has(node.identifier)) map.set(node.identifier, node);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return map;
}

/** Width of the column that holds a note's number. */
const numberWidth = 14;
const numberGap = 2;

/**
 * The notes of a document, after its last block: a short rule, then each note with its number
 * hanging in front, in the order they are first referred to and then the ones never referred to
 * (a note is never lost). Notes go at the end rather than at the foot of their page: pdfmake
 * cannot keep room at a page's foot, and a review PDF is read on screen, where the notes are one
 * scroll away. Numbers are given as references are typeset, so this comes after every block.
 */
export function notesSection(context: MarkdownLayoutContext): Content[] {
  const { footnotes, theme } = context;
  for (const identifier of footnotes.definitions.keys()) if (!footnotes.order.includes(identifier)) footnotes.order.push(identifier);
  if (footnotes.order.length === 0) return [];
  const notes: Content[] = [];
  const fontSize = textSizes(theme).note;
  const textContext = { ...context, fontSize, width: (context.width ?? textWidth(theme)) - numberWidth - numberGap };
  // A note may refer to a later one, which then joins the end of the order.
  for (let n = 0; n < footnotes.order.length; n++) {
    const definition = footnotes.definitions.get(footnotes.order[n]!);
    if (!definition) continue;
    notes.push({
      columns: [
        setText([{ text: `${n + 1}` }], placeOf(context, { fontSize, width: numberWidth }), { width: numberWidth, style: 'note' }),
        {
          stack: blocks(definition.children, textContext).map((c) =>
            typeof c === 'object' && !Array.isArray(c) && c.style === 'p' ? { ...c, style: 'note' } : c,
          ),
          width: '*',
        },
      ],
      columnGap: numberGap,
      margin: [0, 0, 0, 3],
    });
  }
  const rule = { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 120, y2: 0, lineWidth: 0.5, lineColor: theme.colors.rule }], margin: [0, 10, 0, 6] };
  return [{ stack: [rule, ...notes], fontSize, color: theme.colors.muted }];
}
