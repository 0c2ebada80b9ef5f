import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/emit/pdf-engine.js';
import { fontkitFont, registerFamily } from '../../src/infra/fonts.js';
import { setText } from '../../src/layout/paragraph-lines.js';
import type { GlyphFont } from '../../src/typeset/metrics.js';
import { documentDefinition } from '../../src/layout/document.js';
import { themes } from '../../src/layout/theme.js';
import { cpuSeconds } from '../helpers/measure.js';
import { parsePdf } from '../helpers/pdf.js';
import { inputLimits } from '../../src/limits.js';
import { allText, typeset } from './layout-typeset.js';

registerFamily(themes.sans.font);

// Budgets, in processor seconds (which a loaded machine does not stretch as it does the wall
// clock), are about five times what these take; before typesetting was linear, each took minutes.
describe('hostile layout: linear in the size of the input', () => {
  it('sets a document as long as the input limits allow in seconds: sections, lists, tables, a run of headings, a paragraph without spaces', async () => {
    const sentence = '我們把感測器接上 Arduino，讀值在 380 到 520 之間跳動，於是查資料手冊、做校正、再量一次。';
    const section = (i: number) => `## 第${i}節\n\n${sentence.repeat(9)}\n\n- 要點${i}甲\n- 要點${i}乙\n\n| 次數 | 讀值 |\n| --- | --- |\n| ${i} | ${i * 7} |`;
    const contents = Array.from({ length: 60 }, (_, i) => `### 目次${i + 1}`).join('\n\n');
    const word = Array.from({ length: 2000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[(i * 7) % 36]).join('');
    const body = [contents, word, ...Array.from({ length: 85 }, (_, i) => section(i + 1))].join('\n\n');
    expect(body.length).toBeGreaterThan(inputLimits.bodyMaxChars * 0.9);
    expect(body.length).toBeLessThan(inputLimits.bodyMaxChars);
    const { pdf, seconds } = await typeset(body);
    expect(seconds).toBeLessThan(40);
    // About 37 pages of sections, 2 of headings: not one page per heading.
    expect(pdf.pages).toBeLessThan(45);
    const text = allText(pdf);
    expect(text).toContain(word);
    for (let i = 1; i <= 60; i++) expect(text, `heading ${i}`).toContain(`目次${i}`);
    for (let i = 1; i <= 85; i++) expect(text, `section ${i}`).toContain(`要點${i}乙`);
  });

  it('sets 1,000 headings in a row in seconds, on as many pages as they fill', async () => {
    const { pdf, seconds } = await typeset(Array.from({ length: 1000 }, (_, i) => `### 標題${i + 1}`).join('\n\n'));
    expect(seconds).toBeLessThan(30);
    // About 30 such headings fill a page.
    expect(pdf.pages).toBeLessThan(45);
    const text = allText(pdf);
    for (let i = 1; i <= 1000; i += 37) expect(text).toContain(`標題${i}`);
  });

  it('sets a table of 200 rows and 15 columns in seconds, every cell inside the margins', async () => {
    const columns = Array.from({ length: 15 }, (_, c) => c + 1);
    const rows = Array.from({ length: 200 }, (_, r) => `| ${columns.map((c) => `r${r + 1}c${c}`).join(' | ')} |`);
    const { pdf, seconds } = await typeset(
      [`| ${columns.map((c) => `欄${c}`).join(' | ')} |`, `|${columns.map(() => ' --- ').join('|')}|`, ...rows].join('\n'),
    );
    expect(seconds).toBeLessThan(30);
    const text = allText(pdf);
    for (const r of [1, 57, 133, 200]) for (const c of columns) expect(text).toContain(`r${r}c${c}`);
    expect(pdf.runs.flat().every((run) => run.x + run.width <= 595.3 - 56 + 0.5)).toBe(true);
  });

  it('cuts a 50,000-character word in a table cell into lines in seconds (pdfmake measured it whole for every line)', async () => {
    // Longer than a document may hold (the input limits): the cell is made as layout makes one.
    const word = 'x'.repeat(50_000);
    const place = { font: (bold: boolean) => fontkitFont(themes.sans.font.name, bold) as unknown as GlyphFont, fontSize: 9.5, width: 200 };
    const definition = documentDefinition(themes.sans, { title: 't', author: '', subject: '', headerLeft: '', headerRight: '', date: new Date(0) }, [
      { table: { widths: [200], body: [[setText([{ text: word }], place, {})]] }, style: 'table' },
    ]);
    const { value: pdf, seconds } = await cpuSeconds(async () => parsePdf(await renderPdf(definition)));
    expect(seconds).toBeLessThan(25);
    expect(pdf.pageTexts.join('').match(/x/g)).toHaveLength(50_000);
  });

  it('sets a run of 2,000 opening brackets on full lines, not one a line', async () => {
    // 「 is no Markdown mark; `[` is, and a paragraph holds at most inputLimits.paragraphMaxMarks of them.
    const { pdf } = await typeset('「'.repeat(1900) + '['.repeat(100));
    // No line may end in an opening bracket, and nothing else was there to end one: 45 pages of one character each.
    expect(pdf.pages).toBeLessThanOrEqual(2);
    expect(allText(pdf).match(/「/g)).toHaveLength(1900);
    expect(allText(pdf).match(/\[/g)).toHaveLength(100);
  });

  it('writes a 2,000-character URL once, not once per piece it is set in', async () => {
    const url = `https://example.com/${'data/'.repeat(396)}`;
    const { pdf, bytes } = await typeset(url);
    // Each of its ~20 lines on the page is a link; before, each carried the whole address (1.2 MB).
    expect(bytes).toBeLessThan(300_000);
    expect(pdf.links.length).toBeGreaterThan(15);
    expect(new Set(pdf.links)).toEqual(new Set([url]));
    expect(allText(pdf)).toContain(url);
  });

  it('shortens a 20,000-character title for the running header at once', async () => {
    const { value: definition, seconds } = await cpuSeconds(() =>
      documentDefinition(
        themes.sans,
        { title: 't', author: '', subject: '', headerLeft: '林語彤・示範高中', headerRight: '長'.repeat(20_000), date: new Date(0) },
        [],
      ),
    );
    expect(seconds).toBeLessThan(2);
    const header = (definition.header as () => { stack: { columns: { text: { text: string }[] }[] }[] })();
    expect(header.stack[0]!.columns[1]!.text.map((piece) => piece.text).join('')).toMatch(/^長+…$/);
  });
});
