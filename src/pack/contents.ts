import { renderGenerated } from '../emit/render-generated.js';
import { stampPages } from '../emit/page-stamps.js';
import { typesetPageCount } from '../emit/render-document.js';
import { pdfPageCount } from '../emit/append-pdf.js';
import type { Inline } from '../layout/markdown.js';
import type { Theme } from '../layout/theme.js';
import type { LoadedTarget } from '../model/load-target.js';
import type { Portfolio } from '../model/portfolio.js';
import type { Target } from '../model/target.js';
import { labels } from '../model/vocabulary.js';
import { mergePdfs, partLink, type MergePart } from './merge-pdfs.js';

export interface CategoryFile {
  /** `B-1`, `D-3`: the file's name without .pdf. */
  file: string;
  /** The category's name, for the title. */
  name: string;
  parts: readonly MergePart[];
}

export interface Whose {
  target: LoadedTarget & { target: Target };
  portfolio: Portfolio | undefined;
  theme: Theme;
  root: string;
  date: Date;
}

/**
 * Several items as one upload file: a contents page naming whose file this is and for which
 * department, then each item from a new page. Each item keeps its own footer (第 1 頁／共 3 頁,
 * as in its single-item PDF), so every page also gets the page of the whole file at its foot's
 * right (全檔第 5 頁／共 8 頁): the number the contents gives, and the one a PDF viewer shows.
 */
export async function mergeWithContents(category: CategoryFile, whose: Whose): Promise<{ data: Buffer; pages: number }> {
  const counts = await Promise.all(category.parts.map((p) => p.pages ?? pdfPageCount(p.data)));
  const title = `${category.file} ${category.name}`.trim();
  // The contents is one page unless a category holds dozens of items; typeset again if not.
  let front = await contentsPage(title, category.parts, counts, 1, whose);
  const frontPages = typesetPageCount(front);
  if (frontPages !== 1) front = await contentsPage(title, category.parts, counts, frontPages, whose);
  const total = frontPages + counts.reduce((a, b) => a + b, 0);
  const stamps = await wholeFileStamps(whose.theme, total, whose.date);
  const { target } = whose.target;
  return mergePdfs(category.parts, {
    title,
    author: whose.portfolio?.student ?? '',
    subject: `${target.school} ${target.department}`,
    date: whose.date,
    front,
    stamps,
  });
}

/** For each page of a merged file, its page in the whole file: 全檔第 5 頁／共 8 頁. */
export function wholeFileStamps(theme: Theme, total: number, date: Date): Promise<Buffer> {
  return stampPages(
    theme,
    Array.from({ length: total }, (_, i) => `全檔${labels.page(i + 1, total)}`),
    date,
  );
}

function contentsPage(title: string, parts: readonly MergePart[], counts: readonly number[], frontPages: number, whose: Whose): Promise<Buffer> {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/[[\]]/g, '\\$&');
  let first = frontPages + 1;
  const rows = parts.map((p, i) => {
    const last = first + counts[i]! - 1;
    const row = `| ${i + 1} | [${cell(p.title)}](${partLink(i + 1)}) | ${first === last ? first : `${first}–${last}`} | ${counts[i]} |`;
    first = last + 1;
    return row;
  });
  const markdown = [
    '| # | 項目 | 全檔頁次 | 頁數 |',
    '| ---: | --- | ---: | ---: |',
    ...rows,
    '',
    '頁次是本檔的頁碼，印在每頁頁尾右側（全檔第 N 頁）；頁尾中央的「第 N 頁／共 M 頁」是各項目自己的頁碼。點選項目名稱可跳到該項目。',
    '',
  ].join('\n');
  const { target } = whose.target;
  const portfolio = whose.portfolio;
  const facts: [string, Inline[]][] = [
    ['學生', portfolio?.student ?? ''],
    ['科別班級', [portfolio?.department, portfolio?.class].filter(Boolean).join(' ')],
    ['就讀學校', portfolio?.school ?? ''],
    ['報考校系', `${target.school} ${target.department}`],
    ['招生管道', `${target.admissionYear} 學年度 ${target.channel}`],
  ].map(([label, text]) => [label!, [{ text: text! }]]);
  return renderGenerated(
    {
      markdown,
      path: whose.target.path,
      displayPath: whose.target.displayPath,
      kicker: '目錄',
      title,
      rows: facts,
      subject: title,
      date: whose.date,
      pageNumbers: false,
    },
    portfolio,
    whose.theme,
    whose.root,
  ).then((r) => r.data);
}
