import type { Performance } from '../model/performance.js';
import { categoryNames, kindLabel, labels } from '../model/vocabulary.js';
import { blocks, fieldText, figure, heading, placeOf, type Content, type Inline, type MarkdownLayoutContext } from './markdown.js';
import { setParagraph } from './paragraph-lines.js';
import { titleBlock } from './title-block.js';

/** A 多元表現: title block, the student's sections, then the 證明文件 (images here, PDF pages appended). */
export function performanceContent(item: Performance, context: MarkdownLayoutContext): Content[] {
  const category = `${item.category} ${categoryNames[item.category]}`;
  const field = (value: string | undefined, key: string): Inline[] => (value === undefined ? [{ text: '—' }] : fieldText(value, [key], context));
  const date = item.date ?? (item.start ? labels.dateRange(item.start, item.end ?? '') : undefined);
  const rows: [string, Inline[]][] = [
    ['類別', [{ text: category }]],
    ['日期', [{ text: date ?? '—' }]],
    ['主辦單位', field(item.organizer, 'organizer')],
    ['職務', field(item.role, 'role')],
  ];
  if (item.award !== undefined) rows.push(['獎項', field(item.award, 'award')]);
  if (item.hours !== undefined) rows.push(['時數', [{ text: labels.hours(item.hours) }]]);
  const content = titleBlock(
    {
      kicker: `${kindLabel.performance}・${category}`,
      title: fieldText(item.title, ['title'], context),
      outlineTitle: item.title,
      rows,
      summary: fieldText(item.summary, ['summary'], context),
    },
    context,
  );
  for (const section of item.sections) {
    if (section.heading) content.push(...blocks([section.heading], context));
    content.push(...blocks(section.nodes, context));
  }
  const evidence = (item.evidence ?? []).filter((path) => context.images.has(path) || context.appendedPdfs.includes(path));
  if (evidence.length) {
    content.push(heading([{ text: labels.evidence }], 'h2', context, { outline: true, outlineParentId: context.outlineParent }));
    evidence.forEach((path, i) => {
      const caption = item.evidenceCaptions[path] ?? labels.evidenceCaption(item.title, i + 1, evidence.length);
      const placed = context.images.get(path);
      if (placed) content.push(figure(placed, caption, context));
      else content.push(setParagraph([{ text: `${caption}（PDF，附於文末）`, color: context.theme.colors.muted }], placeOf(context), 'p'));
    });
  }
  return content;
}
