import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { build } from '../../src/build.js';
import { check } from '../../src/check.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { parsePdf } from '../helpers/pdf.js';

const courseWith = (text: string) => courseMarkdown(sections.replace('說明文字。', text));
const at = (diagnostics: { ruleId: string; line: number; column: number; severity: string }[], ...ruleIds: string[]) =>
  diagnostics.filter((d) => ruleIds.includes(d.ruleId)).map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`);

describe('script and style (issue 17: their contents printed as text)', () => {
  it('block and inline <script>/<style> are left out of the PDF, each with a warning at its tag', async () => {
    const body =
      '說明開始。\n\n<script>alert("SCRIPT-TEXT")</script>\n\n文字<style>p { color: STYLE-TEXT }</style>之後。\n\n<style>\nbody { STYLE-BLOCK }\n\n</style>\n\n說明結束。';
    const root = await makePortfolio({ 'courses/a.md': courseWith(body) });
    const { diagnostics } = await check(['.'], { cwd: root });
    expect(at(diagnostics, 'html-code-dropped')).toEqual([
      '14:1 warning html-code-dropped',
      '16:3 warning html-code-dropped',
      '18:1 warning html-code-dropped',
    ]);
    const built = await build(['.'], { cwd: root });
    expect(at(built.diagnostics, 'html-code-dropped')).toHaveLength(3);
    const text = (await parsePdf(await readFile(join(root, 'out', 'courses', 'a.pdf')))).pageTexts.join('\n');
    expect(text).toContain('說明開始。');
    expect(text).toContain('文字之後。');
    expect(text).toContain('說明結束。');
    expect(text).not.toMatch(/SCRIPT-TEXT|STYLE-TEXT|STYLE-BLOCK|alert/);
  });
});

describe('footnotes (issue 17: no diagnostic)', () => {
  it('an undefined footnote and a duplicate definition are warnings at their place; defined ones are not', async () => {
    const body = '有出處[^1]，也有忘了寫的[^missing]。\n\n[^1]: 第一個出處。\n[^1]: 重複的出處。';
    const root = await makePortfolio({ 'courses/a.md': courseWith(body) });
    const { diagnostics } = await check(['.'], { cwd: root });
    expect(at(diagnostics, 'footnote-undefined', 'footnote-duplicate')).toEqual(['12:15 warning footnote-undefined', '15:1 warning footnote-duplicate']);
  });
});

describe('found by the fuzz test', () => {
  it('a heading without text (`### ` or only an image) is typeset without a bookmark, not render-failed', async () => {
    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#4080c0' } })
      .png()
      .toBuffer();
    const root = await makePortfolio({ 'courses/a.md': courseWith('文字。\n\n### \n\n## ![圖](../media/a.png)\n\n之後。'), 'media/a.png': image });
    const built = await build(['.'], { cwd: root });
    expect(built.diagnostics.filter((d) => d.ruleId === 'render-failed')).toEqual([]);
    const text = (await parsePdf(await readFile(join(root, 'out', 'courses', 'a.pdf')))).pageTexts.join('\n');
    expect(text).toContain('之後。');
  });
});
