import type { Nodes } from 'mdast';
import { offsetPosition } from '../../read/offset-position.js';
import { rule } from '../rule.js';

/** `[^label]` left as text: remark-gfm makes a footnote reference only of a label that is defined. */
const undefinedReference = /\[\^([^\]\s]+)\]/g;

/** A footnote used without a definition, or defined twice, is reported where it is written. */
export const footnotes = rule(
  ['course', 'performance', 'summary', 'statement'],
  { 'footnote-duplicate': 'warning', 'footnote-undefined': 'warning' },
  (context) => {
    const defined = new Map<string, number>();
    const stack: Nodes[] = [context.source.tree];
    const texts: Extract<Nodes, { type: 'text' }>[] = [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'text') texts.push(node);
      if (node.type === 'footnoteDefinition') {
        const place = context.nodePosition(node);
        const first = defined.get(node.identifier);
        if (first === undefined) defined.set(node.identifier, place.line);
        else context.report('footnote-duplicate', place, { label: node.label ?? node.identifier, first });
      }
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
    for (const text of texts) {
      for (const match of text.value.matchAll(undefinedReference)) {
        context.report('footnote-undefined', offsetPosition(text.value, match.index, context.nodePosition(text)), { label: match[1]! });
      }
    }
  },
);
