import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { loadFont } from '../src/infra/fonts.js';
import { setRuns } from '../src/layout/set-paragraph-memo.js';
import { bundledFonts, textWidth, themes } from '../src/layout/theme.js';
import type { GlyphFont } from '../src/typeset/metrics.js';
import type { SetParagraph } from '../src/typeset/paragraph.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';
import { parsePdf } from './helpers/pdf.js';

const regular = loadFont(bundledFonts.sans.regular) as unknown as GlyphFont;
const bold = loadFont(bundledFonts.sans.bold) as unknown as GlyphFont;
const size = themes.sans.fontSize;
const width = textWidth(themes.sans);
const text = '學習歷程檔案讓老師看見我們在課堂之外的努力與成長，並且用 Python 記錄每一次實驗的過程。'.repeat(3);
const lineTexts = (set: SetParagraph) => set.lines.map((line) => line.map((piece) => piece.text).join(''));

describe('set paragraphs kept across renders', () => {
  it('sets a paragraph once while it is in use, and again once 2,000 others came after it', () => {
    const first = setRuns([{ text, font: regular, size }], width, { justify: true });
    expect(setRuns([{ text, font: regular, size }], width, { justify: true })).toBe(first);
    for (let i = 0; i < 2_000; i++) setRuns([{ text: `第 ${i} 段`, font: regular, size }], width, { justify: true });
    const again = setRuns([{ text, font: regular, size }], width, { justify: true });
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('sets anew what changes the lines: width, size, face, justification, a run boundary', () => {
    const base = setRuns([{ text, font: regular, size }], width, { justify: true });
    const narrow = setRuns([{ text, font: regular, size }], width / 2, { justify: true });
    expect(narrow.lines.length).toBeGreaterThan(base.lines.length);
    expect(setRuns([{ text, font: regular, size: size * 1.5 }], width, { justify: true }).lines.length).toBeGreaterThan(base.lines.length);
    expect(setRuns([{ text, font: bold, size }], width, { justify: true })).not.toBe(base);
    const ragged = setRuns([{ text, font: regular, size }], width, { justify: false });
    expect(ragged.lines.flat().every((piece) => piece.characterSpacing === 0)).toBe(true);
    expect(base.lines.flat().some((piece) => piece.characterSpacing !== 0)).toBe(true);
    const split = setRuns(
      [
        { text: text.slice(0, 10), font: regular, size },
        { text: text.slice(10), font: regular, size },
      ],
      width,
      { justify: true },
    );
    expect(lineTexts(split)).toEqual(lineTexts(base));
    expect([...new Set(split.lines[0]!.map((piece) => piece.run))]).toEqual([0, 1]);
  });

  it('gives a changed paragraph changed lines in the PDF, and an unchanged document the same bytes', async () => {
    const body = (word: string) => sections.replace('說明文字。', `${text}${word}${text}`);
    const root = await makePortfolio({ 'courses/doc.md': courseMarkdown(body('溫度計')) });
    const file = join(root, 'courses', 'doc.md');
    const pdf = join(root, 'out', 'courses', 'doc.pdf');
    const typeset = async () => {
      const result = await build([root]);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return readFile(pdf);
    };
    const first = await typeset();
    expect(await typeset()).toEqual(first);
    await writeFile(file, courseMarkdown(body('濕度計')));
    const changed = await typeset();
    const drawn = (await parsePdf(changed)).pageTexts.join('\n').replace(/\s/g, '');
    expect(drawn).toContain('濕度計');
    expect(drawn).not.toContain('溫度計');
    await writeFile(file, courseMarkdown(body('溫度計')));
    expect(await typeset()).toEqual(first);
  });
});
