import type { Statement, SummaryEssay } from '../model/essay.js';
import { categoryNames } from '../model/vocabulary.js';
import { blocks, fieldText, type Content, type MarkdownLayoutContext } from './markdown.js';
import { titleBlock } from './title-block.js';

/** D-1 多元表現綜整心得 and D-2 學習歷程自述: a title, then the essay as written. */
export function essayContent(essay: SummaryEssay | Statement, targetLabel: string | undefined, context: MarkdownLayoutContext): Content[] {
  const code = essay.kind === 'summary' ? 'D-1' : 'D-2';
  const title = essay.title ? fieldText(essay.title, ['title'], context) : [{ text: categoryNames[code] }];
  const rows: [string, { text: string }[]][] = targetLabel ? [['報考校系', [{ text: targetLabel }]]] : [];
  const content = titleBlock({ kicker: `${code} ${categoryNames[code]}`, title, outlineTitle: essay.title || categoryNames[code], rows }, context);
  for (const section of essay.sections) {
    if (section.heading) content.push(...blocks([section.heading], context));
    content.push(...blocks(section.nodes, context));
  }
  return content;
}
