import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { fitRunningHeader } from '../src/layout/running-header.js';
import { parsePdf } from './helpers/pdf.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

// One point per character, so the arithmetic can be read off the strings.
const measure = (text: string) => [...text].length;

describe('the running header', () => {
  it('is left alone when student・school and the title fit side by side', () => {
    expect(fitRunningHeader('林語彤・示範高中', '以 Arduino 打造的智慧澆花系統', 100, measure)).toEqual(['林語彤・示範高中', '以 Arduino 打造的智慧澆花系統']);
  });

  it('shortens a long title with … and keeps the student and school whole', () => {
    const [left, right] = fitRunningHeader('林語彤・示範高中', '長'.repeat(80), 80, measure);
    expect(left).toBe('林語彤・示範高中');
    expect(right).toBe(`${'長'.repeat(59)}…`);
    expect(measure(left) + measure(right)).toBeLessThanOrEqual(80 - 12);
  });

  it('gives the title at most 60 % of the line when both are long', () => {
    const [left, right] = fitRunningHeader('校'.repeat(80), '題'.repeat(80), 112, measure);
    expect(right).toBe(`${'題'.repeat(59)}…`);
    expect(left).toBe(`${'校'.repeat(39)}…`);
  });

  it('stays inside the margins in the PDF', async () => {
    const title = '一個非常非常長的成果名稱用來測試標題區塊在版面上的換行與對齊是否正常而且不會超出頁面邊界的情況';
    const root = await makePortfolio({ 'courses/long.md': courseMarkdown(sections, { 成果名稱: title }) });
    await writeFile(join(root, 'portfolio.yaml'), '學生: 林語彤\n學校: 臺北市立示範高級工業職業學校附設進修部\n');
    await build([root]);
    const pdf = await parsePdf(await readFile(join(root, 'out', 'courses', 'long.pdf')));
    // The header's two texts: small print that is not blank (pdf.js adds a run for the gap) nor the footer.
    const header = pdf.runs[0]!.filter((r) => r.size < 9 && r.text.trim() !== '' && !r.text.startsWith('第 '));
    expect(header).toHaveLength(2);
    expect(header.map((r) => r.text).join('')).toContain('…');
    // A4 is 595.3 pt wide and the margins are 56 pt.
    for (const run of header) expect(run.x + run.width).toBeLessThanOrEqual(595.3 - 56 + 0.5);
    const [left, right] = header;
    expect(left!.x + left!.width).toBeLessThan(right!.x);
  });
});
