import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { parsePdf, type ParsedPdf, type TextRun } from '../helpers/pdf.js';
import { drawn, type DrawnCircle, type DrawnText } from './drawn-text.js';
import { buildReferences } from './reference-documents.js';
import { checklistMarkdown } from '../../src/pack/checklist.js';
import { parseMarkdown } from '../../src/read/read-source.js';
import { tableShape } from '../../src/layout/table-shape.js';
import { textWidth, themes } from '../../src/layout/theme.js';
import { registerFamily } from '../../src/infra/fonts.js';
import type { Table } from 'mdast';

const width = textWidth(themes.sans);
const right = (run: TextRun) => run.x + run.width;
let tables: ParsedPdf;
let code: ParsedPdf;
let codeDrawn: DrawnText[];
let codeCircles: DrawnCircle[];
let output: string;

beforeAll(async () => {
  const built = await buildReferences();
  output = built.output;
  tables = await parsePdf(await readFile(built.pdfs.tables));
  const codeData = await readFile(built.pdfs['code-notes']);
  code = await parsePdf(codeData);
  ({ texts: codeDrawn, circles: codeCircles } = await drawn(codeData));
});

/** The first run on page 1 whose text is exactly `text`. */
const run = (pdf: ParsedPdf, text: string, page = 0): TextRun => {
  const found = pdf.runs[page]!.find((r) => r.text.trim() === text);
  if (!found) throw new Error(`no run "${text}" on page ${page + 1}: ${pdf.runs[page]!.map((r) => r.text).join('|')}`);
  return found;
};

describe('tables', () => {
  it('size columns from their content: short columns stay compact, the reading column takes no more than it needs', () => {
    const label = run(tables, '校正條件');
    const widestLabel = run(tables, '盆栽（澆水前）');
    const reading = run(tables, '521');
    // The reading column runs from the label column's end to its right-aligned numbers.
    expect((right(reading) - right(widestLabel)) / width).toBeLessThan(0.3);
    expect((right(run(tables, '100%')) - label.x) / width).toBeLessThan(0.6);
  });

  it('right-align columns of amounts, whose left edges then differ', () => {
    const cells = ['0%', '100%', '40%', '73%'].map((t) => run(tables, t));
    for (const cell of cells) expect(right(cell)).toBeCloseTo(right(cells[0]!), 0);
    expect(new Set(cells.map((c) => Math.round(c.x))).size).toBeGreaterThan(1);
    expect(right(run(tables, 'NT$ 350'))).toBeCloseTo(right(run(tables, 'NT$ 60')), 0);
  });

  it('wrap a long cell inside the page instead of widening its column', () => {
    const lines = tables.lines[0]!.map((l) => l.text);
    expect(lines.some((l) => l.includes('相容板') && !l.includes('麵包板使用'))).toBe(true);
    expect(Math.max(...tables.runs[0]!.map(right))).toBeLessThanOrEqual(595.28 - 56 + 0.5);
  });

  it('repeat the header row on every page a table breaks onto', () => {
    expect(tables.pages).toBeGreaterThanOrEqual(3);
    for (const page of [1, 2]) {
      const lines = tables.lines[page]!.map((l) => l.text);
      // Copied text as well as the picture: each header cell once.
      const header = lines.findIndex((l) => l.replace(/\s/g, '') === '量測讀值濕度備註');
      const firstRow = lines.findIndex((l) => /^第 \d+ 次/.test(l));
      expect(header, `page ${page + 1}`).toBeGreaterThanOrEqual(0);
      expect(header).toBeLessThan(firstRow);
    }
  });

  it('give the checklist a compact 上限 column', () => {
    registerFamily(themes.sans.font);
    const markdown = checklistMarkdown({
      counts: [
        { code: 'B-1', count: 3, cap: 6 },
        { code: 'B-2', count: 1, cap: 6, min: 1 },
        { code: 'C', count: 0 },
      ],
      items: [],
      categoryFiles: [{ name: '112-B-課程學習成果.pdf', bytes: 2_400_000, pages: 6 }],
      warnings: [],
    });
    const table = parseMarkdown(markdown, '/x/checklist.md', 'checklist.md').source.tree.children.find((n) => n.type === 'table') as Table;
    const { widths } = tableShape(table, themes.sans);
    expect(widths[2]! / width).toBeLessThan(0.3);
    expect(widths.reduce((a, b) => a + b, 0) / width).toBeLessThan(0.6);
  });
});

describe('code, emoji, emphasis and notes', () => {
  const fontOf = (text: string) => codeDrawn.find((t) => t.text.includes(text))?.font ?? `no text ${text}`;

  it('set code, inline and in blocks, in the mono face for Latin and the CJK face for Han', () => {
    expect(fontOf('pump_on()')).toMatch(/\+NotoSansMono-Regular$/);
    expect(fontOf('const int LOW = 45, HIGH = 60;')).toMatch(/\+NotoSansMono-Regular$/);
    expect(fontOf('濕度低於')).toMatch(/\+NotoSansTC-Regular$/);
    expect(codeDrawn.map((t) => t.text)).toContain('  int moisture = readMoisture(A0);');
  });

  it('draw emoji from the emoji face, without a code point or a missing-glyph warning', () => {
    expect(fontOf('😀')).toMatch(/\+NotoEmoji-Regular$/);
    expect(fontOf('🎉')).toMatch(/\+NotoEmoji-Regular$/);
    expect(code.pageTexts.join('')).not.toContain('[U+');
    expect(output).not.toContain('glyph-missing');
  });

  it('set emphasis in the text colour, never the link colour: Latin slanted, Han upright', () => {
    const of = (text: string) => codeDrawn.find((t) => t.text.includes(text))!;
    expect(of('這一句是強調').color).toBe(of('我們').color);
    expect(of('emphasis').color).toBe(of('我們').color);
    expect(of('學').color).not.toBe(of('這一句是強調').color);
    expect(of('emphasis').slanted).toBe(true);
    expect(of('this').slanted).toBe(true);
    expect(of('這一句是強調').slanted).toBe(false);
    expect(of('我們').slanted).toBe(false);
  });

  it('put a dot under each emphasised Han character (著重號), on one line, a character apart', () => {
    const dots = codeCircles.filter((c) => c.page === 1).sort((a, b) => a.x - b.x);
    expect(dots).toHaveLength([...'這一句是強調'].length);
    for (const dot of dots) expect(dot.y).toBeCloseTo(dots[0]!.y, 1);
    for (let i = 1; i < dots.length; i++) expect(dots[i]!.x - dots[i - 1]!.x).toBeGreaterThanOrEqual(10.5 - 0.01);
  });

  it('raise note numbers against their word and set the notes, numbered, after the last block', () => {
    const body = run(code, '是連結。感測器需要校正').size;
    const markers = code.runs[0]!.filter((r) => /^[12]$/.test(r.text.trim()));
    expect(markers.length).toBeGreaterThanOrEqual(4);
    expect(Math.min(...markers.map((m) => m.size))).toBeLessThan(body * 0.8);
    const text = code.pageTexts.join('\n');
    expect(text).not.toMatch(/\[(1|2|calibrate)\]/);
    const lines = code.lines.flat().map((l) => l.text);
    const reflection = lines.findIndex((l) => l.startsWith('經歷了三週的實驗'));
    const first = lines.findIndex((l) => /^1\s*兩點校正/.test(l));
    const second = lines.findIndex((l) => /^2\s*陳志明老師/.test(l));
    expect(reflection).toBeGreaterThanOrEqual(0);
    expect(first).toBeGreaterThan(reflection);
    expect(second).toBeGreaterThan(first);
  });
});
