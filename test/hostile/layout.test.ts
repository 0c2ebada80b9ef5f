import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ParsedPdf } from '../helpers/pdf.js';
import { inputLimits } from '../../src/limits.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { allText, typeset } from './layout-typeset.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');

/** A4 is 595.3 pt wide; the text area ends 56 pt from its right edge. */
const rightMargin = 595.3 - 56;
const insideMargins = (pdf: ParsedPdf) =>
  pdf.runs
    .flat()
    .filter((r) => r.text.trim() !== '')
    .every((r) => r.x >= 56 - 0.5 && r.x + r.width <= rightMargin + 0.5);

describe('hostile layout: nothing is dropped', () => {
  // As deep as the input limits let a document nest (deeper is nesting-too-deep, never typeset).
  const deepest = inputLimits.nestingMaxDepth;

  it('sets every item of a list nested as deep as a document may, inside the margins', async () => {
    const list = Array.from({ length: deepest }, (_, i) => `${'  '.repeat(i)}- 第${i + 1}層項目`).join('\n');
    const { pdf } = await typeset(list);
    const text = allText(pdf);
    for (let i = 1; i <= deepest; i++) expect(text, `item ${i}`).toContain(`第${i}層項目`);
    expect(insideMargins(pdf)).toBe(true);
  });

  it('prints nothing but its own report for lists and quotes nested in each other', async () => {
    const levels = `- 清單\n\n  ${'> '.repeat(12)}十二層的引用`;
    const root = await makePortfolio({ 'courses/doc.md': courseMarkdown(sections.replace('說明文字。', levels)) });
    const run = spawnSync(process.execPath, [cli, 'build', root], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    // Node warned of a listener leak once pdfmake's writer held eleven (one per table, row and list it is in).
    expect(run.stderr).not.toMatch(/MaxListeners|Warning/);
  });

  it('sets every paragraph of block quotes nested as deep as a document may', async () => {
    const quotes = Array.from({ length: deepest }, (_, i) => `${'> '.repeat(i + 1)}第${i + 1}層引用\n${'>'.repeat(i + 1)}`).join('\n');
    const { pdf } = await typeset(quotes);
    const text = allText(pdf);
    for (let i = 1; i <= deepest; i++) expect(text, `quote ${i}`).toContain(`第${i}層引用`);
    expect(insideMargins(pdf)).toBe(true);
  });

  it('breaks a table cell longer than a page across pages instead of dropping it', async () => {
    const cell = Array.from({ length: 150 }, (_, i) => `第${i + 1}句長長的儲存格內容。`).join('');
    const { pdf } = await typeset(`| 項目 | 說明 |\n| --- | --- |\n| 長格 | ${cell} |\n| 下一列 | 還在 |\n`);
    // Set cell by cell, the header row repeated on the next page interrupts the sentence that breaks
    // there (wherever the column widths put that break): it is taken out before counting.
    const text = allText(pdf).replace(/項目說明/g, '');
    expect(text.match(/長長的儲存格內容/g)).toHaveLength(150);
    expect(text).toContain('第150句長長的儲存格內容。');
    expect(text).toContain('還在');
    // The course's own text comes after the table, not pushed off by a heading left alone on page 1.
    expect(pdf.pageTexts[0]).toContain('課程說明');
  });

  it('narrows the columns of a table wider than the page so that every column is on it', async () => {
    const columns = Array.from({ length: 12 }, (_, i) => i + 1);
    const table = [
      `| ${columns.map((c) => `Measurement${c}`).join(' | ')} |`,
      `|${columns.map(() => ' --- ').join('|')}|`,
      `| ${columns.map((c) => `值${c}`).join(' | ')} |`,
    ].join('\n');
    const { pdf } = await typeset(table);
    const text = allText(pdf);
    for (const c of columns) expect(text, `column ${c}`).toContain(`值${c}`);
    for (const c of columns) expect(text, `header ${c}`).toContain(`Measurement${c}`);
    expect(insideMargins(pdf)).toBe(true);
  });

  it('fits a wide table set inside a list three levels deep', async () => {
    const columns = Array.from({ length: 8 }, (_, i) => i + 1);
    const table = [
      `| ${columns.map((c) => `Measurement${c}`).join(' | ')} |`,
      `|${columns.map(() => ' --- ').join('|')}|`,
      `| ${columns.map((c) => `值${c}`).join(' | ')} |`,
    ];
    const indent = '      ';
    const { pdf } = await typeset(['- 一', '  - 二', '    - 三', '', ...table.map((row) => indent + row)].join('\n'));
    const text = allText(pdf);
    for (const c of columns) expect(text, `column ${c}`).toContain(`值${c}`);
    expect(insideMargins(pdf)).toBe(true);
  });

  it('wraps a 3,000-character line in a code block and a block quote instead of running off the page', async () => {
    const word = Array.from({ length: 3000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[(i * 7) % 36]).join('');
    const { pdf } = await typeset(`\`\`\`\n${word}\n\`\`\`\n\n> ${word.toUpperCase()}`);
    const text = allText(pdf);
    expect(text).toContain(word);
    expect(text).toContain(word.toUpperCase());
    expect(insideMargins(pdf)).toBe(true);
  });
});

describe('hostile layout: headings', () => {
  it('lets a run of headings flow on from page to page', async () => {
    const headings = (n: number) => Array.from({ length: n }, (_, i) => `## 標題${i + 1}`).join('\n\n');
    const twenty = await typeset(headings(20));
    expect(twenty.pdf.pages).toBe(2);
    const sixty = await typeset(headings(60));
    expect(sixty.pdf.pages).toBeLessThanOrEqual(4);
    const text = allText(sixty.pdf);
    for (let i = 1; i <= 60; i++) expect(text).toContain(`標題${i}`);
  });

  it('still keeps a heading at the foot of a page with the paragraph it introduces', async () => {
    // 19 short paragraphs after the title block leave room on page 1 for the heading but not its paragraph.
    const filler = Array.from({ length: 19 }, (_, i) => `第${i + 1}段。`).join('\n\n');
    const { pdf } = await typeset(`${filler}\n\n## 結尾標題\n\n結尾段落。`);
    const page = pdf.pageTexts.findIndex((t) => t.includes('結尾標題'));
    expect(page).toBe(1);
    expect(pdf.pageTexts[page]).toContain('結尾段落');
  });
});

describe('hostile layout: blocks that may not break', () => {
  it('sets a figure whose caption is longer than a page on as many pages as it takes', async () => {
    const photo = await sharp({ create: { width: 800, height: 1000, channels: 3, background: '#88aacc' } })
      .png()
      .toBuffer();
    const caption = Array.from({ length: 150 }, (_, i) => `第${i + 1}句很長的圖說。`).join('');
    const { pdf } = await typeset(`![${caption}](../media/photo.png)`, {}, { 'media/photo.png': photo });
    const text = allText(pdf);
    expect(text.match(/很長的圖說/g)).toHaveLength(150);
    expect(text).toContain('第150句很長的圖說。');
  });

  it('sets a heading longer than half a page and the figure after it', async () => {
    const photo = await sharp({ create: { width: 800, height: 1000, channels: 3, background: '#88aacc' } })
      .png()
      .toBuffer();
    const heading = Array.from({ length: 100 }, (_, i) => `第${i + 1}段標題文字。`).join('');
    const { pdf } = await typeset(`說明。\n\n## ${heading}\n\n![短圖說](../media/photo.png)`, {}, { 'media/photo.png': photo });
    const text = allText(pdf);
    expect(text).toContain('第100段標題文字。');
    expect(text).toContain('短圖說');
  });
});
