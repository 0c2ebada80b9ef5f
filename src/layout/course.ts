import type { CourseOutcome } from '../model/course.js';
import type { Portfolio } from '../model/portfolio.js';
import { isSelf } from '../model/team.js';
import { categoryNames, kindLabel, labels } from '../model/vocabulary.js';
import { blocks, fieldText, gridLayout, type Content, type Inline, type MarkdownLayoutContext } from './markdown.js';
import type { Theme } from './theme.js';
import { spaceHanLatin } from './typography.js';

/** A 課程學習成果: title block, then its sections in the order the student wrote them. */
export function courseContent(course: CourseOutcome, portfolio: Portfolio | undefined, context: MarkdownLayoutContext): Content[] {
  const content: Content[] = [...titleBlock(course, context.theme, context)];
  for (const section of course.sections) {
    if (section.heading) content.push(...blocks([section.heading], context));
    if (section.id === 'contribution' && course.team?.length) content.push(contributionTable(course, portfolio, context));
    content.push(...blocks(section.nodes, context));
  }
  return content;
}

function titleBlock(course: CourseOutcome, theme: Theme, context: MarkdownLayoutContext): Content[] {
  const category = `${course.category} ${categoryNames[course.category]}`;
  const form = course.team?.length ? labels.team(course.team.length) : labels.individual;
  const field = (value: string | undefined, key: string) => (value === undefined ? [{ text: '—' }] : fieldText(value, [key], context));
  const rows: [string, Inline[]][] = [
    ['學年度／學期', [{ text: labels.yearTerm(course.year, course.term) }]],
    ['科目名稱', field(course.course, 'course')],
    ['學分數', [{ text: course.credits === undefined ? '—' : `${course.credits} 學分` }]],
    ['授課教師', field(course.teacher, 'teacher')],
    ['類別', [{ text: category }]],
    [labels.form, [{ text: form }]],
  ];
  const cell = (value: Inline[]) => ({ text: value });
  const label = (value: string) => ({ text: value, style: 'label', fillColor: theme.colors.shade });
  const body: unknown[][] = [];
  for (let i = 0; i < rows.length; i += 2) {
    const [a, b] = [rows[i]!, rows[i + 1]!];
    body.push([label(a[0]), cell(a[1]), label(b[0]), cell(b[1])]);
  }
  const summary = fieldText(course.summary, ['summary'], context);
  return [
    { text: `${kindLabel.course}・${category}`, style: 'kicker' },
    { text: fieldText(course.title, ['title'], context), style: 'title', outline: true, outlineText: course.title, id: context.outlineParent, outlineExpanded: true },
    {
      table: { widths: [62, '*', 52, '*'], body },
      layout: gridLayout(theme),
      style: 'table',
      margin: [0, 8, 0, 8],
    },
    {
      table: { widths: ['*'], body: [[{ stack: [{ text: '簡述', style: 'label', fontSize: theme.fontSize - 1.5, margin: [0, 0, 0, 2] }, { text: summary, alignment: 'justify' }] }]] },
      layout: { hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 3 : 0), vLineColor: () => theme.colors.accent, fillColor: () => theme.colors.shade, paddingLeft: () => 10, paddingRight: () => 10, paddingTop: () => 7, paddingBottom: () => 7 },
      margin: [0, 0, 0, 6],
    },
  ];
}

/** 姓名 · 工作內容 · 貢獻度 from `team`, the student's own row highlighted. */
export function contributionTable(course: CourseOutcome, portfolio: Portfolio | undefined, context: MarkdownLayoutContext): Content {
  const { theme } = context;
  const [name, work, share] = labels.contributionTable;
  const header = [name, work, share].map((text) => ({ text, bold: true, fillColor: theme.colors.shade }));
  const rows = (course.team ?? []).map((member, i) => {
    const self = isSelf(member, portfolio);
    const fill = self ? theme.colors.highlight : undefined;
    const name = fieldText(member.name, ['team', i, 'name'], context);
    return [
      { text: self ? [...name, { text: labels.self }] : name, bold: self, fillColor: fill },
      { text: fieldText(member.work, ['team', i, 'work'], context), fillColor: fill },
      { text: `${member.share}%`, alignment: 'right', bold: self, fillColor: fill },
    ];
  });
  return { table: { headerRows: 1, widths: [88, '*', 48], body: [header, ...rows], dontBreakRows: true }, layout: gridLayout(theme), style: 'table', margin: [0, 0, 0, 10] };
}
