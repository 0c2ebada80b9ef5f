import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { build } from '../src/build.js';
import { contentDeflate } from '../src/emit/patches/behaviour/pdfkit-content-deflate.js';
import { enablePatches } from '../src/emit/patches/registry.js';
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

/** Each deflated stream of a PDF as pdfkit wrote it: its deflated length and its inflated bytes. */
function streams(pdf: Buffer): { deflated: number; bytes: Buffer }[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/Length (\d+)\n\/Filter \/FlateDecode\n>>\nstream\n/g)].map((head) => {
    const start = head.index + head[0].length;
    const deflated = Number(head[1]);
    return { deflated, bytes: inflateSync(pdf.subarray(start, start + deflated)) };
  });
}

describe('content streams deflated faster', () => {
  it('holds the very same operators and pixels, a little larger', async () => {
    const root = await makePortfolio({ 'courses/doc.md': courseMarkdown(sections.replace('說明文字。', text.repeat(6))) });
    const typeset = async (dir: string) => {
      const result = await build([root], { outDir: join(root, 'out', dir) });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return join(root, 'out', dir, 'courses', 'doc.pdf');
    };
    enablePatches((patch) => patch !== contentDeflate);
    let zlibs: string;
    try {
      zlibs = await typeset('default');
    } finally {
      enablePatches(() => true);
    }
    const ours = await typeset('fast');
    const [before, after] = [streams(await readFile(zlibs)), streams(await readFile(ours))];
    expect(after.map((s) => s.bytes)).toEqual(before.map((s) => s.bytes));
    const pages = after.filter((s) => s.bytes.includes(' TJ'));
    expect(pages.length).toBeGreaterThan(0);
    // Only the text streams changed: the fonts' programs are deflated as before.
    const changed = after.flatMap((s, i) => (s.deflated === before[i]!.deflated ? [] : [s]));
    expect(changed.length).toBeGreaterThanOrEqual(pages.length);
    for (const stream of changed) expect(stream.bytes.subarray(0, 4).toString('latin1')).not.toBe('true');
    const size = async (pdf: string) => (await readFile(pdf)).length;
    expect(await size(ours)).toBeGreaterThan(await size(zlibs));
    expect(await size(ours)).toBeLessThan((await size(zlibs)) * 1.05);
    const png = (pdf: string, name: string) => {
      execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', pdf, join(root, name)]);
      return readFile(join(root, `${name}-1.png`));
    };
    expect((await png(ours, 'fast')).equals(await png(zlibs, 'default'))).toBe(true);
  });
});
