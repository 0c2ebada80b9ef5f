import type { Nodes } from 'mdast';
import { visit as visitYaml } from 'yaml';
import { rule } from '../rule.js';

/** The prompts licheng's templates leave for the student to replace. */
const prompt = /（請(改寫|填寫)[：:]?/u;

/** A template prompt still in the text would be printed in the PDF a professor reads. */
export const placeholders = rule(['course', 'performance', 'summary', 'statement'], (context) => {
  const visit = (node: Nodes) => {
    if ((node.type === 'text' || node.type === 'inlineCode') && prompt.test(node.value)) {
      context.report('warning', 'placeholder-left', context.nodePosition(node), { text: node.value.slice(node.value.search(prompt)).slice(0, 20) });
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(context.document.body);
  const frontMatter = context.source.frontMatter;
  if (!frontMatter) return;
  visitYaml(frontMatter.document, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && prompt.test(node.value) && node.range) {
        context.report('warning', 'placeholder-left', frontMatter.position(node.range[0]), { text: node.value.slice(0, 20) });
      }
    },
  });
});
