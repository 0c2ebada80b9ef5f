import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { rule } from '../rule.js';

export const nameColumn = /^(姓名|成員|組員|name|member)$/iu;
export const shareColumn = /^(貢獻度|貢獻比例|貢獻|比例|百分比|share|contribution)\s*(\(?[%％]\)?)?$/iu;

/**
 * A 個人貢獻度 table drawn by hand, without `團隊` in the front matter, is not the team: the PDF would say
 * 個人 beside it and nothing checks its shares. The student is told to move it into `團隊`.
 */
export const manualTeamTable = rule(['course'], { 'team-table-manual': 'warning' }, (context) => {
  if (context.document.team?.length) return;
  for (const node of context.document.body.children) {
    if (node.type !== 'table') continue;
    const header = (node as Table).children[0]?.children.map((cell) => toString(cell).trim()) ?? [];
    const share = header.findIndex((h) => shareColumn.test(h));
    if (share < 0 || !header.some((h) => nameColumn.test(h))) continue;
    const rows = (node as Table).children.slice(1);
    const sum = rows.reduce(
      (total, row) => total + (Number.parseFloat(toString(row.children[share] ?? { type: 'text', value: '' }).replace(/[%％]/, '')) || 0),
      0,
    );
    context.report('team-table-manual', context.nodePosition(node), { sum: Math.round(sum * 100) / 100 });
  }
});
