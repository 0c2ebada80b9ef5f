import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { build } from '../src/build.js';
import { applySubsetCache } from '../src/emit/patches/speed/fontkit-subset-cache.js';
import { realFontkit } from '../src/infra/fonts.js';
import { courseMarkdown, makePortfolio, reflection } from './helpers/portfolio.js';
import { parsePdf } from './helpers/pdf.js';

/**
 * `build` typesets two documents at a time in its own thread: while one waits for its font
 * subsets to be deflated on the thread pool, the other is typeset. Nothing of one may reach the
 * other: each document gets the bytes it gets when built alone.
 */

// Each document its own characters, so that subsets mixed between documents would show.
const themes = ['春夏秋冬', '山川湖海', '金木水火', '東南西北', '龍虎鳳龜'];
const body = (i: number, extra = '') =>
  `## 課程說明\n\n${themes[i]!.repeat(12)}。第 ${i + 1} 份文件${extra}。\n\n` +
  (i === 2 ? '| 項目 | 數值 |\n| --- | --- |\n| 長度 | 12.5 |\n| 重量 | 3.25 |\n\n' : '') +
  // Accented letters are composite glyphs in the code font: encoding its subset adds their components.
  (i === 3 ? '```\nprint("café, naïve, Ünïcödé")\n```\n\n' : '') +
  `## 學習過程\n\n${'我們用 Python 分析資料，'.repeat(i + 2)}再寫成報告。\n\n## 心得與反思\n\n${reflection}\n`;

async function portfolio(count: number, broken?: number): Promise<string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    // 學年度 must be a number: the broken document is refused while the others are built.
    const front = i === broken ? { 成果名稱: `成果 ${i + 1}`, 學年度: '一一二' } : { 成果名稱: `成果 ${i + 1}` };
    files[`courses/c${i + 1}.md`] = courseMarkdown(body(i), front);
  }
  return makePortfolio(files);
}

const pdfOf = (root: string, out: string, i: number) => readFile(join(root, 'out', out, 'courses', `c${i + 1}.pdf`));

describe('build: two documents at a time', () => {
  it('gives every document the bytes it gets when built alone, with its own text', async () => {
    const count = themes.length;
    const root = await portfolio(count);
    const together = await build([root], { outDir: join(root, 'out', 'together') });
    expect(together.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(together.portfolios[0]!.documents.map((d) => d.source)).toEqual(themes.map((_, i) => join('courses', `c${i + 1}.md`)));
    for (let i = 0; i < count; i++) {
      const file = join(root, 'courses', `c${i + 1}.md`);
      await build([file], { outDir: join(root, 'out', 'alone') });
      const [both, alone] = await Promise.all([pdfOf(root, 'together', i), pdfOf(root, 'alone', i)]);
      expect(both.equals(alone), `c${i + 1}.pdf`).toBe(true);
      const text = (await parsePdf(both)).pageTexts.join('');
      expect(text).toContain(themes[i]!);
      for (const other of themes.filter((_, j) => j !== i)) expect(text).not.toContain(other);
    }
  });

  it('reports an error in one document, writes it no PDF and nothing partial, and builds the others as alone', async () => {
    const count = 4;
    const root = await portfolio(count, 1);
    const result = await build([root], { outDir: join(root, 'out', 'all') });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d) => d.file === join('courses', 'c2.md') || d.file.endsWith(join('courses', 'c2.md')))).toBe(true);
    // Only the finished PDFs and the manifest: no temporary file, no PDF of the refused document.
    expect((await readdir(join(root, 'out', 'all', 'courses'))).sort()).toEqual(['c1.pdf', 'c3.pdf', 'c4.pdf']);
    const manifest = JSON.parse(await readFile(join(root, 'out', 'all', 'manifest.json'), 'utf8')) as { documents: { source: string; pdf: unknown }[] };
    expect(manifest.documents.map((d) => d.pdf === null)).toEqual([false, true, false, false]);
    for (const i of [0, 2, 3]) {
      await build([join(root, 'courses', `c${i + 1}.md`)], { outDir: join(root, 'out', 'alone') });
      expect((await pdfOf(root, 'all', i)).equals(await pdfOf(root, 'alone', i)), `c${i + 1}.pdf`).toBe(true);
    }
  });

  it('gives a changed document a changed PDF and leaves the others as they were', async () => {
    const count = 3;
    const root = await portfolio(count);
    await build([root], { outDir: join(root, 'out', 'all') });
    const before = await Promise.all(themes.slice(0, count).map((_, i) => pdfOf(root, 'all', i)));
    await writeFile(join(root, 'courses', 'c2.md'), courseMarkdown(body(1, '，加上一句新寫的話：螢火蟲'), { 成果名稱: '成果 2' }));
    await build([root], { outDir: join(root, 'out', 'all') });
    const after = await Promise.all(themes.slice(0, count).map((_, i) => pdfOf(root, 'all', i)));
    expect(after[0]!.equals(before[0]!)).toBe(true);
    expect(after[2]!.equals(before[2]!)).toBe(true);
    expect(after[1]!.equals(before[1]!)).toBe(false);
    expect((await parsePdf(after[1]!)).pageTexts.join('')).toContain('螢火蟲');
  });

  it('deflates font programs ahead exactly as the PDF writer would (level 5, largest hash tables)', async () => {
    const root = await portfolio(2);
    await build([root], { outDir: join(root, 'out', 'all') });
    const pdf = await pdfOf(root, 'all', 0);
    const streams = [...pdf.toString('latin1').matchAll(/\/Length (\d+)\n\/Filter \/FlateDecode\n>>\nstream\n/g)].map((m) =>
      pdf.subarray(m.index + m[0].length, m.index + m[0].length + Number(m[1])),
    );
    const fonts = streams.filter((s) => inflateSync(s).subarray(0, 4).toString('latin1') === 'true');
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(deflateSync(inflateSync(font), { level: 5, memLevel: 9 }).equals(font)).toBe(true);
  });
});

