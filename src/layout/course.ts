import type { CourseOutcome } from '../model/course.js';
import type { Portfolio } from '../model/portfolio.js';
import { isSelf } from '../model/team.js';
import { categoryNames, kindLabel, labels } from '../model/vocabulary.js';
import { blocks, fieldText, gridLayout, placeOf, rowStyle, type Content, type Inline, type MarkdownLayoutContext } from './markdown.js';
import { setText } from './paragraph-lines.js';
import { fixedWidths } from './table-shape.js';
import { textSizes, textWidth } from './theme.js';
import { titleBlock } from './title-block.js';

/** A 課程學習成果: title block, then its sections in the order the student wrote them. */
export function courseContent(course: CourseOutcome, portfolio: Portfolio | undefined, context: MarkdownLayoutContext): Content[] {
  const category = `${course.category} ${categoryNames[course.category]}`;
  const field = (value: string | undefined, key: string): Inline[] => (value === undefined ? [{ text: '—' }] : fieldText(value, [key], context));
  const content = titleBlock(
    {
      kicker: `${kindLabel.course}・${category}`,
      title: fieldText(course.title, ['title'], context),
      outlineTitle: course.title,
      rows: [
        ['學年度／學期', [{ text: labels.yearTerm(course.year, course.term) }]],
        ['科目名稱', field(course.course, 'course')],
        ['學分數', [{ text: course.credits === undefined ? '—' : `${course.credits} 學分` }]],
        ['授課教師', field(course.teacher, 'teacher')],
        ['類別', [{ text: category }]],
        [labels.form, [{ text: course.team?.length ? labels.team(course.team.length) : labels.individual }]],
      ],
      summary: fieldText(course.summary, ['summary'], context),
    },
    context,
  );
  for (const section of course.sections) {
    if (section.heading) content.push(...blocks([section.heading], context));
    if (section.id === 'contribution' && course.team?.length) content.push(contributionTable(course, portfolio, context));
    content.push(...blocks(section.nodes, context));
  }
  return content;
}

/** The contribution table's columns: a name, the work (the rest of the width), a share. */
const contributionColumns = [88, '*', 48] as const;

/** 姓名 · 工作內容 · 貢獻度 from `team`, the student's own row highlighted. */
export function contributionTable(course: CourseOutcome, portfolio: Portfolio | undefined, context: MarkdownLayoutContext): Content {
  const { theme } = context;
  const widths = fixedWidths(contributionColumns, textWidth(theme));
  const cell = (text: Inline[], column: number, look: { style: string | undefined; bold?: boolean; fillColor?: string; alignment?: string }) =>
    setText(text, placeOf(context, { fontSize: textSizes(theme).table, width: widths[column]!, bold: look.bold }), look, { eachLine: { style: look.style } });
  const [name, work, share] = labels.contributionTable;
  const header = [name, work, share].map((text, c) => cell([{ text }], c, { style: rowStyle(0), bold: true, fillColor: theme.colors.shade }));
  const rows = (course.team ?? []).map((member, i) => {
    const self = isSelf(member, portfolio);
    const look = { style: rowStyle(i + 1), fillColor: self ? theme.colors.highlight : undefined };
    const memberName = fieldText(member.name, ['team', i, 'name'], context);
    return [
      cell(self ? [...memberName, { text: labels.self }] : memberName, 0, { ...look, bold: self }),
      cell(fieldText(member.work, ['team', i, 'work'], context), 1, look),
      cell([{ text: `${member.share}%` }], 2, { ...look, alignment: 'right', bold: self }),
    ];
  });
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, widths, body: [header, ...rows], dontBreakRows: true },
    layout: gridLayout(theme),
    style: 'table',
    margin: [0, 0, 0, 10],
  };
}
