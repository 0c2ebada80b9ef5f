import { describe, expect, it } from 'vitest';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { bundledFonts } from '../src/layout/theme.js';
import { parsePdf } from './helpers/pdf.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

describe('themes and fonts', () => {
  it('typesets the body in Noto Serif TC with 主題: serif, headings staying sans', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    await writeFile(join(root, 'portfolio.yaml'), '學生: 林語彤\n預設:\n  主題: serif\n');
    const { diagnostics } = await build([root]);
    expect(diagnostics).toEqual([]);
    const pdf = await parsePdf(await readFile(join(root, 'out', 'courses', 'a.pdf')));
    expect(pdf.fonts.map((f) => f.split('+')[1]).sort()).toEqual(['NotoSansTC-Bold', 'NotoSerifTC-Bold', 'NotoSerifTC-Regular']);
  });

  it('uses a school’s own font named in portfolio.yaml, relative to it', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    await copyFile(bundledFonts.serif.regular, join(root, 'school-kai.ttf'));
    await writeFile(join(root, 'portfolio.yaml'), '學生: 林語彤\n預設:\n  字型:\n    一般: school-kai.ttf\n');
    const { diagnostics } = await build([root]);
    expect(diagnostics).toEqual([]);
    const pdf = await parsePdf(await readFile(join(root, 'out', 'courses', 'a.pdf')));
    expect(pdf.fonts.some((f) => f.endsWith('+NotoSerifTC-Regular'))).toBe(true);
    expect(pdf.pageTexts.join('')).toContain('心得與反思');
  });

  it('reports a font file that is not a font at the 字型 key, and falls back to the theme', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections), 'fonts/kai.ttf': 'not a font' });
    await writeFile(join(root, 'portfolio.yaml'), '學生: 林語彤\n預設:\n  字型:\n    一般: fonts/kai.ttf\n');
    const { diagnostics, portfolios } = await build([root], { cwd: root });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual(['portfolio.yaml:3:3 font-unreadable']);
    expect(portfolios[0]!.documents[0]!.pdf).toBeDefined();
  });
});