describe('build: documents take turns', () => {
  it('decodes one document’s images while no other is at work: each broken photo gets its decoder’s own message', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const count = 6;
    const files: Record<string, string | Buffer> = {};
    for (let i = 1; i <= count; i++) {
      files[`courses/c${i}.md`] = courseMarkdown(`${body(i % themes.length)}\n![照片](../media/cut${i}.jpg)\n`, { 成果名稱: `成果 ${i}` });
      files[`media/cut${i}.jpg`] = jpeg.subarray(0, (jpeg.length >> 1) + i);
    }
    const root = await makePortfolio(files);
    const result = await build([root], { outDir: join(root, 'out', 'all') });
    const messages = result.diagnostics.filter((d) => d.ruleId === 'image-undecodable').map((d) => String(d.args.reason));
    expect(messages).toHaveLength(count);
    // libvips keeps one error message for the whole process: two images failing at once could swap or lose theirs.
    for (const reason of messages) expect(reason).toMatch(/premature end of JPEG/);
  });
});

describe('a subset encoded ahead of its PDF', () => {
  it('is the same buffer when the PDF is written, composite glyphs and all', () => {
    const file = createRequire(import.meta.url).resolve('@fontsource/noto-sans-mono/files/noto-sans-mono-latin-400-normal.woff');
    type Subset = { glyphs: number[]; includeGlyph(id: number): number; encode(): Uint8Array };
    const font = realFontkit().create(readFileSync(file)) as unknown as Parameters<typeof applySubsetCache>[0] & {
      createSubset(): Subset;
      glyphForCodePoint(code: number): { id: number };
    };
    applySubsetCache(font);
    const subset = font.createSubset();
    for (const char of 'caféÜ') subset.includeGlyph(font.glyphForCodePoint(char.codePointAt(0)!).id);
    const glyphs = subset.glyphs.length;
    const ahead = subset.encode();
    // The components of é and Ü joined the subset while it was encoded.
    expect(subset.glyphs.length).toBeGreaterThan(glyphs);
    expect(subset.encode()).toBe(ahead);
  });
});
